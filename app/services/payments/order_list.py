"""The cashier's view of online orders (issue #16): open ones first, their refunds and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.messages import Message
from app.models import Meter, Tenant
from app.models.payments import OrderState, PayOrder
from app.services.permissions import Actor, Permission, require
from app.services.schedule_times import local_zone, to_local


@dataclass(frozen=True)
class OrderRow:
    order_no: str
    created: dt.datetime  # local time
    meter_no: str
    tenant: str
    amount: int
    provider: str
    channel: str
    state: str
    receipt_no: str
    refund_no: str
    reason: Message | None


def list_orders(actor: Actor, open_only: bool = False, limit: int = 500) -> list[OrderRow]:
    """The newest orders (``open_only``: those not finished), newest first."""
    require(actor, Permission.RECEIPTS)
    query = (
        PayOrder.select(PayOrder, Meter, Tenant)
        .join(Meter, on=PayOrder.meter == Meter.id)
        .switch(PayOrder)
        .join(Tenant, on=PayOrder.tenant == Tenant.id)
        .order_by(PayOrder.id.desc())
        .limit(limit)
    )
    if open_only:
        query = query.where(PayOrder.state.in_(OrderState.OPEN))
    zone = local_zone()
    return [
        OrderRow(
            order_no=o.order_no,
            created=to_local(o.created_at, zone),
            meter_no=o.meter.number,
            tenant=f"{o.tenant.name} ({o.tenant.account_no})",
            amount=o.amount,
            provider=o.provider,
            channel=o.channel,
            state=o.state,
            receipt_no=o.entry.receipt_no if o.entry_id else "",
            refund_no=o.refund_no,
            reason=Message.from_json(o.reason),
        )
        for o in query
    ]
