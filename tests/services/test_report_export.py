"""The sales and energy reports written to .xlsx, opened back and read cell by cell; and
``main.py export sales|energy``."""

from __future__ import annotations

import argparse
import datetime as dt

import openpyxl

from app.cli import export as export_cli
from app.models import close_database, dialect
from app.paths import SitePaths, remember_db_url
from app.services import daily_totals
from app.services.permissions import SYSTEM
from app.services.reports import energy, sales
from app.services.reports.period import Period
from app.services.reports.tables import export_energy, export_sales
from tests.services.report_fixtures import D1, site
from tests.services.test_daily_totals import D0, build
from tests.services.test_reports import ledger

BOTH_DATABASES = True

D2 = D1 + dt.timedelta(days=1)


def cells(path) -> list[list]:
    ws = openpyxl.load_workbook(path).active
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_sales_export_cell_by_cell(database, tmp_path):
    ledger(site())
    out = tmp_path / "sales.xlsx"
    assert export_sales(SYSTEM, out, Period(D1, D2), sales.OPERATOR) == 2
    rows = cells(out)
    assert rows[0][0] == "Sales report"
    assert rows[2][:2] == ["Period", "2026-03-01 – 2026-03-02"]
    assert rows[3][:2] == ["Grouped by", "Operator"]
    assert "1 entries not yet settled" in rows[4][1]
    header = rows[6]
    assert header == ["Operator", "Sales", "Refunds", "Corrections", "Transfers out",
                      "Transfers in", "Net", "Entries"]  # fmt: skip
    assert rows[7] == ["ann", 120, 7, 50, 12.34, 12.34, 63, 6]
    assert rows[8] == ["bob", 50, 3, 0, 0, 0, 47, 2]
    assert rows[9] == ["Total", 170, 10, 50, 12.34, 12.34, 110, 8]
    ws = openpyxl.load_workbook(out).active
    assert ws["B8"].number_format == "#,##0.00" and ws.freeze_panes == "A8"


def test_energy_export_cell_by_cell(database, tmp_path):
    build()
    daily_totals.rollup(D2)
    out = tmp_path / "energy.xlsx"
    assert export_energy(SYSTEM, out, Period(D1, D1), energy.BUILDING) == 2
    rows = cells(out)
    assert rows[0][0] == "Energy report"
    assert rows[5][:2] == ["Compared with", "2026-02-01 – 2026-02-01"]
    header = rows[7]
    assert header[:4] == ["Rank", "Building", "Energy (kWh)", "Sharp (kWh)"]
    assert header[-2:] == ["Month before (kWh)", "Change (%)"]
    assert rows[8] == [1, "East", 9.5, 0, 0, 9.5, 0, 3.84, 2, 0, 0, 1, 0, None]
    assert rows[9] == [2, "West", 5.35, 0, 0, 5.35, 0, None, 1, 1, 0, 0, 0, None]
    assert rows[10][:3] == [None, "Total", 14.85]


def test_cli_exports_sales_and_energy(database, tmp_path):
    ledger(site())
    if dialect.is_postgresql():  # the data folder names the test's server database
        remember_db_url(SitePaths(tmp_path), database.database)
    close_database()

    def run(*argv) -> int:
        parser = argparse.ArgumentParser()
        parser.add_argument("--data-dir", dest="data_dir")
        export_cli.add_arguments(parser)
        return export_cli.run(parser.parse_args(["--data-dir", str(tmp_path), *argv]))

    out = tmp_path / "s.xlsx"
    assert run("sales", "--from", "2026-03-01", "--to", "2026-03-02", "--by", "method",
               "--out", str(out)) == 0  # fmt: skip
    assert [r[0] for r in cells(out)[7:11]] == [
        "not recorded (account closes, transfers)", "Cash", "WeChat Pay", "Total",
    ]  # fmt: skip
    out = tmp_path / "e.xlsx"
    assert run("energy", "--from", str(D0), "--to", str(D1), "--step", "day",
               "--out", str(out)) == 0  # fmt: skip
    assert cells(out)[6][:3] == ["Date", "Meter", "Energy (kWh)"]
    assert run("sales", "--out", str(out)) == 2
    assert run("sales", "--from", "2026-03-02", "--to", "2026-03-01", "--out", str(out)) == 2
    assert run("sales", "--from", "2026-03-01", "--to", "2026-03-01", "--by", "x",
               "--out", str(out)) == 2  # fmt: skip
