"""``export``: the site's data as a workbook for people (issues #12, #13, #14).

    python main.py export readings --out F.xlsx
    python main.py export readings --from 2026-03-01 --to 2026-03-31 --out F.xlsx
    python main.py export alarms --from 2026-03-01 --to 2026-03-31 --out F.xlsx
    python main.py export sales --from 2026-03-01 --to 2026-03-31 [--by day] --out F.xlsx
    python main.py export energy --from D --to D [--by meter] [--step total] --out F.xlsx

``readings`` without a period: every meter's current state as last read
(status fields, tenant, colour state, last contact, parameters in sync or
not), the same workbook the window's "Export meter readings" writes. With
``--from``/``--to`` (local calendar days, both included): every reading stored
in the period, meter by meter. ``alarms``: every alarm active at some time in
the period, the alarm window's report. ``sales``: the sales report of the
period, one grouping (``--by`` day, operator, method, building). ``energy``:
the energy report (``--by`` meter, tenant, building, bus; ``--step`` total,
day, month), after rolling up the daily totals of the days that are over.
Reads the database only: it neither opens a port nor needs a login (the file
is the site's already).

Each kind is one function in ``EXPORTS``: it takes the parsed arguments and
returns the line to print; the period's presence, the site and the errors are
handled here once (a period that ends before it starts is said by the service).

Exit codes: 0 written (what was written on stdout); 2 no site, bad arguments
(a date that is not YYYY-MM-DD, half a period, a period that ends before it
starts, a kind that needs a period without one, an unknown grouping), or the
file cannot be written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from app.cli.arg_types import calendar_day
from app.errors import PemError

NAME = "export"
HELP = "write the site's data (readings, alarms, sales or energy report) to an .xlsx workbook"


def _readings(args) -> str:
    from app.services.permissions import SYSTEM
    from app.services.readings_export import export_period_readings, export_readings

    if args.date_from is None:
        return f"{export_readings(SYSTEM, args.out)} meters written to {args.out}"
    count = export_period_readings(SYSTEM, args.out, args.date_from, args.date_to)
    return f"{count} readings written to {args.out}"


def _alarms(args) -> str:
    from app.services.alarm_export import export_alarms
    from app.services.alarm_report import AlarmFilter
    from app.services.permissions import SYSTEM

    flt = AlarmFilter(date_from=args.date_from, date_to=args.date_to)
    return f"{export_alarms(SYSTEM, args.out, flt)} alarms written to {args.out}"


def _sales(args) -> str:
    from app.services.permissions import SYSTEM
    from app.services.reports import sales
    from app.services.reports.period import Period
    from app.services.reports.tables import export_sales

    grouping = args.by or sales.DAY
    if grouping not in sales.GROUPINGS:
        raise ValueError(f"--by must be one of {', '.join(sales.GROUPINGS)}")
    period = Period(args.date_from, args.date_to)
    count = export_sales(SYSTEM, args.out, period, grouping)
    return f"{count} rows ({grouping}) of the sales report {period.text()} written to {args.out}"


def _energy(args) -> str:
    from app.services import daily_totals
    from app.services.permissions import SYSTEM
    from app.services.reports import energy
    from app.services.reports.period import Period
    from app.services.reports.tables import export_energy

    grouping = args.by or energy.METER
    if grouping not in energy.GROUPINGS:
        raise ValueError(f"--by must be one of {', '.join(energy.GROUPINGS)}")
    period = Period(args.date_from, args.date_to)
    daily_totals.rollup(dt.date.today())
    count = export_energy(SYSTEM, args.out, period, grouping, args.step)
    return f"{count} rows of the energy report {period.text()} written to {args.out}"


EXPORTS = {"readings": _readings, "alarms": _alarms, "sales": _sales, "energy": _energy}
NEEDS_PERIOD = {"alarms", "sales", "energy"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=tuple(EXPORTS), help="what to export")
    p.add_argument("--out", required=True, help="the .xlsx file to write")
    p.add_argument("--from", dest="date_from", type=calendar_day, metavar="YYYY-MM-DD",
                   help="the first day of the period (local time)")  # fmt: skip
    p.add_argument("--to", dest="date_to", type=calendar_day, metavar="YYYY-MM-DD",
                   help="the last day of the period, included")  # fmt: skip
    p.add_argument("--by", default="", help="grouping: day|operator|method|building (sales), "
                   "meter|tenant|building|bus (energy)")  # fmt: skip
    p.add_argument("--step", default="total", choices=("total", "day", "month"),
                   help="energy: one total, or by day or month")  # fmt: skip


def _period_problem(args) -> str | None:
    """What is wrong with the period's presence, before the database is touched."""
    given = (args.date_from is not None) + (args.date_to is not None)
    if args.what in NEEDS_PERIOD and given < 2:
        return f"{args.what} needs the period: --from YYYY-MM-DD --to YYYY-MM-DD"
    if given == 1:
        return "give both --from and --to, or neither"
    return None


def run(args) -> int:
    from app.cli.site_args import site_paths
    from app.models import close_database, open_database
    from app.models.db import check_database_file

    problem = _period_problem(args)
    if problem:
        print(f"export: {problem}", file=sys.stderr)
        return 2
    paths = site_paths(args)
    try:
        if not paths.on_server:
            check_database_file(paths.db)
        open_database(paths.database)
    except PemError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    try:
        said = EXPORTS[args.what](args)
    except (PemError, ValueError) as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    finally:
        close_database()
    print(said)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run through main.py")
