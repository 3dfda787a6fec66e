"""Online purchase orders (issue #16): creating one, its state machine, the provider's notices.

An order is written (``created``) before the provider is asked, so a
notification can always find it; it becomes ``paying`` once the provider gave
its QR code or page. A payment is taken from a verified notification or an
active query, matched by order number AND amount, through ``mark_paid``: one
conditional UPDATE, so duplicates, late and out-of-order notices change
nothing more. Every word from a provider is a ``PayEvent``, written in the same
transaction as the change it caused; the notice is answered "ok" only after
that commit. Crediting and refunds: ``crediting``; the loop: ``pay_service``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets

from app import settings
from app.errors import QT_TRANSLATE_NOOP, ValidationError
from app.messages import Message
from app.models import Account
from app.models.payments import OrderState, PayEvent, PayOrder
from app.models.site import utcnow
from app.services.ledger import write_txn
from app.services.money import format_fen
from app.services.payments import registry
from app.services.payments.provider import ForgedNotice, Notice, ProviderError, Reply

log = logging.getLogger(__name__)

NOT_ENABLED = QT_TRANSLATE_NOOP("Errors", "online purchase is not enabled")
NOT_OFFERED = QT_TRANSLATE_NOOP("Errors", "{provider} is not offered")
TOO_SMALL = QT_TRANSLATE_NOOP("Errors", "the smallest online purchase is {limit}")
TOO_LARGE = QT_TRANSLATE_NOOP("Errors", "the largest online purchase is {limit}")
NOT_YOURS = QT_TRANSLATE_NOOP("Errors", "this meter has no open account of yours")
BAD_CHANNEL = QT_TRANSLATE_NOOP("Errors", "unknown channel {channel}")
AMOUNT_DIFFERS = QT_TRANSLATE_NOOP("Errors", "paid {paid} for an order of {amount}")
CHECKOUT_FAILED = QT_TRANSLATE_NOOP("Errors", "the payment provider refused: {error}")

CHANNELS = ("kiosk", "phone")
SUBJECT = "Electricity {meter}"  # what the tenant sees on the provider's page


# ---- what is offered ------------------------------------------------------------------
def offered_providers() -> list[str]:
    return [p.strip() for p in settings.get("pay.providers").split(",") if p.strip()]


def presets() -> list[int]:
    """The amounts offered (fen) within the limits, in the order written."""
    low, high = settings.get("pay.min_fen"), settings.get("pay.max_fen")
    amounts = []
    for part in settings.get("pay.presets").split(","):
        part = part.strip()
        if part.isdigit() and low <= int(part) <= high:
            amounts.append(int(part))
    return amounts


def check_order(tenant_id: int, meter_id: int, amount: int, provider: str, channel: str) -> None:
    """Refuse (ValidationError) what may not be bought: off, limits, not offered, not theirs."""
    if not settings.get("pay.enabled"):
        raise ValidationError(NOT_ENABLED)
    if provider not in offered_providers():
        raise ValidationError(NOT_OFFERED, provider=repr(provider))
    if channel not in CHANNELS:
        raise ValidationError(BAD_CHANNEL, channel=repr(channel))
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ValidationError(TOO_SMALL, limit=format_fen(settings.get("pay.min_fen")))
    if amount < settings.get("pay.min_fen"):
        raise ValidationError(TOO_SMALL, limit=format_fen(settings.get("pay.min_fen")))
    if amount > settings.get("pay.max_fen"):
        raise ValidationError(TOO_LARGE, limit=format_fen(settings.get("pay.max_fen")))
    account = Account.active_for(meter_id)
    if account is None or account.tenant_id != tenant_id:
        raise ValidationError(NOT_YOURS)


def new_order_no(now: dt.datetime | None = None) -> str:
    """Ours, unique, at most 32 characters: time to the second and 12 random hex digits."""
    return f"PEM{(now or utcnow()):%Y%m%d%H%M%S}{secrets.token_hex(6)}"


def notify_url(provider: str) -> str:
    base = settings.get("pay.notify_base").rstrip("/")
    return f"{base}/pay/notify/{provider}"


# ---- creating an order ----------------------------------------------------------------
def create_order(
    tenant_id: int, meter_id: int, amount: int, provider: str, channel: str
) -> PayOrder:
    """Write the order (``created``): committed before the provider hears of it."""
    check_order(tenant_id, meter_id, amount, provider, channel)
    query_at = utcnow() + dt.timedelta(seconds=settings.get("pay.query_after_s"))
    with write_txn():  # asked about later even if this process ends before the provider answers
        return PayOrder.create(
            next_check_at=query_at,
            order_no=new_order_no(),
            tenant=tenant_id,
            meter=meter_id,
            amount=amount,
            provider=provider,
            channel=channel,
            state=OrderState.CREATED,
        )


def start_checkout(order: PayOrder) -> PayOrder:
    """Ask the provider for the QR code / page; ``paying`` (or ``closed`` when refused)."""
    client = registry.provider(order.provider)
    subject = SUBJECT.format(meter=order.meter.number)
    try:
        checkout = client.checkout(
            order.order_no, order.amount, subject, notify_url(order.provider), order.channel
        )
    except ProviderError as exc:
        # Not asked again: the loop will query it (it may exist there) and close it.
        why = Message(CHECKOUT_FAILED, {"error": str(exc)})
        set_fields(order.id, (OrderState.CREATED,), next_check_at=utcnow(), reason=why.to_json())
        raise ValidationError(CHECKOUT_FAILED, error=str(exc)) from exc
    query_at = utcnow() + dt.timedelta(seconds=settings.get("pay.query_after_s"))
    set_fields(
        order.id,
        (OrderState.CREATED,),
        state=OrderState.PAYING,
        checkout=checkout.url or checkout.qr,
        next_check_at=query_at,
    )
    return PayOrder.get_by_id(order.id)


def place_order(tenant_id: int, meter_id: int, amount: int, provider: str, channel: str):
    """Create the order and ask the provider: the portal's and the kiosk's one call."""
    return start_checkout(create_order(tenant_id, meter_id, amount, provider, channel))


# ---- state changes --------------------------------------------------------------------
def set_fields(order_id: int, states: tuple[str, ...], **fields) -> bool:
    """One conditional UPDATE: only while the order is in one of ``states``."""
    query = PayOrder.update(**fields).where((PayOrder.id == order_id) & PayOrder.state.in_(states))
    if "state" in fields:
        log.info("pay order %s -> %s", order_id, fields["state"])
    return query.execute() == 1


def record(order: PayOrder | None, provider: str, kind: str, body, verified: bool, outcome: str):
    if not isinstance(body, str):
        body = body.decode("utf-8", "replace") if isinstance(body, bytes) else json.dumps(body)
    return PayEvent.create(
        order=order, provider=provider, kind=kind, verified=verified, body=body, outcome=outcome
    )


PAYABLE = (OrderState.CREATED, OrderState.PAYING, OrderState.CLOSED)


def mark_paid(order: PayOrder, notice: Notice, kind: str, body) -> str:
    """Take a payment the provider reported (notice or query); returns what it changed.

    "paid" the first time; "duplicate" once paid; "not_paid"; "amount_differs"
    (the money is there but not for this order: refunded, never credited). A
    closed order that was paid after all is taken: the money is ours either way.
    """
    with write_txn():
        now = utcnow()
        fresh = PayOrder.get_by_id(order.id)
        if not notice.paid:
            outcome = "not_paid"
        elif fresh.state not in PAYABLE:
            outcome = "duplicate"
        elif notice.amount != fresh.amount:
            why = Message(
                AMOUNT_DIFFERS,
                {"paid": format_fen(notice.amount), "amount": format_fen(fresh.amount)},
            )
            set_fields(
                fresh.id,
                PAYABLE,
                state=OrderState.REFUND_PENDING,
                paid_amount=notice.amount,
                provider_txn=notice.provider_txn,
                paid_at=notice.paid_at or now,
                reason=why.to_json(),
                next_check_at=now,
            )
            outcome = "amount_differs"
        else:
            set_fields(
                fresh.id,
                PAYABLE,
                state=OrderState.PAID,
                paid_amount=notice.amount,
                provider_txn=notice.provider_txn,
                paid_at=notice.paid_at or now,
                next_check_at=now,
            )
            outcome = "paid"
        record(fresh, fresh.provider, kind, body, True, outcome)
    return outcome


def on_notice(provider_name: str, headers: dict[str, str], body: bytes) -> Reply:
    """A provider's payment notification, as the portal received it; the reply to send.

    Forged: refused, nothing changed. An order not (yet) committed: "fail", so the
    provider sends it again. Otherwise "ok" once the order's state is durable.
    """
    client = registry.provider(provider_name)
    try:
        notice = client.verify_notice(headers, body)
    except ForgedNotice as exc:
        log.warning("forged %s notification refused: %s", provider_name, exc)
        with write_txn():
            record(None, provider_name, "notify", body, False, "forged")
        return client.reply(False)
    order = PayOrder.get_or_none(
        (PayOrder.order_no == notice.order_no) & (PayOrder.provider == provider_name)
    )
    if order is None:
        with write_txn():
            record(None, provider_name, "notify", body, True, "unknown_order")
        return client.reply(False)
    mark_paid(order, notice, "notify", body)  # raises (the provider retries) unless durable
    return client.reply(True)


def due(now: dt.datetime | None = None, limit: int = 100) -> list[PayOrder]:
    """Open orders the payment service should look at now, oldest first."""
    return list(
        PayOrder.select()
        .where(PayOrder.state.in_(OrderState.OPEN) & (PayOrder.next_check_at <= (now or utcnow())))
        .order_by(PayOrder.next_check_at, PayOrder.id)
        .limit(limit)
    )


def unpaid_step(order: PayOrder) -> str:
    """An order without a payment yet: ask the provider; paid -> ``mark_paid``; still unpaid
    after ``pay.close_after_s`` -> closed there and here. Returns what it found."""
    from app.services.payments.provider import Notice

    client = registry.provider(order.provider)
    now = utcnow()
    try:
        answer = client.query(order.order_no)
    except ProviderError as exc:
        with write_txn():
            record(order, order.provider, "query", str(exc), False, "query_error")
        _later(order, now)
        return "query_error"
    body = {"state": answer.state, "amount": answer.amount, "txn": answer.provider_txn}
    if answer.state == "paid":
        notice = Notice(order.order_no, answer.amount, True, answer.provider_txn, answer.paid_at)
        return mark_paid(order, notice, "query", body)
    old = now - order.created_at >= dt.timedelta(seconds=settings.get("pay.close_after_s"))
    if answer.state == "closed" or old:
        if answer.state != "closed":
            try:
                client.close(order.order_no)
            except ProviderError as exc:
                with write_txn():
                    record(order, order.provider, "close", str(exc), False, "close_error")
                _later(order, now)
                return "close_error"
        with write_txn():
            closed = set_fields(
                order.id,
                (OrderState.CREATED, OrderState.PAYING),
                state=OrderState.CLOSED,
                finished_at=now,
                next_check_at=None,
            )
            record(order, order.provider, "close", body, True, "closed" if closed else "duplicate")
        return "closed"
    with write_txn():
        record(order, order.provider, "query", body, True, answer.state)
    _later(order, now)
    return answer.state


def _later(order: PayOrder, now: dt.datetime) -> None:
    with write_txn():
        set_fields(
            order.id,
            (order.state,),
            next_check_at=now + dt.timedelta(seconds=settings.get("pay.query_after_s")),
            attempts=PayOrder.attempts + 1,
        )
