"""The schedule runner: runs once at the due time, once across processes, catches up after a
restart and says so, skips what is too old."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from app.messages import Message
from app.models import SystemLog
from app.models.control import Batch, Schedule
from app.services import schedules
from app.services.schedule_runner import ScheduleRunner
from app.services.schedule_times import When
from app.services.schedules import ScheduleSpec
from tests.billing_helpers import ADMIN
from tests.services.schedule_helpers import (
    SHANGHAI,
    Clock,
    FakeBatches,
    make_meters,
    weekend_spec,
)
from tests.waiting import wait_for


@pytest.fixture
def meters(database):
    return make_meters()


def runner(clock, batches) -> ScheduleRunner:
    return ScheduleRunner(start_batch=batches, clock=clock, zone=SHANGHAI)


def make(spec, clock) -> int:
    return schedules.create(ADMIN, spec, now=clock(), zone=SHANGHAI)


def detail(row) -> str:
    """A log row's detail as the English sentence."""
    return Message.from_json(row.detail).text()


def schedule_logs():
    rows = SystemLog.select().where(SystemLog.action.startswith("schedule.")).order_by(SystemLog.id)
    return [r for r in rows if r.action != "schedule.create"]


def test_a_window_runs_its_start_and_end_once_each_at_their_times(meters):
    clock, batches = Clock(2026, 5, 13, 12, 0), FakeBatches()
    sid = make(weekend_spec(), clock)
    r = runner(clock, batches)
    clock.set(2026, 5, 15, 17, 59)
    assert r.tick() == [] and batches.calls == []
    clock.set(2026, 5, 15, 18, 0, 3)
    [out] = r.tick()
    all_meters = tuple(meters["A"] + meters["B"][:1])
    assert batches.calls == [("system", "keep_power_on", all_meters, {})]
    assert Batch.get_by_id(out.batch_id).schedule_id == sid
    assert r.tick() == []  # not twice
    row = Schedule.get_by_id(sid)
    assert row.next_run_at == Clock(2026, 5, 18, 8, 0)()
    assert row.last_run_at == clock()
    clock.set(2026, 5, 18, 8, 0, 4)
    r.tick()
    assert [c[1] for c in batches.calls] == ["keep_power_on", "keep_power_off"]
    assert [r.action for r in schedule_logs()] == ["schedule.run", "schedule.run"]


def test_the_list_shows_the_last_batch_and_its_counts(meters):
    clock, batches = Clock(2026, 5, 15, 18, 0, 1), FakeBatches()
    sid = make(weekend_spec(selection={"bus": meters["bus1"]}), Clock(2026, 5, 13, 12, 0))
    runner(clock, batches).tick()
    [row] = schedules.list_schedules(ADMIN)
    assert row.id == sid and row.last_run_at == clock()
    assert row.last_counts == {"failed": 1, "ok": 2}  # the fake fails the first meter


def test_two_processes_on_one_database_run_a_due_schedule_once(meters):
    clock, batches = Clock(2026, 5, 13, 12, 0), FakeBatches()
    make(weekend_spec(), clock)
    clock.set(2026, 5, 15, 18, 0, 1)
    first, second = runner(clock, batches), runner(clock, batches)
    assert len(first.tick()) == 1
    assert second.tick() == []
    assert len(batches.calls) == 1


def test_two_runners_racing_in_their_own_threads_run_it_once(meters):
    """Each thread has its own SQLite connection, as two processes do."""
    clock, batches = Clock(2026, 5, 13, 12, 0), FakeBatches()
    for i in range(5):
        make(
            ScheduleSpec(f"s{i}", "prepaid_on", {"all": True}, When("daily", time=dt.time(8))),
            clock,
        )
    clock.set(2026, 5, 14, 8, 0, 1)
    gate = threading.Barrier(3)
    results: list = []

    def run() -> None:
        r = runner(clock, batches)
        gate.wait()
        results.extend(r.tick())

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 5 and len(batches.calls) == 5
    assert sorted(o.schedule_id for o in results) == sorted(s.id for s in Schedule.select())


def test_a_restart_after_a_missed_window_start_sends_the_state_of_now_once_and_says_so(meters):
    clock, batches = Clock(2026, 5, 13, 12, 0), FakeBatches()
    sid = make(weekend_spec(), clock)
    runner(clock, batches).tick()  # Wednesday: nothing due; then the program is off
    clock.set(2026, 5, 16, 10, 0)  # Saturday morning: started again
    [out] = runner(clock, batches).tick()
    assert out.action == "schedule.catch_up"
    assert [c[1] for c in batches.calls] == ["keep_power_on"]
    [log] = schedule_logs()
    assert log.action == "schedule.catch_up"
    assert detail(log).startswith("missed run at 2026-05-15 18:00 caught up at 2026-05-16 10:00: ")
    assert Schedule.get_by_id(sid).next_run_at == Clock(2026, 5, 18, 8, 0)()
    clock.set(2026, 5, 16, 10, 0, 30)
    assert runner(clock, batches).tick() == []  # once, not again by the next process


def test_off_over_the_whole_weekend_restores_prepaid_once(meters):
    clock, batches = Clock(2026, 5, 13, 12, 0), FakeBatches()
    make(weekend_spec(), clock)
    clock.set(2026, 5, 19, 9, 0)  # Tuesday: both edges were missed
    [out] = runner(clock, batches).tick()
    assert (out.action, out.command) == ("schedule.catch_up", "keep_power_off")
    assert len(batches.calls) == 1


def test_a_daily_run_missed_by_less_than_the_limit_is_caught_up_and_an_older_one_skipped(meters):
    clock, batches = Clock(2026, 5, 13, 12, 0), FakeBatches()
    daily = ScheduleSpec(
        "readings", "download_settings", {"all": True}, When("daily", time=dt.time(8))
    )
    sid = make(daily, clock)
    clock.set(2026, 5, 14, 19, 0)  # 11 h late: caught up
    [out] = runner(clock, batches).tick()
    assert out.action == "schedule.catch_up" and len(batches.calls) == 1
    assert Schedule.get_by_id(sid).next_run_at == Clock(2026, 5, 15, 8, 0)()
    clock.set(2026, 5, 15, 21, 0)  # 13 h late: skipped, nothing sent
    [out] = runner(clock, batches).tick()
    assert out.action == "schedule.skip" and len(batches.calls) == 1
    log = schedule_logs()[-1]
    assert log.action == "schedule.skip"
    assert detail(log) == (
        "missed run at 2026-05-15 08:00 skipped at 2026-05-15 21:00: older than 12 h, nothing sent"
    )
    row = Schedule.get_by_id(sid)
    assert row.next_run_at == Clock(2026, 5, 16, 8, 0)()
    assert row.last_run_at == Clock(2026, 5, 14, 19, 0)()  # the last time it really ran


def test_a_once_run_is_always_caught_up_and_then_has_no_next_run(meters):
    clock, batches = Clock(2026, 5, 13, 12, 0), FakeBatches()
    once = ScheduleSpec(
        "tariff v3",
        "download_price",
        {"all": True},
        When("once", at=dt.datetime(2026, 6, 1)),
        args={"tariff_version": 3},
    )
    sid = make(once, clock)
    clock.set(2026, 6, 3, 9, 0)  # two days late
    [out] = runner(clock, batches).tick()
    assert out.action == "schedule.catch_up"
    assert batches.calls[0][1:] == ("download_price", out.meter_ids, {"tariff_version": 3})
    assert Schedule.get_by_id(sid).next_run_at is None


@pytest.mark.allow_log_warnings
def test_a_batch_that_fails_to_start_is_logged_once_and_not_retried_every_tick(meters):
    clock = Clock(2026, 5, 13, 12, 0)
    make(weekend_spec(), clock)

    def broken(*_args):
        raise RuntimeError("no batches here")

    clock.set(2026, 5, 15, 18, 0, 1)
    r = runner(clock, broken)
    [out] = r.tick()
    assert out.action == "schedule.failed"
    assert r.tick() == []
    [log] = schedule_logs()
    assert (log.action, log.result) == ("schedule.run", "failed")
    assert Batch.select().count() == 0


def test_the_runner_thread_catches_up_at_start_and_stops(meters):
    clock, batches = Clock(2026, 5, 13, 12, 0), FakeBatches()
    make(weekend_spec(), clock)
    clock.set(2026, 5, 16, 10, 0)
    r = ScheduleRunner(start_batch=batches, clock=clock, zone=SHANGHAI, tick_s=0.05).start()
    try:
        wait_for(lambda: len(batches.calls) == 1, what="the caught-up run")
    finally:
        r.stop()
    assert len(batches.calls) == 1
