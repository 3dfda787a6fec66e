"""PollScheduler with a fake clock: round robin, offline, back-off, readings."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from app.serial_io.events import PollSettings
from app.serial_io.scheduler import PollScheduler


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


SETTINGS = PollSettings(
    offline_after=3, reading_interval_s=1800, retry_base_s=10.0, retry_max_s=60.0
)


def make(ids=(1, 2, 3), settings=SETTINGS):
    clock = FakeClock()
    return PollScheduler(ids, settings, clock), clock


def run(sched, clock, polls, dead=(), step=0.1):
    """Poll ``polls`` times; meters in ``dead`` miss. Returns the order polled."""
    order = []
    for _ in range(polls):
        meter, wait = sched.next_poll()
        if meter is None:
            clock.advance(wait)
            continue
        order.append(meter)
        clock.advance(step)
        sched.record(meter, meter not in dead)
    return order


def test_round_robin_and_cycle_time():
    sched, clock = make()
    assert run(sched, clock, 7) == [1, 2, 3, 1, 2, 3, 1]
    assert sched.cycles == 2
    assert sched.last_cycle_s == pytest.approx(0.3)
    assert sched.take_cycle() == pytest.approx(0.3)
    assert sched.take_cycle() is None  # told once
    assert sched.counts() == (3, 0)


def test_offline_after_three_misses_then_back_off():
    sched, clock = make()
    seen = []
    for _ in range(9):
        meter, _ = sched.next_poll()
        outcome = sched.record(meter, meter != 2)
        if meter == 2:
            seen.append((outcome.online, outcome.changed, outcome.misses))
    # Never answered: not online; the third miss declares it offline (a change).
    assert seen == [(False, False, 1), (False, False, 2), (False, True, 3)]
    assert not sched.is_online(2)
    assert sched.counts() == (2, 1)
    # While backing off it is skipped: the cycle is 1, 3 only.
    assert run(sched, clock, 6, dead={2}) == [1, 3, 1, 3, 1, 3]
    assert sched.retry_in(2) == pytest.approx(10.0 - 0.6)


def test_online_meter_goes_offline_only_after_three_misses():
    sched, _clock = make(ids=(5,))
    sched.record(5, True)
    for expected_online in (True, True, False):
        outcome = sched.record(5, False)
        assert outcome.online is expected_online
    assert outcome.changed


def test_back_off_doubles_up_to_the_cap_and_recovery_is_immediate():
    sched, clock = make(ids=(1,))
    for _ in range(3):
        sched.record(1, False)
    gaps = []
    for _ in range(5):
        meter, wait = sched.next_poll()
        assert meter is None
        gaps.append(wait)
        clock.advance(wait)
        meter, wait = sched.next_poll()
        assert meter == 1 and wait == 0
        sched.record(1, False)
    assert gaps == [10.0, 20.0, 40.0, 60.0, 60.0]
    # It answers again: online at once, polled every time, back-off forgotten.
    clock.advance(60.0)
    meter, _ = sched.next_poll()
    outcome = sched.record(meter, True)
    assert outcome.online and outcome.changed
    assert sched.retry_in(1) is None
    assert run(sched, clock, 3) == [1, 1, 1]
    for _ in range(3):
        sched.record(1, False)
    assert sched.next_poll() == (None, 10.0)  # a new outage starts from the base again


def test_dead_meters_do_not_stretch_the_cycle():
    ids = list(range(1, 21))
    dead = {3, 7, 11, 15}
    sched, clock = make(ids=ids, settings=PollSettings(retry_base_s=1000, retry_max_s=1000))
    run(sched, clock, 60, dead=dead)  # three cycles until the dead are offline
    run(sched, clock, 16, dead=dead)
    assert sched.last_cycle_s == pytest.approx(16 * 0.1)


def test_all_offline_waits_for_the_first_retry():
    sched, clock = make(ids=(1, 2))
    run(sched, clock, 6, dead={1, 2}, step=0)
    meter, wait = sched.next_poll()
    assert meter is None and wait == pytest.approx(10.0)
    clock.advance(5)
    assert sched.next_poll() == (None, pytest.approx(5.0))


def test_set_meters_keeps_state_and_position():
    sched, clock = make(ids=(1, 2, 3))
    run(sched, clock, 4, dead={2})
    sched.set_meters([1, 2, 3, 4])
    assert run(sched, clock, 4, dead={2}) == [2, 3, 4, 1]
    assert sched.counts() == (3, 0)
    sched.set_meters([4])
    assert run(sched, clock, 2) == [4, 4]
    assert sched.meter_ids == [4]
    sched.set_meters([])
    assert sched.next_poll()[0] is None


def test_mark_all_offline_polls_everyone_again_at_once():
    sched, clock = make(ids=(1, 2))
    run(sched, clock, 2)
    assert sched.mark_all_offline() == [1, 2]
    assert sched.counts() == (0, 2)
    assert run(sched, clock, 2) == [1, 2]
    assert sched.counts() == (2, 0)


def test_reading_due_at_first_answer_then_every_interval():
    sched, clock = make(ids=(1,), settings=replace(SETTINGS, align_readings=False))
    assert sched.reading_due(1)
    sched.reading_taken(1)
    clock.advance(1799)
    assert not sched.reading_due(1)
    clock.advance(1)
    assert sched.reading_due(1)
    sched.reading_taken(1)
    assert not sched.reading_due(1)
    assert not sched.reading_due(99)


def _local_midnight(days_ahead: int = 3) -> float:
    """time.time() of a local midnight a few days from now (the zone the test runs in)."""
    now = time.localtime(time.time() + days_ahead * 86400)
    return time.mktime((now.tm_year, now.tm_mon, now.tm_mday, 0, 0, 0, 0, 0, -1))


def make_aligned(interval_s=1800, start_after_midnight=10 * 3600 + 7 * 60 + 13):
    """A scheduler whose wall clock starts at 10:07:13 local and moves with the monotonic one."""
    clock = FakeClock()
    base_mono, base_wall = clock.now, _local_midnight() + start_after_midnight
    sched = PollScheduler(
        (1, 2),
        PollSettings(reading_interval_s=interval_s, align_readings=True),
        clock,
        wall_clock=lambda: base_wall + (clock.now - base_mono),
    )
    return sched, clock, lambda: time.localtime(base_wall + (clock.now - base_mono))


def _taken_at(sched, clock, wall, meter, until_s, step=7.0):
    """Take a reading whenever one is due, polling every ``step`` s; the local times."""
    taken, end = [], clock.now + until_s
    while clock.now < end:
        if sched.reading_due(meter):
            sched.reading_taken(meter)
            t = wall()
            taken.append((t.tm_hour, t.tm_min))
        clock.advance(step)
    return taken


def test_aligned_readings_fall_on_the_clocks_marks_not_an_interval_after_the_first():
    sched, clock, wall = make_aligned()
    taken = _taken_at(sched, clock, wall, 1, until_s=2 * 3600)
    # first answer at 10:07, then :30 and :00, never 10:37
    assert taken == [(10, 7), (10, 30), (11, 0), (11, 30), (12, 0)]


def test_aligned_readings_of_two_meters_polled_at_different_times_share_the_marks():
    sched, clock, _wall = make_aligned(interval_s=900)
    assert sched.reading_due(1)
    sched.reading_taken(1)  # 10:07:13
    clock.advance(300)
    assert sched.reading_due(2)
    sched.reading_taken(2)  # 10:12:13
    clock.advance(164)  # 10:14:57
    assert not sched.reading_due(1) and not sched.reading_due(2)
    clock.advance(3)  # 10:15:00
    assert sched.reading_due(1) and sched.reading_due(2)


def test_a_reading_a_moment_before_its_mark_stands_for_it():
    sched, clock, _wall = make_aligned(start_after_midnight=10 * 3600 + 29 * 60 + 58)
    sched.reading_taken(1)  # 10:29:58, 2 s early: it is the 10:30 reading
    clock.advance(10)
    assert not sched.reading_due(1)
    clock.advance(1802 - 10 - 1)  # 10:59:59
    assert not sched.reading_due(1)
    clock.advance(1)
    assert sched.reading_due(1)  # 11:00


def test_turning_alignment_on_brings_a_later_reading_forward():
    sched, clock = make(ids=(1,), settings=replace(SETTINGS, align_readings=False))
    sched.reading_taken(1)
    clock.advance(60)
    wall = _local_midnight() + 10 * 3600 + 29 * 60  # 10:29:00 local
    sched._wall_clock = lambda: wall + (clock.now - 1060)
    sched.set_settings(replace(SETTINGS, align_readings=True))
    clock.advance(59)
    assert not sched.reading_due(1)
    clock.advance(1)  # 10:30:00, not 10:59
    assert sched.reading_due(1)
