"""The site runs its schedules in the window and the collector: across a restart, a run missed
while the program was off is caught up once by the next process that starts."""

from __future__ import annotations

import datetime as dt

from app.messages import Message
from app.models import Bus, Meter, SystemLog, close_database
from app.models.control import Schedule
from app.models.site import utcnow
from app.paths import SitePaths
from app.services import schedule_runner
from app.services.new_site import create_site
from app.services.schedule_times import When, local_zone, to_local
from app.services.site import Site
from tests.services.schedule_helpers import FakeBatches
from tests.waiting import wait_for


def test_a_run_missed_while_the_site_was_off_is_caught_up_by_the_next_start(tmp_path, monkeypatch):
    batches = FakeBatches()
    monkeypatch.setattr(schedule_runner, "_start_batch", batches)
    paths = SitePaths(tmp_path / "site")
    create_site(paths)
    bus = Bus.create(name="bus1", port="sim://off", enabled=False)  # no port is opened
    meter = Meter.create(number="M001", bus=bus, address=1)
    close_database()

    site = Site(paths).open().start(poll=False, role="collector")
    site.stop()  # the program was off when the run fell due:
    Site(paths).open()
    due = utcnow().replace(second=0, microsecond=0) - dt.timedelta(hours=3)
    at = to_local(due, local_zone()).time()  # due daily at that time: 3 h ago, within the limit
    Schedule.create(
        name="daily keep power",
        command="keep_power_on",
        meters_json='{"all": true}',
        when_json=When("daily", time=at).to_json(),
        next_run_at=due,
    )
    close_database()

    site = Site(paths).open().start(poll=False, role="collector")
    try:
        wait_for(lambda: batches.calls, what="the caught-up run")
        [call] = batches.calls
        assert call == ("system", "keep_power_on", (meter.id,), {})
        row = wait_for(
            lambda: SystemLog.get_or_none(SystemLog.action == "schedule.catch_up"),
            what="its log row",
        )
        assert Message.from_json(row.detail).text().startswith("missed run at ")
        assert Schedule.get().next_run_at > utcnow()
    finally:
        site.stop()


def test_a_one_off_command_runs_no_schedules(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(schedule_runner.ScheduleRunner, "start", lambda self: started.append(self))
    paths = SitePaths(tmp_path / "site")
    create_site(paths)
    close_database()
    site = Site(paths).open().start(poll=False, role="cli")
    site.stop()
    assert started == []
    site = Site(paths).open().start(poll=False, role="gui")
    site.stop()
    assert len(started) == 1
