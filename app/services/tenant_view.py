"""What a signed-in tenant sees, for the kiosk and the mobile site alike (issue #15).
The kiosk (T2) and the portal (T3) call exactly these.

Only the store is read (``MeterState``, ``DailyTotal``, readings, the ledger,
``SmsMessage``): nothing here waits for a bus. Every function takes the
``TenantActor`` and answers only about meters on that tenant's open accounts;
a meter id that is not theirs is "not found", the same as one that does not
exist, so nothing can be learnt by trying ids.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN

from app.errors import QT_TRANSLATE_NOOP, ValidationError
from app.messages import Message
from app.models import Account, Bus, BusLease, LedgerEntry, Meter, SmsMessage
from app.models.ledger import EntryKind, EntryState
from app.models.reports import DailyTotal
from app.models.site import MeterState, utcnow
from app.serial_io.poll_store import load_status
from app.services import credit_forecast, meter_history, tenant_rules
from app.services.bus_lease import _owner_gone
from app.services.credit_forecast import Forecast
from app.services.meter_profiles import profile_named
from app.services.reports.period import local_day
from app.services.tenant_access import TenantActor

NOT_FOUND = QT_TRANSLATE_NOOP("Errors", "there is no meter {meter} among yours")
READ_ONLY = QT_TRANSLATE_NOOP(
    "Errors",
    "read only: the collection service is not running, balances may be old "
    "and the power cannot be switched",
)
# What a ledger entry is to the tenant (an online payment comes with issue #16).
_KINDS = {
    EntryKind.SALE.value: "sale",
    EntryKind.REFUND.value: "refund",
    EntryKind.CORRECTION.value: "correction",
    EntryKind.TRANSFER_IN.value: "transfer_in",
    EntryKind.TRANSFER_OUT.value: "transfer_out",
}


@dataclass(frozen=True)
class MeterView:
    meter_id: int
    number: str
    location: str
    prepaid: bool  # False: a metering-only meter (no balance)
    balance: int | None  # fen, last known (None: never read)
    balance_at: dt.datetime | None  # naive UTC of that reading
    online: bool
    relay_open: bool
    forecast: Forecast  # days of credit left
    can_switch_off: bool
    can_switch_on: bool
    switch_note: Message | None  # why a switch is not offered (site trip, arrears, ...)


@dataclass(frozen=True)
class DayUsage:
    day: dt.date  # local day
    energy: int | None  # 0.01 kWh (None: no data, a gap)
    cost: int | None  # fen
    complete: bool


@dataclass(frozen=True)
class MonthUsage:
    month: dt.date  # first day of the month
    energy: int  # 0.01 kWh of the days with data
    cost: int | None
    days_missing: int


@dataclass(frozen=True)
class RechargeRow:
    at: dt.datetime  # naive UTC
    meter_number: str
    amount: int  # fen (negative for a refund)
    kind: str  # sale | refund | correction | transfer_in | transfer_out | online
    receipt: str


@dataclass(frozen=True)
class SmsRow:
    at: dt.datetime
    direction: str  # out | in
    body: str
    state: str


@dataclass(frozen=True)
class ServiceState:
    live: bool  # a collection service holds the buses: live reads and switching work
    note: Message | None  # "read only: the collection service is not running" when not


def _accounts(who: TenantActor):
    """The tenant's open accounts with their meters (and last state), meter order."""
    return (
        Account.select(Account, Meter, MeterState)
        .join(Meter)
        .join(MeterState, JOIN.LEFT_OUTER, on=(MeterState.meter == Meter.id))
        .where((Account.tenant == who.tenant_id) & Account.closed_at.is_null())
        .order_by(Meter.number)
    )


def _theirs(who: TenantActor, meter_id: int):
    """The condition: an open account of ``who`` on ``meter_id``."""
    return (
        (Account.tenant == who.tenant_id)
        & (Account.meter == meter_id)
        & Account.closed_at.is_null()
    )


def own_account(who: TenantActor, meter_id: int) -> Account:
    """The tenant's open account on ``meter_id``; "not found" when it is not theirs."""
    account = Account.select(Account, Meter).join(Meter).where(_theirs(who, meter_id)).first()
    if account is None:
        raise ValidationError(NOT_FOUND, meter=meter_id)
    return account


def _check_own(who: TenantActor, meter_id: int) -> None:
    """Raise "not found" unless ``meter_id`` is the tenant's (one small query, nothing loaded)."""
    found = Account.select(Account.id).where(_theirs(who, meter_id)).limit(1).tuples()
    if not list(found):
        raise ValidationError(NOT_FOUND, meter=meter_id)


def _state(account: Account) -> MeterState | None:
    return getattr(account.meter, "meterstate", None)


def my_meters(
    who: TenantActor, use_rates=credit_forecast.use_rates, state: ServiceState | None = None
) -> list[MeterView]:
    """The tenant's meters as they are now. ``use_rates`` (``credit_forecast.use_rates``) gives
    the days-left forecast's rates (the mobile site passes one that keeps them a minute);
    ``state``: ``service_state()`` when the caller has just read it."""
    now = utcnow()
    accounts = list(_accounts(who))
    rates = use_rates([a.meter_id for a in accounts], now)
    live = (state or service_state()).live
    out = []
    for account in accounts:
        meter, state = account.meter, _state(account)
        status = load_status(state.status_json) if state is not None else None
        online = bool(state and state.online)
        prepaid = profile_named(meter.profile).prepaid
        balance = status.balance if status is not None and prepaid else None
        off, on = tenant_rules.both_refusals(account, meter.profile, status, online)
        note = (on if status is not None and status.relay_open else off) if live else None
        out.append(
            MeterView(
                meter_id=meter.id,
                number=meter.number,
                location=meter.location,
                prepaid=prepaid,
                balance=balance,
                balance_at=state.updated_at if state is not None and status else None,
                online=online,
                relay_open=bool(status and status.relay_open),
                forecast=credit_forecast.days_left(balance, rates[meter.id], now)
                if prepaid
                else Forecast(None, None),
                can_switch_off=live and off is None,
                can_switch_on=live and on is None,
                switch_note=Message(READ_ONLY) if not live else note,
            )
        )
    return out


def opened_meters() -> list[int]:
    """Every meter on an open account with a tenant: the ones the mobile site may be asked
    about (its rates of use are computed for all of them in one batch)."""
    q = Account.select(Account.meter).where(
        Account.closed_at.is_null() & Account.tenant.is_null(False)
    )
    return sorted({meter_id for (meter_id,) in q.tuples()})


def daily_usage(who: TenantActor, meter_id: int, days: int = 30) -> list[DayUsage]:
    """The last ``days`` local days up to today, oldest first: energy and cost."""
    _check_own(who, meter_id)
    return _daily_usage(meter_id, days)


def usage(
    who: TenantActor, meter_id: int, days: int = 30, months: int = 12
) -> tuple[list[DayUsage], list[MonthUsage]]:
    """``daily_usage`` and ``monthly_totals`` together, the meter's owner checked once (the
    mobile site's meter page: each check is a query)."""
    _check_own(who, meter_id)
    return _daily_usage(meter_id, days), _monthly_totals(meter_id, months)


def _daily_usage(meter_id: int, days: int) -> list[DayUsage]:
    days = max(1, min(days, 400))
    now = utcnow()
    last = local_day(now)
    first = last - dt.timedelta(days=days - 1)
    energy = meter_history.daily_energy([meter_id], first, last, now)[meter_id]
    costs = {
        row.day: row.cost
        for row in DailyTotal.select(DailyTotal.day, DailyTotal.cost).where(
            (DailyTotal.meter == meter_id) & (DailyTotal.day >= first) & (DailyTotal.day <= last)
        )
    }
    return [DayUsage(d.day, d.energy, costs.get(d.day), d.complete) for d in energy]


def monthly_totals(who: TenantActor, meter_id: int, months: int = 12) -> list[MonthUsage]:
    """Calendar months up to this one, oldest first, from the daily totals."""
    _check_own(who, meter_id)
    return _monthly_totals(meter_id, months)


def _monthly_totals(meter_id: int, months: int) -> list[MonthUsage]:
    months = max(1, min(months, 60))
    today = local_day(utcnow())
    starts = [today.replace(day=1)]
    for _ in range(months - 1):
        starts.insert(0, (starts[0] - dt.timedelta(days=1)).replace(day=1))
    rows = DailyTotal.select(DailyTotal.day, DailyTotal.energy_total, DailyTotal.cost).where(
        (DailyTotal.meter == meter_id) & (DailyTotal.day >= starts[0]) & (DailyTotal.day <= today)
    )
    by_month: dict[dt.date, list] = {s: [] for s in starts}
    for row in rows:
        by_month[row.day.replace(day=1)].append(row)
    out = []
    for start in starts:
        nxt = (start + dt.timedelta(days=32)).replace(day=1)
        length = (min(nxt - dt.timedelta(days=1), today) - start).days + 1
        got = by_month[start]
        costs = [r.cost for r in got]
        out.append(
            MonthUsage(
                month=start,
                energy=sum(r.energy_total for r in got),
                cost=None if not got or None in costs else sum(costs),
                days_missing=length - len(got),
            )
        )
    return out


def recharges(who: TenantActor, limit: int = 50) -> list[RechargeRow]:
    """Confirmed money moves on the tenant's accounts (open or closed), newest first."""
    q = (
        LedgerEntry.select(LedgerEntry, Meter.number)
        .join(Meter)
        .switch(LedgerEntry)
        .join(Account)
        .where(
            (Account.tenant == who.tenant_id)
            & (LedgerEntry.state == EntryState.CONFIRMED.value)
            & LedgerEntry.kind.in_(list(_KINDS))
        )
        .order_by(LedgerEntry.settled_at.desc(), LedgerEntry.id.desc())
        .limit(max(1, min(limit, 500)))
    )
    return [
        RechargeRow(
            at=e.settled_at or e.created_at,
            meter_number=e.meter.number,
            amount=e.amount_fen * (EntryKind(e.kind).sign or 1),
            kind=_KINDS[e.kind],
            receipt=e.receipt_no,
        )
        for e in q
    ]


def sms_record(who: TenantActor, limit: int = 50) -> list[SmsRow]:
    """The SMS sent to the tenant (and their texts to the site), newest first."""
    q = (
        SmsMessage.select()
        .where(SmsMessage.tenant == who.tenant_id)
        .order_by(SmsMessage.created_at.desc(), SmsMessage.id.desc())
        .limit(max(1, min(limit, 500)))
    )
    return [SmsRow(m.sent_at or m.created_at, m.direction, m.body, m.state) for m in q]


def service_state() -> ServiceState:
    """Live when some process (the collection service, a window) serves an enabled bus."""
    now = utcnow()
    owners = [  # read to the end: a cursor left open would hold an old snapshot
        lease.owner
        for lease in BusLease.select(BusLease.owner)
        .join(Bus)
        .where(Bus.enabled & (BusLease.expires_at > now))
    ]
    if any(not _owner_gone(owner) for owner in owners):
        return ServiceState(True, None)
    return ServiceState(False, Message(READ_ONLY))
