"""Database setup: one ``DatabaseProxy`` for every model, SQLite in WAL mode.

Each thread gets its own connection (peewee's default for SQLite); writes are
short ``db.atomic()`` units. Tests pass a fresh file in ``tmp_path``.

Only a new site creates a database file (``create=True``): opening a path
where no site database is, or an empty, damaged or cut-short file, is an
error that says so, never a new empty site that would then refuse every login.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase

from app.errors import QT_TRANSLATE_NOOP, ConfigError, PemError
from app.models import pg
from app.models.base import db
from app.models.dialect import is_postgresql

log = logging.getLogger(__name__)

# How long to wait for a database another program holds locked (seconds);
# PEM_DB_WAIT_S changes it (tests, or a slow shared folder).
DEFAULT_WAIT_S = 10.0

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # FULL: a committed ledger row survives a power cut, not only a crash.
    "synchronous": 2,
    "cache_size": -16000,
}
SQLITE_MAGIC = b"SQLite format 3\x00"
FILE_MODE = 0o600  # password and PIN hashes, phone numbers: the owner only

NO_SITE = QT_TRANSLATE_NOOP(
    "Errors",
    "no site at {path}: there is no site database there (a mistyped --data-dir or --db?). "
    "A new site is made by the first start, or by: init-site --data-dir {folder}",
)
NOT_A_FILE = QT_TRANSLATE_NOOP(
    "Errors", "the site database {path} is a folder, not a database file"
)
EMPTY_FILE = QT_TRANSLATE_NOOP(
    "Errors",
    "the site database {path} is empty (0 bytes): restore site.db from the backup",
)
NOT_A_DATABASE = QT_TRANSLATE_NOOP(
    "Errors",
    "{path} is not a site database (damaged, or another kind of file): "
    "restore site.db from the backup",
)
NOT_A_SITE = QT_TRANSLATE_NOOP(
    "Errors", "{path} is an SQLite database but not a site database: check --db"
)
CUT_SHORT = QT_TRANSLATE_NOOP(
    "Errors",
    "the site database {path} is cut short ({size} of {expected} bytes): "
    "restore site.db from the backup",
)
DAMAGED = QT_TRANSLATE_NOOP(
    "Errors", "the site database {path} is damaged ({reason}): restore site.db from the backup"
)
LOCKED = QT_TRANSLATE_NOOP(
    "Errors",
    "the site database {path} is locked by another program ({reason}): "
    "close that program and try again",
)
READ_ONLY = QT_TRANSLATE_NOOP(
    "Errors",
    "cannot write the site database {path} ({reason}): the folder {folder} must be writable "
    "(the database keeps its -wal and -shm files beside it)",
)
DISK_FULL = QT_TRANSLATE_NOOP(
    "Errors", "cannot write the site database {path} ({reason}): is the disk full?"
)
CANNOT_USE = QT_TRANSLATE_NOOP("Errors", "cannot use the site database {path}: {reason}")
ALREADY_EXISTS = QT_TRANSLATE_NOOP(
    "Errors", "a site database already exists at {path}: a new site needs an empty folder"
)

# SQLite primary result codes (https://sqlite.org/rescode.html) and what they mean here.
_SQLITE_TEMPLATES = {
    3: READ_ONLY,  # PERM
    5: LOCKED,  # BUSY
    6: LOCKED,  # LOCKED
    8: READ_ONLY,  # READONLY
    10: DISK_FULL,  # IOERR: a write that failed, almost always a full disk
    11: DAMAGED,  # CORRUPT
    13: DISK_FULL,  # FULL
    14: READ_ONLY,  # CANTOPEN: the -wal or -shm file could not be made
    26: NOT_A_DATABASE,  # NOTADB
}


class NoSite(ConfigError):
    """No site database at the path: only the first-start path may create one there."""

    def __init__(self, path: Path) -> None:
        super().__init__(NO_SITE, path=str(path), folder=str(path.parent))
        self.path = path


class NoSiteOnServer(NoSite):
    """The PostgreSQL database named is empty: no site has been made or moved there."""

    def __init__(self, where: str) -> None:
        ConfigError.__init__(self, pg.EMPTY_DATABASE, where=where)
        self.path = Path(where)


class SiteDatabaseError(ConfigError):
    """The site database exists but cannot be used as it is (damaged, locked, read-only...)."""


def wait_seconds() -> float:
    """The lock wait: ``PEM_DB_WAIT_S`` when it is a positive number, else 10 s."""
    try:
        wait = float(os.environ.get("PEM_DB_WAIT_S", DEFAULT_WAIT_S))
    except ValueError:
        return DEFAULT_WAIT_S
    return wait if 0 < wait < 3600 else DEFAULT_WAIT_S


def open_database(path: str | Path, durable: bool = True, create: bool = False) -> SqliteDatabase:
    """Open the site's SQLite file, bind the proxy and bring the schema up to date.

    ``create=True`` makes a new database (mode 0600) where none is: only the
    first start of a site, the demo and tests do that. Otherwise the file must
    be an existing site database, and every way it cannot be used (missing,
    empty, damaged, cut short, locked, read-only, disk full) is a
    ``ConfigError`` naming the file. ``durable=False`` skips fsync; only for
    building a throw-away site (the demo), which is deleted, never repaired,
    when its creation is interrupted.
    """
    from app.models.migrations import current_version, migrate

    if pg.is_url(path):
        return _open_postgresql(str(path), create)
    path = Path(path)
    if create:
        _create_file(path)
    else:
        check_database_file(path)
        keep_private(path)
    wait = wait_seconds()
    pragmas = {"busy_timeout": int(wait * 1000), **SQLITE_PRAGMAS}
    if not durable:
        pragmas["synchronous"] = 0
    database = SqliteDatabase(str(path), pragmas=pragmas, check_same_thread=False, timeout=wait)
    db.initialize(database)
    _remember_opened(path)
    try:
        database.connect(reuse_if_open=True)
        if not create and current_version(database) == 0:
            raise SiteDatabaseError(NOT_A_SITE, path=str(path))
        migrate(database)
    except (DatabaseError, sqlite3.Error) as exc:
        database.close()
        raise database_error(exc, path) from None
    except PemError:
        database.close()
        raise
    log.debug("database %s open", path)
    return database


def _open_postgresql(url: str, create: bool):
    """The site's database on a PostgreSQL server; ``create`` accepts an empty database only."""
    from app.models.migrations import current_version, migrate

    database = pg.make(url)
    try:
        database.connect(reuse_if_open=True)
    except (DatabaseError, OSError) as exc:
        raise pg.unreachable(database, exc) from None
    db.initialize(database)
    try:
        version = current_version(database)
        if version == 0 and not create:
            if database.get_tables():
                raise SiteDatabaseError(pg.NOT_EMPTY_OR_SITE, where=database.where)
            raise NoSiteOnServer(database.where)
        if version and create:
            raise SiteDatabaseError(ALREADY_EXISTS, path=database.where)
        if create and database.get_tables():
            raise SiteDatabaseError(pg.NOT_EMPTY_OR_SITE, where=database.where)
        migrate(database)
    except DatabaseError as exc:
        database.close()
        if pg.is_connection_error(exc):
            raise pg.unreachable(database, exc) from None
        raise SiteDatabaseError(CANNOT_USE, path=database.where, reason=str(exc)) from None
    except PemError:
        database.close()
        raise
    log.debug("database %s open", database.where)
    return database


def in_own_connection(fn, *args, **kwargs):
    """Run ``fn`` in a pool thread and close that thread's connection afterwards.

    peewee gives each thread its own SQLite connection; a pool thread that kept
    one open would hold the site's files after the program closed the site.
    """
    try:
        return fn(*args, **kwargs)
    finally:
        if db.obj is not None and not db.is_closed():
            db.close()


def close_database() -> None:
    if db.obj is not None and not db.is_closed():
        db.close()


# Files this process has opened with SQLite, by (device, inode). Closing any file descriptor
# of a file drops every POSIX lock the process holds on it, SQLite's included (SQLite's
# "How To Corrupt" 2.2): once SQLite holds a file, reading its header with a plain open()
# would let another process delete the -wal/-shm under this one's connections, which then
# read an old snapshot for ever. Such a file is not read again here; SQLite judges it.
_OPENED: set[tuple[int, int]] = set()


def _remember_opened(path: Path) -> None:
    try:
        info = path.stat()
    except OSError:
        return
    _OPENED.add((info.st_dev, info.st_ino))


def check_database_file(path: Path) -> None:
    """Refuse what is not an existing site database before SQLite would make it one.

    Reads only the 100-byte header: the SQLite magic, and whether the file is
    as long as the header says (a copy cut short is found here, not halfway
    through a report). With a non-empty -wal file beside it the length is not
    judged: an interrupted checkpoint may leave the file short until SQLite
    finishes it from the WAL.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise NoSite(path) from None
    except OSError as exc:
        raise SiteDatabaseError(CANNOT_USE, path=str(path), reason=_reason(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise SiteDatabaseError(NOT_A_FILE, path=str(path))
    if info.st_size == 0:
        raise SiteDatabaseError(EMPTY_FILE, path=str(path))
    if (info.st_dev, info.st_ino) in _OPENED:
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise SiteDatabaseError(CANNOT_USE, path=str(path), reason=_reason(exc)) from None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise SiteDatabaseError(NOT_A_DATABASE, path=str(path))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    size_valid = header[24:28] == header[92:96]  # SQLite: the page count is current
    expected = page_size * pages
    if size_valid and info.st_size < expected and not _has_wal(path):
        raise SiteDatabaseError(CUT_SHORT, path=str(path), size=info.st_size, expected=expected)


def database_error(exc: BaseException, path: str | Path | None = None) -> ConfigError:
    """An SQLite failure as one sentence for the operator, by SQLite's result code."""
    if is_postgresql():
        if pg.is_connection_error(exc):
            return pg.unreachable(db.obj, exc)
        reason = str(getattr(exc, "orig", None) or exc).strip()
        return SiteDatabaseError(CANNOT_USE, path=db.obj.where, reason=reason)
    if path is None:
        path = getattr(db.obj, "database", "") or "?"
    path = Path(path)
    orig = getattr(exc, "orig", None) or exc.__context__ or exc
    code = getattr(orig, "sqlite_errorcode", None)
    reason = str(orig) or type(orig).__name__
    template = _SQLITE_TEMPLATES.get(code & 0xFF) if isinstance(code, int) else None
    if template is None:
        template = _template_from_text(reason.lower())
    return SiteDatabaseError(template, path=str(path), folder=str(path.parent), reason=reason)


def keep_private(path: Path) -> None:
    """Take group and world access away from the database files (older versions left 0644)."""
    for file in (path, _sibling(path, "-wal"), _sibling(path, "-shm")):
        try:
            if file.stat().st_mode & 0o077:
                file.chmod(FILE_MODE)
        except OSError:
            pass  # absent, or a folder we may not change: opening says what matters


def _create_file(path: Path) -> None:
    """The new database file, empty and private; SQLite gives -wal and -shm its mode."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        raise SiteDatabaseError(ALREADY_EXISTS, path=str(path)) from None
    except OSError as exc:
        folder = str(path.parent)
        raise SiteDatabaseError(
            READ_ONLY, path=str(path), folder=folder, reason=_reason(exc)
        ) from None


def _template_from_text(text: str) -> str:
    if "locked" in text or "busy" in text:
        return LOCKED
    if "full" in text or "i/o" in text:
        return DISK_FULL
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return READ_ONLY
    if "not a database" in text:
        return NOT_A_DATABASE
    if "malformed" in text or "corrupt" in text:
        return DAMAGED
    return CANNOT_USE


def _has_wal(path: Path) -> bool:
    try:
        return _sibling(path, "-wal").stat().st_size > 0
    except OSError:
        return False


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
