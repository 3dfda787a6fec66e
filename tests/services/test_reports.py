"""Sales, closing and energy reports against hand-computed figures (corrections, transfers,
a meter replacement, gaps); every grouping adds up to the total, to the fen."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import PermissionDenied
from app.models import CashCount
from app.services import daily_totals
from app.services.permissions import SYSTEM, Actor, Role
from app.services.reports import closing, energy, sales
from app.services.reports.period import Period
from tests.services.report_fixtures import D1, account, at, entry, site
from tests.services.test_daily_totals import D0, D2, D3, build

BOTH_DATABASES = True

ANN = Actor(1, "ann", Role.CASHIER)
BOB = Actor(2, "bob", Role.CASHIER)
FIGURES = ("sales", "refunds", "corrections", "transfers_out", "transfers_in", "net", "entries")


def ledger(s: dict) -> dict:
    m1, m2, m3 = s["m1"], s["m2"], s["m3"]
    e = {}
    e["s1"] = entry(m1, "sale", 10000, at(D1, 9 * 60), tenant=s["t1"])
    e["s2"] = entry(m1, "sale", 5000, at(D1, 10 * 60), method="wechat", operator="bob")
    e["s3"] = entry(m2, "sale", 2000, at(D1, 11 * 60))
    e["failed"] = entry(m2, "sale", 999, at(D1, 11 * 60 + 5), state="failed")
    e["c1"] = entry(m1, "correction", 5000, at(D2, 9 * 60), method="wechat", reverses=e["s2"])
    e["r1"] = entry(m3, "refund", 300, at(D2, 10 * 60), operator="bob")
    e["close"] = entry(m3, "close", 700, at(D2, 11 * 60), method="")  # as accounts writes it
    e["out"] = entry(m1, "transfer_out", 1234, at(D2, 12 * 60), method="")
    e["in"] = entry(m3, "transfer_in", 1234, at(D2, 12 * 60), method="")
    e["pending"] = entry(m2, "sale", 888, at(D2, 13 * 60), state="pending")
    e["before"] = entry(m2, "sale", 7777, at(D1, 0) - dt.timedelta(seconds=1))
    return e


def figures(row) -> tuple:
    return tuple(getattr(row, f) for f in FIGURES)


def test_sales_report_by_every_grouping(database):
    s = site()
    ledger(s)
    report = sales.sales_report(SYSTEM, Period(D1, D2))
    assert figures(report.total) == (17000, 1000, 5000, 1234, 1234, 11000, 8)
    assert report.unsettled == 1
    by = {g: {r.label: figures(r) for r in report.groups[g]} for g in sales.GROUPINGS}
    assert by["day"] == {
        D1.isoformat(): (17000, 0, 0, 0, 0, 17000, 3),
        D2.isoformat(): (0, 1000, 5000, 1234, 1234, -6000, 5),
    }
    assert by["operator"] == {
        "ann": (12000, 700, 5000, 1234, 1234, 6300, 6),
        "bob": (5000, 300, 0, 0, 0, 4700, 2),
    }
    assert by["method"] == {
        "cash": (12000, 300, 0, 0, 0, 11700, 3),
        "wechat": (5000, 0, 5000, 0, 0, 0, 2),
        "": (0, 700, 0, 1234, 1234, -700, 3),
    }
    assert by["building"] == {
        "East": (17000, 0, 5000, 1234, 0, 12000, 5),
        "West": (0, 1000, 0, 0, 1234, -1000, 3),
    }
    for g in sales.GROUPINGS:  # every cut adds up to the same total
        sums = tuple(sum(col) for col in zip(*(figures(r) for r in report.groups[g]), strict=True))
        assert sums == figures(report.total)


def test_drill_down_names_the_entries(database):
    s = site()
    e = ledger(s)
    period = Period(D1, D2)
    ids = [r.entry_id for r in sales.drill_down(SYSTEM, period, "day", D1.isoformat(), "sales")]
    assert ids == [e["s1"].id, e["s2"].id, e["s3"].id]
    west = sales.drill_down(SYSTEM, period, "building", s["west"].id)
    assert [r.entry_id for r in west] == [e["r1"].id, e["close"].id, e["in"].id]
    assert sum(r.signed_fen for r in west) == 1234 - 1000
    everything = sales.drill_down(SYSTEM, period, None, None)
    assert len(everything) == 8
    with pytest.raises(PermissionDenied):
        sales.drill_down(Actor(3, "max", Role.MAINTENANCE), period, None, None)


def test_shift_closing_and_cash_count(database):
    s = site()
    ledger(s)
    start, end = at(D1, 8 * 60), at(D1, 12 * 60)
    shift = closing.closing(ANN, start, end, "ann")
    assert shift.expected_cash == 12000
    assert shift.report.total.sales == 12000
    count = closing.record_count(ANN, start, end, 11950, "ann", note="short 0.50")
    assert (count.expected, count.counted, count.entered_by) == (12000, 11950, "ann")
    assert closing.closing(ANN, start, end, "ann").counts[0].counted == 11950
    with pytest.raises(PermissionDenied):
        closing.record_count(BOB, start, end, 12000, "ann")
    manager = Actor(9, "boss", Role.ADMIN)
    day = closing.closing(manager, at(D2, 0), at(D3, 0))  # the day's closing, all operators
    assert day.expected_cash == -1000  # the refund and the close paid out in cash
    closing.record_count(manager, at(D2, 0), at(D3, 0), 0)
    assert CashCount.select().count() == 2


@pytest.fixture
def energy_site(database):
    s = build()
    # the tea shop's meter M1 is replaced by M2 at noon on D1
    account(s["t1"], s["m1"], at(D0, 0) - dt.timedelta(days=10), at(D1, 12 * 60))
    account(s["t1"], s["m2"], at(D1, 12 * 60))
    daily_totals.rollup(D3 + dt.timedelta(days=1))
    return s


def test_energy_by_meter_ranked_with_gaps(energy_site):
    report = energy.energy_report(SYSTEM, Period(D1, D3), energy.METER)
    rows = {r.label: r for r in report.rows}
    assert [(r.rank, r.label, r.total) for r in report.rows] == [
        (1, "M3", 605), (2, "M1", 480), (3, "M2", 470)]  # fmt: skip
    assert (rows["M1"].missing, rows["M2"].missing, rows["M3"].missing) == (2, 2, 1)
    assert (rows["M3"].incomplete, rows["M2"].resets, rows["M2"].no_cost) == (2, 1, 1)
    assert rows["M1"].cost == 384
    assert (report.total.total, report.total.missing) == (1555, 5)
    assert report.compared == Period(dt.date(2026, 2, 1), dt.date(2026, 2, 3))
    assert rows["M1"].previous == 0 and rows["M1"].change_percent is None


def test_energy_by_tenant_follows_the_replacement(energy_site):
    report = energy.energy_report(SYSTEM, Period(D0, D1), energy.TENANT)
    by = {r.label: r.total for r in report.rows}
    assert by == {"Tea shop (A1)": 470 + 480 + 470, "": 535}
    assert sum(by.values()) == report.total.total


def test_energy_by_building_bus_and_day(energy_site):
    period = Period(D1, D1)
    building = energy.energy_report(SYSTEM, period, energy.BUILDING)
    assert {r.label: r.total for r in building.rows} == {"East": 950, "West": 535}
    bus = energy.energy_report(SYSTEM, period, energy.BUS)
    assert {r.label: r.total for r in bus.rows} == {"bus1": 950, "bus2": 535}
    daily = energy.energy_report(SYSTEM, Period(D0, D1), energy.METER, energy.DAILY)
    assert [(r.bucket, r.label, r.total) for r in daily.rows if r.label == "M1"] == [
        (D0.isoformat(), "M1", 470), (D1.isoformat(), "M1", 480)]  # fmt: skip
    monthly = energy.energy_report(SYSTEM, Period(D0, D1), energy.BUILDING, energy.MONTHLY)
    assert {(r.bucket, r.label): r.total for r in monthly.rows} == {
        ("2026-02", "East"): 470, ("2026-02", "West"): 0,
        ("2026-03", "East"): 950, ("2026-03", "West"): 535}  # fmt: skip
    days = energy.energy_days(SYSTEM, period, [energy_site["m1"].id])
    assert [(d.meter_no, d.day, d.total) for d in days] == [("M1", D1, 480)]


def test_month_before_comparison(energy_site):
    s = energy_site
    from tests.services.report_fixtures import half_hourly

    half_hourly(s["m1"], dt.date(2026, 4, 1), 5000, 5)  # 235 on 1 April, a month after D1
    daily_totals.rollup(dt.date(2026, 4, 2), redo_from=dt.date(2026, 4, 1))
    report = energy.energy_report(SYSTEM, Period(dt.date(2026, 4, 1), dt.date(2026, 4, 1)))
    m1 = next(r for r in report.rows if r.label == "M1")
    assert (m1.total, m1.previous, m1.change) == (235, 480, -245)
    assert round(m1.change_percent, 2) == round(-24500 / 480, 2)


def test_closing_an_account_pays_its_refund_out_of_the_drawer(database):
    """A close entry is written with no payment method (accounts._close_job): the refund
    handed to the tenant still leaves the drawer, so the cash expected is less by it."""
    s = site()
    entry(s["m1"], "sale", 10000, at(D1, 9 * 60))
    entry(s["m2"], "sale", 3000, at(D1, 9 * 60 + 5), method="card")
    entry(s["m3"], "close", 700, at(D1, 10 * 60), method="")
    entry(s["m1"], "transfer_out", 1234, at(D1, 11 * 60), method="")
    entry(s["m3"], "transfer_in", 1234, at(D1, 11 * 60), method="")
    shift = closing.closing(ANN, at(D1, 8 * 60), at(D1, 12 * 60), "ann")
    assert shift.expected_cash == 10000 - 700
    assert shift.report.total.net == 10000 + 3000 - 700
