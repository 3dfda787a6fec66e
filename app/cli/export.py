"""``export``: the site's data as a workbook for people (issues #12, #13).

    python main.py export readings --out F.xlsx
    python main.py export alarms --from 2026-03-01 --to 2026-03-31 --out F.xlsx

``readings``: every meter's current state as last read (status fields,
tenant, colour state, last contact, parameters in sync or not), the same
workbook the window's "Export meter readings" writes. ``alarms``: every alarm
active at some time from ``--from`` to ``--to`` (local calendar days, both
included), the alarm window's report. Reads the database only: it neither opens
a port nor needs a login (the file is the site's already).

Exit codes: 0 written (the number of rows on stdout); 2 no site, bad
arguments (a date that is not YYYY-MM-DD, a period that ends before it starts,
``alarms`` without its period), or the file cannot be written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from app.errors import PemError

NAME = "export"
HELP = "write the meters' current readings or the alarm report to an .xlsx workbook"


def iso_day(text: str) -> dt.date:
    """A calendar day written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {text!r}") from None


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=("readings", "alarms"), help="what to export")
    p.add_argument("--out", required=True, help="the .xlsx file to write")
    p.add_argument("--from", dest="date_from", type=iso_day, metavar="YYYY-MM-DD",
                   help="alarms: the first day of the period (local time)")  # fmt: skip
    p.add_argument("--to", dest="date_to", type=iso_day, metavar="YYYY-MM-DD",
                   help="alarms: the last day of the period, included")  # fmt: skip


def _readings(args) -> str:
    from app.services.permissions import SYSTEM
    from app.services.readings_export import export_readings

    return f"{export_readings(SYSTEM, args.out)} meters written to {args.out}"


def _alarms(args) -> str:
    from app.services.alarm_export import export_alarms
    from app.services.alarm_report import AlarmFilter
    from app.services.permissions import SYSTEM

    flt = AlarmFilter(date_from=args.date_from, date_to=args.date_to)
    return f"{export_alarms(SYSTEM, args.out, flt)} alarms written to {args.out}"


EXPORTS = {"readings": _readings, "alarms": _alarms}


def run(args) -> int:
    from app.cli.site_args import site_paths
    from app.models import close_database, open_database
    from app.models.db import check_database_file

    if args.what == "alarms" and (args.date_from is None or args.date_to is None):
        print("export: alarms needs the period: --from YYYY-MM-DD --to YYYY-MM-DD", file=sys.stderr)
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
    except PemError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    finally:
        close_database()
    print(said)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run through main.py")
