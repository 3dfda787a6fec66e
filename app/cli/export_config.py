"""``export-config``: the site's buildings, gateways, buses and meters in the Excel template.

The same template ``import`` reads: export, import into an empty folder, and
the new site has the same configuration. Reads the database only (no bus is
opened). Exit 0: written; 2: no site, or the file cannot be written.
"""

from __future__ import annotations

import argparse

NAME = "export-config"
HELP = "write this site's buildings, gateways, buses and meters to an Excel file"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, help="the .xlsx file to write")


def run(args) -> int:
    from app.cli.site_args import site_paths
    from app.models import close_database
    from app.services.site import Site
    from app.services.site_workbook import export_config

    Site(site_paths(args)).open()  # NoSite: exit 2 through main.py
    try:
        counts = export_config(args.out)
    finally:
        close_database()
    summary = ", ".join(f"{n} {key}" for key, n in counts.items())
    print(f"exported {summary} to {args.out}")
    return 0
