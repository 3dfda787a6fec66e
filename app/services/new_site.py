"""The first start of a site: the one place that makes a site database and its master key.

Opening a site never creates anything (a mistyped folder would otherwise
become an empty site, and a lost key a new one that no meter accepts); the
GUI after the operator confirmed the folder, ``init-site`` and the demo
come here instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from app.errors import ConfigError
from app.models import close_database, open_database
from app.models.db import ALREADY_EXISTS
from app.paths import SitePaths, make_private_dir, remember_db_url
from app.serial_io.security import create_master_key, load_master_key

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewSite:
    master_key: bytes
    key_kept: bool  # an existing master.key was kept (its meters already use it)


def create_site(paths: SitePaths, durable: bool = True) -> NewSite:
    """Create the database (left open) and the master key in ``paths``; refuse an existing one.

    A key file already in the folder is kept, not replaced: meters keyed with
    it keep working with the new database. The data folder is made 0700.
    """
    make_private_dir(paths.data_dir)
    kept = paths.key_file.exists()
    master = load_master_key(paths.key_file) if kept else b""  # a damaged key stops here
    try:
        open_database(paths.database, durable=durable, create=True)  # refuses an existing one
    except ConfigError as exc:
        if exc.template != ALREADY_EXISTS:  # ours, half made (a full disk): leave no husk
            close_database()
            remove_husk(paths)
        raise
    if not kept:
        try:
            master = create_master_key(paths.key_file)
        except BaseException:
            close_database()
            remove_husk(paths)
            raise
    if paths.db_url:
        remember_db_url(paths, paths.db_url)  # the folder's later starts open the server
    from app.services.chain_rekey import open_chains

    open_chains(master, paths.key_file)  # a new site's chains are keyed from its first row
    log.info("new site created: %s, key %s", _where(paths), "kept" if kept else "created")
    return NewSite(master, kept)


def remove_husk(paths: SitePaths) -> None:
    """A database file half made; a server's database is the administrator's, never dropped."""
    if not paths.on_server:
        remove_database_files(paths.db)


def remove_database_files(path: Path) -> None:
    """Delete a database this program just made and could not finish (never a site in use)."""
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _where(paths: SitePaths) -> str:
    from app.models.pg import safe_url

    return safe_url(paths.database) if paths.on_server else str(paths.db)
