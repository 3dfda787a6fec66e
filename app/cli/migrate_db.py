"""``migrate-db --to URL``: move the site from its SQLite file into an empty PostgreSQL database.

Every table is copied with its ids in one transaction on the server, then
checked there (both chains with the site's keys, every table's row count, the
chain heads); only then does the data folder's setting ``database.url`` point
the site at the server. ``site.db`` is left as it was. Refused: a site in use
(a window or the collector runs on it), a database on the server that is not
empty, a server that does not answer. Exit 0 moved; 2 refused or failed (the
server's database is then left empty).
"""

from __future__ import annotations

import argparse

NAME = "migrate-db"
HELP = "move the site from site.db into an empty PostgreSQL database (several PCs)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--to", required=True, metavar="URL",
        help="the empty database: postgresql://USER:PASSWORD@HOST:PORT/DATABASE",
    )  # fmt: skip


def run(args) -> int:
    from app.cli.site_args import site_paths
    from app.models.pg import safe_url
    from app.services.move_site import move_site

    paths = site_paths(args)
    print(f"moving the site {paths.db} to {safe_url(args.to)} ...", flush=True)

    def progress(table: str, rows: int) -> None:
        print(f"  {table:<20} {rows:>9} rows", flush=True)

    result = move_site(paths, args.to, progress)
    print(
        f"copied {result.rows} rows in {len(result.tables)} tables in {result.copy_s:.1f} s; "
        f"checked in {result.verify_s:.1f} s: both chains clean, every count and chain head equal"
    )
    print(f"the data folder {paths.data_dir} now uses the server ({paths.db_url_file})")
    print(f"{paths.db} is left as it was before the move; the site no longer uses it")
    if paths.db_override is not None:
        print(f"start the site with --data-dir {paths.data_dir} (without --db)")
    return 0
