"""``init-site``: create a new, empty site in a folder: the first start without a window.

The only command-line path that creates a site database and its master key
(the GUI asks before doing the same); every other subcommand refuses a folder
without a site. Exit 0: created; 2: a site is already there, or the folder
cannot be written.
"""

from __future__ import annotations

import argparse
import sys

NAME = "init-site"
HELP = "create a new, empty site in --data-dir (database, master key, logs)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """No options of its own: --data-dir and --db say where."""


def run(args) -> int:
    from app.cli.site_args import site_paths
    from app.models import close_database
    from app.services.new_site import create_site

    paths = site_paths(args)
    created = create_site(paths)
    close_database()
    print(f"new site created in {paths.data_dir}")
    if paths.db_url:
        from app.models.pg import safe_url

        print(f"  database: {safe_url(paths.db_url)} (written to {paths.db_url_file})")
    else:
        print(f"  database: {paths.db}")
    key_note = "kept the key already there" if created.key_kept else "new"
    print(f"  master key: {paths.key_file} ({key_note})")
    print("  keep a copy of master.key with the backups: the meters accept no other key")
    program = sys.executable if getattr(sys, "frozen", False) else "python main.py"
    print(f"start it with: {program} --data-dir {paths.data_dir}")
    print("  (the first start asks for the administrator's name and password)")
    return 0
