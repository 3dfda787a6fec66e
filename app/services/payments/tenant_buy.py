"""What a signed-in tenant sees of online purchase (issue #16), for the portal and the kiosk:
what may be bought for a meter, placing the order, and where one of their orders stands.

Every read goes through the tenant's own open account: another tenant's meter or order
is None, exactly like a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass

from app import settings
from app.messages import Message
from app.models import Account, LedgerEntry
from app.models.payments import OrderState, PayOrder
from app.services.payments import orders
from app.services.payments.provider import PROVIDERS
from app.services.tenant_access import TenantActor

ORDER_NO_CHARS = 32


@dataclass(frozen=True)
class BuyOptions:
    meter_id: int
    number: str  # the meter's number
    enabled: bool  # online purchase on, and a provider offered
    presets: list[int]  # fen
    low: int  # fen
    high: int  # fen
    providers: list[str]


@dataclass(frozen=True)
class OrderStatus:
    order_no: str
    meter_id: int
    number: str
    amount: int  # fen
    provider: str
    state: str  # OrderState
    checkout: str  # the QR content or the provider's page
    receipt: str  # the sale's receipt number once credited
    reason: Message | None  # why refunded or closed
    open: bool  # not finished: worth looking again


def offered() -> bool:
    """Whether online purchase is offered at all (the portal's "Buy credit" link)."""
    return bool(settings.get("pay.enabled") and orders.offered_providers())


def options(who: TenantActor, meter_id: int) -> BuyOptions | None:
    """What may be bought for ``meter_id``; None when it is not this tenant's open meter."""
    account = Account.active_for(meter_id)
    if account is None or account.tenant_id != who.tenant_id:
        return None
    providers = [p for p in orders.offered_providers() if p in PROVIDERS]
    return BuyOptions(
        meter_id,
        account.meter.number,
        bool(settings.get("pay.enabled") and providers),
        orders.presets(),
        settings.get("pay.min_fen"),
        settings.get("pay.max_fen"),
        providers,
    )


def place(who: TenantActor, meter_id: int, amount: int, provider: str, channel: str) -> OrderStatus:
    """Place the order (refusals as ``ValidationError``) and say where it stands."""
    order = orders.place_order(who.tenant_id, meter_id, amount, provider, channel)
    return _status(order)


def status(who: TenantActor, order_no: str) -> OrderStatus | None:
    """The tenant's own order; None when it is not theirs (or no such order)."""
    if not order_no or len(order_no) > ORDER_NO_CHARS or not order_no.isalnum():
        return None
    order = PayOrder.get_or_none(
        (PayOrder.order_no == order_no) & (PayOrder.tenant == who.tenant_id)
    )
    return None if order is None else _status(order)


def _status(order: PayOrder) -> OrderStatus:
    receipt = ""
    if order.entry_id is not None:
        receipt = LedgerEntry.get_by_id(order.entry_id).receipt_no
    return OrderStatus(
        order.order_no,
        order.meter_id,
        order.meter.number,
        order.amount,
        order.provider,
        order.state,
        order.checkout,
        receipt,
        Message.from_json(order.reason) if order.reason else None,
        order.state in OrderState.OPEN,
    )
