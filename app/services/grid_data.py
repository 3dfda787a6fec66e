"""The meter grid's starting rows: every enabled meter with its last known state.

Loaded once when the main window opens (one query), so the grid shows the
last known balance and colour at once, before the first poll cycle ends;
live values then arrive as ``MeterUpdate`` objects. Pure peewee, no Qt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import re
from dataclasses import dataclass

from peewee import JOIN

from app.messages import Message
from app.models import Account, Building, Bus, Meter, MeterState, Tenant
from app.serial_io.meter_data import CommStats, MeterStatus
from app.services.alarm_store import meters_with_unacknowledged
from app.services.credit_forecast import UseRate, use_rates
from app.services.param_sync import unsynced_ids

log = logging.getLogger(__name__)

_STATUS_FIELDS = frozenset(f.name for f in dataclasses.fields(MeterStatus))


@dataclass(frozen=True)
class GridRow:
    meter_id: int
    number: str
    bus_id: int
    bus_name: str
    building: str | None
    location: str
    address: int
    tenant: str | None  # name of the active account's tenant; None: not opened
    alarm1: int  # fen
    alarm2: int  # fen
    status: MeterStatus | None
    online: bool
    stats: CommStats
    updated_at: float | None  # unix time of the last valid answer
    serial: str = ""
    phases: int = 1
    tariff: str = ""
    profile: str = "default"  # the meter's family (app/serial_io/profiles)
    circuit: int = 0  # 1.. on a multi-circuit meter (one grid row a circuit)
    params_unsynced: bool = False  # holds other parameters than the database wants
    unacked_alarm: bool = False  # an alarm nobody acknowledged yet (the tile's mark)
    use_rate: UseRate | None = None  # cost a day at the week's use (opened meters): days left


def natural_key(text: str) -> tuple:
    """'M2' before 'M10': operators number meters, they do not sort strings."""
    return tuple(int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", text))


def status_from_json(raw: str, meter_number: str = "") -> MeterStatus | None:
    """A stored status, tolerant of fields added or dropped between versions."""
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return MeterStatus(**{k: v for k, v in data.items() if k in _STATUS_FIELDS})
    except (ValueError, TypeError, AttributeError) as exc:
        log.warning("meter %s: stored status unreadable (%s); shown as unknown", meter_number, exc)
        return None


def _unix_time(value: object) -> float | None:
    """MeterState.updated_at is naive UTC (models.site.utcnow); accept a float as well."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.timestamp()
    return None


def load_grid_rows() -> list[GridRow]:
    """Every enabled meter in operator order (natural sort of the meter number)."""
    active = Account.alias("active")
    query = (
        Meter.select(
            Meter,
            Bus.name.alias("bus_name"),
            Building.name.alias("building_name"),
            Tenant.name.alias("tenant_name"),
            active.tariff.alias("account_tariff"),
            active.id.alias("account_id"),
            MeterState,
        )
        .join(Bus, on=(Meter.bus == Bus.id))
        .switch(Meter)
        .join(Building, JOIN.LEFT_OUTER, on=(Meter.building == Building.id))
        .switch(Meter)
        .join(
            active,
            JOIN.LEFT_OUTER,
            on=((active.meter == Meter.id) & active.closed_at.is_null()),
        )
        .join(Tenant, JOIN.LEFT_OUTER, on=(active.tenant == Tenant.id))
        .switch(Meter)
        .join(MeterState, JOIN.LEFT_OUTER, on=(MeterState.meter == Meter.id))
        .where(Meter.enabled == True)  # noqa: E712 (peewee expression)
        .order_by(Meter.id, active.id.desc())
        .dicts()
    )
    rows: dict[int, GridRow] = {}
    unsynced = unsynced_ids()
    alarmed = meters_with_unacknowledged()
    for r in query:
        meter_id = r["id"]
        if meter_id in rows:  # a second open account on one meter: the newest wins
            continue
        has_state = r.get("meter") is not None
        stats = CommStats(
            answers=r.get("answers") or 0,
            timeouts=r.get("timeouts") or 0,
            crc_errors=r.get("crc_errors") or 0,
            exceptions=r.get("exceptions") or 0,
            last_response_ms=r.get("last_response_ms"),
            last_error=Message.from_json(r.get("last_error")),
        )
        rows[meter_id] = GridRow(
            meter_id=meter_id,
            number=r["number"],
            bus_id=r["bus"],
            bus_name=r["bus_name"],
            building=r["building_name"],
            location=r["location"],
            address=r["address"],
            tenant=r["tenant_name"],
            alarm1=r["alarm1"],
            alarm2=r["alarm2"],
            status=status_from_json(r.get("status_json") or "", r["number"]),
            online=bool(r.get("online")) if has_state else False,
            stats=stats,
            updated_at=_unix_time(r.get("updated_at")),
            serial=r["serial"],
            phases=r["phases"],
            tariff=r["account_tariff"] or r["tariff"] or "",  # the account's, else the meter's
            profile=r["profile"],
            circuit=r["circuit"],
            params_unsynced=meter_id in unsynced,
            unacked_alarm=meter_id in alarmed,
        )
    rates = use_rates([m for m, r in rows.items() if r.tenant is not None])
    for meter_id, rate in rates.items():
        rows[meter_id] = dataclasses.replace(rows[meter_id], use_rate=rate)
    return sorted(rows.values(), key=lambda g: natural_key(g.number))


@dataclass(frozen=True)
class AlarmView:
    """What the grid refreshes on a timer: the unacknowledged marks and the use rates."""

    unacked: frozenset[int]
    rates: dict[int, UseRate] | None  # None: not asked this time


def load_alarm_view(opened_ids: list[int] | None) -> AlarmView:
    """Meters with an unacknowledged alarm, and the use rates of ``opened_ids`` (None: skip)."""
    rates = use_rates(opened_ids) if opened_ids is not None else None
    return AlarmView(frozenset(meters_with_unacknowledged()), rates)
