"""The alarm list and report: alarms by period, kind, level, building, acknowledged (issue #13).

Read-only apart from ``acknowledge``, which goes through ``alarm_store`` (the one
writer of ``Alarm`` rows) and the system log. An alarm is in a period when it
was active at some time inside it: it started before the period's end and had
not ended before its start (an alarm still open counts up to now). Dates are the
site PC's local calendar days; the database holds naive UTC.

Rows carry the meter, the tenant who held it when the alarm started (else the
one holding it now), the start, the end, how long it lasted (open ones: until
``now``), the acknowledgement and what the SMS side did for it (the newest
outgoing ``SmsMessage`` of the alarm). Pages come newest first by keyset
(``before_id``); the export walks every page. Every call checks
``Permission.ALARMS``. No Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from peewee import JOIN, fn

from app.errors import QT_TRANSLATE_NOOP, ValidationError
from app.messages import Message
from app.models import Account, Building, Meter, Tenant
from app.models.alarms import Alarm, AlarmKind, Level, SmsMessage
from app.models.site import utcnow
from app.models.txn import write_txn
from app.services import alarm_store
from app.services.audit import log_action, log_message
from app.services.permissions import Actor, Permission, require
from app.services.receipts import local_time
from app.services.reports.period import BAD_PERIOD, day_start_utc

PAGE_SIZE = 500
NOTE_MAX = 200  # characters of an acknowledgement note

CURRENT, PAST = "current", "past"  # AlarmFilter.state: open now / ended ("" both)

KIND_LABELS = {
    AlarmKind.ALARM1: QT_TRANSLATE_NOOP("AlarmReport", "Alarm 1"),
    AlarmKind.ALARM2: QT_TRANSLATE_NOOP("AlarmReport", "Alarm 2"),
    AlarmKind.ARREARS: QT_TRANSLATE_NOOP("AlarmReport", "Arrears"),
    AlarmKind.OFFLINE: QT_TRANSLATE_NOOP("AlarmReport", "Offline"),
    AlarmKind.OVERLOAD: QT_TRANSLATE_NOOP("AlarmReport", "Overload trip"),
    AlarmKind.COVER_OPEN: QT_TRANSLATE_NOOP("AlarmReport", "Cover open"),
    AlarmKind.PURCHASE_MISMATCH: QT_TRANSLATE_NOOP("AlarmReport", "Purchase count mismatch"),
    AlarmKind.PARAMS: QT_TRANSLATE_NOOP("AlarmReport", "Parameters not in sync"),
    AlarmKind.MODEM: QT_TRANSLATE_NOOP("AlarmReport", "GSM modem"),
    AlarmKind.BACKUP: QT_TRANSLATE_NOOP("AlarmReport", "Nightly backup or archive failed"),
}
LEVEL_LABELS = {
    Level.WARNING: QT_TRANSLATE_NOOP("AlarmReport", "Warning"),
    Level.SERIOUS: QT_TRANSLATE_NOOP("AlarmReport", "Serious"),
    Level.CRITICAL: QT_TRANSLATE_NOOP("AlarmReport", "Critical"),
}
# What the SMS side did for an alarm: an outgoing message's state, else the alarm's own.
SMS_LABELS = {
    "": "",
    "wanted": QT_TRANSLATE_NOOP("AlarmReport", "to be sent"),
    "skipped": QT_TRANSLATE_NOOP("AlarmReport", "not sent (no phone or SMS off)"),
    "queued": QT_TRANSLATE_NOOP("AlarmReport", "queued"),
    "sending": QT_TRANSLATE_NOOP("AlarmReport", "sending"),
    "sent": QT_TRANSLATE_NOOP("AlarmReport", "sent"),
    "failed": QT_TRANSLATE_NOOP("AlarmReport", "failed"),
}
NOTE_TOO_LONG = QT_TRANSLATE_NOOP("Errors", "the note is longer than {max} characters")
ACK_TARGET = QT_TRANSLATE_NOOP("SystemLog", "{count} alarms")
ACK_DETAIL = QT_TRANSLATE_NOOP("SystemLog", "alarms {ids}: {note}")


@dataclass(frozen=True)
class AlarmFilter:
    date_from: dt.date | None = None
    date_to: dt.date | None = None  # inclusive
    kinds: tuple[str, ...] = ()
    levels: tuple[int, ...] = ()
    building_id: int | None = None
    acknowledged: bool | None = None  # None: both
    state: str = ""  # CURRENT, PAST or "" (both)


@dataclass(frozen=True)
class AlarmRow:
    alarm_id: int
    meter_id: int | None  # None: the site (the modem)
    meter_no: str
    building: str
    tenant_name: str
    account_no: str
    kind: str
    level: int
    started_at: dt.datetime  # local time
    ended_at: dt.datetime | None  # local time; None while it lasts
    duration: dt.timedelta  # to the end, or to ``now`` while it lasts
    value: int | None  # balance in fen at entry (balance kinds)
    detail: Message | None
    acked_by: str
    acked_at: dt.datetime | None  # local time
    ack_note: str
    sms_state: str  # a SMS_LABELS key
    sms_at: dt.datetime | None  # local time the SMS was sent

    @property
    def current(self) -> bool:
        return self.ended_at is None

    @property
    def acknowledged(self) -> bool:
        return self.acked_at is not None


def _query(flt: AlarmFilter):
    q = (
        Alarm.select(Alarm, Meter, Building)
        .join(Meter, JOIN.LEFT_OUTER, on=(Alarm.meter == Meter.id))
        .join(Building, JOIN.LEFT_OUTER, on=(Meter.building == Building.id))
    )
    if flt.date_from and flt.date_to and flt.date_to < flt.date_from:
        raise ValidationError(BAD_PERIOD, to=flt.date_to.isoformat(), start=flt.date_from)
    if flt.date_from is not None:
        start = day_start_utc(flt.date_from)
        q = q.where(Alarm.ended_at.is_null() | (Alarm.ended_at >= start))
    if flt.date_to is not None:
        q = q.where(Alarm.started_at < day_start_utc(flt.date_to + dt.timedelta(days=1)))
    if flt.kinds:
        q = q.where(Alarm.kind.in_(list(flt.kinds)))
    if flt.levels:
        q = q.where(Alarm.level.in_(list(flt.levels)))
    if flt.building_id is not None:
        q = q.where(Meter.building == flt.building_id)
    if flt.acknowledged is not None:
        q = q.where(Alarm.acked_at.is_null(not flt.acknowledged))
    if flt.state == CURRENT:
        q = q.where(Alarm.ended_at.is_null())
    elif flt.state == PAST:
        q = q.where(Alarm.ended_at.is_null(False))
    return q


def _tenants(alarms: list[Alarm]) -> dict[int, Tenant]:
    """alarm id -> the tenant whose account held the meter when it started (else the newest)."""
    meter_ids = {a.meter_id for a in alarms if a.meter_id is not None}
    if not meter_ids:
        return {}
    accounts: dict[int, list[Account]] = {}
    q = Account.select(Account, Tenant).join(Tenant).where(Account.meter.in_(list(meter_ids)))
    for acc in q.order_by(Account.id):
        accounts.setdefault(acc.meter_id, []).append(acc)
    out: dict[int, Tenant] = {}
    for alarm in alarms:
        held = accounts.get(alarm.meter_id, [])
        at = alarm.started_at
        during = [
            a for a in held if a.opened_at <= at and (a.closed_at is None or a.closed_at > at)
        ]
        chosen = (during or [a for a in held if a.closed_at is None] or [None])[-1]
        if chosen is not None:
            out[alarm.id] = chosen.tenant
    return out


def _sms(alarm_ids: list[int]) -> dict[int, SmsMessage]:
    """alarm id -> its newest outgoing message."""
    if not alarm_ids:
        return {}
    newest = (
        SmsMessage.select(fn.MAX(SmsMessage.id))
        .where(SmsMessage.alarm.in_(alarm_ids) & (SmsMessage.direction == "out"))
        .group_by(SmsMessage.alarm)
    )
    return {m.alarm_id: m for m in SmsMessage.select().where(SmsMessage.id.in_(newest))}


def _rows(alarms: list[Alarm], now: dt.datetime) -> list[AlarmRow]:
    tenants = _tenants(alarms)
    sms = _sms([a.id for a in alarms])
    rows = []
    for a in alarms:
        meter = a.meter if a.meter_id is not None else None
        tenant = tenants.get(a.id)
        message = sms.get(a.id)
        if message is not None:
            sms_state, sms_at = message.state, message.sent_at
        else:
            sms_state = a.sms_state if a.sms_state in ("wanted", "skipped") else ""
            sms_at = None
        rows.append(
            AlarmRow(
                alarm_id=a.id,
                meter_id=a.meter_id,
                meter_no=meter.number if meter else "",
                building=meter.building.name if meter and meter.building_id else "",
                tenant_name=tenant.name if tenant else "",
                account_no=tenant.account_no if tenant else "",
                kind=a.kind,
                level=a.level,
                started_at=local_time(a.started_at),
                ended_at=local_time(a.ended_at) if a.ended_at else None,
                duration=max((a.ended_at or now) - a.started_at, dt.timedelta(0)),
                value=a.value,
                detail=Message.from_json(a.detail),
                acked_by=a.acked_by,
                acked_at=local_time(a.acked_at) if a.acked_at else None,
                ack_note=a.ack_note,
                sms_state=sms_state,
                sms_at=local_time(sms_at) if sms_at else None,
            )
        )
    return rows


def fetch_alarms(
    actor: Actor,
    flt: AlarmFilter,
    before_id: int | None = None,
    limit: int = PAGE_SIZE,
    now: dt.datetime | None = None,
) -> list[AlarmRow]:
    """One page of alarms, newest first, older than ``before_id`` (keyset paging)."""
    require(actor, Permission.ALARMS)
    q = _query(flt)
    if before_id is not None:
        q = q.where(Alarm.id < before_id)
    alarms = list(q.order_by(Alarm.id.desc()).limit(limit))
    return _rows(alarms, now or utcnow())


def count_alarms(actor: Actor, flt: AlarmFilter) -> int:
    require(actor, Permission.ALARMS)
    return _query(flt).count()


def all_alarms(
    actor: Actor, flt: AlarmFilter, now: dt.datetime | None = None
) -> Iterator[AlarmRow]:
    """Every alarm the filter takes, newest first, a page at a time (the export)."""
    now = now or utcnow()
    before = None
    while True:
        page = fetch_alarms(actor, flt, before, PAGE_SIZE, now)
        yield from page
        if len(page) < PAGE_SIZE:
            return
        before = page[-1].alarm_id


def buildings(actor: Actor) -> list[tuple[int, str]]:
    """(id, name) of every building, by name (the building filter's choices)."""
    require(actor, Permission.ALARMS)
    return [(b.id, b.name) for b in Building.select().order_by(Building.name)]


def unacknowledged(actor: Actor) -> int:
    """How many alarms nobody acknowledged yet (the status bar's count)."""
    require(actor, Permission.ALARMS)
    return alarm_store.unacknowledged_count()


def acknowledge(actor: Actor, alarm_ids, note: str = "", at: dt.datetime | None = None) -> int:
    """Acknowledge the given alarms not acknowledged yet, with ``note``; how many were."""
    require(actor, Permission.ALARMS)
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ValidationError(NOTE_TOO_LONG, max=NOTE_MAX)
    ids = sorted(set(alarm_ids))
    if not ids:
        return 0
    with write_txn():  # the log names exactly the alarms acknowledged here
        pending = [
            a.id
            for a in Alarm.select(Alarm.id)
            .where(Alarm.id.in_(ids) & Alarm.acked_at.is_null())
            .order_by(Alarm.id)
        ]
        done = alarm_store.acknowledge(pending, actor.name, note, at=at)
        if done:
            shown = ", ".join(str(i) for i in pending[:20]) + (" …" if len(pending) > 20 else "")
            log_action(
                actor,
                "alarm.acknowledge",
                log_message(ACK_TARGET, count=done),
                "ok",
                log_message(ACK_DETAIL, ids=shown, note=note),
            )
    return done
