"""Daily totals against hand-computed days: a full day, a counter reset, gaps; idempotent."""

from __future__ import annotations

import datetime as dt

from app.models import DailyTotal
from app.services import daily_totals
from tests.services.report_fixtures import D1, at, half_hourly, reading, site, tariff

BOTH_DATABASES = True

D0 = D1 - dt.timedelta(days=1)
D2 = D1 + dt.timedelta(days=1)
D3 = D1 + dt.timedelta(days=2)


def build() -> dict:
    s = site()
    tariff(s["m1"])
    half_hourly(s["m1"], D0, 1000, 10)  # last 1470 at 23:30
    half_hourly(s["m1"], D1, 1480, 10)  # 48 steps of 10 from 1470
    # M2: the meter on the row is replaced at 01:30 (its counter starts again near 0)
    reading(s["m2"], at(D0, 23 * 60 + 30), 4990)
    for i, total in enumerate([5000, 5010, 5020] + [3 + 10 * k for k in range(45)]):
        reading(s["m2"], at(D1, 30 * i), total)
    # M3: no readings from 06:00 to 11:30, none at all on D2, one at 00:00 on D3
    reading(s["m3"], at(D0, 23 * 60 + 30), 95)
    half_hourly(s["m3"], D1, 100, 10, steps=12)  # 100 .. 210 at 05:30
    for i in range(24):
        reading(s["m3"], at(D1, 12 * 60 + 30 * i), 400 + 10 * i)  # 400 .. 630 at 23:30
    reading(s["m3"], at(D3, 0), 700)
    return s


def row(meter, day) -> DailyTotal:
    return DailyTotal.get((DailyTotal.meter == meter) & (DailyTotal.day == day))


def test_days_as_computed_by_hand(database):
    s = build()
    written = daily_totals.rollup(D3 + dt.timedelta(days=1))
    m1 = row(s["m1"], D1)
    assert (m1.energy_total, m1.energy_flat, m1.readings, m1.complete, m1.reset) == (
        480, 480, 48, True, False)  # fmt: skip
    assert (m1.first_energy, m1.last_energy) == (1480, 1950)
    assert m1.cost == 384  # 4.80 kWh at 0.8000 yuan
    first = row(s["m1"], D0)  # no reading before the first: its start is not covered
    assert (first.energy_total, first.complete) == (470, False)
    m2 = row(s["m2"], D1)  # 10 + 20 before the swap, nothing for the swap step, 44 x 10 after
    assert (m2.energy_total, m2.reset, m2.complete, m2.cost) == (470, True, True, None)
    m3 = row(s["m3"], D1)  # 5 + 110 + 190 across the gap (measured) + 230
    assert (m3.energy_total, m3.complete, m3.reset) == (535, False, False)
    assert DailyTotal.get_or_none((DailyTotal.meter == s["m3"]) & (DailyTotal.day == D2)) is None
    last = row(s["m3"], D3)  # the step across the day without readings, flagged
    assert (last.energy_total, last.complete, last.readings) == (70, False, 1)
    assert written == DailyTotal.select().count() == 2 + 2 + 3


def test_rollup_is_idempotent_and_incremental(database):
    s = build()
    daily_totals.rollup(D2)
    before = [(r.meter_id, r.day, r.energy_total, r.complete) for r in DailyTotal.select()]
    assert daily_totals.rollup(D2) == 0
    assert daily_totals.rollup(D2, redo_from=D0) == len(before)
    again = [(r.meter_id, r.day, r.energy_total, r.complete) for r in DailyTotal.select()]
    assert sorted(again) == sorted(before)
    assert daily_totals.rollup(D3 + dt.timedelta(days=1)) == 1  # only M3's D3 is new
    assert row(s["m3"], D3).energy_total == 70


def test_days_not_over_are_left(database):
    s = build()
    daily_totals.rollup(D1)
    assert DailyTotal.select().where(DailyTotal.day >= D1).count() == 0
    assert row(s["m1"], D0).energy_total == 470
