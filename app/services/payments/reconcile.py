"""Reconciling a day of online payments with each provider's daily statement (issue #16).

The providers' bills run from midnight to midnight China Standard Time
(UTC+8), so "the day" here is that span, turned into the naive UTC the
database keeps. Each statement line (a payment or a refund, by our order
number) is set beside our ``PayOrder`` and the sale that credited it (the
ledger entry whose ``reason`` is the order number), and beside every online
sale credited in that span. What does not agree is a ``Mismatch``:

- paid, not credited: the provider took the money, the tenant got nothing (and
  no refund is under way), or the order is not ours at all;
- credited, not paid: a confirmed online sale the provider does not list as paid;
- amount differs: the statement, the order and the sale do not say the same amount;
- refunded twice: more than one refund, or more refunded than paid, for one order;
- refunded and credited: the money went back and the credit stayed on the meter.

An online sale credited in the span whose order the provider recorded as paid
on another day (``PayOrder.paid_at``, the provider's time) is left to that
day's statement, so a payment at 23:59 credited at 00:01 is not a mismatch.
Each statement read is kept as a ``PayEvent`` (kind "statement"). No Qt here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from app.errors import QT_TRANSLATE_NOOP, PemError
from app.messages import Message
from app.models import LedgerEntry
from app.models.ledger import EntryKind, EntryState
from app.models.payments import OrderState, PayOrder
from app.services.payments import orders, registry
from app.services.payments.amounts import BEIJING
from app.services.payments.provider import ProviderError, StatementRow
from app.services.permissions import Actor, Permission, require

PROVIDER_UTC_OFFSET = BEIJING.utcoffset(None)  # the statements' day is China Standard Time
CONTEXT = "Reconcile"
PAID_NOT_CREDITED = QT_TRANSLATE_NOOP("Reconcile", "paid, not credited")
CREDITED_NOT_PAID = QT_TRANSLATE_NOOP("Reconcile", "credited, not paid")
AMOUNT_DIFFERS = QT_TRANSLATE_NOOP("Reconcile", "amount differs")
REFUNDED_TWICE = QT_TRANSLATE_NOOP("Reconcile", "refunded twice")
REFUNDED_CREDITED = QT_TRANSLATE_NOOP("Reconcile", "refunded and credited")
KINDS = (PAID_NOT_CREDITED, CREDITED_NOT_PAID, AMOUNT_DIFFERS, REFUNDED_TWICE, REFUNDED_CREDITED)
NOT_READ = QT_TRANSLATE_NOOP("Errors", "the {provider} statement could not be read: {reason}")
HANDLED = (OrderState.REFUND_PENDING, OrderState.REFUNDED)  # not credited, money going back


@dataclass(frozen=True)
class Mismatch:
    kind: str  # one of KINDS (English; translated for display)
    provider: str
    order_no: str
    provider_txn: str = ""
    ours: int | None = None  # fen: the order's amount (or the sale's)
    theirs: int | None = None  # fen: what the statement says (paid, or refunded in all)
    state: str = ""  # our order's state ("" when we have no such order)
    entry_id: int | None = None  # the sale that credited it


@dataclass
class Report:
    day: dt.date
    mismatches: list[Mismatch] = field(default_factory=list)
    paid: dict[str, tuple[int, int]] = field(default_factory=dict)  # provider -> (count, fen)
    refunded: dict[str, tuple[int, int]] = field(default_factory=dict)
    failed: dict[str, Message] = field(default_factory=dict)  # provider -> why not read


def day_span(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The statement's day as naive UTC [start, end)."""
    start = dt.datetime.combine(day, dt.time()) - PROVIDER_UTC_OFFSET
    return start, start + dt.timedelta(days=1)


def _sale(order: PayOrder) -> LedgerEntry | None:
    """The confirmed sale of ``order`` (linked, or found by the order number)."""
    query = LedgerEntry.select().where(
        (LedgerEntry.reason == order.order_no)
        & (LedgerEntry.kind == EntryKind.SALE.value)
        & (LedgerEntry.state == EntryState.CONFIRMED.value)
    )
    return query.order_by(LedgerEntry.id).first()


def compare(provider: str, day: dt.date, rows: list[StatementRow]) -> list[Mismatch]:
    """Every disagreement between ``rows`` (the provider's statement of ``day``) and us."""
    pays: dict[str, list[StatementRow]] = defaultdict(list)
    refunds: dict[str, list[StatementRow]] = defaultdict(list)
    for row in rows:
        (pays if row.kind == "pay" else refunds)[row.order_no].append(row)
    numbers = set(pays) | set(refunds)
    ours = {o.order_no: o for o in PayOrder.select().where(PayOrder.order_no.in_(list(numbers)))}
    found: list[Mismatch] = []

    def add(kind: str, order_no: str, row: StatementRow | None, theirs: int | None, sale=None):
        order = ours.get(order_no)
        found.append(
            Mismatch(
                kind,
                provider,
                order_no,
                row.provider_txn if row is not None else (order.provider_txn if order else ""),
                order.amount if order is not None else (sale.amount_fen if sale else None),
                theirs,
                order.state if order is not None else "",
                sale.id if sale is not None else None,
            )
        )

    for order_no, lines in sorted(pays.items()):
        paid = sum(r.amount for r in lines)
        order = ours.get(order_no)
        sale = _sale(order) if order is not None else None
        if order is None or order.provider != provider:
            add(PAID_NOT_CREDITED, order_no, lines[0], paid)
            continue
        if paid != order.amount or (sale is not None and sale.amount_fen != paid):
            add(AMOUNT_DIFFERS, order_no, lines[0], paid, sale)
        if sale is None and order.state not in HANDLED and order_no not in refunds:
            add(PAID_NOT_CREDITED, order_no, lines[0], paid)
    for order_no, lines in sorted(refunds.items()):
        back = sum(r.amount for r in lines)
        order = ours.get(order_no)
        sale = _sale(order) if order is not None else None
        paid = (order.paid_amount or order.amount) if order is not None else None
        numbers_back = {r.refund_no or r.provider_txn for r in lines}
        if len(numbers_back) > 1 or (paid is not None and back > paid):
            add(REFUNDED_TWICE, order_no, lines[0], back, sale)
        if sale is not None:
            add(REFUNDED_CREDITED, order_no, lines[0], back, sale)
    found.extend(_credited_not_paid(provider, day, pays))
    return found


def _credited_not_paid(provider: str, day: dt.date, pays) -> list[Mismatch]:
    start, end = day_span(day)
    paid_then = PayOrder.select(PayOrder.order_no).where(
        (PayOrder.provider == provider) & (PayOrder.paid_at >= start) & (PayOrder.paid_at < end)
    )
    sales = LedgerEntry.select().where(
        (LedgerEntry.kind == EntryKind.SALE.value)
        & (LedgerEntry.state == EntryState.CONFIRMED.value)
        & (LedgerEntry.payment_method == provider)
        & (
            ((LedgerEntry.created_at >= start) & (LedgerEntry.created_at < end))
            | LedgerEntry.reason.in_(paid_then)  # paid that day, credited later
        )
    )
    found = []
    for sale in sales.order_by(LedgerEntry.id):
        if sale.reason in pays:
            continue
        order = PayOrder.get_or_none(PayOrder.order_no == sale.reason)
        moment = order.paid_at if order is not None and order.paid_at else sale.created_at
        if not start <= moment < end:
            continue  # the provider's statement of another day lists it
        found.append(
            Mismatch(
                CREDITED_NOT_PAID,
                provider,
                sale.reason,
                order.provider_txn if order is not None else "",
                sale.amount_fen,
                None,
                order.state if order is not None else "",
                sale.id,
            )
        )
    return found


def run(
    actor: Actor,
    day: dt.date,
    providers: list[str] | None = None,
    statement: Callable[[str, dt.date], list[StatementRow]] | None = None,
) -> Report:
    """Read each provider's statement of ``day`` and compare (a manager's report)."""
    require(actor, Permission.REPORTS)
    report = Report(day)
    for name in providers if providers is not None else orders.offered_providers():
        try:
            rows = (statement or _download)(name, day)
        except (ProviderError, PemError) as exc:
            report.failed[name] = Message(NOT_READ, {"provider": name, "reason": str(exc)})
            orders.record(None, name, "statement", f"{day}", False, f"failed: {exc}")
            continue
        pay = [r.amount for r in rows if r.kind == "pay"]
        back = [r.amount for r in rows if r.kind != "pay"]
        report.paid[name] = (len(pay), sum(pay))
        report.refunded[name] = (len(back), sum(back))
        found = compare(name, day, rows)
        report.mismatches.extend(found)
        summary = {"day": f"{day}", "paid": report.paid[name], "refunded": report.refunded[name]}
        orders.record(None, name, "statement", summary, True, f"{len(found)} mismatches")
    return report


def _download(name: str, day: dt.date) -> list[StatementRow]:
    return registry.provider(name).statement(day)
