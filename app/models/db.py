"""Database setup: one ``DatabaseProxy`` for every model, SQLite in WAL mode.

Each thread gets its own connection (peewee's default for SQLite); writes are
short ``db.atomic()`` units. Tests pass a fresh file in ``tmp_path``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from peewee import DatabaseProxy, Model, SqliteDatabase

log = logging.getLogger(__name__)

db = DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # FULL: a committed ledger row survives a power cut, not only a crash.
    "synchronous": 2,
    "busy_timeout": 10000,
    "cache_size": -16000,
}


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


def open_database(path: str | Path, durable: bool = True) -> SqliteDatabase:
    """Open (create) the SQLite file, bind the proxy and bring the schema up to date.

    ``durable=False`` skips fsync; only for building a throw-away site (the
    demo), which is deleted, never repaired, when its creation is interrupted.
    """
    from app.models.migrations import migrate

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pragmas = SQLITE_PRAGMAS if durable else {**SQLITE_PRAGMAS, "synchronous": 0}
    database = SqliteDatabase(str(path), pragmas=pragmas, check_same_thread=False)
    db.initialize(database)
    database.connect(reuse_if_open=True)
    migrate(database)
    log.debug("database %s open", path)
    return database


def close_database() -> None:
    if db.obj is not None and not db.is_closed():
        db.close()
