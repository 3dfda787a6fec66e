"""The system settings window: each page adds through its form, shows refusals at the field,
applies changes to the site, and is read-only for a cashier."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox, QPushButton

from app.errors import ValidationError
from app.models import Building, Bus, Gateway, Meter
from app.services import site_config
from app.services.permissions import Actor, Role
from app.services.site_config import BusInfo, MeterInfo
from app.ui.settings.settings_window import SettingsWindow
from app.ui.support import background

ADMIN = Actor(1, "admin", Role.ADMIN)
MAINT = Actor(2, "tech", Role.MAINTENANCE)
CASHIER = Actor(3, "anna", Role.CASHIER)


class FakeSite:
    """What the window asks of the site: follow the touched buses."""

    def __init__(self) -> None:
        self.applied: list[set[int]] = []

    def apply_config(self, bus_ids=None) -> None:
        self.applied.append(set(bus_ids or ()))

    def owned_workers(self) -> dict:
        return {}


@pytest.fixture
def window(qtbot, database):
    site = FakeSite()
    changed: list[int] = []
    win = SettingsWindow(site, ADMIN, on_changed=lambda: changed.append(1))
    qtbot.addWidget(win)
    win.show()
    win.site_calls, win.changed_calls = site.applied, changed
    yield win
    _settled(qtbot)


def _settled(qtbot) -> None:
    """No read of this test's database may outlive it (its file closes next)."""
    qtbot.waitUntil(lambda: background.in_flight() == 0, timeout=20000)


def _rows(qtbot, page, n: int) -> None:
    qtbot.waitUntil(lambda: page.model.rowCount() == n, timeout=5000)


def _ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _wait_closed(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)


def _wait_error(qtbot, dialog, key: str) -> str:
    label: QLabel = dialog.error_label(key)
    qtbot.waitUntil(lambda: label.isVisible(), timeout=5000)
    return label.text()


def test_add_a_building_through_its_form(qtbot, window):
    page = window.buildings
    dialog = page.open_dialog(None)
    dialog.field("name").setText("Tower A")
    _ok(dialog)
    _wait_closed(qtbot, dialog)
    _rows(qtbot, page, 1)
    assert Building.get().name == "Tower A"
    assert window.changed_calls  # the grid is told to reload


def test_a_clash_is_shown_at_its_field(qtbot, window):
    site_config.add_building(ADMIN, site_config.BuildingInfo("Tower A"))
    dialog = window.buildings.open_dialog(None)
    dialog.field("name").setText("Tower A")
    _ok(dialog)
    text = _wait_error(qtbot, dialog, "name")
    assert "Tower A" in text and "already used" in text
    assert dialog.isVisible() and Building.select().count() == 1


def test_add_a_gateway_makes_its_buses_and_the_site_follows(qtbot, window):
    page = window.gateways
    dialog = page.open_dialog(None)
    dialog.field("name").setText("GW1")
    dialog.field("host").setText("192.168.1.50")
    dialog.field("port_count").setValue(4)
    _ok(dialog)
    _wait_closed(qtbot, dialog)
    _rows(qtbot, page, 1)
    _rows(qtbot, window.buses, 4)
    assert Gateway.get().name == "GW1"
    ids = {b.id for b in Bus.select()}
    qtbot.waitUntil(lambda: ids in window.site_calls, timeout=5000)


def test_add_a_bus_error_at_the_port_field_then_fixed(qtbot, window):
    page = window.buses
    dialog = page.open_dialog(None)
    dialog.field("name").setText("Line 1")
    dialog.field("port").setEditText("LPT1")
    _ok(dialog)
    assert "LPT1" in _wait_error(qtbot, dialog, "port")
    dialog.field("port").setEditText("/dev/ttyUSB0")
    _ok(dialog)
    _wait_closed(qtbot, dialog)
    _rows(qtbot, page, 1)
    assert Bus.get().port == "/dev/ttyUSB0"


def test_add_a_meter_and_its_number_clash(qtbot, window):
    bus = site_config.add_bus(ADMIN, BusInfo("Line 1", "/dev/ttyUSB0")).id
    site_config.add_meter(ADMIN, MeterInfo("M1", bus, 1))
    window.reload()
    page = window.meters
    _rows(qtbot, page, 1)
    qtbot.waitUntil(lambda: bool(window.lookups.buses), timeout=5000)
    dialog = page.open_dialog(None)
    dialog.field("number").setText("M1")
    dialog.field("address").setValue(2)
    _ok(dialog)
    assert "M1" in _wait_error(qtbot, dialog, "number")
    dialog.field("number").setText("M2")
    dialog.field("location").setText("2F-07")
    dialog.field("alarm1").setText("30.00")
    _ok(dialog)
    _wait_closed(qtbot, dialog)
    _rows(qtbot, page, 2)
    meter = Meter.get(Meter.number == "M2")
    assert (meter.bus_id, meter.address, meter.location, meter.alarm1) == (bus, 2, "2F-07", 3000)


def test_circuit_field_only_for_a_family_with_circuits(qtbot, window):
    site_config.add_bus(ADMIN, BusInfo("Line 1", "/dev/ttyUSB0"))
    window.reload()
    qtbot.waitUntil(lambda: bool(window.lookups.buses), timeout=5000)
    dialog = window.meters.open_dialog(None)
    family = dialog.field("profile")
    assert not dialog.field("circuit").isEnabled()
    family.setCurrentIndex(family.findData("acrel-adf400l"))
    assert dialog.field("circuit").isEnabled() and dialog.field("circuit").value() >= 1


def test_moving_a_meter_asks_first(qtbot, window, monkeypatch):
    b1 = site_config.add_bus(ADMIN, BusInfo("Line 1", "/dev/ttyUSB0")).id
    site_config.add_meter(ADMIN, MeterInfo("M1", b1, 1))
    window.reload()
    page = window.meters
    _rows(qtbot, page, 1)
    qtbot.waitUntil(lambda: bool(window.lookups.buses), timeout=5000)
    asked: list[str] = []

    def answer(_parent, _title, text, *a, **k):
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog = page.open_dialog(page.model.row_record(0))
    dialog.field("address").setValue(9)
    _ok(dialog)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=5000)
    assert "confirm the move" in asked[0] and Meter.get().address == 1
    _ok(dialog)
    _wait_closed(qtbot, dialog)
    assert Meter.get().address == 9


def test_disable_a_meter_from_the_page(qtbot, window):
    bus = site_config.add_bus(ADMIN, BusInfo("Line 1", "/dev/ttyUSB0")).id
    site_config.add_meter(ADMIN, MeterInfo("M1", bus, 1))
    window.reload()
    page = window.meters
    _rows(qtbot, page, 1)
    page.table.selectRow(0)
    page.toggle_button.click()
    qtbot.waitUntil(lambda: not Meter.get().enabled, timeout=5000)
    qtbot.waitUntil(lambda: {bus} in window.site_calls, timeout=5000)


def test_a_cashier_only_looks(qtbot, database):
    bus = site_config.add_bus(ADMIN, BusInfo("Line 1", "/dev/ttyUSB0")).id
    site_config.add_meter(ADMIN, MeterInfo("M1", bus, 1))
    win = SettingsWindow(FakeSite(), CASHIER)
    qtbot.addWidget(win)
    win.show()
    for page in win.pages:
        assert page.add_button.isHidden() and page.remove_button.isHidden()
    assert win.meters.toggle_button.isHidden()
    _rows(qtbot, win.meters, 1)
    dialog = win.meters.open_dialog(win.meters.model.row_record(0))
    assert not dialog.field("number").isEnabled() and not dialog.field("alarm1").isEnabled()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isVisible()
    bus_dialog = win.buses.open_dialog(None)
    assert not bus_dialog.findChild(QPushButton, "test_line").isEnabled()
    _settled(qtbot)


def test_maintenance_edits_buses_and_meters_not_buildings(qtbot, database):
    win = SettingsWindow(FakeSite(), MAINT)
    qtbot.addWidget(win)
    win.show()
    assert win.buildings.add_button.isHidden() and win.gateways.add_button.isHidden()
    assert not win.buses.add_button.isHidden() and not win.meters.add_button.isHidden()
    win.set_actor(ADMIN)  # another operator unlocked the screen
    assert not win.buildings.add_button.isHidden()
    _settled(qtbot)


def test_a_failed_read_is_said_on_the_page_not_in_a_box(qtbot, window, monkeypatch):
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: boxes.append(a[2]))
    page = window.buildings
    _settled(qtbot)
    monkeypatch.setattr(page, "load", lambda: (_ for _ in ()).throw(ValidationError("disk gone")))
    page.reload()
    qtbot.waitUntil(lambda: not page.status.isHidden(), timeout=5000)
    assert page.status.text() == "disk gone" and boxes == []


def test_line_test_reports_who_answered(qtbot, window, master_key):
    from tests.sim_helpers import running_tcp_sim

    with running_tcp_sim(master_key, n=2) as sim:
        dialog = window.buses.open_dialog(None)
        dialog.field("name").setText("Line 1")
        dialog.field("port").setEditText(sim.port)
        dialog.field("parity").setCurrentIndex(dialog.field("parity").findData("N"))
        dialog.findChild(QPushButton, "test_line").click()
        result = dialog.findChild(QLabel, "line_result")
        qtbot.waitUntil(lambda: "answered" in result.text(), timeout=20000)
    assert "1, 2 answered" in result.text()


def test_port_picker_lists_ports_with_description(qtbot):
    from app.ui.settings.port_picker import PortPicker

    picker = PortPicker("", ports=[("/dev/ttyUSB0", "USB-Serial CH340"), ("COM3", "n/a")])
    qtbot.addWidget(picker)
    assert picker.itemText(0) == "/dev/ttyUSB0 — USB-Serial CH340" and picker.itemText(1) == "COM3"
    picker.setEditText("/dev/ttyUSB0 — USB-Serial CH340")
    assert picker.port() == "/dev/ttyUSB0"
    picker.setEditText("socket://10.0.0.5:4001")
    assert picker.port() == "socket://10.0.0.5:4001"
