"""Meters: number, bus and address (and circuit), family, place, ratios, alarms, overload, tariff.

Moving a meter to another bus or address asks first (the service refuses an
unconfirmed move and the page turns that into the question); a meter with an
open account is disabled, never removed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QSpinBox

from app.errors import InvalidField
from app.serial_io import profiles
from app.services import site_config
from app.services import site_config_rows as rows
from app.services.money import format_fen
from app.services.permissions import Permission
from app.services.site_config import MeterInfo
from app.ui.settings.choices import profile_combo, profile_title, row_combo
from app.ui.settings.config_page import ConfigPage
from app.ui.settings.record_dialog import RecordDialog, select_data
from app.ui.widgets.money_edit import MoneyEdit, amount_error_text


def _spin(low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    return spin


class MeterPage(ConfigPage):
    permissions = (Permission.COMMISSION, Permission.SETTINGS)
    lookups = None  # set by the window: () -> Lookups

    def __init__(self, site, actor, parent=None) -> None:
        super().__init__(site, actor, parent)
        self.bus_filter = row_combo(self, [], self.tr("All buses"))
        self.bus_filter.setObjectName("bus_filter")
        self.building_filter = row_combo(self, [], self.tr("All buildings"))
        self.building_filter.setObjectName("building_filter")
        self.top.addWidget(QLabel(self.tr("Bus:"), self))
        self.top.addWidget(self.bus_filter)
        self.top.addWidget(QLabel(self.tr("Building:"), self))
        self.top.addWidget(self.building_filter)
        self.top.addStretch(1)
        self.bus_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.building_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.toggle_button = QPushButton(self)
        self.toggle_button.setObjectName("toggle")
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.buttons.insertWidget(3, self.toggle_button)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._toggle_text())
        self._toggle_text()
        self.toggle_button.setVisible(self.editable)

    def set_actor(self, actor) -> None:
        super().set_actor(actor)
        if hasattr(self, "toggle_button"):
            self.toggle_button.setVisible(self.editable)

    def set_lookups(self, looked) -> None:
        """Refill the filters from the window's snapshot, keeping what was chosen."""
        for combo, records in (
            (self.bus_filter, looked.buses),
            (self.building_filter, looked.buildings),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for record in records:
                combo.addItem(record.name, record.id)
            select_data(combo, chosen)
            combo.blockSignals(False)

    def columns(self):
        return [
            (self.tr("Number"), lambda r: r.number),
            (self.tr("Bus"), lambda r: r.bus),
            (self.tr("Address"), lambda r: f"{r.address}/{r.circuit}" if r.circuit else r.address),
            (self.tr("Family"), lambda r: profile_title(r.profile)),
            (self.tr("Building"), lambda r: r.building),
            (self.tr("Location"), lambda r: r.location),
            (self.tr("CT/PT"), lambda r: f"{r.ct_ratio}/{r.pt_ratio}"),
            (self.tr("Alarm 1"), lambda r: format_fen(r.alarm1)),
            (self.tr("Alarm 2"), lambda r: format_fen(r.alarm2)),
            (self.tr("Overload (W)"), lambda r: r.overload_w or ""),
            (self.tr("Tariff"), lambda r: r.tariff),
            (self.tr("State"), lambda r: self.tr("enabled") if r.enabled else self.tr("disabled")),
        ]

    def load(self):
        return rows.meters(self.bus_filter.currentData(), self.building_filter.currentData())

    def record_name(self, record) -> str:
        return record.number

    def _toggle_text(self) -> None:
        record = self.selected()
        self.toggle_button.setText(
            self.tr("Enable") if record is not None and not record.enabled else self.tr("Disable")
        )
        self.toggle_button.setEnabled(record is not None)

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "toggle_button"):
            self._toggle_text()

    def toggle_selected(self) -> None:
        record = self.selected()
        if record is not None:
            actor, enable = self.actor, not record.enabled
            self.run_change(lambda: site_config.set_meter_enabled(actor, record.id, enable))

    def make_dialog(self, record) -> RecordDialog:
        title = self.tr("New meter") if record is None else self.tr("Meter %1")
        dialog = RecordDialog(
            title.replace("%1", record.number if record else ""), self, not self.editable
        )
        looked = self.lookups() if self.lookups else None
        buses = looked.buses if looked else []
        dialog.add_field("number", self.tr("Number"), QLineEdit(record.number if record else ""))
        bus = dialog.add_field("bus", self.tr("Bus"), row_combo(dialog, buses, None))
        select_data(bus, record.bus_id if record else self.bus_filter.currentData())
        dialog.add_field(
            "address", self.tr("Address"), _spin(1, 247, record.address if record else 1)
        )
        profile = dialog.add_field("profile", self.tr("Meter family"), profile_combo(dialog))
        default_family = next((b.profile for b in buses if b.id == bus.currentData()), "default")
        select_data(profile, record.profile if record else default_family)
        dialog.add_field(
            "circuit", self.tr("Circuit"), _spin(0, 255, record.circuit if record else 0)
        )
        building = dialog.add_field(
            "building",
            self.tr("Building"),
            row_combo(dialog, looked.buildings if looked else [], self.tr("(none)")),
        )
        select_data(building, record.building_id if record else self.building_filter.currentData())
        dialog.add_field(
            "location", self.tr("Location"), QLineEdit(record.location if record else "")
        )
        dialog.add_field(
            "ct_ratio", self.tr("CT ratio"), _spin(1, 10_000, record.ct_ratio if record else 1)
        )
        dialog.add_field(
            "pt_ratio", self.tr("PT ratio"), _spin(1, 10_000, record.pt_ratio if record else 1)
        )
        for key, label, value in (
            ("alarm1", self.tr("Alarm 1"), record.alarm1 if record else 2000),
            ("alarm2", self.tr("Alarm 2"), record.alarm2 if record else 500),
        ):
            money = dialog.add_field(key, label, MoneyEdit(dialog))
            money.set_value_fen(value)
        dialog.add_field(
            "overload_w",
            self.tr("Overload (W)"),
            _spin(0, 1_000_000, record.overload_w if record else 0),
        )
        dialog.field("overload_w").setSpecialValueText(self.tr("none"))
        tariff = dialog.add_field(
            "tariff", self.tr("Tariff"), QLineEdit(record.tariff if record else "")
        )
        tariff.setPlaceholderText(self.tr("the site's default tariff"))
        enabled = dialog.add_field("enabled", self.tr("Polled"), QCheckBox(self.tr("enabled")))
        enabled.setChecked(record.enabled if record else True)
        profile.currentIndexChanged.connect(lambda _i: self._family_chosen(dialog))
        if record is None:
            bus.currentIndexChanged.connect(lambda _i: self._bus_chosen(dialog, buses))
        self._family_chosen(dialog)
        return dialog

    def _bus_chosen(self, dialog: RecordDialog, buses) -> None:
        """A new meter starts with its bus's family."""
        family = next((b.profile for b in buses if b.id == dialog.field("bus").currentData()), None)
        if family:
            select_data(dialog.field("profile"), family)

    def _family_chosen(self, dialog: RecordDialog) -> None:
        """The circuit field only for a family with circuits (1..its last)."""
        family = profiles.get_profile(dialog.field("profile").currentData())
        circuit = dialog.field("circuit")
        circuit.setEnabled(bool(family.max_circuits) and not dialog.read_only)
        if family.max_circuits:
            circuit.setRange(1, family.max_circuits)
        else:
            circuit.setRange(0, 0)

    def _money(self, dialog: RecordDialog, key: str) -> int:
        edit: MoneyEdit = dialog.field(key)
        if not edit.text().strip():
            return 0  # no alarm at this threshold
        value = edit.value_fen()
        if value is None:
            error = edit.error()
            raise InvalidField(key, amount_error_text(error) if error else "")
        return value

    def save(self, record, dialog, confirmed):
        info = MeterInfo(
            number=dialog.field("number").text(),
            bus_id=dialog.field("bus").currentData(),
            address=dialog.field("address").value(),
            circuit=dialog.field("circuit").value(),
            profile=dialog.field("profile").currentData(),
            building_id=dialog.field("building").currentData(),
            location=dialog.field("location").text(),
            ct_ratio=dialog.field("ct_ratio").value(),
            pt_ratio=dialog.field("pt_ratio").value(),
            alarm1=self._money(dialog, "alarm1"),
            alarm2=self._money(dialog, "alarm2"),
            overload_w=dialog.field("overload_w").value(),
            tariff=dialog.field("tariff").text(),
            enabled=dialog.field("enabled").isChecked(),
        )
        actor = self.actor
        if record is None:
            return lambda: site_config.add_meter(actor, info)
        return lambda: site_config.update_meter(actor, record.id, info, confirmed_move=confirmed)

    def remove(self, record):
        return site_config.remove_meter(self.actor, record.id)
