"""``backup``: an online backup of the site (database, key files, witness, archive) now.

Exit 0 with the backup folder printed; 2 when the site or the folder cannot be used.
The window and the collector may go on running meanwhile.
"""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "backup"
HELP = "back the site up now (SQLite online backup, key files beside it)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--out",
        help="folder to put the backup in (default: backup.folder, else DATA_DIR/backups)",
    )


def run(args) -> int:
    from app.cli.site_args import site_paths
    from app.errors import QT_TRANSLATE_NOOP
    from app.services import backup
    from app.services.audit import log_action, log_message
    from app.services.permissions import SYSTEM
    from app.services.site import Site

    paths = site_paths(args)
    site = Site(paths).open()  # a folder without a site, or without its key, is refused here
    try:
        dest = Path(args.out) if args.out else backup.backup_folder(paths)
        info = backup.make_backup(paths, dest)
        target = QT_TRANSLATE_NOOP("SystemLog", "backup {folder}")
        log_action(SYSTEM, "backup.made", log_message(target, folder=str(info.path)))
    finally:
        site.stop()
    print(f"backup made: {info.path} ({info.size / 1e6:.1f} MB)")
    return 0
