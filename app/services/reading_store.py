"""Stored readings of a period, wherever they are kept (issue #14).

Reports and charts read raw readings only through here, so that readings
moved to the yearly archive files (``services.archive``) are read as if they
had never moved. A reading the archiver copied but has not yet deleted from
the live table (a run killed between its two steps) is in both places with
the same key (live id, meter, time); it is returned once.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable
from typing import NamedTuple

from app.models import Reading, db, dialect
from app.paths import SitePaths
from app.services.archive.files import COLUMNS, archive_file, archive_years, open_archive

_archive_paths: SitePaths | None = None


def use_archive(paths: SitePaths | None) -> None:
    """Read the archive files of the site in ``paths`` too (None: the live table only).

    ``Site.open`` calls it; tests and tools that open a database by hand may.
    """
    global _archive_paths
    _archive_paths = paths


class ReadingRow(NamedTuple):
    """A stored reading as plain values (a tuple: some 2 us a row where a ``Reading`` costs
    25-55 us). Fields are named as the ``Reading`` attributes the readers use."""

    id: int
    meter_id: int
    taken_at: dt.datetime  # naive UTC
    energy_total: int
    energy_sharp: int
    energy_peak: int
    energy_flat: int
    energy_valley: int
    balance: int
    purchase_count: int
    power: int
    relay_open: bool


assert ReadingRow._fields == COLUMNS, "ReadingRow must follow the reading table's columns"


def rows_between(
    meter_ids: Iterable[int] | None, start: dt.datetime, end: dt.datetime
) -> list[ReadingRow]:
    """Readings with ``start <= taken_at < end`` (naive UTC), by meter then time, as tuples.

    ``meter_ids`` None: every meter. Live and archived readings alike; one
    copied to the archive and not yet deleted from the live table comes once.
    """
    ids = None if meter_ids is None else sorted(set(meter_ids))
    sql, params = _select(Reading._meta.table_name, ids, start, end)
    live = _tuples(dialect.execute(sql, params), _parse_live())
    archived = _archived(ids, start, end)
    if not archived:
        return live
    out: list[ReadingRow] = []
    seen: set[tuple] = set()
    for r in heapq.merge(live, archived, key=_order):
        key = (r.id, r.meter_id, r.taken_at)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def readings_between(
    meter_ids: Iterable[int] | None, start: dt.datetime, end: dt.datetime
) -> list[Reading]:
    """``rows_between`` as ``Reading`` objects (for the few callers that want a model)."""
    return [
        Reading(**dict(zip(_FIELDS, r, strict=True))) for r in rows_between(meter_ids, start, end)
    ]


def _order(r: ReadingRow) -> tuple:
    return (r.meter_id, r.taken_at, r.id)


def _select(table: str, ids: list[int] | None, start: dt.datetime, end: dt.datetime):
    sql = f"SELECT {', '.join(COLUMNS)} FROM {table} WHERE taken_at >= ? AND taken_at < ?"
    params: list = [str(start), str(end)]
    if ids is not None:
        sql += f" AND meter_id IN ({', '.join('?' * len(ids))})"
        params += ids
    return sql + " ORDER BY meter_id, taken_at, id", params


_FIELDS = tuple("meter" if c == "meter_id" else c for c in COLUMNS)


def _parse_live():
    """SQLite gives a time back as its text, PostgreSQL as a datetime."""
    return _as_is if dialect.is_postgresql() else dt.datetime.fromisoformat


def _as_is(value):
    return value


def _tuples(cursor, parse=dt.datetime.fromisoformat) -> list[ReadingRow]:
    """Rows of ``COLUMNS`` as ``ReadingRow``s: the time parsed, the relay flag a bool."""
    row = ReadingRow
    return [
        row(i, m, parse(t), total, sharp, peak, flat, valley, balance, count, power, relay == 1)
        for i, m, t, total, sharp, peak, flat, valley, balance, count, power, relay in cursor
    ]


def _archived(ids: list[int] | None, start: dt.datetime, end: dt.datetime) -> list[ReadingRow]:
    paths = _archive_paths
    if paths is None or db.obj is None:
        return []
    # A file holds a local year: look one day beyond each end for the zone's offset.
    first, last = (start - dt.timedelta(days=1)).year, (end + dt.timedelta(days=1)).year
    rows: list[ReadingRow] = []
    sql, params = _select("reading", ids, start, end)
    for year in archive_years(paths):
        if first <= year <= last:
            con = open_archive(archive_file(paths, year))
            try:
                rows += _tuples(con.execute(sql, params))
            finally:
                con.close()
    rows.sort(key=_order)
    return rows
