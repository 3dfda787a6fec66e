"""Archiving changes no figure: the energy report, the daily totals, and the
meter history (daily bars, load curve, balance line) are the same before and after the raw
readings moved to the archive files."""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.models import DailyTotal, Reading
from app.paths import SitePaths
from app.services import daily_totals, meter_history, reading_store
from app.services.archive import mover
from app.services.permissions import SYSTEM
from app.services.reports import energy
from app.services.reports.period import Period, day_start_utc
from tests.services.report_fixtures import D1, account, at
from tests.services.test_daily_totals import D0, D3, build

NOW = day_start_utc(D3) + dt.timedelta(days=40, hours=12)


def _figures(s: dict) -> dict:
    out = {}
    for grouping in (energy.METER, energy.TENANT, energy.BUILDING, energy.BUS):
        for step in (energy.TOTAL, energy.DAILY, energy.MONTHLY):
            report = energy.energy_report(SYSTEM, Period(D0, D3), grouping, step)
            out[grouping, step] = [dataclasses.astuple(r) for r in [*report.rows, report.total]]
    for m in ("m1", "m2", "m3"):
        meter = s[m].id
        history = meter_history.meter_history(SYSTEM, meter, D3, NOW, days=5)
        out[m, "history"] = dataclasses.astuple(history)
        out[m, "curve"] = [dataclasses.astuple(x) for x in meter_history.load_curve(
            SYSTEM, meter, D1, NOW)]  # fmt: skip
        out[m, "days"] = meter_history.daily_energy([meter], D0, D3, NOW)
    return out


def _totals() -> list[tuple]:
    return sorted(
        (r.meter_id, r.day, r.energy_total, r.cost, r.complete, r.reset, r.readings)
        for r in DailyTotal.select()
    )


def test_reports_and_history_are_the_same_after_archiving(database, tmp_path):
    paths = SitePaths(tmp_path)
    reading_store.use_archive(paths)
    try:
        s = build()
        account(s["t1"], s["m1"], at(D0, 0) - dt.timedelta(days=10), at(D1, 12 * 60))
        account(s["t1"], s["m2"], at(D1, 12 * 60))
        daily_totals.rollup(D3 + dt.timedelta(days=1))
        before, totals = _figures(s), _totals()
        assert any(day.energy for day in before["m1", "days"][s["m1"].id])

        run = mover.archive_readings(paths, NOW, keep_days=30)

        assert run.moved > 0 and Reading.select().count() == 0  # every reading moved
        assert _figures(s) == before
        assert _totals() == totals
        assert daily_totals.rollup(D3 + dt.timedelta(days=1)) == 0  # nothing made twice
    finally:
        reading_store.use_archive(None)
