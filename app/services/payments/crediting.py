"""Crediting a paid order exactly once, or refunding it (issue #16).

The credit is an ordinary sale (``money_operation``: the purchase count makes
the meter take it once) made by the operator "online", paid by the provider's
method, with the order number as the ledger entry's ``reason`` (hash-chained,
printed on the receipt). That reason is the order's memory across restarts:
``credit_step`` first looks for the entry by it and follows it (confirmed:
credited; unsettled: wait for settlement; failed or none: sell again).

The sale runs as the job kind "pay_credit" in the bus owner, which asks once
more, on the bus worker that serialises the meter, whether the order is still
``crediting``, not past its deadline, with no live entry and the tenant's
account still open: a job row run twice, or a refund decided meanwhile, cannot
credit a second time. The payment service refunds only after the deadline plus
``GRACE`` (longer than one job's read-then-write), or when the account is closed.
"""

from __future__ import annotations

import datetime as dt
import logging

from app import settings
from app.errors import QT_TRANSLATE_NOOP, PemError
from app.messages import Message
from app.models import Account
from app.models.ledger import EntryKind, EntryState, LedgerEntry
from app.models.payments import OrderState, PayOrder
from app.models.site import utcnow
from app.services import jobs
from app.services.billing import money_job, settle_meter_job
from app.services.ledger import write_txn
from app.services.money_operation import MoneyResult, MoneySpec, money_result
from app.services.payments import orders
from app.services.payments.credit_sms import queue_credited
from app.services.permissions import Actor, Role

log = logging.getLogger(__name__)

ONLINE = Actor(None, "online", Role.CASHIER)
GRACE = dt.timedelta(seconds=120)
RETRY = dt.timedelta(seconds=30)

NOT_CREDITING = QT_TRANSLATE_NOOP("Errors", "order {order} is no longer to be credited")
PAST_DEADLINE = QT_TRANSLATE_NOOP("Errors", "not credited within {seconds} s")
ACCOUNT_CLOSED = QT_TRANSLATE_NOOP("Errors", "the account of this meter is closed")


class CreditRefused(PemError):
    """The bus owner did not credit the order (no longer crediting, too late, account closed)."""


def sale_of(order_no: str) -> LedgerEntry | None:
    """The order's latest sale that did not fail (the one to follow), or None."""
    return (
        LedgerEntry.select()
        .where(
            (LedgerEntry.reason == order_no)
            & (LedgerEntry.kind == EntryKind.SALE.value)
            & (LedgerEntry.state != EntryState.FAILED.value)
        )
        .order_by(LedgerEntry.id.desc())
        .first()
    )


def deadline(order: PayOrder) -> dt.datetime:
    return order.paid_at + dt.timedelta(seconds=settings.get("pay.credit_deadline_s"))


def _account_for(order: PayOrder) -> Account | None:
    account = Account.active_for(order.meter_id)
    return account if account is not None and account.tenant_id == order.tenant_id else None


# ---- in the bus owner ----------------------------------------------------------------------
def _pay_credit(link, order_id: int) -> MoneyResult:
    order = PayOrder.get_by_id(order_id)
    existing = sale_of(order.order_no)
    if existing is not None:  # a second run of the same job: follow the first
        return money_result(existing, None)
    if order.state != OrderState.CREDITING:
        raise CreditRefused(NOT_CREDITING, order=order.order_no)
    if utcnow() >= deadline(order):
        raise CreditRefused(PAST_DEADLINE, seconds=settings.get("pay.credit_deadline_s"))
    account = _account_for(order)
    if account is None:
        raise CreditRefused(ACCOUNT_CLOSED)
    spec = MoneySpec(
        EntryKind.SALE,
        order.meter_id,
        order.amount,
        ONLINE,
        payment_method=order.provider,
        reason=order.order_no,
        account_id=account.id,
        tenant_id=account.tenant_id,
    )
    return money_job(spec, "sale")(link)


jobs.register("pay_credit", _pay_credit, *jobs.dataclass_codec(MoneyResult))


def credit_job(order_id: int) -> jobs.Job:
    return jobs.make("pay_credit", order_id=order_id)


# ---- in the payment service ----------------------------------------------------------------
def finish_credited(order: PayOrder, entry: LedgerEntry) -> bool:
    """crediting -> credited (with the entry), and the tenant's SMS, in one transaction."""
    now = utcnow()
    with write_txn():
        done = orders.set_fields(
            order.id,
            (OrderState.PAID, OrderState.CREDITING),
            state=OrderState.CREDITED,
            entry=entry.id,
            credited_at=now,
            finished_at=now,
            next_check_at=None,
        )
        if done:
            queue_credited(PayOrder.get_by_id(order.id), entry)
    return done


def to_refund(order: PayOrder, why: Message) -> bool:
    """paid/crediting -> refund_pending, only while no sale of it lives (same transaction)."""
    with write_txn():
        if sale_of(order.order_no) is not None:
            return False
        return orders.set_fields(
            order.id,
            (OrderState.PAID, OrderState.CREDITING),
            state=OrderState.REFUND_PENDING,
            reason=why.to_json(),
            next_check_at=utcnow(),
        )


def later(order: PayOrder, wait: dt.timedelta = RETRY, attempt: bool = True) -> None:
    fields = {"next_check_at": utcnow() + wait}
    if attempt:
        fields["attempts"] = PayOrder.attempts + 1
    with write_txn():
        orders.set_fields(order.id, (order.state,), **fields)


def credit_step(order: PayOrder, site):
    """Move a paid / crediting order on; returns a Future when a sale was submitted.

    The caller (the payment service) keeps the future and hands its outcome to
    ``credit_outcome``; the order is not looked at again until then.
    """
    if order.state == OrderState.PAID:
        with write_txn():
            orders.set_fields(order.id, (OrderState.PAID,), state=OrderState.CREDITING)
        order = PayOrder.get_by_id(order.id)
    entry = sale_of(order.order_no)
    if entry is not None:
        return follow(order, entry, site)
    now = utcnow()
    if _account_for(order) is None:
        to_refund(order, Message(ACCOUNT_CLOSED))
        return None
    if now >= deadline(order) + GRACE:
        seconds = settings.get("pay.credit_deadline_s")
        to_refund(order, Message(PAST_DEADLINE, {"seconds": seconds}))
        return None
    if now >= deadline(order):  # the bus owner refuses from now: refund after GRACE
        later(order, GRACE, attempt=False)
        return None
    from app.serial_io.events import Priority

    label = f"online {order.order_no}"
    return site.worker_for(order.meter_id).submit(credit_job(order.id), Priority.OPERATOR, label)


def follow(order: PayOrder, entry: LedgerEntry, site) -> None:
    """The sale is there: credited when confirmed, else settle it from a fresh read and wait."""
    if entry.state == EntryState.CONFIRMED.value:
        finish_credited(order, entry)
        return None
    with write_txn():
        orders.set_fields(order.id, (OrderState.CREDITING,), entry=entry.id)
    from app.serial_io.events import Priority

    worker = site.worker_for(order.meter_id)
    worker.submit(settle_meter_job(order.meter_id), Priority.SETTLE, f"settle {order.meter_id}")
    later(order)
    return None


def credit_outcome(order_id: int, future) -> None:
    """A submitted sale ended: credited, or the order is looked at again after ``RETRY``."""
    order = PayOrder.get_by_id(order_id)
    try:
        result: MoneyResult = future.result(0)
    except Exception as exc:  # offline meter, refused: stay crediting, try again
        log.info("order %s not credited yet: %s", order.order_no, exc)
        later(order)
        return
    entry = LedgerEntry.get_by_id(result.entry_id)
    if entry.state == EntryState.CONFIRMED.value:
        finish_credited(order, entry)
    else:
        with write_txn():
            orders.set_fields(order.id, (OrderState.CREDITING,), entry=entry.id)
        later(order)


# ---- refunds -------------------------------------------------------------------------------
REFUND_WAIT_MAX = dt.timedelta(hours=1)


def refund_step(order: PayOrder) -> str:
    """Ask the provider to refund (the refund number is durable first, so a retry is the same
    refund, never a second one): refunded, or tried again later. Returns the event's outcome."""
    from app.services.payments import registry
    from app.services.payments.provider import ProviderError

    if not order.refund_no:
        with write_txn():
            orders.set_fields(
                order.id, (OrderState.REFUND_PENDING,), refund_no=f"R{order.order_no}"[:32]
            )
        order = PayOrder.get_by_id(order.id)
    amount = order.paid_amount if order.paid_amount is not None else order.amount
    why = Message.from_json(order.reason)
    try:
        answer = registry.provider(order.provider).refund(
            order.order_no, order.refund_no, amount, amount, why.template if why else ""
        )
    except ProviderError as exc:
        with write_txn():
            orders.record(order, order.provider, "refund", str(exc), False, "refund_error")
        wait = REFUND_WAIT_MAX if exc.permanent else min(REFUND_WAIT_MAX, RETRY * 2**order.attempts)
        later(order, wait)
        return "refund_error"
    now = utcnow()
    with write_txn():
        body = {"ok": answer.ok, "refund_txn": answer.refund_txn, "reason": answer.reason}
        if answer.ok:
            orders.set_fields(
                order.id,
                (OrderState.REFUND_PENDING,),
                state=OrderState.REFUNDED,
                finished_at=now,
                next_check_at=None,
            )
        orders.record(
            order,
            order.provider,
            "refund",
            body,
            True,
            "refunded" if answer.ok else "refund_refused",
        )
    if not answer.ok:
        later(order, min(REFUND_WAIT_MAX, RETRY * 2**order.attempts))
    return "refunded" if answer.ok else "refund_refused"
