"""The site as the workbook describes it: one dict per building, gateway, bus and meter.

Values are what a checked cell holds (names for references, fen for alarms,
True/False for "enabled"), so the export writes these dicts and the diff
compares checked rows with them field by field.
"""

from __future__ import annotations

from typing import Any

from app.models import Account, Building, Bus, Gateway, Meter, Tenant

Objects = dict[str, dict[str, Any]]  # key (name or number) -> fields


def gateway_port(host: str, first_tcp_port: int, index: int) -> str:
    """The port string of a gateway's serial port ``index`` (1-based)."""
    return f"socket://{host}:{first_tcp_port + index - 1}"


def current_site() -> dict[str, Objects]:
    """Every building, gateway, bus and meter in the open database, by sheet key."""
    buildings = {b.id: b.name for b in Building.select(Building.id, Building.name)}
    gateways = {g.id: g.name for g in Gateway.select(Gateway.id, Gateway.name)}
    buses = {b.id: b.name for b in Bus.select(Bus.id, Bus.name)}

    def bname(building_id: int | None) -> str:
        return buildings.get(building_id, "") if building_id else ""

    site: dict[str, Objects] = {"buildings": {}, "gateways": {}, "buses": {}, "meters": {}}
    for b in Building.select().order_by(Building.id):
        site["buildings"][b.name] = {"name": b.name, "address": b.address}
    for g in Gateway.select().order_by(Gateway.id):
        site["gateways"][g.name] = {
            "name": g.name,
            "host": g.host,
            "port_count": g.port_count,
            "first_tcp_port": g.first_tcp_port,
            "building": bname(g.building_id),
        }
    for b in Bus.select().order_by(Bus.id):
        site["buses"][b.name] = {
            "name": b.name,
            "port": b.port,
            "gateway": gateways.get(b.gateway_id, "") if b.gateway_id else "",
            "gateway_port": b.gateway_port,
            "baud": b.baud,
            "parity": b.parity,
            "stopbits": b.stopbits,
            "timeout_ms": b.timeout_ms,
            "turnaround_ms": b.turnaround_ms,
            "profile": b.profile,
            "building": bname(b.building_id),
        }
    for m in Meter.select().order_by(Meter.id).iterator():
        site["meters"][m.number] = {
            "number": m.number,
            "bus": buses[m.bus_id],
            "address": m.address,
            "circuit": m.circuit,
            "building": bname(m.building_id),
            "location": m.location,
            "profile": m.profile,
            "serial": m.serial,
            "phases": m.phases,
            "ct_ratio": m.ct_ratio,
            "pt_ratio": m.pt_ratio,
            "alarm1": m.alarm1,
            "alarm2": m.alarm2,
            "overload_w": m.overload_w,
            "tariff": m.tariff,
            "enabled": bool(m.enabled),
        }
    return site


def open_accounts() -> dict[str, str]:
    """Meter number -> the account number of the tenant holding it now."""
    query = (
        Account.select(Meter.number, Tenant.account_no)
        .join(Meter)
        .switch(Account)
        .join(Tenant)
        .where(Account.closed_at.is_null())
        .tuples()
    )
    return dict(query)


def account_numbers() -> set[str]:
    return {t.account_no for t in Tenant.select(Tenant.account_no)}
