"""``export``: the site's data as a workbook for people (issues #12, #14).

    python main.py export readings --out F.xlsx
    python main.py export readings --from 2026-03-01 --to 2026-03-31 --out F.xlsx

``readings`` without a period: every meter's current state as last read
(status fields, tenant, colour state, last contact, parameters in sync or
not), the same workbook the window's "Export meter readings" writes. With
``--from``/``--to`` (local calendar days, both included): every reading stored
in the period, meter by meter. Reads the database only: it neither opens a
port nor needs a login (the file is the site's already).

Each kind is one function in ``KINDS``: it takes the parsed arguments and
returns the line to print; the period, the site and the errors are handled
here once.

Exit codes: 0 written (what was written on stdout); 2 no site, bad arguments
(a bad day, half a period, a period that ends before it begins), or the file
cannot be written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from app.cli.arg_types import calendar_day
from app.errors import PemError

NAME = "export"
HELP = "write the site's data (readings, ...) to an .xlsx workbook"


def _readings(args) -> str:
    from app.services.permissions import SYSTEM
    from app.services.readings_export import export_period_readings, export_readings

    period = _period(args)
    if period is None:
        count = export_readings(SYSTEM, args.out)
        return f"{count} meters written to {args.out}"
    count = export_period_readings(SYSTEM, args.out, *period)
    return f"{count} readings written to {args.out}"


KINDS = {"readings": _readings}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=tuple(KINDS), help="what to export")
    p.add_argument("--from", dest="first", type=calendar_day, metavar="DAY",
                   help="first day of the period (YYYY-MM-DD)")  # fmt: skip
    p.add_argument("--to", dest="last", type=calendar_day, metavar="DAY",
                   help="last day of the period, included (YYYY-MM-DD)")  # fmt: skip
    p.add_argument("--out", required=True, help="the .xlsx file to write")


class _UsageError(Exception):
    pass


def _period(args) -> tuple[dt.date, dt.date] | None:
    """(first, last) from ``--from``/``--to``, or None when neither was given."""
    if args.first is None and args.last is None:
        return None
    if args.first is None or args.last is None:
        raise _UsageError("give both --from and --to, or neither")
    if args.last < args.first:
        raise _UsageError(f"--to {args.last} is before --from {args.first}")
    return args.first, args.last


def run(args) -> int:
    from app.cli.site_args import site_paths
    from app.models import close_database, open_database
    from app.models.db import check_database_file

    try:
        _period(args)  # said before the database is touched
    except _UsageError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    paths = site_paths(args)
    try:
        check_database_file(paths.db)
        open_database(paths.db)
    except PemError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    try:
        line = KINDS[args.what](args)
    except PemError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    finally:
        close_database()
    print(line)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run through main.py")
