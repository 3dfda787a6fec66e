"""Alarms, the SMS outbox and inbox, and leases of site-wide services (issue #13).

An ``Alarm`` is one episode of one kind on one meter (or on the site, for the
modem): raised at ``started_at``, cleared at ``ended_at`` (None while it
lasts), acknowledged by an operator with a note. It is never edited except to
end it, acknowledge it and move its SMS state. ``sms_state`` says what the
SMS side owes it: ``wanted`` (the engine entered a level that tells the
tenant), ``queued`` (an ``SmsMessage`` was made), ``none`` / ``skipped``
(nothing to send, or nobody to send it to).

``SmsMessage`` is every SMS in either direction: outgoing ones go through
queued -> sending -> sent / failed (retried with back-off until
``next_try_at``; a restart finds them where they were); incoming ones are
``received`` and then ``answered`` / ``ignored``.

``ServiceLease`` is ``BusLease`` for a service that is not a bus (the GSM
modem, the archiver): one process holds it at a time. All created by schema
migration 7.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from app.models.base import BaseModel
from app.models.site import Meter, utcnow
from app.models.tenants import Tenant


class AlarmKind:
    """Every kind of alarm, by the name stored in ``Alarm.kind``."""

    ALARM1 = "alarm1"  # balance at or below alarm 1 (yellow)
    ALARM2 = "alarm2"  # balance at or below alarm 2 (orange)
    ARREARS = "arrears"  # balance at or below zero (red)
    OFFLINE = "offline"  # N missed polls
    OVERLOAD = "overload"  # the meter tripped on overload
    COVER_OPEN = "cover_open"
    PURCHASE_MISMATCH = "purchase_mismatch"  # the meter's purchase count is not the ledger's
    PARAMS = "params"  # parameters not in sync
    MODEM = "modem"  # the GSM modem cannot send (no SIM, no network, silent): site-wide
    BACKUP = "backup"  # the last nightly backup or archive run failed: site-wide

    BALANCE = (ALARM1, ALARM2, ARREARS)  # one level each; each tells the tenant by SMS
    ALL = (ALARM1, ALARM2, ARREARS, OFFLINE, OVERLOAD, COVER_OPEN, PURCHASE_MISMATCH, PARAMS, MODEM,
           BACKUP)  # fmt: skip


class Level:
    """Severity, coloured as the grid: 1 yellow, 2 orange, 3 red."""

    WARNING = 1
    SERIOUS = 2
    CRITICAL = 3


class SmsState:
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"  # gave up after the last retry, or refused for good
    RECEIVED = "received"  # incoming, not handled yet
    ANSWERED = "answered"  # incoming, a reply was queued
    IGNORED = "ignored"  # incoming, from an unknown number or over the rate limit


class Alarm(BaseModel):
    id = AutoField()
    meter = ForeignKeyField(Meter, null=True, backref="alarms", on_delete="CASCADE")
    kind = CharField(max_length=24)  # AlarmKind
    level = IntegerField()  # Level
    started_at = DateTimeField(default=utcnow, index=True)
    ended_at = DateTimeField(null=True, index=True)
    value = IntegerField(null=True)  # the balance in fen at entry (balance kinds), else None
    detail = TextField(default="")  # a Message as JSON (app/messages.py), or ""
    acked_by = CharField(default="")  # operator name
    acked_at = DateTimeField(null=True)
    ack_note = CharField(default="")
    sms_state = CharField(max_length=10, default="none", index=True)  # none|wanted|queued|skipped

    class Meta:
        indexes = ((("meter", "kind", "ended_at"), False),)


class SmsMessage(BaseModel):
    id = AutoField()
    direction = CharField(max_length=3)  # out | in
    phone = CharField(max_length=24)  # as the modem gives it or as stored for the tenant
    body = TextField()
    kind = CharField(max_length=24)  # an AlarmKind, "balance_reply", "refusal", "incoming", "test"
    state = CharField(max_length=10, index=True)  # SmsState
    tenant = ForeignKeyField(Tenant, null=True, backref="sms", on_delete="SET NULL")
    meter = ForeignKeyField(Meter, null=True, backref="sms", on_delete="SET NULL")
    alarm = ForeignKeyField(Alarm, null=True, backref="sms", on_delete="SET NULL")
    parts = IntegerField(default=1)  # SMS parts it takes (concatenated long message)
    attempts = IntegerField(default=0)
    next_try_at = DateTimeField(null=True, index=True)  # queued: not before this (back-off, quiet)
    created_at = DateTimeField(default=utcnow, index=True)
    sent_at = DateTimeField(null=True)  # sent (out) or received by the modem (in)
    error = TextField(default="")  # the last failure, a Message as JSON

    class Meta:
        table_name = "sms_message"
        indexes = ((("phone", "created_at"), False),)


class ServiceLease(BaseModel):
    name = CharField(primary_key=True, max_length=32)  # "modem", "archiver", ...
    owner = CharField()  # "host:pid:token", as BusLease
    kind = CharField(max_length=16)  # collector, gui or cli
    acquired_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField()
    status_json = TextField(default="")  # the holder's last word on its state (modem: signal...)

    class Meta:
        table_name = "service_lease"
