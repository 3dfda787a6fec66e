"""Moving raw readings older than ``archive.keep_days`` into the yearly archive files.

A reading moves only when its meter has a ``DailyTotal`` for the reading's
local day: reports of past days read the totals, which are kept forever, and
a day not yet rolled up keeps its raw readings live until it is.

The live database and an archive file are two SQLite files; attached to one
connection in WAL mode their transactions are not atomic together. So each
local day is moved in two steps, each atomic in one file:

1. copy: ``INSERT OR IGNORE`` the day's movable readings into the archive
   (its key makes a second copy a no-op), commit (fully synced);
2. delete: remove from the live table exactly the rows the archive now holds
   with every column equal, commit.

Killed between 1 and 2, a reading is in both places: ``reading_store`` shows
it once (same key) and the next run deletes the live copy. Killed anywhere
else, a step either happened or did not. Nothing else records progress, so a
run resumes by starting again: days already moved cost one indexed lookup.
``should_stop`` is asked before each day (the night job's stop, or the GUI
closing) and ends the run cleanly between days.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from app.models.db import wait_seconds
from app.paths import SitePaths
from app.services.archive.files import COLUMNS, ensure_archive_file
from app.services.schedule_times import local_zone, to_local, to_utc

log = logging.getLogger(__name__)

_COLS = ", ".join(COLUMNS)
_COPY = (
    f"INSERT OR IGNORE INTO arch.reading ({_COLS}) SELECT {_COLS} FROM main.reading "
    "WHERE taken_at >= ? AND taken_at < ? "
    "AND meter_id IN (SELECT meter_id FROM main.daily_total WHERE day = ?)"
)
_SAME = " AND ".join(f"a.{c} IS main.reading.{c}" for c in COLUMNS)
_DELETE = (
    "DELETE FROM main.reading WHERE taken_at >= ? AND taken_at < ? "
    f"AND EXISTS (SELECT 1 FROM arch.reading a WHERE {_SAME})"
)


@dataclass
class ArchiveRun:
    cutoff: dt.date  # readings of local days before this may move
    days: int = 0  # days looked at
    moved: int = 0  # readings deleted from the live table (now only in the archive)
    stopped: bool = False  # asked to stop before the end: the next run goes on


def cutoff_day(now: dt.datetime, keep_days: int, zone: dt.tzinfo) -> dt.date:
    """The first local day that stays live: ``keep_days`` before today (local)."""
    return to_local(now, zone).date() - dt.timedelta(days=keep_days)


def archive_readings(
    paths: SitePaths,
    now: dt.datetime,
    keep_days: int,
    *,
    before_move: Callable[[dt.date], object] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    zone: dt.tzinfo | None = None,
) -> ArchiveRun:
    """Move what may move; ``before_move(cutoff)`` first makes the daily totals up to it."""
    zone = zone or local_zone()
    run = ArchiveRun(cutoff_day(now, keep_days, zone))
    if before_move is not None:
        before_move(run.cutoff)
    if paths.on_server:  # the server keeps every reading: the yearly files are SQLite's
        return run
    con = sqlite3.connect(paths.db, timeout=wait_seconds(), isolation_level=None)
    try:
        con.execute(f"PRAGMA busy_timeout={int(wait_seconds() * 1000)}")
        con.execute("PRAGMA synchronous=FULL")
        days = [
            dt.date.fromisoformat(str(d)[:10])
            for (d,) in con.execute(
                "SELECT DISTINCT day FROM daily_total WHERE day < ? ORDER BY day",
                (run.cutoff.isoformat(),),
            )
        ]
        attached = None
        for day in days:
            if should_stop():
                run.stopped = True
                break
            if attached != day.year:
                if attached is not None:
                    con.execute("DETACH DATABASE arch")
                path = ensure_archive_file(paths, day.year)
                con.execute("ATTACH DATABASE ? AS arch", (str(path),))
                con.execute("PRAGMA arch.synchronous=FULL")
                attached = day.year
            run.moved += _move_day(con, day, zone)
            run.days += 1
        if attached is not None:
            con.execute("DETACH DATABASE arch")
    finally:
        con.close()
    log.info(
        "archive: %d reading(s) of %d day(s) before %s moved%s",
        run.moved,
        run.days,
        run.cutoff,
        " (stopped; the next run goes on)" if run.stopped else "",
    )
    return run


def _move_day(con: sqlite3.Connection, day: dt.date, zone: dt.tzinfo) -> int:
    start = to_utc(dt.datetime.combine(day, dt.time.min), zone)
    end = to_utc(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min), zone)
    span = (str(start), str(end))
    con.execute("BEGIN")
    try:
        con.execute(_COPY, (*span, day.isoformat()))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("BEGIN IMMEDIATE")
    try:
        moved = con.execute(_DELETE, span).rowcount
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return moved
