"""Shift and daily closing: what a cashier's drawer should hold, and what was counted in it.

The closing report of a shift (one operator, start to end) or a day (every
operator) is the sales report of that stretch by payment method; the cash
expected in the drawer is the cash sales less cash refunds and corrections,
less the money paid back without a recorded method: closing an account
refunds the final balance with none (the close dialog tells the cashier to
hand it to the tenant), and it leaves the drawer all the same.
A ``CashCount`` records the money counted beside that expectation; it moves
no money. A cashier enters the count of their own shift; an admin (the
manager) may enter anyone's. The ledger's chain head is printed on it too
(SPEC "Security": the head is witnessed on the daily closing report).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.errors import QT_TRANSLATE_NOOP, InvalidField, PermissionDenied
from app.models import CashCount, LedgerHead
from app.services.audit import log_action
from app.services.permissions import Actor, Permission, Role, require
from app.services.reports.period import Period
from app.services.reports.sales import METHOD, SalesReport, SalesRow, sales_report

CASH = "cash"
NO_METHOD = ""  # refunds recorded without a payment method (the close of an account)
NOT_YOUR_SHIFT = QT_TRANSLATE_NOOP(
    "Errors", "{name} may count only their own drawer, not {other}'s"
)
BAD_COUNT = QT_TRANSLATE_NOOP("Errors", "the cash counted cannot be less than 0")
BAD_SHIFT = QT_TRANSLATE_NOOP("Errors", "the shift must end after it starts")
ACTION = "report.cash_count"


@dataclass(frozen=True)
class Closing:
    """A shift's (or day's) figures: by payment method, the total, the cash expected."""

    operator: str | None  # None: every operator (the daily closing)
    start: dt.datetime  # naive UTC
    end: dt.datetime
    report: SalesReport
    head_entry_id: int  # the ledger's newest entry and hash when the report was made
    head_hash: str
    counts: tuple[CashCount, ...]  # counts already entered for this operator and stretch

    @property
    def by_method(self) -> list[SalesRow]:
        return self.report.groups[METHOD]

    @property
    def expected_cash(self) -> int:
        rows = {r.key: r for r in self.by_method}
        cash, unrecorded = rows.get(CASH), rows.get(NO_METHOD)
        return (cash.net if cash else 0) - (unrecorded.refunds if unrecorded else 0)


def closing(
    actor: Actor, start: dt.datetime, end: dt.datetime, operator: str | None = None
) -> Closing:
    """The closing figures of ``operator``'s shift (None: every operator) from ``start`` to
    ``end`` (naive UTC)."""
    require(actor, Permission.REPORTS)
    if end <= start:
        raise InvalidField("shift", BAD_SHIFT)
    report = sales_report(actor, Period.cut(start, end), operator)
    head = LedgerHead.get_or_none(LedgerHead.id == 1)
    counts = CashCount.select().where(
        (CashCount.shift_start == start) & (CashCount.shift_end == end)
    )
    counts = counts.where(CashCount.operator == (operator or ""))
    return Closing(
        operator,
        start,
        end,
        report,
        head.entry_id if head else 0,
        head.entry_hash if head else "",
        tuple(counts.order_by(CashCount.id)),
    )


def record_count(
    actor: Actor,
    start: dt.datetime,
    end: dt.datetime,
    counted_fen: int,
    operator: str | None = None,
    note: str = "",
) -> CashCount:
    """Record the cash counted in ``operator``'s drawer (None: the day's, all operators) for
    the stretch; the expectation is computed here, never taken from the caller."""
    require(actor, Permission.REPORTS)
    if actor.role is not Role.ADMIN and operator != actor.name:
        raise PermissionDenied(NOT_YOUR_SHIFT, name=actor.name, other=operator or "*")
    if counted_fen < 0:
        raise InvalidField("counted", BAD_COUNT)
    figures = closing(actor, start, end, operator)
    row = CashCount.create(
        operator=operator or "",
        shift_start=start,
        shift_end=end,
        expected=figures.expected_cash,
        counted=counted_fen,
        note=note,
        entered_by=actor.name,
    )
    log_action(
        actor,
        ACTION,
        f"{operator or '*'} {start:%Y-%m-%d %H:%M}-{end:%Y-%m-%d %H:%M} UTC",
        detail=f"expected {row.expected} fen, counted {row.counted} fen",
    )
    return row
