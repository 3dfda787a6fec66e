"""Yuan strings as the providers write them ("12.30") <-> integer fen, and their times."""

from __future__ import annotations

import datetime as dt

BEIJING = dt.timezone(dt.timedelta(hours=8))  # both providers write China Standard Time


def yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def fen(text: str) -> int:
    """ "12.3" -> 1230; exact (no float)."""
    whole, _, part = str(text).strip().partition(".")
    return int(whole or 0) * 100 + int((part + "00")[:2])


def utc_naive(moment: dt.datetime) -> dt.datetime:
    """An aware time (or a naive Beijing wall-clock time) as naive UTC, as the DB keeps it."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=BEIJING)
    return moment.astimezone(dt.UTC).replace(tzinfo=None)
