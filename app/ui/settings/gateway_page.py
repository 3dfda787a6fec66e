"""Gateways: a host with N serial ports, each one bus (made and kept in step by the service)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QSpinBox

from app.services import site_config
from app.services import site_config_rows as rows
from app.services.site_config import GatewayInfo
from app.ui.settings.choices import profile_combo, row_combo
from app.ui.settings.config_page import ConfigPage
from app.ui.settings.record_dialog import RecordDialog, select_data


def _spin(low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    return spin


class GatewayPage(ConfigPage):
    lookups = None  # set by the window: () -> Lookups

    def columns(self):
        return [
            (self.tr("Name"), lambda r: r.name),
            (self.tr("Host"), lambda r: r.host),
            (self.tr("Serial ports"), lambda r: r.port_count),
            (
                self.tr("TCP ports"),
                lambda r: f"{r.first_tcp_port}-{r.first_tcp_port + r.port_count - 1}",
            ),
            (self.tr("Building"), lambda r: r.building),
            (self.tr("Meters"), lambda r: r.meters),
        ]

    def load(self):
        return rows.gateways()

    def make_dialog(self, record) -> RecordDialog:
        title = self.tr("New gateway") if record is None else self.tr("Gateway %1")
        dialog = RecordDialog(
            title.replace("%1", record.name if record else ""), self, not self.editable
        )
        dialog.add_field("name", self.tr("Name"), QLineEdit(record.name if record else ""))
        dialog.add_field(
            "host", self.tr("Host or IP address"), QLineEdit(record.host if record else "")
        )
        dialog.add_field(
            "port_count", self.tr("Serial ports"), _spin(1, 64, record.port_count if record else 8)
        )
        dialog.add_field(
            "first_tcp_port",
            self.tr("TCP port of serial port 1"),
            _spin(1, 65535, record.first_tcp_port if record else 4001),
        )
        buildings = self.lookups().buildings if self.lookups else []
        building = dialog.add_field(
            "building", self.tr("Building"), row_combo(dialog, buildings, self.tr("(none)"))
        )
        select_data(building, record.building_id if record else None)
        family = dialog.add_field(
            "profile", self.tr("Meter family of new buses"), profile_combo(dialog)
        )
        family.setToolTip(self.tr("New buses start with this family's line settings"))
        return dialog

    def save(self, record, dialog, confirmed):
        info = GatewayInfo(
            dialog.field("name").text(),
            dialog.field("host").text(),
            dialog.field("port_count").value(),
            dialog.field("first_tcp_port").value(),
            dialog.field("building").currentData(),
            dialog.field("profile").currentData(),
        )
        actor = self.actor
        if record is None:
            return lambda: site_config.add_gateway(actor, info)
        return lambda: site_config.update_gateway(actor, record.id, info)

    def remove(self, record):
        return site_config.remove_gateway(self.actor, record.id)
