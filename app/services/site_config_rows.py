"""What the settings window lists: buildings, gateways, buses and meters as frozen rows.

Read on a background thread and handed to the GUI thread, so rows are plain
data (no peewee objects cross). The edit forms start from these rows and send
back the ``*Info`` of ``site_config``.
"""

from __future__ import annotations

from dataclasses import dataclass

from peewee import JOIN, fn

from app.models import Building, Bus, Gateway, Meter


@dataclass(frozen=True)
class BuildingRow:
    id: int
    name: str
    address: str
    meters: int


@dataclass(frozen=True)
class GatewayRow:
    id: int
    name: str
    host: str
    port_count: int
    first_tcp_port: int
    building_id: int | None
    building: str
    meters: int


@dataclass(frozen=True)
class BusRow:
    id: int
    name: str
    port: str
    baud: int
    parity: str
    stopbits: int
    timeout_ms: int
    turnaround_ms: int
    profile: str
    building_id: int | None
    building: str
    gateway_id: int | None
    gateway: str
    gateway_port: int
    enabled: bool
    meters: int


@dataclass(frozen=True)
class MeterRow:
    id: int
    number: str
    bus_id: int
    bus: str
    address: int
    circuit: int
    profile: str
    building_id: int | None
    building: str
    location: str
    ct_ratio: int
    pt_ratio: int
    alarm1: int
    alarm2: int
    overload_w: int
    tariff: str
    enabled: bool


def _names(model) -> dict[int, str]:
    return dict(model.select(model.id, model.name).tuples())


def buildings() -> list[BuildingRow]:
    count = fn.COUNT(Meter.id)
    query = (
        Building.select(Building, count.alias("n"))
        .join(Meter, JOIN.LEFT_OUTER, on=(Meter.building == Building.id))
        .group_by(Building.id)
        .order_by(Building.name)
    )
    return [BuildingRow(b.id, b.name, b.address, b.n) for b in query]


def _meters_per_bus() -> dict[int, int]:
    return dict(Meter.select(Meter.bus, fn.COUNT(Meter.id)).group_by(Meter.bus).tuples())


def gateways() -> list[GatewayRow]:
    names, per_bus = _names(Building), _meters_per_bus()
    per_gateway: dict[int, int] = {}
    for bus_id, gateway_id in (
        Bus.select(Bus.id, Bus.gateway).where(Bus.gateway.is_null(False)).tuples()
    ):
        per_gateway[gateway_id] = per_gateway.get(gateway_id, 0) + per_bus.get(bus_id, 0)
    return [
        GatewayRow(
            g.id,
            g.name,
            g.host,
            g.port_count,
            g.first_tcp_port,
            g.building_id,
            names.get(g.building_id, ""),
            per_gateway.get(g.id, 0),
        )
        for g in Gateway.select().order_by(Gateway.name)
    ]


def buses() -> list[BusRow]:
    buildings_, gateways_, per_bus = _names(Building), _names(Gateway), _meters_per_bus()
    return [
        BusRow(
            b.id,
            b.name,
            b.port,
            b.baud,
            b.parity,
            b.stopbits,
            b.timeout_ms,
            b.turnaround_ms,
            b.profile,
            b.building_id,
            buildings_.get(b.building_id, ""),
            b.gateway_id,
            gateways_.get(b.gateway_id, ""),
            b.gateway_port,
            b.enabled,
            per_bus.get(b.id, 0),
        )
        for b in Bus.select().order_by(Bus.name)
    ]


def meters(bus_id: int | None = None, building_id: int | None = None) -> list[MeterRow]:
    """Every meter, or those on one bus and/or in one building."""
    buildings_, buses_ = _names(Building), _names(Bus)
    query = Meter.select().order_by(Meter.number)
    if bus_id is not None:
        query = query.where(Meter.bus == bus_id)
    if building_id is not None:
        query = query.where(Meter.building == building_id)
    return [
        MeterRow(
            m.id,
            m.number,
            m.bus_id,
            buses_.get(m.bus_id, ""),
            m.address,
            m.circuit,
            m.profile,
            m.building_id,
            buildings_.get(m.building_id, ""),
            m.location,
            m.ct_ratio,
            m.pt_ratio,
            m.alarm1,
            m.alarm2,
            m.overload_w,
            m.tariff,
            m.enabled,
        )
        for m in query
    ]
