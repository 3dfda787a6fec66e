"""Night jobs: due at their hours once a day, one process on the site, last runs recorded."""

from __future__ import annotations

import datetime as dt
import types

from app import settings
from app.models import ServiceLease, SystemLog
from app.paths import SitePaths
from app.services import night_jobs, service_lease
from app.services.backup import list_backups


def test_jobs_are_due_from_their_hour_and_once_a_day(database):
    settings.put("archive.start_hour", 2)
    settings.put("backup.hour", 3)
    utc = dt.UTC
    at = lambda h: dt.datetime(2024, 5, 1, h, 30)  # noqa: E731 (the zone is UTC here)
    assert night_jobs.due_jobs(at(1), {}, utc) == []
    assert night_jobs.due_jobs(at(2), {}, utc) == ["archive"]
    assert night_jobs.due_jobs(at(9), {}, utc) == ["archive", "backup"]  # missed: made up
    done = {"archive": {"day": "2024-05-01"}, "backup": {"day": "2024-04-30"}}
    assert night_jobs.due_jobs(at(9), done, utc) == ["backup"]


def test_a_tick_runs_the_due_jobs_and_records_them(database, tmp_path):
    settings.put("archive.start_hour", 0)
    settings.put("backup.hour", 0)
    site = types.SimpleNamespace(paths=SitePaths(tmp_path), role="collector")
    jobs = night_jobs.NightJobs(site, zone=dt.UTC)
    assert jobs.tick() == ["archive", "backup"]
    jobs._job.join(30)
    runs = night_jobs.last_runs()
    assert runs["archive"]["ok"] and runs["archive"]["moved"] == 0
    assert runs["backup"]["ok"] and list_backups(tmp_path / "backups")
    assert jobs.tick() == []  # done for today
    actions = [r.action for r in SystemLog.select().order_by(SystemLog.id)]
    assert actions == ["archive.run", "backup.made"]
    jobs.stop(5)
    assert night_jobs.last_runs() == runs  # the record outlives the lease
    assert ServiceLease.get_by_id("night").expires_at <= dt.datetime.now(dt.UTC).replace(
        tzinfo=None
    )


def test_another_live_holder_keeps_the_jobs(database, tmp_path, monkeypatch):
    assert service_lease.try_acquire("night", "gui")
    monkeypatch.setattr(service_lease, "OWNER", "otherhost:1:ffff")
    assert not service_lease.try_acquire("night", "collector")
    site = types.SimpleNamespace(paths=SitePaths(tmp_path), role="collector")
    assert night_jobs.NightJobs(site).tick() == []
