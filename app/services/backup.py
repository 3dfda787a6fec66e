"""Backups of a site: made online with SQLite's backup API, the key files beside, rotated.

A backup is one folder, ``pem-backup-YYYYMMDD-HHMMSS`` (local time), holding
``site.db`` (a consistent copy made while the program runs), the key files
(``master.key`` and the makers' ``*.key``), the chain witness, the yearly
archive files under ``archive/``, and ``manifest.json`` with each file's
SHA-256. It is built in a ``.partial`` folder and renamed when complete, so a
backup cut short by a crash is never taken for one.

The witness is copied before the database: a database ahead of its witness is
fine for ``verify``; the other way round would read as rows cut off the end.
An archive file that has not changed since the newest earlier backup in the
same folder is hard-linked from it rather than copied again (old years never
change). Rotation keeps the newest backup of each of the last
``backup.keep_daily`` days and of the last ``backup.keep_monthly`` months.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from app import settings
from app.errors import QT_TRANSLATE_NOOP, ConfigError
from app.models.db import FILE_MODE, wait_seconds
from app.paths import SitePaths, fsync_folder, make_private_dir
from app.services.archive.files import archive_years
from app.services.chain_witness import WITNESS_NAME
from app.services.permissions import Actor, Permission, require

log = logging.getLogger(__name__)

PREFIX = "pem-backup-"
STAMP = "%Y%m%d-%H%M%S"
MANIFEST = "manifest.json"
DB_NAME = "site.db"
ARCHIVE_DIR = "archive"

BACKUP_FAILED = QT_TRANSLATE_NOOP("Errors", "the backup to {folder} failed: {reason}")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: dt.datetime  # local time, from the folder's name
    size: int  # bytes of every file in it

    @property
    def day(self) -> dt.date:
        return self.made_at.date()


def backup_folder(paths: SitePaths) -> Path:
    """Where the daily backups go: ``backup.folder``, else the site's backups folder."""
    folder = str(settings.get("backup.folder") or "").strip()
    return Path(folder) if folder else paths.backups


def key_files(paths: SitePaths) -> list[Path]:
    """The site's key files: ``master.key`` and each maker's ``<family>.key``."""
    return sorted(p for p in paths.data_dir.glob("*.key") if p.is_file())


def make_backup(
    paths: SitePaths, dest: Path, kind: str = "manual", now: dt.datetime | None = None
) -> BackupInfo:
    """A complete backup folder in ``dest``; ``now`` is local time (names the folder)."""
    refuse_on_server(paths)
    now = now or dt.datetime.now()
    make_private_dir(dest)
    final = dest / f"{PREFIX}{now.strftime(STAMP)}"
    partial = final.with_name(final.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    try:
        partial.mkdir(mode=0o700)
        files = _copy_site(paths, partial, _previous(dest))
        manifest = {"version": 1, "kind": kind, "made_at": now.isoformat(), **files}
        _write_private(partial / MANIFEST, json.dumps(manifest, indent=1).encode())
        fsync_folder(partial)
        os.replace(partial, final)
        fsync_folder(dest)
    except (OSError, sqlite3.Error) as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise ConfigError(BACKUP_FAILED, folder=str(dest), reason=str(exc)) from None
    info = BackupInfo(final, now, _size(final))
    log.info("backup made: %s (%d bytes)", final, info.size)
    return info


def _copy_site(paths: SitePaths, out: Path, previous: Path | None) -> dict:
    sums: dict[str, str] = {}
    for key in key_files(paths):
        _write_private(out / key.name, key.read_bytes())
    witness = paths.key_file.with_name(WITNESS_NAME)
    if witness.exists():  # before the database (see the module docstring)
        _write_private(out / WITNESS_NAME, witness.read_bytes())
    _sqlite_copy(paths.db, out / DB_NAME)
    sources = {}
    old = _manifest(previous).get("archive_sources", {}) if previous else {}
    for year in archive_years(paths):
        src = paths.archive / f"readings-{year:04d}.db"
        name = f"{ARCHIVE_DIR}/{src.name}"
        make_private_dir(out / ARCHIVE_DIR)
        info = src.stat()
        stamp = [info.st_size, info.st_mtime_ns]
        if old.get(name) == stamp and (previous / name).exists():
            os.link(previous / name, out / name)
        else:
            _sqlite_copy(src, out / name)
        sources[name] = stamp
    for file in sorted(out.rglob("*")):
        if file.is_file():
            sums[file.relative_to(out).as_posix()] = file_sha256(file)
    return {"files": sums, "archive_sources": sources}


def _sqlite_copy(src: Path, dst: Path) -> None:
    """An online, consistent copy of an SQLite file (other processes go on writing)."""
    dst.touch(mode=FILE_MODE)
    source = sqlite3.connect(src, timeout=wait_seconds())  # may roll back a hot journal
    target = sqlite3.connect(dst)
    try:
        source.backup(target)  # all pages in one step: one snapshot of a WAL database
        target.execute("PRAGMA journal_mode=DELETE")
        (check,) = target.execute("PRAGMA quick_check").fetchone()
        if check != "ok":
            raise sqlite3.DatabaseError(f"the copy of {src.name} fails its check: {check}")
    finally:
        target.close()
        source.close()
    with dst.open("rb+") as fh:
        os.fsync(fh.fileno())


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _manifest(folder: Path) -> dict:
    try:
        value = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def read_manifest(folder: Path) -> dict:
    """A backup's manifest (empty when missing or unreadable)."""
    return _manifest(folder)


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def _previous(dest: Path) -> Path | None:
    found = list_backups(dest)
    return found[0].path if found else None


def list_backups(folder: Path) -> list[BackupInfo]:
    """The complete backups in ``folder``, newest first."""
    out = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        if not entry.is_dir() or not entry.name.startswith(PREFIX):
            continue
        try:
            made = dt.datetime.strptime(entry.name[len(PREFIX) :], STAMP)
        except ValueError:  # .partial, or not ours
            continue
        out.append(BackupInfo(entry, made, _size(entry)))
    return sorted(out, key=lambda b: b.made_at, reverse=True)


STALE_PARTIAL_S = 3600  # an unfinished backup untouched this long was left by a crash


def _stale(partial: Path) -> bool:
    """A ``.partial`` folder nobody has written for a while (not one being written now: the
    collector's night backup and an operator's "Back up now" may run at the same time)."""
    try:
        return time.time() - partial.stat().st_mtime > STALE_PARTIAL_S
    except OSError:
        return False


def rotate(folder: Path, keep_daily: int, keep_monthly: int) -> list[Path]:
    """Delete the backups the rotation no longer keeps (and stale ``.partial`` ones)."""
    backups = list_backups(folder)
    keep: set[Path] = set()
    days: list[dt.date] = []
    months: list[tuple[int, int]] = []
    for b in backups:  # newest first: the first seen of a day or a month is its newest
        if b.day not in days and len(days) < keep_daily:
            days.append(b.day)
            keep.add(b.path)
        month = (b.made_at.year, b.made_at.month)
        if month not in months and len(months) < keep_monthly:
            months.append(month)
            keep.add(b.path)
    removed = [b.path for b in backups if b.path not in keep]
    removed += [p for p in folder.glob(f"{PREFIX}*.partial") if p.is_dir() and _stale(p)]
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
        log.info("backup rotated out: %s", path)
    return removed


def refuse_on_server(paths: SitePaths) -> None:
    """Backups and restores here are of the SQLite file; a server's database has its own tools."""
    if paths.on_server:
        from app.errors import ConfigError
        from app.models import pg

        where = pg.safe_url(str(paths.database))
        raise ConfigError(pg.SERVER_BACKUP, where=where, folder=str(paths.data_dir))


def daily_backup(paths: SitePaths, now: dt.datetime | None = None) -> BackupInfo:
    """The night's backup into the backup folder, then the rotation."""
    dest = backup_folder(paths)
    info = make_backup(paths, dest, kind="daily", now=now)
    rotate(dest, settings.get("backup.keep_daily"), settings.get("backup.keep_monthly"))
    return info


def backup_now(actor: Actor, paths: SitePaths) -> BackupInfo:
    """An operator's "Back up now": into the backup folder, logged; rotated like the nightly."""
    from app.services.audit import log_action, log_message

    require(actor, Permission.BACKUP)
    info = daily_backup(paths)
    log_action(
        actor,
        "backup.made",
        log_message(QT_TRANSLATE_NOOP("SystemLog", "backup {folder}"), folder=str(info.path)),
    )
    return info
