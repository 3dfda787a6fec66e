"""Alarm rows: raise, clear, acknowledge, and what is open now (issue #13).

The one place that writes ``Alarm`` rows, so that every writer (the alarm
engine in a bus worker's thread, the modem service, a verify run) keeps the
rule "at most one open alarm of a kind per meter (or per site)". Raising a
kind that is already open returns the open one; clearing one that is not open
does nothing. Only the end, the acknowledgement and the SMS state of a row
ever change.
"""

from __future__ import annotations

import datetime as dt

from app.messages import Message
from app.models.alarms import Alarm, AlarmKind
from app.models.site import utcnow
from app.services.ledger import write_txn

SMS_NONE, SMS_WANTED, SMS_QUEUED, SMS_SKIPPED = "none", "wanted", "queued", "skipped"


def _open_query(meter_id: int | None, kind: str):
    meter = Alarm.meter.is_null() if meter_id is None else Alarm.meter == meter_id
    return Alarm.select().where(meter & (Alarm.kind == kind) & Alarm.ended_at.is_null())


def open_alarm(meter_id: int | None, kind: str) -> Alarm | None:
    return _open_query(meter_id, kind).first()


def raise_alarm(
    meter_id: int | None,
    kind: str,
    level: int,
    *,
    value: int | None = None,
    detail: Message | None = None,
    sms: bool = False,
    at: dt.datetime | None = None,
) -> tuple[Alarm, bool]:
    """The open alarm of ``kind`` on ``meter_id`` (None: the site), made if none is open.

    Returns (alarm, new). ``sms`` marks a new one ``wanted`` for the SMS side.
    """
    with write_txn():
        current = open_alarm(meter_id, kind)
        if current is not None:
            return current, False
        alarm = Alarm.create(
            meter=meter_id,
            kind=kind,
            level=level,
            started_at=at or utcnow(),
            value=value,
            detail=detail.to_json() if detail is not None else "",
            sms_state=SMS_WANTED if sms else SMS_NONE,
        )
        return alarm, True


def clear_alarm(meter_id: int | None, kind: str, at: dt.datetime | None = None) -> int:
    """End the open alarm of ``kind`` (if any); returns how many rows ended (0 or 1)."""
    meter = Alarm.meter.is_null() if meter_id is None else Alarm.meter == meter_id
    return (
        Alarm.update(ended_at=at or utcnow())
        .where(meter & (Alarm.kind == kind) & Alarm.ended_at.is_null())
        .execute()
    )


def acknowledge(alarm_ids, operator: str, note: str = "", at: dt.datetime | None = None) -> int:
    """Acknowledge the given alarms not acknowledged yet; returns how many were."""
    ids = list(alarm_ids)
    if not ids:
        return 0
    return (
        Alarm.update(acked_by=operator, acked_at=at or utcnow(), ack_note=note)
        .where(Alarm.id.in_(ids) & Alarm.acked_at.is_null())
        .execute()
    )


def unacknowledged_count() -> int:
    """Alarms nobody acknowledged yet, open or ended (the status bar's count)."""
    return Alarm.select().where(Alarm.acked_at.is_null()).count()


def meters_with_unacknowledged() -> set[int]:
    """Meters that have an alarm nobody acknowledged (the tile's mark)."""
    q = Alarm.select(Alarm.meter).where(Alarm.acked_at.is_null() & Alarm.meter.is_null(False))
    return {row.meter_id for row in q.distinct()}


__all__ = ["AlarmKind", "acknowledge", "clear_alarm", "open_alarm", "raise_alarm"]


def apply_changes(changes) -> None:
    """Many raises and clears in order, as few statements as the rule allows.

    ``changes``: (meter_id, kind, start, at, level, value, sms) tuples. The rule
    of ``raise_alarm`` / ``clear_alarm`` holds (a raise of an open kind does
    nothing, a clear of a kind not open does nothing), but the open alarms are
    looked up once and new rows go in one ``insert_many``: a bus worker's first
    flush after a start raises hundreds at once, and a savepoint and a select
    each kept the write lock long enough for other workers to time out.
    """
    changes = list(changes)
    if not changes:
        return
    meters = sorted({c[0] for c in changes})
    is_open: set[tuple[int, str]] = set()
    for i in range(0, len(meters), 500):
        q = Alarm.select(Alarm.meter, Alarm.kind).where(
            Alarm.meter.in_(meters[i : i + 500]) & Alarm.ended_at.is_null()
        )
        is_open.update(q.tuples())
    new: dict[tuple[int, str], dict] = {}  # raised in this batch, not written yet
    ended_new: list[dict] = []  # raised and ended within the batch: kept, as ended alarms
    ends: list[tuple[int, str, dt.datetime]] = []
    for meter_id, kind, start, at, level, value, sms in changes:
        key = (meter_id, kind)
        if start and key not in is_open:
            is_open.add(key)
            new[key] = dict(
                meter=meter_id, kind=kind, level=level, started_at=at, value=value,
                detail="", sms_state=SMS_WANTED if sms else SMS_NONE, ended_at=None,
            )  # fmt: skip
        elif not start and key in is_open:
            is_open.discard(key)
            row = new.pop(key, None)
            if row is None:
                ends.append((meter_id, kind, at))
            else:
                row["ended_at"] = at
                ended_new.append(row)
    rows = ended_new + list(new.values())
    if rows:
        Alarm.insert_many(rows).execute()
    for meter_id, kind, at in ends:
        clear_alarm(meter_id, kind, at=at)
