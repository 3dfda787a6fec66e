"""Read-only queries behind the cashier's windows: sales records, tenants, meters.

The sales window may sit on a ledger of a million entries, so records come
in keyset pages (newest first, ``before_id``) and never as one list; every
query here is a handful of indexed SELECTs. Nothing writes, nothing talks to
a meter, no Qt: the ledger and accounts services own every change.

Money records, receipts and tenants' details are read only by roles that may
handle them (``require`` with the caller's actor, as every write does): the GUI
hiding a window from maintenance staff is never the only guard. Meter summaries
stay open to every role, since the grid (``VIEW``) shows the same.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from peewee import JOIN

from app.models import Account, Meter, MeterState, Tenant
from app.models.ledger import EntryKind, EntryState, LedgerEntry
from app.serial_io.poll_store import load_status
from app.services.permissions import Actor, Permission, require
from app.services.receipts import ReceiptData, local_time, receipt_for_entry
from app.services.reports.period import day_start_utc

log = logging.getLogger(__name__)

PAGE_SIZE = 200


@dataclass(frozen=True)
class RecordFilter:
    """What the sales window asks for; dates are the site PC's local calendar days."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None  # inclusive
    kinds: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    operator: str = ""
    text: str = ""  # receipt no, meter no, tenant name, account no, shop
    meter_id: int | None = None
    tenant_id: int | None = None


@dataclass(frozen=True)
class RecordRow:
    entry_id: int
    at: dt.datetime  # local time
    receipt_no: str
    kind: str
    state: str
    meter_id: int
    meter_no: str
    tenant_id: int | None
    tenant_name: str
    account_no: str
    amount_fen: int  # magnitude; ``signed_fen`` gives the direction
    signed_fen: int
    balance_after: int | None
    payment_method: str
    operator: str
    reverses_id: int | None
    reversed: bool  # a sale with a live (not failed) correction
    estimated: bool
    reason: str


@dataclass(frozen=True)
class MeterSummary:
    """A meter as the cashier's dialogs show it: who holds it and its last known balance."""

    meter_id: int
    number: str
    location: str
    account_id: int | None
    tenant_id: int | None
    tenant_name: str
    account_no: str
    balance: int | None  # last known (poll), fen
    balance_at: dt.datetime | None  # local time of that answer
    online: bool

    @property
    def opened(self) -> bool:
        return self.account_id is not None


@dataclass(frozen=True)
class TenantRow:
    tenant_id: int
    account_no: str
    name: str
    shop: str
    phone: str
    meters: str  # active meter numbers, comma separated
    meter_count: int
    closed: bool


_ROW_FIELDS = (
    LedgerEntry.id,
    LedgerEntry.created_at,
    LedgerEntry.receipt_no,
    LedgerEntry.kind,
    LedgerEntry.state,
    LedgerEntry.meter,
    Meter.number,
    LedgerEntry.tenant,
    Tenant.name,
    Tenant.account_no,
    LedgerEntry.amount_fen,
    LedgerEntry.balance_after,
    LedgerEntry.payment_method,
    LedgerEntry.operator_name,
    LedgerEntry.reverses,
    LedgerEntry.estimated,
    LedgerEntry.reason,
)


def _records_query(flt: RecordFilter, count_only: bool = False):
    """Flat rows of ``_ROW_FIELDS`` (tuples: no model object per entry), or ids to count."""
    text = flt.text.strip()
    if count_only and not text:  # no join needed: counting a million rows stays quick
        q = LedgerEntry.select(LedgerEntry.id)
    else:
        q = (
            LedgerEntry.select(*_ROW_FIELDS)
            .join(Meter, on=(LedgerEntry.meter == Meter.id))
            .switch(LedgerEntry)
            .join(Tenant, JOIN.LEFT_OUTER, on=(LedgerEntry.tenant == Tenant.id))
        )
    if flt.date_from is not None:
        q = q.where(LedgerEntry.created_at >= day_start_utc(flt.date_from))
    if flt.date_to is not None:
        q = q.where(LedgerEntry.created_at < day_start_utc(flt.date_to + dt.timedelta(days=1)))
    if flt.kinds:
        q = q.where(LedgerEntry.kind.in_(list(flt.kinds)))
    if flt.states:
        q = q.where(LedgerEntry.state.in_(list(flt.states)))
    if flt.operator:
        q = q.where(LedgerEntry.operator_name == flt.operator)
    if flt.meter_id is not None:
        q = q.where(LedgerEntry.meter == flt.meter_id)
    if flt.tenant_id is not None:
        q = q.where(LedgerEntry.tenant == flt.tenant_id)
    if text:
        like = f"%{text}%"
        q = q.where(
            LedgerEntry.receipt_no.contains(text)
            | Meter.number.contains(text)
            | Tenant.name.contains(text)
            | Tenant.account_no.contains(text)
            | Tenant.shop.contains(text)
            | (LedgerEntry.reason**like)
        )
    return q


def _reversed_ids(sale_ids: list[int]) -> set[int]:
    if not sale_ids:
        return set()
    # One range of the index on ``reverses`` (a page's ids are near each other), not IN (...).
    q = LedgerEntry.select(LedgerEntry.reverses).where(
        LedgerEntry.reverses.between(min(sale_ids), max(sale_ids))
        & (LedgerEntry.state != EntryState.FAILED.value)
    )
    wanted = set(sale_ids)
    return {reverses for (reverses,) in q.tuples() if reverses in wanted}


_SIGN = {kind.value: kind.sign for kind in EntryKind}


def _row(values: tuple, reversed_ids: set[int]) -> RecordRow:
    (entry_id, created_at, receipt_no, kind, state, meter_id, meter_no, tenant_id, tenant_name,
     account_no, amount, balance_after, payment, operator, reverses_id, estimated,
     reason) = values  # fmt: skip
    return RecordRow(
        entry_id=entry_id,
        at=local_time(created_at),
        receipt_no=receipt_no,
        kind=kind,
        state=state,
        meter_id=meter_id,
        meter_no=meter_no,
        tenant_id=tenant_id,
        tenant_name=tenant_name or "",
        account_no=account_no or "",
        amount_fen=amount,
        signed_fen=_SIGN[kind] * amount,
        balance_after=balance_after,
        payment_method=payment,
        operator=operator,
        reverses_id=reverses_id,
        reversed=entry_id in reversed_ids,
        estimated=bool(estimated),
        reason=reason,
    )


def fetch_records(
    actor: Actor, flt: RecordFilter, before_id: int | None = None, limit: int = PAGE_SIZE
) -> list[RecordRow]:
    """One page of entries, newest first, older than ``before_id`` (keyset paging)."""
    require(actor, Permission.RECEIPTS)
    return _fetch(flt, before_id, limit)


def _fetch(flt: RecordFilter, before_id: int | None, limit: int) -> list[RecordRow]:
    q = _records_query(flt)
    if before_id is not None:
        q = q.where(LedgerEntry.id < before_id)
    entries = list(q.order_by(LedgerEntry.id.desc()).limit(limit).tuples())
    reversed_ids = _reversed_ids([e[0] for e in entries if e[3] == "sale"])
    return [_row(e, reversed_ids) for e in entries]


def iter_records(actor: Actor, flt: RecordFilter, page: int = 2000) -> Iterator[RecordRow]:
    """Every entry matching ``flt``, newest first, read a page at a time (for an export)."""
    require(actor, Permission.RECEIPTS)
    before = None
    while True:
        rows = _fetch(flt, before, page)
        yield from rows
        if len(rows) < page:
            return
        before = rows[-1].entry_id


def count_records(actor: Actor, flt: RecordFilter) -> int:
    require(actor, Permission.RECEIPTS)
    return _records_query(flt, count_only=True).count()


def record(actor: Actor, entry_id: int) -> RecordRow | None:
    require(actor, Permission.RECEIPTS)
    rows = _fetch(RecordFilter(), entry_id + 1, 1)
    return rows[0] if rows and rows[0].entry_id == entry_id else None


def operator_names(actor: Actor) -> list[str]:
    """Everyone who ever wrote an entry (the operator filter's choices)."""
    require(actor, Permission.RECEIPTS)
    q = (
        LedgerEntry.select(LedgerEntry.operator_name)
        .where(LedgerEntry.operator_name != "")
        .distinct()
        .order_by(LedgerEntry.operator_name)
    )
    return [row.operator_name for row in q]


def receipt_data(
    actor: Actor, entry_id: int, copy: bool = False, site_name: str | None = None
) -> ReceiptData:
    """The receipt of one entry, as printed first (``copy``: the reprint, marked COPY)."""
    require(actor, Permission.RECEIPTS)
    entry = LedgerEntry.get_by_id(entry_id)
    return receipt_for_entry(entry, site_name=site_name, copy=copy)


def reversible_sales(actor: Actor, meter_id: int, limit: int = 50) -> list[RecordRow]:
    """Confirmed sales of the meter's current account that no live correction reverses."""
    require(actor, Permission.SELL)
    account = Account.active_for(meter_id)
    if account is None:
        return []
    rows = _fetch(
        RecordFilter(kinds=("sale",), states=(EntryState.CONFIRMED.value,), meter_id=meter_id),
        None,
        limit * 4,
    )
    mine = [
        r
        for r in rows
        if not r.reversed and LedgerEntry.get_by_id(r.entry_id).account_id == account.id
    ]
    return mine[:limit]


def _last_known(meter_id: int) -> tuple[int | None, dt.datetime | None, bool]:
    state = MeterState.get_or_none(MeterState.meter == meter_id)
    if state is None:
        return None, None, False
    status = load_status(state.status_json)
    at = local_time(state.updated_at) if state.updated_at else None
    return (status.balance if status else None), at, bool(state.online)


def meter_summary(meter_id: int) -> MeterSummary:
    meter = Meter.get_by_id(meter_id)
    account = Account.active_for(meter_id)
    tenant = account.tenant if account else None
    balance, at, online = _last_known(meter_id)
    return MeterSummary(
        meter_id=meter.id,
        number=meter.number,
        location=meter.location,
        account_id=account.id if account else None,
        tenant_id=tenant.id if tenant else None,
        tenant_name=tenant.name if tenant else "",
        account_no=tenant.account_no if tenant else "",
        balance=balance,
        balance_at=at,
        online=online,
    )


def _active_meter_ids():
    return Account.select(Account.meter).where(Account.closed_at.is_null())


def unopened_meters() -> list[MeterSummary]:
    """Enabled meters without an open account (choices for opening and replacement)."""
    q = (
        Meter.select(Meter.id)
        .where(Meter.enabled & Meter.id.not_in(_active_meter_ids()))
        .order_by(Meter.number)
    )
    return [meter_summary(m.id) for m in q]


def opened_meters() -> list[MeterSummary]:
    q = Meter.select(Meter.id).where(Meter.id.in_(_active_meter_ids())).order_by(Meter.number)
    return [meter_summary(m.id) for m in q]


def tenant_rows(actor: Actor, include_closed: bool = True) -> list[TenantRow]:
    """Every tenant with their active meters' numbers (one query plus one for meters)."""
    require(actor, Permission.ACCOUNTS)
    q = Tenant.select().order_by(Tenant.account_no)
    if not include_closed:
        q = q.where(Tenant.closed_at.is_null())
    meters: dict[int, list[str]] = {}
    active = (
        Account.select(Account.tenant, Meter.number)
        .join(Meter)
        .where(Account.closed_at.is_null())
        .order_by(Meter.number)
    )
    for acc in active:
        meters.setdefault(acc.tenant_id, []).append(acc.meter.number)
    return [
        TenantRow(
            tenant_id=t.id,
            account_no=t.account_no,
            name=t.name,
            shop=t.shop,
            phone=t.phone,
            meters=", ".join(meters.get(t.id, [])),
            meter_count=len(meters.get(t.id, [])),
            closed=t.closed_at is not None,
        )
        for t in q
    ]


def tenant_meters(actor: Actor, tenant_id: int, include_closed: bool = False) -> list[MeterSummary]:
    """The tenant's meters (active accounts; closed ones too when asked), by number."""
    require(actor, Permission.ACCOUNTS)
    q = Account.select(Account.meter).where(Account.tenant == tenant_id)
    if not include_closed:
        q = q.where(Account.closed_at.is_null())
    ids = sorted({a.meter_id for a in q})
    rows = [meter_summary(m) for m in ids]
    return sorted(rows, key=lambda r: r.number)
