"""Online self-purchase (issue #16): orders and every word from a payment provider.

A ``PayOrder`` is written before the provider is asked (order number unique,
amount in fen, meter, tenant, provider) and moves through ``OrderState``; the
sale that credits it is a ledger entry whose ``reason`` is the order number
(so a restart finds it), linked here as ``entry``. A ``PayEvent`` keeps every
notification, query, refund and statement answer as received (verified or
not) for the audit and the reconciliation. Created by schema migration 9.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from app.models.base import BaseModel
from app.models.ledger import LedgerEntry
from app.models.site import Meter, utcnow
from app.models.tenants import Tenant


class OrderState:
    CREATED = "created"  # written, the provider not asked yet
    PAYING = "paying"  # the provider gave a QR code / page: waiting for the tenant
    PAID = "paid"  # the provider says paid (notification or query), amount matches
    CREDITING = "crediting"  # a sale is being made (or waits for the meter)
    CREDITED = "credited"  # the sale is confirmed: done
    REFUND_PENDING = "refund_pending"  # cannot be credited: a refund is asked / to be asked
    REFUNDED = "refunded"  # the provider confirmed the refund: done
    CLOSED = "closed"  # never paid, closed at the provider: done

    OPEN = (CREATED, PAYING, PAID, CREDITING, REFUND_PENDING)
    ALL = (CREATED, PAYING, PAID, CREDITING, CREDITED, REFUND_PENDING, REFUNDED, CLOSED)


class PayOrder(BaseModel):
    id = AutoField()
    order_no = CharField(unique=True, max_length=32)
    tenant = ForeignKeyField(Tenant, backref="pay_orders", on_delete="RESTRICT")
    meter = ForeignKeyField(Meter, backref="pay_orders", on_delete="RESTRICT")
    amount = IntegerField()  # fen
    provider = CharField(max_length=8)  # wechat | alipay
    channel = CharField(max_length=8)  # kiosk (QR) | phone (page)
    state = CharField(max_length=16, index=True)
    checkout = TextField(default="")  # the QR content or page URL the provider gave
    provider_txn = CharField(default="")  # the provider's transaction id
    paid_amount = IntegerField(null=True)  # fen, as the provider says it was paid
    entry = ForeignKeyField(LedgerEntry, null=True, backref="pay_order", on_delete="RESTRICT")
    refund_no = CharField(default="")
    reason = TextField(default="")  # why refunded / closed: a Message as JSON
    created_at = DateTimeField(default=utcnow, index=True)
    paid_at = DateTimeField(null=True)
    credited_at = DateTimeField(null=True)
    finished_at = DateTimeField(null=True)  # credited, refunded or closed
    next_check_at = DateTimeField(null=True, index=True)  # the payment service looks again then
    attempts = IntegerField(default=0)

    class Meta:
        table_name = "pay_order"


class PayEvent(BaseModel):
    id = AutoField()
    order = ForeignKeyField(PayOrder, null=True, backref="events", on_delete="RESTRICT")
    provider = CharField(max_length=8)
    kind = CharField(max_length=16)  # notify | query | close | refund | statement
    received_at = DateTimeField(default=utcnow, index=True)
    verified = BooleanField(default=False)
    body = TextField(default="")  # as received (a notification) or our summary of the answer
    outcome = CharField(default="")  # what it changed: "paid", "duplicate", "forged", ...

    class Meta:
        table_name = "pay_event"
