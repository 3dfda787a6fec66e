"""``archive``: move raw readings older than ``archive.keep_days`` to the yearly archive now.

What the night job does at ``archive.start_hour``; safe to interrupt (Ctrl-C
or a kill) and to run again, also while the window or collector runs.
"""

from __future__ import annotations

import argparse

NAME = "archive"
HELP = "move readings older than archive.keep_days to the yearly archive files now"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--keep-days", type=int, help="keep this many days live (archive.keep_days)")


def run(args) -> int:
    from app import settings
    from app.cli.site_args import site_paths
    from app.models.site import utcnow
    from app.services.archive.mover import archive_readings
    from app.services.night_jobs import rollup_totals
    from app.services.site import Site

    site = Site(site_paths(args)).open()
    try:
        keep = args.keep_days if args.keep_days is not None else settings.get("archive.keep_days")
        run = archive_readings(site.paths, utcnow(), keep, before_move=rollup_totals)
    finally:
        site.stop()
    print(f"archived {run.moved} readings of {run.days} days before {run.cutoff}")
    return 0
