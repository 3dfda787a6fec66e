"""The write transaction: serialised with every other writer of the site, on both databases.

SQLite serialises writers with its one write lock, taken first (``BEGIN IMMEDIATE``) so
that a transaction never reads a chain head, a lease or a lockout count and then finds
another writer ahead of it. On PostgreSQL the same is a transaction-level advisory lock
(``app.models.pg``), taken inside a nested block as well: a head read in a savepoint of
an unlocked transaction is serialised too (peewee's proxy drops ``lock_type`` there).
"""

from __future__ import annotations

import logging
import time

from peewee import OperationalError, SqliteDatabase

from app.models import pg
from app.models.base import db

log = logging.getLogger(__name__)


def write_txn():
    """A transaction (or, nested, a savepoint) that holds the write lock once entered."""
    if isinstance(db.obj, SqliteDatabase):
        return _Immediate() if db.transaction_depth() == 0 else db.atomic()
    if db.transaction_depth() == 0:
        return db.atomic(lock_type="IMMEDIATE")  # SitePostgres.begin takes the lock
    return _LockedSavepoint(db.atomic())


class _LockedSavepoint:
    def __init__(self, inner) -> None:
        self._inner = inner

    def __enter__(self):
        entered = self._inner.__enter__()
        pg.take_write_lock(db.obj)  # held already by this transaction: granted at once
        return entered

    def __exit__(self, *exc):
        return self._inner.__exit__(*exc)


class _Immediate:
    """``BEGIN IMMEDIATE``, tried again while SQLite says "locked" at once.

    SQLite's busy handler waits for a lock held by another writer, but some refusals
    come back at once (another process was just taking the bus over, or folding its
    WAL in): a cashier's sale must not fail on one. Nothing has been read or written
    when BEGIN fails, so beginning again is safe; after ``wait_seconds()`` the error
    stands.
    """

    def __enter__(self):
        from app.models.db import wait_seconds

        deadline = time.monotonic() + wait_seconds()
        delay = 0.01
        while True:
            self._ctx = db.atomic(lock_type="IMMEDIATE")
            try:
                return self._ctx.__enter__()
            except OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() >= deadline:
                    raise
                log.debug("write lock refused at once (%s): trying again", exc)
                time.sleep(delay)
                delay = min(delay * 2, 0.25)

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)
