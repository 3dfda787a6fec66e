"""The archive files: one SQLite file per local calendar year, ``archive/readings-YYYY.db``.

Each holds a ``reading`` table with the live table's columns. Its key is the
reading's live id together with meter and time (``UNIQUE(id, meter_id,
taken_at)``): copying a reading twice (a run killed between its copy and its
delete, then resumed) stores it once, and a live id SQLite hands out again
after the rows above it moved is a different key, never a row that hides
another. The files use a rollback journal (one file each, easy to copy) with
full sync, so a committed copy is on disk before the live rows are deleted.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from app.models import Reading
from app.models.db import FILE_MODE, wait_seconds
from app.paths import SitePaths, make_private_dir

FILE_PATTERN = re.compile(r"^readings-(\d{4})\.db$")
COLUMNS = tuple(f.column_name for f in Reading._meta.sorted_fields)
_TYPES = {"id": "INTEGER NOT NULL", "meter_id": "INTEGER NOT NULL", "taken_at": "TEXT NOT NULL"}
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS reading ("
    + ", ".join(f"{c} {_TYPES.get(c, 'INTEGER')}" for c in COLUMNS)
    + ", UNIQUE (id, meter_id, taken_at))",
    "CREATE INDEX IF NOT EXISTS reading_meter_taken ON reading (meter_id, taken_at)",
    "CREATE INDEX IF NOT EXISTS reading_taken ON reading (taken_at)",
)


def archive_file(paths: SitePaths, year: int) -> Path:
    return paths.archive / f"readings-{year:04d}.db"


def archive_years(paths: SitePaths) -> list[int]:
    """The years that have an archive file, oldest first."""
    try:
        names = [p.name for p in paths.archive.iterdir()]
    except FileNotFoundError:
        return []
    return sorted(int(m.group(1)) for n in names if (m := FILE_PATTERN.match(n)))


def ensure_archive_file(paths: SitePaths, year: int) -> Path:
    """The year's archive file, made (0600, in a 0700 folder) with its table if missing."""
    path = archive_file(paths, year)
    make_private_dir(paths.archive)
    if not path.exists():
        path.touch(mode=FILE_MODE)
    con = sqlite3.connect(path, timeout=wait_seconds(), isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=DELETE")
        for statement in SCHEMA:
            con.execute(statement)
    finally:
        con.close()
    return path


def open_archive(path: Path) -> sqlite3.Connection:
    """A connection to read an archive file (the archiver may be writing it meanwhile).

    Not read-only: after an archiver killed mid-copy the file has a hot journal, which
    the first reader must roll back (a read-only connection fails there).
    """
    return sqlite3.connect(path, timeout=wait_seconds())
