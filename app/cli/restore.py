"""``restore FILE``: put a backup in place of the site, after checking it as ``verify`` does.

FILE is a backup folder (``pem-backup-...``) or the ``site.db`` in one. A
backup that fails the check is refused and nothing is touched; so is a site
in use (stop the collector and close the windows first). The replaced
database and key files stay beside the new ones as ``*.before-restore-STAMP``.
Exit 0 restored; 2 refused (the reason is printed).
"""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "restore"
HELP = "restore a backup (checked first; the replaced database is kept)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="the backup folder, or the site.db inside it")


def run(args) -> int:
    from app.cli.site_args import site_paths
    from app.services.restore import restore_backup

    paths = site_paths(args)
    result = restore_backup(paths, Path(args.file))
    print(f"restored {result.backup}: its ledger ({result.entries} entries) checks clean")
    for kept in result.kept:
        print(f"  kept the replaced file as {kept}")
    return 0
