"""Changing the site's hardware: buildings, gateways, buses and meters (the settings window).

Each change is checked field by field with ``site_rules`` (an ``InvalidField``
names the field the form focuses), checked against the other rows (a clash
names the other row), allowed by the actor's role, written with one system
log row and a bump of ``config.version`` in one transaction, and answered
with the ids of the buses it touched: the window hands those to
``Site.apply_config`` so the collection follows at once, and a process that
owns one of them (the collector) sees the version move and re-reads its buses.
No Qt here: the window, the import and the scan call the same functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from app import settings
from app.errors import QT_TRANSLATE_NOOP, ConfigError, InvalidField, ValidationError
from app.messages import Message
from app.models import Account, Building, Bus, Gateway, LedgerEntry, Meter
from app.serial_io import profiles
from app.serial_io.events import BusConfig
from app.serial_io.transport import validate
from app.services import config_version, site_rules
from app.services.audit import METER_TARGET, log_action, log_message
from app.services.ledger import write_txn
from app.services.permissions import Actor, Permission, require

# What a field is called in a refusal ("Address: ..."); the form's keys are the field names.
LABELS = {
    "name": QT_TRANSLATE_NOOP("Errors", "Name"),
    "address": QT_TRANSLATE_NOOP("Errors", "Address"),
    "host": QT_TRANSLATE_NOOP("Errors", "Host"),
    "port_count": QT_TRANSLATE_NOOP("Errors", "Serial ports"),
    "first_tcp_port": QT_TRANSLATE_NOOP("Errors", "First TCP port"),
    "profile": QT_TRANSLATE_NOOP("Errors", "Meter family"),
    "port": QT_TRANSLATE_NOOP("Errors", "Port"),
    "baud": QT_TRANSLATE_NOOP("Errors", "Baud rate"),
    "parity": QT_TRANSLATE_NOOP("Errors", "Parity"),
    "stopbits": QT_TRANSLATE_NOOP("Errors", "Stop bits"),
    "timeout_ms": QT_TRANSLATE_NOOP("Errors", "Timeout (ms)"),
    "turnaround_ms": QT_TRANSLATE_NOOP("Errors", "Turnaround (ms)"),
    "gateway_port": QT_TRANSLATE_NOOP("Errors", "Gateway port"),
    "number": QT_TRANSLATE_NOOP("Errors", "Meter number"),
    "bus": QT_TRANSLATE_NOOP("Errors", "Bus"),
    "circuit": QT_TRANSLATE_NOOP("Errors", "Circuit"),
    "building": QT_TRANSLATE_NOOP("Errors", "Building"),
    "location": QT_TRANSLATE_NOOP("Errors", "Location"),
    "ct_ratio": QT_TRANSLATE_NOOP("Errors", "CT ratio"),
    "pt_ratio": QT_TRANSLATE_NOOP("Errors", "PT ratio"),
    "alarm1": QT_TRANSLATE_NOOP("Errors", "Alarm 1"),
    "alarm2": QT_TRANSLATE_NOOP("Errors", "Alarm 2"),
    "overload_w": QT_TRANSLATE_NOOP("Errors", "Overload (W)"),
    "tariff": QT_TRANSLATE_NOOP("Errors", "Tariff"),
}

BUILDING_IN_USE = QT_TRANSLATE_NOOP(
    "Errors", "building {name} is used by {count} meter(s): move them first"
)
GATEWAY_IN_USE = QT_TRANSLATE_NOOP(
    "Errors", "gateway {name}: its buses carry {count} meter(s): move or remove them first"
)
PORTS_IN_USE = QT_TRANSLATE_NOOP(
    "Errors", "{field}: bus {bus} beyond port {value} carries {count} meter(s)"
)
BUS_IN_USE = QT_TRANSLATE_NOOP("Errors", "bus {name} carries {count} meter(s): move them first")
METER_OPEN_ACCOUNT = QT_TRANSLATE_NOOP(
    "Errors", "meter {number} has an open account ({account}): it can only be disabled"
)
METER_HISTORY = QT_TRANSLATE_NOOP(
    "Errors", "meter {number} has a sales history: it can only be disabled"
)
MOVE_UNCONFIRMED = QT_TRANSLATE_NOOP(
    "Errors",
    "meter {number} moves from bus {old_bus} address {old_address} "
    "to bus {new_bus} address {new_address}: confirm the move",
)
NOT_FOUND = QT_TRANSLATE_NOOP("Errors", "{kind} {id} no longer exists")
GATEWAY_BUS = QT_TRANSLATE_NOOP(
    "Errors", "bus {name} belongs to gateway {gateway}: remove or shrink the gateway instead"
)
GATEWAY_BUS_NAME = "{gateway} port {port}"  # a name, as the site's data holds it

BUILDING_TARGET = QT_TRANSLATE_NOOP("SystemLog", "building {name}")
GATEWAY_TARGET = QT_TRANSLATE_NOOP("SystemLog", "gateway {name}")
BUS_TARGET = QT_TRANSLATE_NOOP("SystemLog", "bus {name}")
ADDED = QT_TRANSLATE_NOOP("SystemLog", "added: {values}")
CHANGED = QT_TRANSLATE_NOOP("SystemLog", "changed: {changes}")
UNCHANGED = QT_TRANSLATE_NOOP("SystemLog", "nothing changed")
REMOVED = QT_TRANSLATE_NOOP("SystemLog", "removed: {values}")


@dataclass(frozen=True)
class BuildingInfo:
    name: str
    address: str = ""


@dataclass(frozen=True)
class GatewayInfo:
    name: str
    host: str
    port_count: int = 8
    first_tcp_port: int = 4001
    building_id: int | None = None
    family: str = "default"  # the line settings and profile its new buses start with


@dataclass(frozen=True)
class BusInfo:
    name: str
    port: str = ""  # a device, or socket://host:port; ignored on a gateway's port
    baud: int = 9600
    parity: str = "E"
    stopbits: int = 1
    timeout_ms: int = 0
    turnaround_ms: int = 50
    profile: str = "default"
    building_id: int | None = None
    gateway_id: int | None = None
    gateway_port: int = 0
    enabled: bool = True


@dataclass(frozen=True)
class MeterInfo:
    number: str
    bus_id: int
    address: int
    circuit: int = 0
    profile: str = "default"
    building_id: int | None = None
    location: str = ""
    ct_ratio: int = 1
    pt_ratio: int = 1
    alarm1: int | None = None  # fen; None: the site's default for new meters (settings)
    alarm2: int | None = None  # fen
    overload_w: int | None = None
    tariff: str = ""
    enabled: bool = True


@dataclass(frozen=True)
class ConfigChange:
    """What a change wrote: the row's id (0 when removed) and the buses to re-read."""

    id: int
    bus_ids: frozenset[int]


class MoveNeedsConfirmation(ValidationError):
    """A meter's bus or address would change: the window asks, then calls again confirmed."""


# ---- permissions -------------------------------------------------------------------------
def _require_commission(actor: Actor) -> None:
    """Buses and meters: maintenance (COMMISSION) or an admin (SETTINGS)."""
    if not actor.can(Permission.SETTINGS):
        require(actor, Permission.COMMISSION)


# ---- buildings ---------------------------------------------------------------------------
def add_building(actor: Actor, info: BuildingInfo) -> ConfigChange:
    require(actor, Permission.SETTINGS)
    values = _building_values(info)
    with write_txn():
        _unique(Building, Building.name, values["name"], None)
        row = Building.create(**values)
        _log(actor, "config.building.add", BUILDING_TARGET, row.name, ADDED, values=values)
        return ConfigChange(row.id, frozenset())


def update_building(actor: Actor, building_id: int, info: BuildingInfo) -> ConfigChange:
    require(actor, Permission.SETTINGS)
    values = _building_values(info)
    with write_txn():
        row = _get(Building, building_id)
        _unique(Building, Building.name, values["name"], building_id)
        changes = _apply(row, values)
        _log(actor, "config.building.update", BUILDING_TARGET, row.name, CHANGED, changes)
        return ConfigChange(row.id, frozenset())


def remove_building(actor: Actor, building_id: int) -> ConfigChange:
    require(actor, Permission.SETTINGS)
    with write_txn():
        row = _get(Building, building_id)
        count = Meter.select().where(Meter.building == row.id).count()
        if count:
            raise ValidationError(BUILDING_IN_USE, name=row.name, count=count)
        row.delete_instance()
        _log(actor, "config.building.remove", BUILDING_TARGET, row.name, REMOVED, values={})
        return ConfigChange(0, frozenset())


def _building_values(info: BuildingInfo) -> dict:
    return {
        "name": _check("name", site_rules.name, info.name),
        "address": _text("address", info.address),
    }


# ---- gateways ----------------------------------------------------------------------------
def add_gateway(actor: Actor, info: GatewayInfo) -> ConfigChange:
    """The gateway and its ``port_count`` buses, "<name> port k" on first_tcp_port + k - 1."""
    require(actor, Permission.SETTINGS)
    values = _gateway_values(info)
    family = site_rules.known_profile(_check("profile", site_rules.profile, info.family))
    with write_txn():
        _unique(Gateway, Gateway.name, values["name"], None)
        row = Gateway.create(**values)
        buses = {_add_gateway_bus(row, k, family).id for k in range(1, row.port_count + 1)}
        _log(actor, "config.gateway.add", GATEWAY_TARGET, row.name, ADDED, values=values)
        return ConfigChange(row.id, frozenset(buses))


def update_gateway(actor: Actor, gateway_id: int, info: GatewayInfo) -> ConfigChange:
    """Rename, move or resize: its buses follow (new ports added, ports beyond the new
    count removed unless they carry meters, every bus's address recomputed)."""
    require(actor, Permission.SETTINGS)
    values = _gateway_values(info)
    family = site_rules.known_profile(_check("profile", site_rules.profile, info.family))
    with write_txn():
        row = _get(Gateway, gateway_id)
        _unique(Gateway, Gateway.name, values["name"], gateway_id)
        old_name = row.name
        changes = _apply(row, values)
        touched: set[int] = set()
        for bus in Bus.select().where(Bus.gateway == row.id).order_by(Bus.gateway_port):
            if bus.gateway_port > row.port_count:
                count = bus.meters.count()
                if count:
                    raise InvalidField("port_count", PORTS_IN_USE, field=_label("port_count"),
                                       value=row.port_count, bus=bus.name, count=count)  # fmt: skip
                touched.add(bus.id)
                bus.delete_instance()
                continue
            port = _gateway_url(row, bus.gateway_port)
            name = bus.name
            if name == GATEWAY_BUS_NAME.format(gateway=old_name, port=bus.gateway_port):
                name = GATEWAY_BUS_NAME.format(gateway=row.name, port=bus.gateway_port)
                _unique(Bus, Bus.name, name, bus.id, field="name")
            if (bus.port, bus.name) != (port, name):
                bus.port, bus.name = port, name
                bus.save()
                touched.add(bus.id)
        have = {b.gateway_port for b in Bus.select(Bus.gateway_port).where(Bus.gateway == row.id)}
        for k in range(1, row.port_count + 1):
            if k not in have:
                touched.add(_add_gateway_bus(row, k, family).id)
        _log(actor, "config.gateway.update", GATEWAY_TARGET, row.name, CHANGED, changes)
        return ConfigChange(row.id, frozenset(touched))


def remove_gateway(actor: Actor, gateway_id: int) -> ConfigChange:
    require(actor, Permission.SETTINGS)
    with write_txn():
        row = _get(Gateway, gateway_id)
        buses = list(Bus.select().where(Bus.gateway == row.id))
        count = Meter.select().where(Meter.bus.in_([b.id for b in buses])).count() if buses else 0
        if count:
            raise ValidationError(GATEWAY_IN_USE, name=row.name, count=count)
        for bus in buses:
            bus.delete_instance()
        row.delete_instance()
        _log(actor, "config.gateway.remove", GATEWAY_TARGET, row.name, REMOVED,
             values={"buses": len(buses)})  # fmt: skip
        return ConfigChange(0, frozenset(b.id for b in buses))


def _gateway_values(info: GatewayInfo) -> dict:
    return {
        "name": _check("name", site_rules.name, info.name),
        "host": _check("host", site_rules.host, info.host),
        "port_count": _whole("port_count", info.port_count, 1, 64),
        "first_tcp_port": _whole("first_tcp_port", info.first_tcp_port, 1, 65535),
        "building": _building_ref(info.building_id),
    }


def _gateway_url(gateway: Gateway, port: int) -> str:
    return f"socket://{gateway.host}:{gateway.first_tcp_port + port - 1}"


def _add_gateway_bus(gateway: Gateway, port: int, family: profiles.MeterProfile) -> Bus:
    name = GATEWAY_BUS_NAME.format(gateway=gateway.name, port=port)
    _unique(Bus, Bus.name, name, None, field="name")
    line = family.line
    return Bus.create(
        name=name,
        port=_gateway_url(gateway, port),
        baud=line.baud,
        parity=line.parity,
        stopbits=line.stopbits,
        timeout_ms=line.timeout_ms,
        turnaround_ms=line.turnaround_ms,
        profile=family.name,
        building=gateway.building_id,
        gateway=gateway.id,
        gateway_port=port,
    )


# ---- buses -------------------------------------------------------------------------------
def add_bus(actor: Actor, info: BusInfo) -> ConfigChange:
    _require_commission(actor)
    values = _bus_values(info, None)
    with write_txn():
        _unique(Bus, Bus.name, values["name"], None)
        _gateway_port_free(values, None)
        row = Bus.create(**values)
        _log(actor, "config.bus.add", BUS_TARGET, row.name, ADDED, values=values)
        return ConfigChange(row.id, frozenset({row.id}))


def update_bus(actor: Actor, bus_id: int, info: BusInfo) -> ConfigChange:
    _require_commission(actor)
    values = _bus_values(info, bus_id)
    with write_txn():
        row = _get(Bus, bus_id)
        _unique(Bus, Bus.name, values["name"], bus_id)
        _gateway_port_free(values, bus_id)
        changes = _apply(row, values)
        _log(actor, "config.bus.update", BUS_TARGET, row.name, CHANGED, changes)
        return ConfigChange(row.id, frozenset({row.id}))


def remove_bus(actor: Actor, bus_id: int) -> ConfigChange:
    _require_commission(actor)
    with write_txn():
        row = _get(Bus, bus_id)
        count = row.meters.count()
        if count:
            raise ValidationError(BUS_IN_USE, name=row.name, count=count)
        if row.gateway_id is not None:
            raise ValidationError(GATEWAY_BUS, name=row.name, gateway=row.gateway.name)
        row.delete_instance()
        _log(actor, "config.bus.remove", BUS_TARGET, row.name, REMOVED,
             values={"port": row.port})  # fmt: skip
        return ConfigChange(0, frozenset({bus_id}))


def bus_line(info: BusInfo, bus_id: int = 0) -> BusConfig:
    """The checked line settings of a form (the "test the line" button opens these)."""
    values = _bus_values(info, None, check_gateway=False)
    return _line_config(bus_id, values)


def _line_config(bus_id: int, values: dict) -> BusConfig:
    return BusConfig(
        bus_id=bus_id,
        name=values["name"],
        port=values["port"],
        baud=values["baud"],
        parity=values["parity"],
        stopbits=values["stopbits"],
        timeout_ms=values["timeout_ms"],
        turnaround_ms=values["turnaround_ms"],
    )


def _bus_values(info: BusInfo, bus_id: int | None, check_gateway: bool = True) -> dict:
    values = {
        "name": _check("name", site_rules.name, info.name),
        "baud": _check("baud", site_rules.baud, info.baud),
        "parity": _check("parity", site_rules.parity, info.parity),
        "stopbits": _check("stopbits", site_rules.stopbits, info.stopbits),
        "timeout_ms": _whole("timeout_ms", info.timeout_ms, 0, 10_000),
        "turnaround_ms": _whole("turnaround_ms", info.turnaround_ms, 0, 10_000),
        "profile": _check("profile", site_rules.profile, info.profile),
        "building": _building_ref(info.building_id),
        "enabled": bool(info.enabled),
        "gateway": None,
        "gateway_port": 0,
    }
    if info.gateway_id is not None and check_gateway:
        gateway = _get(Gateway, info.gateway_id)
        values["gateway"] = gateway.id
        values["gateway_port"] = _whole("gateway_port", info.gateway_port, 1, gateway.port_count)
        values["port"] = _gateway_url(gateway, values["gateway_port"])
    else:
        values["port"] = _check("port", site_rules.port, info.port)
    try:
        validate(_line_config(bus_id or 0, values))
    except ConfigError as exc:  # a setting no meter line uses (site_rules should have said)
        raise InvalidField("port", exc.template, **exc.params) from None
    return values


def _gateway_port_free(values: dict, bus_id: int | None) -> None:
    if values["gateway"] is None:
        return
    other = Bus.get_or_none(
        (Bus.gateway == values["gateway"])
        & (Bus.gateway_port == values["gateway_port"])
        & (Bus.id != (bus_id or 0))
    )
    if other is not None:
        raise _clash("gateway_port", values["gateway_port"],
                               other.name)  # fmt: skip


# ---- meters ------------------------------------------------------------------------------
def add_meter(actor: Actor, info: MeterInfo) -> ConfigChange:
    return add_meters(actor, [info])[0]


def add_meters(
    actor: Actor, infos: list[MeterInfo], identities: list[dict] | None = None
) -> list[ConfigChange]:
    """Add meters, all or nothing; ``identities`` (serial, model, phases, firmware, as a scan
    read them) go with them. A number or place in use, also within ``infos``, is refused
    naming the other meter."""
    _require_commission(actor)
    rows = [_meter_values(info) for info in infos]
    out = []
    with write_txn():
        for values, identity in zip(rows, identities or [{}] * len(rows), strict=True):
            _get(Bus, values["bus"])
            _meter_unique(values, None)
            row = Meter.create(**values, **identity)
            _log(actor, "config.meter.add", METER_TARGET, row.number, ADDED,
                 values={**values, **identity}, key="meter")  # fmt: skip
            out.append(ConfigChange(row.id, frozenset({row.bus_id})))
    return out


def update_meter(
    actor: Actor, meter_id: int, info: MeterInfo, confirmed_move: bool = False
) -> ConfigChange:
    """Change a meter; a new bus, address or circuit needs ``confirmed_move`` (its wiring,
    and the meter's money, go with it: the window asks first)."""
    _require_commission(actor)
    values = _meter_values(info)
    with write_txn():
        row = _get(Meter, meter_id)
        new_bus = _get(Bus, values["bus"])
        _meter_unique(values, meter_id)
        old_place = (row.bus_id, row.address, row.circuit)
        if old_place != (new_bus.id, values["address"], values["circuit"]) and not confirmed_move:
            raise MoveNeedsConfirmation(
                MOVE_UNCONFIRMED,
                number=row.number,
                old_bus=row.bus.name,
                old_address=_place(row.address, row.circuit),
                new_bus=new_bus.name,
                new_address=_place(values["address"], values["circuit"]),
            )
        old_bus = row.bus_id
        changes = _apply(row, values)
        _log(actor, "config.meter.update", METER_TARGET, row.number, CHANGED, changes,
             key="meter")  # fmt: skip
        return ConfigChange(row.id, frozenset({old_bus, row.bus_id}))


def set_meter_enabled(actor: Actor, meter_id: int, enabled: bool) -> ConfigChange:
    _require_commission(actor)
    with write_txn():
        row = _get(Meter, meter_id)
        changes = _apply(row, {"enabled": bool(enabled)})
        action = "config.meter.enable" if enabled else "config.meter.disable"
        _log(actor, action, METER_TARGET, row.number, CHANGED, changes, key="meter")
        return ConfigChange(row.id, frozenset({row.bus_id}))


def remove_meter(actor: Actor, meter_id: int) -> ConfigChange:
    """Only a meter without money: an open account or any ledger entry keeps it (disable it)."""
    _require_commission(actor)
    with write_txn():
        row = _get(Meter, meter_id)
        account = (
            Account.select().where((Account.meter == row.id) & Account.closed_at.is_null()).first()
        )
        if account is not None:
            raise ValidationError(METER_OPEN_ACCOUNT, number=row.number,
                                  account=account.tenant.account_no)  # fmt: skip
        if (
            LedgerEntry.select().where(LedgerEntry.meter == row.id).exists()
            or Account.select().where(Account.meter == row.id).exists()
        ):
            raise ValidationError(METER_HISTORY, number=row.number)
        bus_id = row.bus_id
        row.delete_instance(recursive=False)
        _log(actor, "config.meter.remove", METER_TARGET, row.number, REMOVED,
             values={"bus": bus_id, "address": row.address}, key="meter")  # fmt: skip
        return ConfigChange(0, frozenset({bus_id}))


def _meter_values(info: MeterInfo) -> dict:
    profile = _check("profile", site_rules.profile, info.profile)
    return {
        "number": _check("number", site_rules.name, info.number),
        "bus": info.bus_id if isinstance(info.bus_id, int) else _empty("bus"),
        "address": _check("address", site_rules.address, info.address),
        "circuit": _check("circuit", site_rules.circuit, info.circuit, profile),
        "profile": profile,
        "building": _building_ref(info.building_id),
        "location": _text("location", info.location),
        "ct_ratio": _whole("ct_ratio", info.ct_ratio, 1, 10_000),
        "pt_ratio": _whole("pt_ratio", info.pt_ratio, 1, 10_000),
        "alarm1": _whole("alarm1", _or_default(info.alarm1, "meter.alarm1_fen"), 0, 100_000_000),
        "alarm2": _whole("alarm2", _or_default(info.alarm2, "meter.alarm2_fen"), 0, 100_000_000),
        "overload_w": _whole(
            "overload_w", _or_default(info.overload_w, "meter.overload_w"), 0, 10_000_000
        ),
        "tariff": _text("tariff", info.tariff),
        "enabled": bool(info.enabled),
    }


def _or_default(value: int | None, key: str) -> int:
    """A value given, or the site's default for new meters (Defaults and collection)."""
    return settings.get(key) if value is None else value


def _meter_unique(values: dict, meter_id: int | None) -> None:
    mine = Meter.id != (meter_id or 0)
    other = Meter.get_or_none((Meter.number == values["number"]) & mine)
    if other is not None:
        raise _clash("number", values["number"], other.number)
    other = Meter.get_or_none(
        (Meter.bus == values["bus"])
        & (Meter.address == values["address"])
        & (Meter.circuit == values["circuit"])
        & mine
    )
    if other is not None:
        field = "circuit" if values["circuit"] else "address"
        value = values["circuit"] if values["circuit"] else values["address"]
        raise _clash(field, value, other.number)


def _place(address: int, circuit: int) -> str:
    """An address, with its circuit as "12/3" on a multi-circuit meter."""
    return f"{address}/{circuit}" if circuit else str(address)


# ---- shared ------------------------------------------------------------------------------
def _label(field: str) -> str:
    return LABELS[field]


def _empty(field: str):
    raise InvalidField(field, site_rules.EMPTY, field=_label(field))


def _check(field: str, rule, value: object, *more: object):
    """``rule`` of site_rules with the field's label in its sentence and its key as ``field``
    (the form focuses the key; the reader reads the label)."""
    try:
        return rule(_label(field), value, *more)
    except InvalidField as exc:
        raise InvalidField(field, exc.template, **exc.params) from None


def _clash(field: str, value: object, other: str) -> InvalidField:
    return InvalidField(field, site_rules.CLASH, field=_label(field), value=value, other=other)


def _whole(field: str, value: object, low: int, high: int) -> int:
    return _check(field, site_rules.whole, value, low, high)


def _text(field: str, value: object, limit: int = site_rules.NAME_LIMIT) -> str:
    text = site_rules.normal(value)
    if len(text) > limit:
        raise InvalidField(field, site_rules.TOO_LONG, field=_label(field), limit=limit)
    return text


def _building_ref(building_id: int | None) -> int | None:
    if building_id is None:
        return None
    return _get(Building, building_id).id


def _get(model, row_id: int):
    row = model.get_or_none(model.id == row_id)
    if row is None:
        raise ValidationError(NOT_FOUND, kind=model.__name__.lower(), id=row_id)
    return row


def _unique(model, column, value: str, row_id: int | None, field: str = "name") -> None:
    other = model.get_or_none((column == value) & (model.id != (row_id or 0)))
    if other is not None:
        raise _clash(field, value, other.name)


def _apply(row, values: dict) -> dict[str, tuple[object, object]]:
    """Set ``values`` on ``row`` and save; what changed as {field: (old, new)}."""
    changes = {}
    for key, new in values.items():
        attr = f"{key}_id" if key in {"bus", "building", "gateway"} else key
        old = getattr(row, attr)
        if old != new:
            changes[key] = (old, new)
            setattr(row, attr, new)
    if changes:
        row.save()
    return changes


def _log(
    actor: Actor,
    action: str,
    target: str,
    name: str,
    detail: str,
    changes: dict | None = None,
    values: dict | None = None,
    key: str = "name",
) -> None:
    """One system-log row, and the version bump other processes watch, in the caller's txn."""
    if values is not None:
        text = ", ".join(f"{k}={v}" for k, v in values.items() if v not in (None, ""))
        message = Message(detail, {"values": text})
    elif changes:
        text = ", ".join(f"{k}: {old} → {new}" for k, (old, new) in changes.items())
        message = Message(CHANGED, {"changes": text})
    else:
        message = Message(UNCHANGED)
    log_action(actor, action, target=log_message(target, **{key: name}), detail=message)
    config_version.bump()
