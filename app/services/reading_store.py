"""Stored readings of a period, wherever they are kept (issue #14).

Reports and charts read raw readings only through here, so that readings
moved to the yearly archive files are read as if they had never moved. This
first version reads the live ``reading`` table; the archive extends it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from app.models import Reading


def readings_between(
    meter_ids: Iterable[int] | None, start: dt.datetime, end: dt.datetime
) -> list[Reading]:
    """Readings with ``start <= taken_at < end`` (naive UTC), by meter then time.

    ``meter_ids`` None: every meter.
    """
    q = Reading.select().where((Reading.taken_at >= start) & (Reading.taken_at < end))
    if meter_ids is not None:
        q = q.where(Reading.meter.in_(list(meter_ids)))
    return list(q.order_by(Reading.meter, Reading.taken_at))
