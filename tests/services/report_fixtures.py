"""A small site for the report tests: two buildings, two buses, three meters, readings and
ledger entries written straight into the tables (the reports read them, nothing else)."""

from __future__ import annotations

import datetime as dt
import json

from app.models import (
    Account,
    Building,
    Bus,
    LedgerEntry,
    Meter,
    MeterTariff,
    Reading,
    Tariff,
    TariffVersion,
    Tenant,
)
from app.services.reports.period import day_start_utc

D1 = dt.date(2026, 3, 1)


def at(day: dt.date, minutes: int) -> dt.datetime:
    """Naive UTC of ``minutes`` after local midnight of ``day``."""
    return day_start_utc(day) + dt.timedelta(minutes=minutes)


def site() -> dict:
    east = Building.create(name="East")
    west = Building.create(name="West")
    bus1 = Bus.create(name="bus1", port="loop://", building=east)
    bus2 = Bus.create(name="bus2", port="loop://", building=west)
    created = at(D1, 0) - dt.timedelta(days=40)
    m1 = Meter.create(number="M1", bus=bus1, address=1, building=east, created_at=created)
    m2 = Meter.create(number="M2", bus=bus1, address=2, building=east, created_at=created)
    m3 = Meter.create(number="M3", bus=bus2, address=3, building=west, created_at=created)
    t1 = Tenant.create(account_no="A1", name="Tea shop")
    return {"east": east, "west": west, "bus1": bus1, "bus2": bus2, "m1": m1, "m2": m2,
            "m3": m3, "t1": t1}  # fmt: skip


def tariff(meter: Meter, prices=(12000, 10000, 8000, 4000), since=None) -> None:
    t = Tariff.get_or_create(name="tou", defaults={"kind": "tou"})[0]
    v = TariffVersion.create(
        tariff=t,
        version=TariffVersion.select().count() + 1,
        prices_json=json.dumps(list(prices)),
        segments_json="[[0, 2]]",
    )
    MeterTariff.create(
        meter=meter, version=v, assigned_at=since or at(D1, 0) - dt.timedelta(days=60)
    )


def account(tenant, meter, opened: dt.datetime, closed: dt.datetime | None = None) -> None:
    Account.create(tenant=tenant, meter=meter, opened_at=opened, closed_at=closed)


def reading(meter, when, total, rates=None, balance=0) -> None:
    sharp, peak, flat, valley = rates if rates is not None else (0, 0, total, 0)
    Reading.create(meter=meter, taken_at=when, energy_total=total, energy_sharp=sharp,
                   energy_peak=peak, energy_flat=flat, energy_valley=valley, balance=balance,
                   purchase_count=0, power=0, relay_open=False)  # fmt: skip


def half_hourly(meter, day: dt.date, start_total: int, per_step: int, steps: int = 48) -> int:
    """Readings at 00:00, 00:30, ... of ``day`` rising ``per_step`` each; the last total."""
    total = start_total
    for i in range(steps):
        reading(meter, at(day, 30 * i), total)
        total += per_step
    return total - per_step


_next = [0]


def entry(meter, kind, fen, when, *, state="confirmed", method="cash", operator="ann",
          tenant=None, reverses=None) -> LedgerEntry:  # fmt: skip
    _next[0] += 1
    return LedgerEntry.create(kind=kind, state=state, meter=meter, tenant=tenant, amount_fen=fen,
                              payment_method=method, operator_name=operator, created_at=when,
                              reverses=reverses, receipt_no=f"R{_next[0]}", prev_hash="-",
                              hash=f"h{_next[0]}")  # fmt: skip
