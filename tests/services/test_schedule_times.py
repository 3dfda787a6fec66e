"""When schedules are due: weekly windows across the week's end, holidays, DST, limits."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from app.errors import InvalidField
from app.services.schedule_times import (
    END,
    START,
    When,
    dues,
    latest_due,
    next_due,
    to_utc,
    upcoming,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
T = dt.time


def local(zone, *args) -> dt.datetime:
    return to_utc(dt.datetime(*args), zone)


def weekend(holidays=()) -> When:
    return When(
        "window",
        start=(4, T(18, 0)),
        end=(0, T(8, 0)),
        holidays=tuple(holidays),
        end_command="keep_power_off",
    )


def test_a_weekend_window_starts_friday_evening_and_ends_monday_morning():
    # 2026-05-13 is a Wednesday
    runs = upcoming(weekend(), local(SHANGHAI, 2026, 5, 13, 12, 0), SHANGHAI, 4)
    assert [(r.at, r.edge) for r in runs] == [
        (local(SHANGHAI, 2026, 5, 15, 18, 0), START),
        (local(SHANGHAI, 2026, 5, 18, 8, 0), END),
        (local(SHANGHAI, 2026, 5, 22, 18, 0), START),
        (local(SHANGHAI, 2026, 5, 25, 8, 0), END),
    ]
    # Shanghai is UTC+8: Friday 18:00 there is 10:00 UTC
    assert runs[0].at == dt.datetime(2026, 5, 15, 10, 0)


def test_inside_the_window_the_state_is_its_start_and_outside_its_end():
    w = weekend()
    assert latest_due(w, local(SHANGHAI, 2026, 5, 16, 10, 0), SHANGHAI).edge == START
    assert latest_due(w, local(SHANGHAI, 2026, 5, 19, 10, 0), SHANGHAI).edge == END


def test_a_holiday_midweek_is_its_own_span_from_midnight_to_midnight():
    w = weekend([dt.date(2026, 5, 13)])  # a Wednesday
    runs = upcoming(w, local(SHANGHAI, 2026, 5, 12, 12, 0), SHANGHAI, 3)
    assert [(r.at, r.edge) for r in runs] == [
        (local(SHANGHAI, 2026, 5, 13, 0, 0), START),
        (local(SHANGHAI, 2026, 5, 14, 0, 0), END),
        (local(SHANGHAI, 2026, 5, 15, 18, 0), START),
    ]


def test_a_holiday_next_to_the_weekend_makes_one_span_without_off_and_on_again():
    # Friday 2026-05-01 (Labour day) and Monday 2026-05-04 are holidays
    w = weekend([dt.date(2026, 5, 1), dt.date(2026, 5, 4)])
    runs = upcoming(w, local(SHANGHAI, 2026, 4, 29, 12, 0), SHANGHAI, 2)
    assert [(r.at, r.edge) for r in runs] == [
        (local(SHANGHAI, 2026, 5, 1, 0, 0), START),
        (local(SHANGHAI, 2026, 5, 5, 0, 0), END),
    ]


def test_a_run_of_holidays_longer_than_a_week_is_one_span():
    days = [dt.date(2026, 10, 1) + dt.timedelta(days=i) for i in range(12)]
    runs = upcoming(weekend(days), local(SHANGHAI, 2026, 9, 30, 12, 0), SHANGHAI, 2)
    assert [(r.at, r.edge) for r in runs] == [
        (local(SHANGHAI, 2026, 10, 1, 0, 0), START),
        (local(SHANGHAI, 2026, 10, 13, 0, 0), END),
    ]
    assert latest_due(weekend(days), local(SHANGHAI, 2026, 10, 11, 0, 0), SHANGHAI).edge == START


def test_a_daily_run_keeps_its_wall_time_across_both_dst_changes():
    daily = When("daily", time=T(8, 0))
    runs = upcoming(daily, dt.datetime(2026, 3, 27, 12, 0), BERLIN, 3)
    # 08:00 CET is 07:00 UTC, 08:00 CEST (from 29 March) 06:00 UTC
    assert [r.at for r in runs] == [
        dt.datetime(2026, 3, 28, 7, 0),
        dt.datetime(2026, 3, 29, 6, 0),
        dt.datetime(2026, 3, 30, 6, 0),
    ]
    runs = upcoming(daily, dt.datetime(2026, 10, 24, 12, 0), BERLIN, 2)
    assert [r.at for r in runs] == [
        dt.datetime(2026, 10, 25, 7, 0),
        dt.datetime(2026, 10, 26, 7, 0),
    ]


def test_a_wall_time_the_dst_change_skips_or_repeats_runs_once():
    at_0230 = When("daily", time=T(2, 30))
    spring = dues(at_0230, dt.datetime(2026, 3, 28, 12), dt.datetime(2026, 3, 29, 12), BERLIN)
    assert len(spring) == 1  # 02:30 does not exist on 29 March: it runs at 03:30 CEST
    autumn = dues(at_0230, dt.datetime(2026, 10, 24, 12), dt.datetime(2026, 10, 25, 12), BERLIN)
    assert [d.at for d in autumn] == [dt.datetime(2026, 10, 25, 0, 30)]  # the first 02:30


def test_weekly_and_monthly_and_once():
    weekly = When("weekly", time=T(7, 30), days=(0, 2))
    runs = upcoming(weekly, local(SHANGHAI, 2026, 5, 13, 8, 0), SHANGHAI, 2)
    assert [r.at for r in runs] == [
        local(SHANGHAI, 2026, 5, 18, 7, 30),
        local(SHANGHAI, 2026, 5, 20, 7, 30),
    ]
    monthly = When("monthly", time=T(0, 0), day=1)
    runs = upcoming(monthly, local(SHANGHAI, 2026, 5, 13, 8, 0), SHANGHAI, 2)
    assert [r.at for r in runs] == [
        local(SHANGHAI, 2026, 6, 1, 0, 0),
        local(SHANGHAI, 2026, 7, 1, 0, 0),
    ]
    once = When("once", at=dt.datetime(2026, 6, 1, 0, 0))
    assert next_due(once, local(SHANGHAI, 2026, 5, 1), SHANGHAI).at == local(SHANGHAI, 2026, 6, 1)
    assert next_due(once, local(SHANGHAI, 2026, 6, 2), SHANGHAI) is None


def test_first_and_last_days_limit_a_recurring_schedule():
    daily = When("daily", time=T(8, 0), first=dt.date(2026, 7, 1), last=dt.date(2026, 7, 2))
    runs = upcoming(daily, local(SHANGHAI, 2026, 5, 1), SHANGHAI, 5)
    assert [r.at for r in runs] == [local(SHANGHAI, 2026, 7, 1, 8), local(SHANGHAI, 2026, 7, 2, 8)]


def test_the_json_form_round_trips():
    w = weekend([dt.date(2026, 10, 1)])
    assert When.from_json(w.to_json()) == w
    d = When("weekly", time=T(6, 5), days=(6, 1), last=dt.date(2027, 1, 1))
    assert When.from_json(d.to_json()).days == (1, 6)


@pytest.mark.parametrize(
    ("when", "field"),
    [
        (When("daily", time=T(8), first=dt.date(2026, 6, 2), last=dt.date(2026, 6, 1)), "last"),
        (When("window", start=(4, T(18)), end=(4, T(18)), end_command="close"), "end"),
        (When("weekly", time=T(8), days=()), "days"),
        (When("monthly", time=T(8), day=31), "day"),
        (When("once"), "at"),
    ],
)
def test_forms_that_cannot_hold_are_refused_naming_the_field(when, field):
    with pytest.raises(InvalidField) as caught:
        when.check()
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('{"kind": "daily", "time": "25:00"}', "time"),
        ('{"kind": "daily", "time": "8"}', "time"),
        ('{"kind": "once", "at": "tomorrow"}', "at"),
        ('{"kind": "window", "start": [7, "18:00"], "end": [0, "08:00"]}', "days"),
        (
            '{"kind": "window", "start": [4, "18:00"], "end": [0, "08:00"], "holidays": ["10-01"]}',
            "holidays",
        ),
        ('{"kind": "hourly"}', "when"),
        ("not json", "when"),
    ],
)
def test_bad_times_in_the_stored_form_are_refused_naming_the_field(text, field):
    with pytest.raises(InvalidField) as caught:
        When.from_json(text)
    assert caught.value.field == field
