"""``export``: the site's data as a workbook for people (issue #12).

    python main.py export readings --out F.xlsx

``readings``: every meter's current state as last read (status fields,
tenant, colour state, last contact, parameters in sync or not), the same
workbook the window's "Export meter readings" writes. Reads the database only:
it neither opens a port nor needs a login (the file is the site's already).

Exit codes: 0 written (the number of meters on stdout); 2 no site, bad
arguments, or the file cannot be written.
"""

from __future__ import annotations

import argparse
import sys

from app.errors import PemError

NAME = "export"
HELP = "write the meters' current readings to an .xlsx workbook"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=("readings",), help="what to export")
    p.add_argument("--out", required=True, help="the .xlsx file to write")


def run(args) -> int:
    from app.cli.site_args import site_paths
    from app.models import close_database, open_database
    from app.models.db import check_database_file
    from app.services.permissions import SYSTEM
    from app.services.readings_export import export_readings

    paths = site_paths(args)
    try:
        check_database_file(paths.db)
        open_database(paths.db)
    except PemError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    try:
        count = export_readings(SYSTEM, args.out)
    except PemError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    finally:
        close_database()
    print(f"{count} meters written to {args.out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run through main.py")
