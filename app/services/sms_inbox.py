"""Incoming SMS: a tenant texts a keyword and gets the balance back (issue #13 item 6).

``handle_incoming(phone, text, at)`` is called by the modem worker for each
message it reads off the modem. Every incoming message is kept (the tenant
detail shows it); what it leads to:

- a keyword (``sms.query_keywords``, e.g. "YE" or "余额", case and spaces
  ignored) from the phone number on file of an open tenant: one reply listing
  each of their meters with balance, days left and last recharge (template
  ``balance_reply``), queued in the outbox -> ``answered``;
- a keyword from a number on nobody's file: a polite refusal when
  ``sms.reply_unknown`` is on, else nothing -> ``answered`` / ``ignored``;
- more than ``sms.query_per_hour`` answered queries from one number within an
  hour, or any other text: nothing -> ``ignored``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from app import settings
from app.models import Account, MeterState, Tenant, db
from app.models.alarms import SmsMessage, SmsState
from app.models.site import utcnow
from app.serial_io.poll_store import load_status
from app.services import sms_outbox, sms_text
from app.services.tenants import normalise_phone

log = logging.getLogger(__name__)

INCOMING = "incoming"
IGNORED_UNKNOWN, IGNORED_TEXT, IGNORED_RATE = "unknown number", "not a query", "rate limit"
_SEPARATORS = re.compile(r"[,，;；\s]+")
_NOISE = re.compile(r"[\s.。!！?？]+")


@dataclass(frozen=True)
class Handled:
    incoming_id: int
    state: str  # SmsState.ANSWERED or SmsState.IGNORED
    reply_id: int | None = None
    why: str = ""  # for the log: which of the IGNORED_* reasons


def keywords() -> set[str]:
    """The query keywords, upper-cased (comma, semicolon or space separated in the setting)."""
    raw = str(settings.get("sms.query_keywords"))
    return {word.upper() for word in _SEPARATORS.split(raw) if word}


def is_query(text: str) -> bool:
    return _NOISE.sub("", text).upper() in keywords()


def tenants_by_phone(phone: str) -> list[Tenant]:
    """Open tenants whose number on file is ``phone`` (normalised on both sides)."""
    phone = normalise_phone(phone)
    if not phone:
        return []
    return list(
        Tenant.select()
        .where((Tenant.phone == phone) & Tenant.closed_at.is_null())
        .order_by(Tenant.id)
    )


def answered_within_hour(phone: str, now: dt.datetime) -> int:
    return (
        SmsMessage.select()
        .where(
            (SmsMessage.direction == "in")
            & (SmsMessage.phone == phone)
            & (SmsMessage.state == SmsState.ANSWERED)
            & (SmsMessage.created_at > now - dt.timedelta(hours=1))
        )
        .count()
    )


def handle_incoming(phone: str, text: str, at: dt.datetime | None = None) -> Handled:
    """Keep one incoming SMS and answer it if it is a query we may answer (see module doc)."""
    at = at or utcnow()
    phone = normalise_phone(phone)
    tenants = tenants_by_phone(phone)
    query = is_query(text)
    rated = query and answered_within_hour(phone, at) >= int(settings.get("sms.query_per_hour"))
    body: str | None = None
    if not query:
        why = IGNORED_TEXT
    elif rated:
        why = IGNORED_RATE
    elif tenants:
        why, body, kind = "", balance_reply(tenants, at), sms_text.BALANCE_REPLY
    elif settings.get("sms.reply_unknown"):
        why, kind = "", sms_text.REFUSAL
        body = sms_text.render(sms_text.template(sms_text.REFUSAL), sms_text.site_values())
    else:
        why = IGNORED_UNKNOWN
    tenant_id = tenants[0].id if tenants else None
    with db.atomic():
        incoming = SmsMessage.create(
            direction="in",
            phone=phone,
            body=text,
            kind=INCOMING,
            state=SmsState.ANSWERED if body else SmsState.IGNORED,
            tenant=tenant_id,
            created_at=at,
            sent_at=at,
        )
        reply = None
        if body:
            reply = sms_outbox.queue(phone, body, kind, tenant_id=tenant_id, at=at)
    if why:
        log.info("incoming SMS from %s ignored: %s", phone, why)
    return Handled(incoming.id, incoming.state, reply.id if reply else None, why)


def balance_reply(tenants: list[Tenant], now: dt.datetime) -> str:
    """One text for every open meter of ``tenants``: the template once per meter, a line each."""
    template = sms_text.template(sms_text.BALANCE_REPLY)
    lines = []
    for tenant in tenants:
        accounts = Account.select().where(
            (Account.tenant == tenant.id) & Account.closed_at.is_null()
        )
        for account in accounts.order_by(Account.id):
            values = sms_text.meter_values(
                tenant, account.meter_id, _balance(account.meter_id), now
            )
            lines.append(sms_text.render(template, values))
    if not lines:  # a tenant with no meter open: still an answer, with what we know
        values = {**sms_text.site_values(), "tenant": tenants[0].name}
        lines.append(sms_text.render(template, values))
    return "\n".join(lines)


def _balance(meter_id: int) -> int | None:
    state = MeterState.get_or_none(MeterState.meter == meter_id)
    status = load_status(state.status_json) if state else None
    return status.balance if status else None
