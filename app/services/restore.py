"""Restoring a backup: checked with ``verify`` first, in-use sites refused, the old one kept.

``restore_backup(paths, source)``:

1. the backup (a ``pem-backup-*`` folder, or its ``site.db``) must hold the
   database and ``master.key``, and every file must match its SHA-256 in the
   manifest;
2. the site must not be in use: a live bus or service lease means a window
   or a collector is running; they are named and restoring is refused;
3. a copy of the backup is opened in a staging folder inside the data folder
   and checked as ``verify`` checks a site (both chains with the backup's
   key, the witness, the keying): any finding refuses the backup, nothing
   of the site touched;
4. only then (the site asked again: a window may have started meanwhile) the
   current database (checkpointed first), key files and witness
   are renamed ``*.before-restore-STAMP`` and the checked copy is moved in;
   the backup's archive files are merged into the site's (nothing in the
   archive is ever dropped);
5. the restore is written into the restored database's system log.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP, ConfigError
from app.models.db import close_database, open_database, wait_seconds
from app.models.site import utcnow
from app.paths import SitePaths, fsync_folder, make_private_dir
from app.serial_io.security import load_master_key
from app.services import backup
from app.services.archive.files import COLUMNS, ensure_archive_file
from app.services.bus_lease import _owner_gone

log = logging.getLogger(__name__)

STAGING = ".restore-staging"

NOT_A_BACKUP = QT_TRANSLATE_NOOP(
    "Errors", "{path} is not a backup: it must be a backup folder holding site.db and master.key"
)
CHANGED = QT_TRANSLATE_NOOP(
    "Errors",
    "the backup {path} is damaged or was changed: {file} differs from when the backup was made; "
    "nothing was restored",
)
REFUSED = QT_TRANSLATE_NOOP(
    "Errors",
    "the backup {path} fails the check ({count} problem(s), first: {first}); nothing was restored",
)
IN_USE = QT_TRANSLATE_NOOP(
    "Errors",
    "the site is in use ({users}): close the program's windows and stop the collector on this "
    "site, then restore again; nothing was restored",
)
BUSY = QT_TRANSLATE_NOOP(
    "Errors",
    "another program still has the site database open; close it and restore again; "
    "nothing was restored",
)


@dataclass
class RestoreResult:
    backup: Path
    kept: list[Path] = field(default_factory=list)  # what was replaced, renamed beside it
    entries: int = 0  # ledger entries in the restored database


def find_backup(source: Path) -> Path:
    """The backup folder ``source`` names (the folder itself or its ``site.db``)."""
    folder = source if source.is_dir() else source.parent
    if not (folder / backup.DB_NAME).is_file() or not (folder / "master.key").is_file():
        raise ConfigError(NOT_A_BACKUP, path=str(source))
    return folder


def check_files(folder: Path) -> None:
    """Every file the manifest lists must be there with its SHA-256."""
    for name, digest in backup.read_manifest(folder).get("files", {}).items():
        file = folder / name
        if not file.is_file() or backup.file_sha256(file) != digest:
            raise ConfigError(CHANGED, path=str(folder), file=name)


def site_users(paths: SitePaths, now: dt.datetime | None = None) -> list[str]:
    """Who holds a live lease on the site (bus owners, the modem, the night jobs)."""
    if not paths.db.exists():
        return []
    now = now or utcnow()
    con = sqlite3.connect(paths.db, timeout=wait_seconds())  # read only; closing tidies -wal
    try:
        rows = [(f"bus {b}", o, k, e) for b, o, k, e in _rows(con, "bus_lease", "bus_id")]
        rows += list(_rows(con, "service_lease", "name"))
    finally:
        con.close()
    users = []
    for what, owner, kind, expires in rows:
        if dt.datetime.fromisoformat(str(expires)) > now and not _owner_gone(owner):
            users.append(f"{what}: {kind} {owner}")
    return users


def _refuse_in_use(paths: SitePaths) -> None:
    users = site_users(paths)
    if users:
        raise ConfigError(IN_USE, users="; ".join(users))


def _rows(con: sqlite3.Connection, table: str, name: str):
    try:
        return con.execute(f"SELECT {name}, owner, kind, expires_at FROM {table}").fetchall()
    except sqlite3.OperationalError:  # an old site without the table
        return []


def verify_copy(folder: Path) -> tuple[list[str], int]:
    """(problems, ledger entries) of the database in ``folder``, checked with its key there."""
    from app.services import chain_key, chain_witness
    from app.services.audit import verify_log_chain
    from app.services.chain_rekey import keying_findings, open_chains
    from app.services.ledger_verify import verify_ledger

    close_database()
    try:
        open_database(folder / backup.DB_NAME)
        open_chains(load_master_key(folder / "master.key"), folder / "master.key")
        report = verify_ledger()
        problems = report.problems + verify_log_chain() + chain_witness.check()
        return problems + keying_findings(), report.entries
    finally:
        close_database()
        chain_key.uninstall()


def restore_backup(paths: SitePaths, source: Path, actor=None) -> RestoreResult:
    """Check the backup in ``source`` and put it in place of the site in ``paths``."""
    backup.refuse_on_server(paths)
    folder = find_backup(Path(source))
    check_files(folder)
    _refuse_in_use(paths)
    make_private_dir(paths.data_dir)
    staging = paths.data_dir / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(mode=0o700)
    try:
        for file in folder.iterdir():
            if file.is_file() and file.name != backup.MANIFEST:
                shutil.copy2(file, staging / file.name)
        problems, entries = verify_copy(staging)
        if problems:
            raise ConfigError(REFUSED, path=str(folder), count=len(problems), first=problems[0])
        result = RestoreResult(folder, entries=entries)
        _refuse_in_use(paths)  # again: a window may have started while the copy was checked
        stamp = dt.datetime.now().strftime(backup.STAMP)
        _checkpoint(paths.db)
        _put_in_place(paths, staging, stamp, result)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _merge_archive(paths, folder)
    _log_restore(paths, folder, actor)
    log.info("restored %s; the replaced files kept: %s", folder, result.kept)
    return result


def _checkpoint(db: Path) -> None:
    """Fold the WAL into the database file; refuse when another connection keeps it busy."""
    if not db.exists():
        return
    con = sqlite3.connect(db, timeout=wait_seconds())
    try:
        busy, _log, _done = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        con.close()
    if busy:
        raise ConfigError(BUSY)


def _put_in_place(paths: SitePaths, staging: Path, stamp: str, result: RestoreResult) -> None:
    incoming = [f for f in staging.iterdir() if f.is_file() and f.name != backup.DB_NAME]
    for file in incoming:
        target = paths.data_dir / file.name
        if target.is_file() and target.read_bytes() == file.read_bytes():
            continue  # the same key: nothing to keep aside
        _keep(target, stamp, result)
        os.replace(file, target)
    _keep(paths.db, stamp, result)
    for suffix in ("-wal", "-shm"):  # empty after the checkpoint; never pair them with the new file
        paths.db.with_name(paths.db.name + suffix).unlink(missing_ok=True)
    os.replace(staging / backup.DB_NAME, paths.db)
    fsync_folder(paths.data_dir)


def _keep(path: Path, stamp: str, result: RestoreResult) -> None:
    if path.exists():
        kept = path.with_name(f"{path.name}.before-restore-{stamp}")
        os.replace(path, kept)
        result.kept.append(kept)


def _merge_archive(paths: SitePaths, folder: Path) -> None:
    """Readings the backup's archive holds that the site's does not are added (never removed)."""
    cols = ", ".join(COLUMNS)
    for file in sorted((folder / backup.ARCHIVE_DIR).glob("readings-*.db")):
        target = ensure_archive_file(paths, int(file.stem.split("-")[1]))
        con = sqlite3.connect(
            f"file:{target}", uri=True, timeout=wait_seconds(), isolation_level=None
        )
        try:
            con.execute("ATTACH DATABASE ? AS old", (f"file:{file}?mode=ro",))
            con.execute(f"INSERT OR IGNORE INTO reading ({cols}) SELECT {cols} FROM old.reading")
            con.execute("DETACH DATABASE old")
        finally:
            con.close()


def _log_restore(paths: SitePaths, folder: Path, actor) -> None:
    from app.services import chain_key
    from app.services.audit import log_action, log_message
    from app.services.chain_rekey import open_chains
    from app.services.permissions import SYSTEM

    open_database(paths.db)
    try:
        open_chains(load_master_key(paths.key_file), paths.key_file)
        target = QT_TRANSLATE_NOOP("SystemLog", "backup {folder}")
        log_action(actor or SYSTEM, "backup.restored", log_message(target, folder=str(folder)))
    finally:
        close_database()
        chain_key.uninstall()
