"""The alarm engine's transitions, without a database: enter, repeat, clear, hysteresis,
offline and back, one SMS per level entered, no storm from a flapping balance."""

from __future__ import annotations

from app.models.alarms import AlarmKind
from app.serial_io.events import PURCHASE_COUNT_OK, PURCHASE_MISMATCH, MeterUpdate
from app.serial_io.meter_data import CommStats, MeterStatus
from app.services.alarm_engine import AlarmEngine, MeterContext, next_level

BOTH_DATABASES = True

CTX = MeterContext(alarm1=2000, alarm2=500, opened=True)
MARGIN = 300


def engine(ctx=CTX, offline_polls=3, open_kinds=()) -> AlarmEngine:
    e = AlarmEngine(MARGIN, offline_polls)
    e.set_context(1, ctx, open_kinds)
    return e


def poll(e: AlarmEngine, balance=None, flags=frozenset(), at=100.0, **status):
    st = None if balance is None else MeterStatus(balance=balance, **status)
    return e.observe(MeterUpdate(1, 1, 1, st is not None, st, CommStats(), at, None, flags))


def summary(changes):
    return [(c.kind, c.start, c.sms) for c in changes]


def test_enter_repeat_and_clear_above_threshold_plus_margin():
    e = engine()
    assert poll(e, 5000) == []
    (c,) = poll(e, 2000, at=7.0)  # at the threshold: in alarm 1
    assert (c.kind, c.start, c.sms, c.value, c.at) == (AlarmKind.ALARM1, True, True, 2000, 7.0)
    assert poll(e, 1900) == [] and poll(e, 2000) == []  # repeated: nothing new
    assert poll(e, 2001) == [] and poll(e, 2300) == []  # above, but within the margin
    assert summary(poll(e, 2301)) == [(AlarmKind.ALARM1, False, False)]
    assert poll(e, 9000) == []


def test_flapping_around_a_threshold_makes_one_alarm_and_one_sms():
    e = engine()
    changes = []
    for balance in [2100, 1990, 2010, 1995, 2050, 1999, 2200, 2000] * 50:
        changes += poll(e, balance)
    assert summary(changes) == [(AlarmKind.ALARM1, True, True)]


def test_each_worse_level_entered_wants_one_sms_and_ends_the_lesser_one():
    e = engine()
    assert summary(poll(e, 1500)) == [(AlarmKind.ALARM1, True, True)]
    assert summary(poll(e, 400)) == [
        (AlarmKind.ALARM1, False, False),
        (AlarmKind.ALARM2, True, True),
    ]
    assert summary(poll(e, 0)) == [
        (AlarmKind.ALARM2, False, False),
        (AlarmKind.ARREARS, True, True),
    ]
    assert poll(e, -50) == []


def test_arrears_straight_from_normal_is_one_sms_for_arrears():
    e = engine()
    assert summary(poll(e, -10)) == [(AlarmKind.ARREARS, True, True)]


def test_small_recharge_from_arrears_steps_back_without_sms_and_full_recharge_clears():
    e = engine()
    poll(e, -10)
    assert poll(e, 200) == []  # above 0 but within the margin: still arrears
    # 400 > 0 + 300: out of arrears, into alarm 2 (400 <= 500) without a new SMS
    assert summary(poll(e, 400)) == [
        (AlarmKind.ARREARS, False, False),
        (AlarmKind.ALARM2, True, False),
    ]
    assert summary(poll(e, 10_000)) == [(AlarmKind.ALARM2, False, False)]


def test_recharge_lands_in_the_margin_of_a_lesser_level():
    # from alarm 2, 2100 is above alarm 2 + margin (800) and within alarm 1 + margin (2300):
    # the meter stays in alarm 1, not normal
    assert next_level(2, 2100, CTX, MARGIN) == 1
    assert next_level(2, 2400, CTX, MARGIN) == 0
    assert next_level(2, 700, CTX, MARGIN) == 2
    assert next_level(0, 2100, CTX, MARGIN) == 0


def test_offline_after_n_missed_polls_and_back_on_the_first_good_one():
    e = engine(offline_polls=3)
    poll(e, 5000)
    assert poll(e) == [] and poll(e) == []
    assert summary(poll(e)) == [(AlarmKind.OFFLINE, True, False)]
    assert poll(e) == [] and poll(e) == []  # no repeat while it stays silent
    assert summary(poll(e, 5000)) == [(AlarmKind.OFFLINE, False, False)]
    assert poll(e) == [] and poll(e) == []  # the count starts again
    poll(e, 5000)
    assert poll(e) == [] and poll(e) == []  # a good answer between misses resets it


def test_a_silent_meter_keeps_its_balance_alarm():
    e = engine(offline_polls=1)
    poll(e, 100)
    assert summary(poll(e)) == [(AlarmKind.OFFLINE, True, False)]
    assert summary(poll(e, 100)) == [(AlarmKind.OFFLINE, False, False)]  # no second SMS


def test_overload_cover_and_params_follow_the_status():
    e = engine(MeterContext(2000, 500, True, params_in_sync=False))
    got = summary(poll(e, 5000, overload_trip=True, cover_open=True))
    assert got == [
        (AlarmKind.OVERLOAD, True, False),
        (AlarmKind.COVER_OPEN, True, False),
        (AlarmKind.PARAMS, True, False),
    ]
    assert poll(e, 5000, overload_trip=True, cover_open=True) == []
    e.set_context(1, CTX)
    assert summary(poll(e, 5000)) == [
        (AlarmKind.OVERLOAD, False, False),
        (AlarmKind.COVER_OPEN, False, False),
        (AlarmKind.PARAMS, False, False),
    ]


def test_mismatch_ends_only_on_a_verdict():
    e = engine()
    assert summary(poll(e, 5000, flags=frozenset({PURCHASE_MISMATCH}))) == [
        (AlarmKind.PURCHASE_MISMATCH, True, False)
    ]
    assert poll(e, 5000) == []  # a read with no verdict (a job's own read) changes nothing
    assert summary(poll(e, 5000, flags=frozenset({PURCHASE_COUNT_OK}))) == [
        (AlarmKind.PURCHASE_MISMATCH, False, False)
    ]


def test_unopened_meter_has_no_balance_alarm_and_closing_ends_it():
    e = engine(MeterContext(2000, 500, opened=False))
    assert poll(e, -500) == []
    e.set_context(1, CTX)
    assert summary(poll(e, -500)) == [(AlarmKind.ARREARS, True, True)]
    e.set_context(1, MeterContext(2000, 500, opened=False))
    assert summary(poll(e, -500)) == [(AlarmKind.ARREARS, False, False)]


def test_restart_carries_on_with_open_alarms_without_new_sms():
    e = engine(open_kinds={AlarmKind.ALARM1, AlarmKind.COVER_OPEN})
    # within the margin: alarm 1 goes on, no new alarm, no SMS; the cover was closed meanwhile
    assert summary(poll(e, 2100)) == [(AlarmKind.COVER_OPEN, False, False)]
    e2 = engine(open_kinds={AlarmKind.COVER_OPEN})
    assert summary(poll(e2, 9000)) == [(AlarmKind.COVER_OPEN, False, False)]


def test_meter_without_context_is_judged_when_it_arrives():
    e = AlarmEngine(MARGIN, 3)
    st = MeterStatus(balance=-1)
    assert e.observe(MeterUpdate(1, 9, 9, True, st, CommStats(), 5.0)) == []
    assert e.needs_context() == [9]
    changes = e.set_context(9, CTX, {AlarmKind.ALARM2})
    assert summary(changes) == [(AlarmKind.ALARM2, False, False), (AlarmKind.ARREARS, True, True)]
    assert e.needs_context() == []
