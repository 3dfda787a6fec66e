"""The charts' data: daily energy from DailyTotal or readings, gaps kept as gaps, load curve,
balance line with breaks, confirmed sales as recharges; worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from app import settings
from app.models import Building, Bus, DailyTotal, LedgerEntry, Meter, Reading
from app.services import daily_totals
from app.services import meter_history as mh
from tests.billing_helpers import CASHIER, MAINTENANCE

BOTH_DATABASES = True

D1 = dt.date(2026, 3, 1)
GAP = dt.timedelta(minutes=60)


def local(day: dt.date, hour: float) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min) + dt.timedelta(hours=hour)


def utc(day: dt.date, hour: float) -> dt.datetime:
    return mh.to_utc(local(day, hour))


@pytest.fixture
def meters(database):
    b = Building.create(name="一号楼")
    bus = Bus.create(name="bus1", port="sim://1", parity="N", building=b)
    m1 = Meter.create(number="M001", bus=bus, address=1, building=b)
    m2 = Meter.create(number="M002", bus=bus, address=2, building=b)
    other = Meter.create(number="M003", bus=bus, address=3)
    return b, m1, m2, other


def add_readings(meter, start: dt.datetime, count: int, step_energy: int, energy=0, balance=10000):
    """Half-hourly readings from ``start`` (naive UTC): ``step_energy`` each half hour."""
    rows = []
    for i in range(count):
        rows.append(
            dict(meter=meter, taken_at=start + i * mh.SLOT, energy_total=energy + i * step_energy,
                 energy_sharp=0, energy_peak=0, energy_flat=0, energy_valley=0,
                 balance=balance - i * step_energy, purchase_count=1, power=step_energy * 20,
                 relay_open=False)
        )  # fmt: skip
    Reading.insert_many(rows).execute()
    return energy + (count - 1) * step_energy


def total(meter, day, energy, complete=True, readings=48):
    DailyTotal.create(meter=meter, day=day, energy_total=energy, energy_sharp=0, energy_peak=0,
                      energy_flat=0, energy_valley=energy, first_energy=0, last_energy=energy,
                      readings=readings, complete=complete)  # fmt: skip


def test_whole_day_from_readings_counts_midnight_to_midnight(meters):
    _, m1, *_ = meters
    add_readings(m1, utc(D1, -0.5), 50, 10)  # 23:30 the day before .. 00:00 the day after
    (day,) = mh.daily_energy([m1.id], D1, D1, utc(D1, 30), GAP)[m1.id]
    # the steps that end inside the day: 00:00 (from 23:30) .. 23:30
    assert day == mh.DayEnergy(D1, 480, complete=True)


def test_a_day_without_readings_is_a_gap_and_a_part_day_is_incomplete(meters):
    _, m1, *_ = meters
    d2, d3 = D1 + mh.DAY, D1 + 2 * mh.DAY
    last = add_readings(m1, utc(D1, -0.5), 49, 10)  # day 1 whole, up to 23:30
    add_readings(m1, utc(d3, 12), 25, 5, energy=last + 1000)  # day 2 nothing; day 3 from noon
    now = utc(d3 + mh.DAY, 1)
    days = mh.daily_energy([m1.id], D1, d3, now, GAP)[m1.id]
    assert days[0] == mh.DayEnergy(D1, 480, True)
    assert days[1] == mh.DayEnergy(d2, None, False)  # no reading: nothing shown
    # as the report counts it: the step across the gap is measured on the day it ends
    assert days[2] == mh.DayEnergy(d3, 1000 + 23 * 5, False)


def test_daily_total_rows_win_and_today_comes_from_readings(meters):
    _, m1, *_ = meters
    d2 = D1 + mh.DAY
    total(m1, D1, 777)
    add_readings(m1, utc(D1, 0), 48, 10)  # readings say 470 for day 1: the roll-up's row wins
    add_readings(m1, utc(d2, 0), 9, 10, energy=480)  # today so far: 00:00..04:00
    days = mh.daily_energy([m1.id], D1, d2, now=utc(d2, 4.2), gap=GAP)[m1.id]
    assert days == [mh.DayEnergy(D1, 777, True), mh.DayEnergy(d2, 90, complete=False)]


def test_a_counter_going_back_is_not_counted(meters):
    _, m1, *_ = meters
    add_readings(m1, utc(D1, -0.5), 26, 10)  # to noon: 250 in the day
    add_readings(m1, utc(D1, 12.5), 23, 10, energy=5)  # replaced at noon, new counter from 5
    (day,) = mh.daily_energy([m1.id], D1, D1, utc(D1, 30), GAP)[m1.id]
    # 00:00-12:00 250, the step across the swap nothing, 12:30-23:30 220
    assert (day.energy, day.complete, day.reset) == (470, True, True)


def test_the_chart_and_the_report_agree_on_every_day(meters):
    """The same readings: the chart's days before the roll-up = the DailyTotal rows after it."""
    _, m1, m2, _ = meters
    d2, d3 = D1 + mh.DAY, D1 + 2 * mh.DAY
    add_readings(m1, utc(D1, 23.75), 2, 20)  # 23:45 and 00:15: 20 across midnight
    add_readings(m1, utc(d2, 5), 10, 7, energy=20)  # from 05:00, after a gap
    add_readings(m2, utc(D1, 3), 30, 9)
    add_readings(m2, utc(d2, 20), 20, 4, energy=3)  # the counter went back meanwhile
    add_readings(m2, utc(d3, 23), 1, 0, energy=500)
    now = utc(d3 + mh.DAY, 1)
    charted = mh.daily_energy([m1.id, m2.id], D1, d3, now, daily_totals.max_step())
    assert daily_totals.rollup(d3 + mh.DAY) > 0
    reported = mh.daily_energy([m1.id, m2.id], D1, d3, now)
    assert charted == reported
    assert DailyTotal.select().count() == sum(
        d.energy is not None for days in reported.values() for d in days
    )
    assert [d.energy for d in charted[m1.id]] == [0, 20 + 63, None]


def test_building_total_sums_its_meters_only(meters):
    b, m1, m2, other = meters
    d2 = D1 + mh.DAY
    total(m1, D1, 100)
    total(m2, D1, 50, complete=False)
    total(other, D1, 9999)
    total(m1, d2, 30)
    total(m2, d2, 0, complete=False, readings=0)  # the roll-up saw no readings: a gap
    days = mh.building_daily(CASHIER, b.id, D1, d2, utc(d2, 30), GAP)
    assert days == [mh.DayEnergy(D1, 150, False), mh.DayEnergy(d2, 30, False)]


def test_load_curve_half_hours_energy_and_power(meters):
    _, m1, *_ = meters
    add_readings(m1, utc(D1, 6), 5, 10)  # 06:00..08:00
    add_readings(m1, utc(D1, 9), 2, 7, energy=100)  # 09:00, 09:30 (08:00-09:00 is a gap)
    slots = mh.load_curve(MAINTENANCE, m1.id, D1, utc(D1, 30), GAP * 0.6)
    assert len(slots) == 48 and slots[0].start == local(D1, 0)
    by_hour = {s.start.hour + s.start.minute / 60: s for s in slots}
    assert [by_hour[h].energy for h in (5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5)] == [
        None, 10, 10, 10, 10, None, None, 7, None,
    ]  # fmt: skip
    assert by_hour[6].power == 200 and by_hour[8].power == 200 and by_hour[8.5].power is None


def test_balance_line_breaks_where_readings_stopped_and_recharges(meters):
    _, m1, *_ = meters
    add_readings(m1, utc(D1, 0), 3, 10, balance=500)
    add_readings(m1, utc(D1, 5), 2, 10, balance=10500)
    points = mh.balance_line(list(Reading.select().order_by(Reading.taken_at)), GAP)
    assert [p.balance for p in points] == [500, 490, 480, None, 10500, 10490]
    assert points[0].at == local(D1, 0) and points[4].at == local(D1, 5)

    def entry(kind, state, amount, at):
        return LedgerEntry.create(kind=kind, state=state, meter=m1, amount_fen=amount,
                                  created_at=at, settled_at=at, balance_after=10500,
                                  receipt_no=f"R{amount}", prev_hash="-", hash="-")  # fmt: skip

    sale = entry("sale", "confirmed", 10000, utc(D1, 4))
    entry("sale", "failed", 2000, utc(D1, 4))
    entry("refund", "confirmed", 300, utc(D1, 6))
    entry("sale", "confirmed", 5000, utc(D1 + mh.DAY, 4))  # outside
    got = mh.recharges(m1.id, utc(D1, 0), utc(D1, 24))
    assert got == [mh.Recharge(sale.id, local(D1, 4), 10000, 10500, "R10000")]


def test_meter_history_reads_the_reading_interval_setting(meters):
    _, m1, *_ = meters
    settings.put("poll.reading_interval_min", 15)  # gap: 30 min, so hourly readings break
    add_readings(m1, utc(D1, 0), 2, 10)
    add_readings(m1, utc(D1, 2), 1, 10, energy=100)
    history = mh.meter_history(MAINTENANCE, m1.id, D1, now=utc(D1, 30), days=1)
    assert [p.balance for p in history.balance] == [10000, 9990, None, 10000]
    # the day as the report counts it: the step across the gap (10 -> 100) is measured
    assert history.days == [mh.DayEnergy(D1, 100, False)]
    assert history.recharges == []


def test_a_building_total_is_a_report(meters):
    from app.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        mh.building_daily(MAINTENANCE, meters[0].id, D1, D1, utc(D1, 30), GAP)
