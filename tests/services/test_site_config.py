"""The settings window's changes: each rule, each refusal naming its clash, the log, the roles."""

from __future__ import annotations

import json

import pytest

from app.errors import InvalidField, PermissionDenied, ValidationError
from app.models import Account, Building, Bus, Gateway, Meter, SystemLog, Tenant
from app.services import config_version, site_config
from app.services.audit import verify_log_chain
from app.services.permissions import Actor, Role
from app.services.site_config import (
    BuildingInfo,
    BusInfo,
    GatewayInfo,
    MeterInfo,
    MoveNeedsConfirmation,
)

BOTH_DATABASES = True

ADMIN = Actor(1, "admin", Role.ADMIN)
MAINT = Actor(2, "tech", Role.MAINTENANCE)
CASHIER = Actor(3, "anna", Role.CASHIER)


def _bus(name="B1", port="/dev/ttyUSB0", **kw) -> int:
    return site_config.add_bus(ADMIN, BusInfo(name, port, **kw)).id


def _meter(number="M1", bus_id=None, address=1, **kw) -> int:
    bus_id = bus_id or _bus()
    return site_config.add_meter(ADMIN, MeterInfo(number, bus_id, address, **kw)).id


def _last_log() -> tuple[str, str, str]:
    row = SystemLog.select().order_by(SystemLog.id.desc()).first()
    target = json.loads(row.target)
    return row.action, target["params"], json.loads(row.detail)["params"]


# ---- buildings ---------------------------------------------------------------------------
def test_building_add_rename_remove_each_logged(database):
    change = site_config.add_building(ADMIN, BuildingInfo("Tower A", "1 Main St"))
    assert Building.get_by_id(change.id).name == "Tower A"
    action, target, detail = _last_log()
    assert action == "config.building.add" and target == {"name": "Tower A"}
    assert "Tower A" in detail["values"]
    site_config.update_building(ADMIN, change.id, BuildingInfo("Tower B"))
    action, target, detail = _last_log()
    assert action == "config.building.update" and target == {"name": "Tower B"}
    assert "Tower A → Tower B" in detail["changes"]
    site_config.remove_building(ADMIN, change.id)
    assert Building.select().count() == 0
    assert _last_log()[0] == "config.building.remove"
    assert verify_log_chain() == []


def test_building_name_unique_and_not_empty(database):
    site_config.add_building(ADMIN, BuildingInfo("Tower A"))
    with pytest.raises(InvalidField) as err:
        site_config.add_building(ADMIN, BuildingInfo(" Tower A "))
    assert err.value.field == "name" and "already used by Tower A" in str(err.value)
    with pytest.raises(InvalidField) as err:
        site_config.add_building(ADMIN, BuildingInfo("  "))
    assert err.value.field == "name"


def test_building_in_use_is_refused_with_the_count(database):
    b = site_config.add_building(ADMIN, BuildingInfo("Tower A")).id
    bus = _bus()
    _meter("M1", bus, 1, building_id=b)
    _meter("M2", bus, 2, building_id=b)
    with pytest.raises(ValidationError, match="used by 2 meter"):
        site_config.remove_building(ADMIN, b)
    assert Building.get_or_none(Building.id == b) is not None


def test_buildings_and_gateways_need_the_settings_permission(database):
    for actor in (MAINT, CASHIER):
        with pytest.raises(PermissionDenied):
            site_config.add_building(actor, BuildingInfo("X"))
        with pytest.raises(PermissionDenied):
            site_config.add_gateway(actor, GatewayInfo("GW", "10.0.0.5"))
    assert Building.select().count() == Gateway.select().count() == 0


# ---- gateways ----------------------------------------------------------------------------
def test_a_gateway_of_n_ports_makes_n_buses_with_the_family_line(database):
    change = site_config.add_gateway(
        ADMIN, GatewayInfo("GW1", "192.168.1.50", 8, 4001, family="acrel-ddsy1352")
    )
    buses = list(Bus.select().where(Bus.gateway == change.id).order_by(Bus.gateway_port))
    assert [b.name for b in buses] == [f"GW1 port {k}" for k in range(1, 9)]
    assert [b.port for b in buses] == [f"socket://192.168.1.50:{4000 + k}" for k in range(1, 9)]
    assert {(b.baud, b.parity, b.profile) for b in buses} == {(9600, "N", "acrel-ddsy1352")}
    assert change.bus_ids == {b.id for b in buses}


def test_gateway_host_and_port_changes_follow_to_its_buses(database):
    gw = site_config.add_gateway(ADMIN, GatewayInfo("GW1", "10.0.0.5", 4, 4001)).id
    change = site_config.update_gateway(ADMIN, gw, GatewayInfo("GW2", "10.0.0.9", 2, 5001))
    buses = list(Bus.select().where(Bus.gateway == gw).order_by(Bus.gateway_port))
    assert [(b.name, b.port) for b in buses] == [
        ("GW2 port 1", "socket://10.0.0.9:5001"),
        ("GW2 port 2", "socket://10.0.0.9:5002"),
    ]
    assert len(change.bus_ids) == 4  # two moved, two removed
    site_config.update_gateway(ADMIN, gw, GatewayInfo("GW2", "10.0.0.9", 3, 5001))
    assert Bus.select().where(Bus.gateway == gw).count() == 3


def test_gateway_with_meters_is_not_removed_nor_shrunk_under_them(database):
    gw = site_config.add_gateway(ADMIN, GatewayInfo("GW1", "10.0.0.5", 4)).id
    port4 = Bus.get((Bus.gateway == gw) & (Bus.gateway_port == 4)).id
    _meter("M1", port4, 1)
    with pytest.raises(ValidationError, match="carry 1 meter"):
        site_config.remove_gateway(ADMIN, gw)
    with pytest.raises(InvalidField, match="GW1 port 4 beyond port 2 carries 1") as err:
        site_config.update_gateway(ADMIN, gw, GatewayInfo("GW1", "10.0.0.5", 2))
    assert err.value.field == "port_count"
    assert Bus.select().where(Bus.gateway == gw).count() == 4


def test_gateway_removal_takes_its_empty_buses(database):
    gw = site_config.add_gateway(ADMIN, GatewayInfo("GW1", "10.0.0.5", 2)).id
    site_config.remove_gateway(ADMIN, gw)
    assert Bus.select().count() == 0 and Gateway.select().count() == 0


def test_gateway_host_is_checked(database):
    with pytest.raises(InvalidField) as err:
        site_config.add_gateway(ADMIN, GatewayInfo("GW1", "not a host!"))
    assert err.value.field == "host"


# ---- buses -------------------------------------------------------------------------------
def test_bus_fields_are_checked_and_named(database):
    cases = {
        "port": BusInfo("B", "LPT1"),
        "baud": BusInfo("B", "COM3", baud=300),
        "parity": BusInfo("B", "COM3", parity="X"),
        "stopbits": BusInfo("B", "COM3", stopbits=3),
        "timeout_ms": BusInfo("B", "COM3", timeout_ms=-1),
        "profile": BusInfo("B", "COM3", profile="nope"),
    }
    for field, info in cases.items():
        with pytest.raises(InvalidField) as err:
            site_config.add_bus(ADMIN, info)
        assert err.value.field == field, (field, str(err.value))
    assert Bus.select().count() == 0


def test_bus_name_clash_is_named_and_a_gateway_port_is_computed(database):
    _bus("B1")
    with pytest.raises(InvalidField, match="B1 is already used by B1"):
        _bus("B1", "COM4")
    gw = site_config.add_gateway(ADMIN, GatewayInfo("GW", "10.0.0.5", 2)).id
    with pytest.raises(InvalidField, match="already used by GW port 2") as err:
        site_config.add_bus(ADMIN, BusInfo("extra", gateway_id=gw, gateway_port=2))
    assert err.value.field == "gateway_port"
    bus = Bus.get(Bus.name == "GW port 1")
    site_config.update_bus(
        ADMIN, bus.id, BusInfo("GW port 1", baud=19200, parity="N", gateway_id=gw, gateway_port=1)
    )
    bus = Bus.get_by_id(bus.id)
    assert (bus.port, bus.baud, bus.parity) == ("socket://10.0.0.5:4001", 19200, "N")


def test_bus_with_meters_is_not_removed(database):
    bus = _bus()
    _meter("M1", bus, 1)
    _meter("M2", bus, 2)
    with pytest.raises(ValidationError, match="carries 2 meter"):
        site_config.remove_bus(ADMIN, bus)
    empty = _bus("B2", "COM5")
    site_config.remove_bus(MAINT, empty)
    assert Bus.get_or_none(Bus.id == empty) is None
    assert _last_log()[0] == "config.bus.remove"


def test_buses_and_meters_maintenance_yes_cashier_no(database):
    bus = site_config.add_bus(MAINT, BusInfo("B1", "COM3")).id
    site_config.add_meter(MAINT, MeterInfo("M1", bus, 1))
    with pytest.raises(PermissionDenied):
        site_config.add_bus(CASHIER, BusInfo("B2", "COM4"))
    with pytest.raises(PermissionDenied):
        site_config.add_meter(CASHIER, MeterInfo("M2", bus, 2))
    with pytest.raises(PermissionDenied):
        site_config.set_meter_enabled(CASHIER, Meter.get().id, False)
    assert Meter.select().count() == 1 and Bus.select().count() == 1


# ---- meters ------------------------------------------------------------------------------
def test_meter_number_and_place_clashes_name_the_other_meter(database):
    bus = _bus()
    _meter("M1", bus, 1)
    with pytest.raises(InvalidField, match="M1 is already used by M1") as err:
        _meter("M1", bus, 2)
    assert err.value.field == "number"
    with pytest.raises(InvalidField, match="1 is already used by M1") as err:
        _meter("M2", bus, 1)
    assert err.value.field == "address"


def test_circuits_follow_the_profile(database):
    bus = _bus()
    with pytest.raises(InvalidField) as err:
        _meter("C0", bus, 5, profile="acrel-adf400l")
    assert err.value.field == "circuit"
    with pytest.raises(InvalidField) as err:
        _meter("D1", bus, 6, circuit=2)
    assert err.value.field == "circuit"
    _meter("C1", bus, 5, profile="acrel-adf400l", circuit=1)
    _meter("C2", bus, 5, profile="acrel-adf400l", circuit=2)
    with pytest.raises(InvalidField, match="already used by C2") as err:
        _meter("C3", bus, 5, profile="acrel-adf400l", circuit=2)
    assert err.value.field == "circuit"


@pytest.mark.parametrize("address", [0, 248, "x"])
def test_meter_address_range(database, address):
    with pytest.raises(InvalidField) as err:
        _meter("M1", _bus(), address)
    assert err.value.field == "address"


def test_moving_a_meter_asks_for_confirmation(database):
    b1, b2 = _bus("B1"), _bus("B2", "COM9")
    meter = _meter("M1", b1, 1)
    before = SystemLog.select().count()
    with pytest.raises(MoveNeedsConfirmation, match="from bus B1 address 1 to bus B2 address 7"):
        site_config.update_meter(ADMIN, meter, MeterInfo("M1", b2, 7))
    assert (Meter.get_by_id(meter).bus_id, SystemLog.select().count()) == (b1, before)
    change = site_config.update_meter(ADMIN, meter, MeterInfo("M1", b2, 7), confirmed_move=True)
    assert change.bus_ids == {b1, b2}
    assert (Meter.get_by_id(meter).bus_id, Meter.get_by_id(meter).address) == (b2, 7)
    # other fields change without a question
    site_config.update_meter(ADMIN, meter, MeterInfo("M1", b2, 7, location="2F", alarm1=3000))
    action, target, detail = _last_log()
    assert action == "config.meter.update" and target == {"meter": "M1"}
    assert "location:  → 2F" in detail["changes"] and "alarm1: 2000 → 3000" in detail["changes"]


def test_a_meter_with_an_open_account_is_only_disabled(database):
    meter = _meter("M1")
    tenant = Tenant.create(account_no="000007", name="Shop 7")
    Account.create(tenant=tenant, meter=meter)
    with pytest.raises(ValidationError, match="open account \\(000007\\)"):
        site_config.remove_meter(ADMIN, meter)
    site_config.set_meter_enabled(MAINT, meter, False)
    assert Meter.get_by_id(meter).enabled is False
    assert _last_log()[0] == "config.meter.disable"


def test_a_meter_without_money_is_removed(database):
    meter = _meter("M1")
    site_config.remove_meter(MAINT, meter)
    assert Meter.select().count() == 0
    assert _last_log()[:2] == ("config.meter.remove", {"meter": "M1"})


def test_every_change_moves_the_config_version_and_a_refusal_does_not(database):
    v0 = config_version.current()
    bus = _bus()
    _meter("M1", bus, 1)
    assert config_version.current() == v0 + 2
    with pytest.raises(InvalidField):
        _meter("M1", bus, 2)
    assert config_version.current() == v0 + 2


def test_full_width_input_is_read(database):
    bus = _bus()
    meter = site_config.add_meter(ADMIN, MeterInfo("Ｍ１", bus, "１２")).id
    assert (Meter.get_by_id(meter).number, Meter.get_by_id(meter).address) == ("M1", 12)


# ---- the rows the window lists, and the line test ----------------------------------------
def test_rows_count_meters_and_filter(database):
    from app.services import site_config_rows as rows

    b = site_config.add_building(ADMIN, BuildingInfo("Tower A")).id
    gw = site_config.add_gateway(ADMIN, GatewayInfo("GW", "10.0.0.5", 2, building_id=b)).id
    port1 = Bus.get((Bus.gateway == gw) & (Bus.gateway_port == 1)).id
    _meter("M1", port1, 1, building_id=b)
    _meter("M2", port1, 2)
    assert [(r.name, r.meters) for r in rows.buildings()] == [("Tower A", 1)]
    assert [(r.name, r.meters, r.building) for r in rows.gateways()] == [("GW", 2, "Tower A")]
    assert next((r.name, r.meters, r.gateway) for r in rows.buses()) == ("GW port 1", 2, "GW")
    assert [r.number for r in rows.meters(building_id=b)] == ["M1"]
    assert [r.number for r in rows.meters(bus_id=port1)] == ["M1", "M2"]


def test_line_test_names_who_answered_and_a_port_error(master_key):
    from app.serial_io.events import BusConfig
    from app.services.line_test import check_line
    from tests.sim_helpers import running_tcp_sim

    with running_tcp_sim(master_key, n=3) as sim:
        report = check_line(BusConfig(0, "t", sim.port, parity="N"), [1, 2, 7])
    assert report.error is None
    assert report.by_family() == {"default": [1, 2]}
    report = check_line(BusConfig(0, "t", "/dev/ttyNOPE0", parity="N"), [1])
    assert report.error is not None and "/dev/ttyNOPE0" in str(report.error)
