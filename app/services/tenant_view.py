"""What a signed-in tenant sees, for the kiosk and the mobile site alike (issue #15). SKELETON:
helper T1 implements; the kiosk (T2) and the portal (T3) call exactly these.

Only the store is read (``MeterState``, ``DailyTotal``, readings, the ledger,
``SmsMessage``): nothing here waits for a bus. Every function takes the
``TenantActor`` and answers only about meters on that tenant's open accounts;
a meter id that is not theirs is "not found", the same as one that does not
exist, so nothing can be learnt by trying ids.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.messages import Message
from app.services.credit_forecast import Forecast
from app.services.tenant_access import TenantActor


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


def my_meters(who: TenantActor) -> list[MeterView]:
    raise NotImplementedError


def daily_usage(who: TenantActor, meter_id: int, days: int = 30) -> list[DayUsage]:
    raise NotImplementedError


def monthly_totals(who: TenantActor, meter_id: int, months: int = 12) -> list[MonthUsage]:
    raise NotImplementedError


def recharges(who: TenantActor, limit: int = 50) -> list[RechargeRow]:
    raise NotImplementedError


def sms_record(who: TenantActor, limit: int = 50) -> list[SmsRow]:
    raise NotImplementedError


def service_state() -> ServiceState:
    raise NotImplementedError
