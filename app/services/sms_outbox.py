"""The SMS outbox: what is owed to tenants, in what order it goes, and what became of it.

Every outgoing SMS is an ``SmsMessage`` row that moves queued -> sending ->
sent / failed, so a restart finds each where it was (``recover_sending`` puts
back the ones a crash caught mid-send). The modem worker (helper C's
``modem_worker``) calls, in its own thread:

- ``dispatch_wanted(now)``: each alarm the engine marked ``wanted`` becomes one
  queued message (one per level entered, never one per poll), or ``skipped``
  when SMS are off or the tenant has no mobile number;
- ``next_due(now)``: the next message to send, marked ``sending``; None in
  quiet hours (``sms.quiet_start``-``sms.quiet_end``, local time: what falls in
  them goes when they end), before a message's ``next_try_at``, or when its
  number had ``sms.daily_cap`` today (it waits for tomorrow). Replies to a
  tenant's own balance query go at once, quiet hours and cap or not (the
  query rate limit bounds them); they count towards the cap all the same;
- ``mark_sent`` / ``mark_failed``: failures wait ``sms.retry_base_s`` doubled
  per attempt and give up after ``sms.max_attempts`` (or at once, ``permanent``);
  ``put_back`` when the modem rather than the message failed (no try counted).

An alarm message whose alarm ended before it could go (the tenant recharged
during the night) is not sent: it is marked failed, saying so.
"""

from __future__ import annotations

import datetime as dt
import logging

from peewee import Case

from app import settings
from app.errors import QT_TRANSLATE_NOOP
from app.messages import Message
from app.models import Account, MeterState, Tenant
from app.models.alarms import Alarm, SmsMessage, SmsState
from app.models.site import utcnow
from app.serial_io.poll_store import load_status
from app.services import alarm_store, sms_text
from app.services.ledger import write_txn
from app.services.permissions import Actor, Permission, require
from app.services.schedule_times import local_zone, to_local, to_utc
from app.services.tenants import is_mobile, normalise_phone

log = logging.getLogger(__name__)

REPLY_KINDS = (sms_text.BALANCE_REPLY, sms_text.REFUSAL)  # answers: not held by quiet/cap
MAX_WAIT = dt.timedelta(hours=6)  # the longest back-off between two tries
ALARM_OVER = QT_TRANSLATE_NOOP("Errors", "not sent: the alarm ended before it could go")
GAVE_UP = QT_TRANSLATE_NOOP("Errors", "gave up after {attempts} tries: {error}")


# ---- queueing -----------------------------------------------------------------------
def queue(
    phone: str,
    body: str,
    kind: str,
    *,
    tenant_id: int | None = None,
    meter_id: int | None = None,
    alarm_id: int | None = None,
    at: dt.datetime | None = None,
) -> SmsMessage:
    """One outgoing message, queued; it goes as soon as ``next_due`` lets it."""
    return SmsMessage.create(
        direction="out",
        phone=normalise_phone(phone),
        body=body,
        kind=kind,
        state=SmsState.QUEUED,
        tenant=tenant_id,
        meter=meter_id,
        alarm=alarm_id,
        parts=sms_text.measure(body).parts,
        created_at=at or utcnow(),
    )


def dispatch_wanted(now: dt.datetime | None = None) -> int:
    """Turn every alarm marked ``wanted`` into a queued message (or ``skipped``); returns
    how many were queued. Each alarm is claimed in its own short transaction, so two
    callers never queue one alarm twice."""
    now = now or utcnow()
    queued = 0
    wanted = Alarm.select().where(Alarm.sms_state == alarm_store.SMS_WANTED).order_by(Alarm.id)
    for alarm in list(wanted):
        target = _alarm_message(alarm, now)  # reads (the forecast): outside the write
        with write_txn():
            state = alarm_store.SMS_QUEUED if target else alarm_store.SMS_SKIPPED
            claimed = (
                Alarm.update(sms_state=state)
                .where((Alarm.id == alarm.id) & (Alarm.sms_state == alarm_store.SMS_WANTED))
                .execute()
            )
            if claimed and target:
                tenant, body = target
                queue(
                    tenant.phone, body, alarm.kind,
                    tenant_id=tenant.id, meter_id=alarm.meter_id, alarm_id=alarm.id, at=now,
                )  # fmt: skip
                queued += 1
    return queued


def _alarm_message(
    alarm: Alarm, now: dt.datetime, balance: int | None = None
) -> tuple[Tenant, str] | None:
    """(tenant, text) owed for ``alarm``, or None: SMS off, no template for the kind,
    an alarm already over, no tenant on the meter or no mobile number on file. The balance
    is the one at the alarm's start unless ``balance`` (fen) is given."""
    if not settings.get("sms.enabled") or alarm.kind not in sms_text.KINDS:
        return None
    if alarm.ended_at is not None or alarm.meter_id is None:
        return None
    account = Account.active_for(alarm.meter_id)
    tenant = account.tenant if account else None
    if tenant is None or not is_mobile(tenant.phone):
        return None
    figure = alarm.value if balance is None else balance
    values = sms_text.meter_values(tenant, alarm.meter_id, figure, now)
    return tenant, sms_text.render(sms_text.template(alarm.kind), values)


HELD_S = 600  # an alarm SMS queued longer ago than this is written again when it goes


def _written_again(message: SmsMessage, now: dt.datetime) -> None:
    """An alarm SMS held (quiet hours, the daily cap, a modem that could not send) goes out
    with the balance and days left of now, not of when it was queued the evening before."""
    if message.alarm_id is None or (now - message.created_at).total_seconds() < HELD_S:
        return
    alarm = Alarm.get_or_none(Alarm.id == message.alarm_id)
    state = MeterState.get_or_none(MeterState.meter == message.meter_id)
    status = load_status(state.status_json) if state is not None else None
    if alarm is None or status is None:
        return
    fresh = _alarm_message(alarm, now, status.balance)
    if fresh is not None and fresh[1] != message.body:
        body = fresh[1]
        SmsMessage.update(body=body, parts=sms_text.measure(body).parts).where(
            SmsMessage.id == message.id
        ).execute()


# ---- sending order ------------------------------------------------------------------
def _minutes(hhmm: str) -> int | None:
    try:
        hours, minutes = (int(p) for p in hhmm.split(":"))
    except ValueError:
        return None
    return hours * 60 + minutes if 0 <= hours < 24 and 0 <= minutes < 60 else None


def quiet_until(now: dt.datetime) -> dt.datetime | None:
    """When the quiet hours around ``now`` (naive UTC) end, or None if ``now`` is not in them.

    A window that crosses midnight (22:00-08:00) counts from the evening before.
    Equal or unreadable start and end: no quiet hours.
    """
    start = _minutes(str(settings.get("sms.quiet_start")))
    end = _minutes(str(settings.get("sms.quiet_end")))
    if start is None or end is None or start == end:
        return None
    zone = local_zone()
    local = to_local(now, zone)
    minute = local.hour * 60 + local.minute
    inside = start <= minute < end if start < end else minute >= start or minute < end
    if not inside:
        return None
    end_day = local.date() if minute < end else local.date() + dt.timedelta(days=1)
    end_at = dt.datetime.combine(end_day, dt.time(end // 60, end % 60))
    return to_utc(end_at, zone)


def _day_bounds(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The local day around ``now`` as naive UTC [start, end)."""
    zone = local_zone()
    day = to_local(now, zone).date()
    start = dt.datetime.combine(day, dt.time.min)
    return to_utc(start, zone), to_utc(start + dt.timedelta(days=1), zone)


def sent_today(phone: str, now: dt.datetime) -> int:
    """Messages sent (or being sent) to ``phone`` on the local day of ``now``."""
    start, end = _day_bounds(now)
    sent = (SmsMessage.state == SmsState.SENT) & SmsMessage.sent_at.between(start, end)
    return (
        SmsMessage.select()
        .where(
            (SmsMessage.direction == "out")
            & (SmsMessage.phone == phone)
            & (sent | (SmsMessage.state == SmsState.SENDING))
        )
        .count()
    )


def next_due(now: dt.datetime | None = None) -> SmsMessage | None:
    """The next message to send, already marked ``sending`` (its attempt counted); None
    if nothing may go now. Oldest first; replies to queries before alarms."""
    now = now or utcnow()
    quiet = quiet_until(now) is not None
    cap = int(settings.get("sms.daily_cap"))
    due = (
        SmsMessage.select()
        .where(
            (SmsMessage.direction == "out")
            & (SmsMessage.state == SmsState.QUEUED)
            & (SmsMessage.next_try_at.is_null() | (SmsMessage.next_try_at <= now))
        )
        .order_by(SmsMessage.kind.in_(REPLY_KINDS).desc(), SmsMessage.id)
    )
    if quiet:
        due = due.where(SmsMessage.kind.in_(REPLY_KINDS))
    for message in list(due.limit(100)):
        with write_txn():
            if _alarm_over(message):
                _finish(message.id, SmsState.FAILED, now, Message(ALARM_OVER))
                continue
            if message.kind not in REPLY_KINDS and sent_today(message.phone, now) >= cap:
                tomorrow = _day_bounds(now)[1]
                SmsMessage.update(next_try_at=tomorrow).where(SmsMessage.id == message.id).execute()
                continue
            taken = (
                SmsMessage.update(state=SmsState.SENDING, attempts=SmsMessage.attempts + 1)
                .where((SmsMessage.id == message.id) & (SmsMessage.state == SmsState.QUEUED))
                .execute()
            )
        if taken:
            # written again after the claim's transaction: the forecast's reads need not
            # hold the write lock (the message is ours, ``sending``, nobody else touches it)
            _written_again(message, now)
            return SmsMessage.get_by_id(message.id)
    return None


def _alarm_over(message: SmsMessage) -> bool:
    if message.alarm_id is None:
        return False
    alarm = Alarm.get_or_none(Alarm.id == message.alarm_id)
    return alarm is not None and alarm.ended_at is not None


# ---- outcomes -----------------------------------------------------------------------
def _finish(message_id: int, state: str, at: dt.datetime, error: Message | None = None) -> None:
    changes: dict = {"state": state, "next_try_at": None}
    if state == SmsState.SENT:
        changes["sent_at"] = at
    if error is not None:
        changes["error"] = error.to_json()
    SmsMessage.update(**changes).where(SmsMessage.id == message_id).execute()


def mark_sent(message_id: int, at: dt.datetime | None = None) -> None:
    _finish(message_id, SmsState.SENT, at or utcnow())


def mark_failed(
    message_id: int, error: Message, permanent: bool = False, at: dt.datetime | None = None
) -> str:
    """Record a failed try: queued again after the back-off, or failed for good (after
    ``sms.max_attempts`` tries, or ``permanent``). Returns the new state."""
    at = at or utcnow()
    message = SmsMessage.get_by_id(message_id)
    attempts = max(message.attempts, 1)
    if permanent or attempts >= int(settings.get("sms.max_attempts")):
        final = Message(GAVE_UP, {"attempts": attempts, "error": error.text()})
        _finish(message_id, SmsState.FAILED, at, error if permanent else final)
        log.info("SMS %s to %s given up: %s", message_id, message.phone, error.text())
        return SmsState.FAILED
    wait = dt.timedelta(seconds=int(settings.get("sms.retry_base_s")) * 2 ** (attempts - 1))
    SmsMessage.update(
        state=SmsState.QUEUED, next_try_at=at + min(wait, MAX_WAIT), error=error.to_json()
    ).where(SmsMessage.id == message_id).execute()
    return SmsState.QUEUED


def put_back(message_id: int, error: Message, at: dt.datetime | None = None) -> None:
    """The modem, not the message, failed (network lost, SIM gone mid-send): queued again
    at once, the try not counted, so a flapping modem never makes an arrears warning give
    up; it goes when the modem is back."""
    SmsMessage.update(
        state=SmsState.QUEUED,
        attempts=Case(None, ((SmsMessage.attempts > 0, SmsMessage.attempts - 1),), 0),
        next_try_at=None,
        error=error.to_json(),
    ).where((SmsMessage.id == message_id) & (SmsMessage.state == SmsState.SENDING)).execute()


def recover_sending() -> int:
    """After a restart: messages left ``sending`` go back to the queue (the modem may or
    may not have sent them; a second copy beats a warning never given). Returns how many."""
    return (
        SmsMessage.update(state=SmsState.QUEUED)
        .where((SmsMessage.direction == "out") & (SmsMessage.state == SmsState.SENDING))
        .execute()
    )


# ---- the record ---------------------------------------------------------------------
def tenant_messages(actor: Actor, tenant_id: int, limit: int = 200) -> list[SmsMessage]:
    """Every SMS to or from the tenant, newest first (the tenant detail's record)."""
    require(actor, Permission.ACCOUNTS)
    return list(
        SmsMessage.select()
        .where(SmsMessage.tenant == tenant_id)
        .order_by(SmsMessage.created_at.desc(), SmsMessage.id.desc())
        .limit(limit)
    )
