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

from app.models import Reading, db
from app.paths import SitePaths
from app.services.archive.files import COLUMNS, archive_file, archive_years, open_archive

_archive_paths: SitePaths | None = None


def use_archive(paths: SitePaths | None) -> None:
    """Read the archive files of the site in ``paths`` too (None: the live table only).

    ``Site.open`` calls it; tests and tools that open a database by hand may.
    """
    global _archive_paths
    _archive_paths = paths


def readings_between(
    meter_ids: Iterable[int] | None, start: dt.datetime, end: dt.datetime
) -> list[Reading]:
    """Readings with ``start <= taken_at < end`` (naive UTC), by meter then time.

    ``meter_ids`` None: every meter.
    """
    ids = None if meter_ids is None else sorted(set(meter_ids))
    q = Reading.select().where((Reading.taken_at >= start) & (Reading.taken_at < end))
    if ids is not None:
        q = q.where(Reading.meter.in_(ids))
    live = list(q.order_by(Reading.meter, Reading.taken_at, Reading.id))
    archived = _archived(ids, start, end)
    if not archived:
        return live
    out: list[Reading] = []
    seen: set[tuple] = set()
    for r in heapq.merge(live, archived, key=_order):
        key = (r.id, r.meter_id, r.taken_at)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _order(r: Reading) -> tuple:
    return (r.meter_id, r.taken_at, r.id)


def _archived(ids: list[int] | None, start: dt.datetime, end: dt.datetime) -> list[Reading]:
    paths = _archive_paths
    if paths is None or db.obj is None:
        return []
    # A file holds a local year: look one day beyond each end for the zone's offset.
    first, last = (start - dt.timedelta(days=1)).year, (end + dt.timedelta(days=1)).year
    rows: list[Reading] = []
    sql = f"SELECT {', '.join(COLUMNS)} FROM reading WHERE taken_at >= ? AND taken_at < ?"
    params: list = [str(start), str(end)]
    if ids is not None:
        sql += f" AND meter_id IN ({', '.join('?' * len(ids))})"
        params += ids
    sql += " ORDER BY meter_id, taken_at, id"
    for year in archive_years(paths):
        if first <= year <= last:
            con = open_archive(archive_file(paths, year))
            try:
                rows += [_reading(row) for row in con.execute(sql, params)]
            finally:
                con.close()
    rows.sort(key=_order)
    return rows


_TAKEN = COLUMNS.index("taken_at")
_FIELDS = tuple("meter" if c == "meter_id" else c for c in COLUMNS)


def _reading(row: tuple) -> Reading:
    values = dict(zip(_FIELDS, row, strict=True))
    values["taken_at"] = Reading.taken_at.python_value(row[_TAKEN])
    values["relay_open"] = bool(values["relay_open"])
    return Reading(**values)
