"""The sales (financial) report: what confirmed ledger entries moved, by day, operator,
payment method and building, and every figure's entries (drill-down).

One grouped query reads the period's confirmed entries as cells (local day,
operator, payment method, building, kind) with their sums; every grouping
adds up the same cells, so the totals of all four groupings are equal to the
fen. Pending, uncertain and failed entries move no money and are not counted
(the report says how many were left unsettled).

Columns: sales; refunds (refunds and the final refund of a closed account);
corrections (reversed sales); transfers out and in (credit moved between meters
on a replacement); net = sales - refunds - corrections, the money taken.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import JOIN, SQL, fn

from app.errors import QT_TRANSLATE_NOOP
from app.models import Building, LedgerEntry, Meter, Tenant, dialect
from app.models.ledger import UNSETTLED, EntryKind, EntryState
from app.services.permissions import Actor, Permission, require
from app.services.reports.period import Period, to_local

DAY, OPERATOR, METHOD, BUILDING = "day", "operator", "method", "building"
GROUPINGS = (DAY, OPERATOR, METHOD, BUILDING)
GROUPING_TITLES = {
    DAY: QT_TRANSLATE_NOOP("Reports", "Day"),
    OPERATOR: QT_TRANSLATE_NOOP("Reports", "Operator"),
    METHOD: QT_TRANSLATE_NOOP("Reports", "Payment method"),
    BUILDING: QT_TRANSLATE_NOOP("Reports", "Building"),
}
SALES, REFUNDS, CORRECTIONS, TRANSFERS_OUT, TRANSFERS_IN = (
    "sales",
    "refunds",
    "corrections",
    "transfers_out",
    "transfers_in",
)
COLUMNS = (SALES, REFUNDS, CORRECTIONS, TRANSFERS_OUT, TRANSFERS_IN)
COLUMN_KINDS = {
    SALES: (EntryKind.SALE.value,),
    REFUNDS: (EntryKind.REFUND.value, EntryKind.CLOSE.value),
    CORRECTIONS: (EntryKind.CORRECTION.value,),
    TRANSFERS_OUT: (EntryKind.TRANSFER_OUT.value,),
    TRANSFERS_IN: (EntryKind.TRANSFER_IN.value,),
}
KIND_COLUMN = {kind: col for col, kinds in COLUMN_KINDS.items() for kind in kinds}
NO_BUILDING = 0  # the key of meters without a building


def _local_day():
    """An entry's local day, in SQL (SQLite's 'localtime' is the zone Python uses too)."""
    return dialect.local_date(LedgerEntry.created_at).coerce(False)


@dataclass
class SalesRow:
    """One group's figures (fen); ``key`` is what the drill-down asks for."""

    key: object
    label: str
    sales: int = 0
    refunds: int = 0
    corrections: int = 0
    transfers_out: int = 0
    transfers_in: int = 0
    entries: int = 0

    @property
    def net(self) -> int:
        return self.sales - self.refunds - self.corrections

    def add(self, column: str, fen: int, count: int) -> None:
        setattr(self, column, getattr(self, column) + fen)
        self.entries += count


@dataclass
class SalesReport:
    period: Period
    groups: dict[str, list[SalesRow]] = field(default_factory=dict)
    total: SalesRow = field(default_factory=lambda: SalesRow(None, ""))
    unsettled: int = 0  # entries of the period still pending or uncertain (not counted)


def _cells(period: Period, operator: str | None = None):
    q = (
        LedgerEntry.select(
            _local_day().alias("day"),
            LedgerEntry.operator_name,
            LedgerEntry.payment_method,
            Meter.building.alias("building_id"),
            LedgerEntry.kind,
            fn.SUM(LedgerEntry.amount_fen).alias("fen"),
            fn.COUNT(LedgerEntry.id).alias("n"),
        )
        .join(Meter, on=(LedgerEntry.meter == Meter.id))
        .where(
            (LedgerEntry.created_at >= period.start_utc)
            & (LedgerEntry.created_at < period.end_utc)
            & (LedgerEntry.state == EntryState.CONFIRMED.value)
            & LedgerEntry.kind.in_(list(KIND_COLUMN))
        )
        .group_by(SQL("1, 2, 3, 4, 5"))
    )
    if operator is not None:
        q = q.where(LedgerEntry.operator_name == operator)
    return q.tuples()


def sales_report(actor: Actor, period: Period, operator: str | None = None) -> SalesReport:
    """The period's confirmed money by each grouping (``operator``: only that operator's)."""
    require(actor, Permission.REPORTS)
    names = dict(Building.select(Building.id, Building.name).tuples())
    report = SalesReport(period)
    rows: dict[str, dict[object, SalesRow]] = {g: {} for g in GROUPINGS}
    for day, op, method, building, kind, fen, n in _cells(period, operator):
        keys = {DAY: day, OPERATOR: op, METHOD: method, BUILDING: building or NO_BUILDING}
        labels = {DAY: day, OPERATOR: op, METHOD: method, BUILDING: names.get(building, "")}
        column = KIND_COLUMN[kind]
        for g in GROUPINGS:
            row = rows[g].get(keys[g])
            if row is None:
                row = rows[g][keys[g]] = SalesRow(keys[g], labels[g])
            row.add(column, fen, n)
        report.total.add(column, fen, n)
    for g in GROUPINGS:
        report.groups[g] = sorted(rows[g].values(), key=lambda r: (str(r.label), str(r.key)))
    unsettled = LedgerEntry.select().where(
        (LedgerEntry.created_at >= period.start_utc)
        & (LedgerEntry.created_at < period.end_utc)
        & LedgerEntry.state.in_(list(UNSETTLED))
    )
    if operator is not None:
        unsettled = unsettled.where(LedgerEntry.operator_name == operator)
    report.unsettled = unsettled.count()
    return report


@dataclass(frozen=True)
class DrillRow:
    """One ledger entry behind a figure."""

    entry_id: int
    at: dt.datetime  # local time
    receipt_no: str
    kind: str
    meter_no: str
    tenant: str
    amount_fen: int
    signed_fen: int
    payment_method: str
    operator: str


def drill_down(
    actor: Actor,
    period: Period,
    grouping: str | None,
    key: object,
    column: str | None = None,
    operator: str | None = None,
) -> list[DrillRow]:
    """The confirmed entries behind one figure: the group ``key`` of ``grouping`` (None: the
    total row) and ``column`` (None: every column of the row), oldest first."""
    require(actor, Permission.RECEIPTS)
    kinds = COLUMN_KINDS[column] if column else tuple(KIND_COLUMN)
    q = (
        LedgerEntry.select(LedgerEntry, Meter.number, Tenant.name)
        .join(Meter, on=(LedgerEntry.meter == Meter.id))
        .switch(LedgerEntry)
        .join(Tenant, join_type=JOIN.LEFT_OUTER, on=(LedgerEntry.tenant == Tenant.id))
        .where(
            (LedgerEntry.created_at >= period.start_utc)
            & (LedgerEntry.created_at < period.end_utc)
            & (LedgerEntry.state == EntryState.CONFIRMED.value)
            & LedgerEntry.kind.in_(list(kinds))
        )
    )
    if operator is not None:
        q = q.where(LedgerEntry.operator_name == operator)
    if grouping == DAY:
        q = q.where(_local_day() == key)
    elif grouping == OPERATOR:
        q = q.where(LedgerEntry.operator_name == key)
    elif grouping == METHOD:
        q = q.where(LedgerEntry.payment_method == key)
    elif grouping == BUILDING:
        q = q.where(Meter.building.is_null() if key == NO_BUILDING else Meter.building == key)
    return [
        DrillRow(
            e.id,
            to_local(e.created_at),
            e.receipt_no,
            e.kind,
            e.meter.number,
            e.tenant.name if e.tenant_id is not None else "",
            e.amount_fen,
            e.signed_fen,
            e.payment_method,
            e.operator_name,
        )
        for e in q.order_by(LedgerEntry.id)
    ]
