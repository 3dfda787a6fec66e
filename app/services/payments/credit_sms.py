"""The tenant's SMS when an online purchase is credited (issue #16)."""

from __future__ import annotations

from app import settings
from app.models.ledger import LedgerEntry
from app.models.payments import PayOrder
from app.services import sms_outbox, sms_text
from app.services.money import format_fen
from app.services.tenants import is_mobile

KIND = "pay_credited"
TEXTS = {
    "zh_CN": "您在线购电{amount}元已充入电表{meter}，订单号{order}。",
    "en": "Your online purchase of {amount} is credited to meter {meter}, order {order}.",
}


def credited_text(order: PayOrder) -> str:
    text = TEXTS.get(sms_text.sms_language(), TEXTS["en"])
    return text.format(
        amount=format_fen(order.amount), meter=order.meter.number, order=order.order_no
    )


def queue_credited(order: PayOrder, entry: LedgerEntry) -> None:
    """Queued in the caller's transaction (so once, with the credit); none without a mobile."""
    phone = order.tenant.phone
    if not settings.get("sms.enabled") or not phone or not is_mobile(phone):
        return
    sms_outbox.queue(
        phone, credited_text(order), KIND, tenant_id=order.tenant_id, meter_id=entry.meter_id
    )
