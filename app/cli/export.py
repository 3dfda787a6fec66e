"""``export``: the site's data as a workbook for people (issue #12).

    python main.py export readings --out F.xlsx
    python main.py export sales --from 2026-03-01 --to 2026-03-31 [--by day] --out F.xlsx
    python main.py export energy --from D --to D [--by meter] [--step total] --out F.xlsx

``readings``: every meter's current state as last read (status fields,
tenant, colour state, last contact, parameters in sync or not), the same
workbook the window's "Export meter readings" writes. Reads the database only:
it neither opens a port nor needs a login (the file is the site's already).

``sales``: the sales report of the period (local days, both included), one
grouping (``--by`` day, operator, method, building). ``energy``: the energy
report (``--by`` meter, tenant, building, bus; ``--step`` total, day, month),
after rolling up the daily totals of the days that are over.

Exit codes: 0 written (the number of meters on stdout); 2 no site, bad
arguments, or the file cannot be written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from app.errors import PemError

NAME = "export"
HELP = "write the meters' current readings, or the sales or energy report, to an .xlsx workbook"


KINDS = ("readings", "sales", "energy")


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=KINDS, help="what to export")
    p.add_argument("--out", required=True, help="the .xlsx file to write")
    p.add_argument("--from", dest="date_from", type=_day, help="first day (sales, energy)")
    p.add_argument("--to", dest="date_to", type=_day, help="last day, included (sales, energy)")
    p.add_argument("--by", default="", help="grouping: day|operator|method|building (sales), "
                   "meter|tenant|building|bus (energy)")  # fmt: skip
    p.add_argument("--step", default="total", choices=("total", "day", "month"),
                   help="energy: one total, or by day or month")  # fmt: skip


def _export_sales(args) -> str:
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


def _export_energy(args) -> str:
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


def _export_readings(args) -> str:
    from app.services.permissions import SYSTEM
    from app.services.readings_export import export_readings

    return f"{export_readings(SYSTEM, args.out)} meters written to {args.out}"


EXPORTS = {"readings": _export_readings, "sales": _export_sales, "energy": _export_energy}


def run(args) -> int:
    from app.cli.site_args import site_paths
    from app.models import close_database, open_database
    from app.models.db import check_database_file

    if args.what != "readings" and (args.date_from is None or args.date_to is None):
        print(f"export: {args.what} needs --from and --to", file=sys.stderr)
        return 2
    if args.what != "readings" and args.date_to < args.date_from:
        print("export: --to is before --from", file=sys.stderr)
        return 2
    paths = site_paths(args)
    try:
        check_database_file(paths.db)
        open_database(paths.db)
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
