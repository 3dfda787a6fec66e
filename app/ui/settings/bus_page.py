"""Buses: a direct serial port or a gateway's port, its line settings, and "test the line"."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
)

from app.services import line_test, site_config
from app.services import site_config_rows as rows
from app.services.permissions import Permission
from app.services.site_config import BusInfo
from app.ui.settings.choices import profile_combo, profile_title, row_combo
from app.ui.settings.config_page import ConfigPage
from app.ui.settings.port_picker import PortPicker
from app.ui.settings.record_dialog import RecordDialog, select_data, settings_error_text
from app.ui.support import background
from app.ui.support.colors import ERROR, OK, text_style

BAUDS = (2400, 4800, 9600, 19200, 38400, 57600, 115200)


def _spin(low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    return spin


def _run_line_test(config, bus_id: int, worker) -> line_test.LineReport:
    """Background thread: through this process's worker of the bus, or a port of our own."""
    addresses = line_test.addresses_to_ask(bus_id)
    result = line_test.check_line(config, addresses, worker)
    return result if isinstance(result, line_test.LineReport) else result.result()


class BusPage(ConfigPage):
    permissions = (Permission.COMMISSION, Permission.SETTINGS)
    lookups = None  # set by the window: () -> Lookups

    def columns(self):
        return [
            (self.tr("Name"), lambda r: r.name),
            (self.tr("Port"), lambda r: r.port),
            (self.tr("Line"), lambda r: f"{r.baud} {r.parity} {r.stopbits}"),
            (self.tr("Meter family"), lambda r: profile_title(r.profile)),
            (self.tr("Gateway"), lambda r: f"{r.gateway} #{r.gateway_port}" if r.gateway else ""),
            (self.tr("Building"), lambda r: r.building),
            (self.tr("Meters"), lambda r: r.meters),
            (self.tr("State"), lambda r: self.tr("enabled") if r.enabled else self.tr("disabled")),
        ]

    def load(self):
        return rows.buses()

    def make_dialog(self, record) -> RecordDialog:
        title = self.tr("New bus") if record is None else self.tr("Bus %1")
        dialog = RecordDialog(
            title.replace("%1", record.name if record else ""), self, not self.editable
        )
        looked = self.lookups() if self.lookups else None
        dialog.add_field("name", self.tr("Name"), QLineEdit(record.name if record else ""))
        gateway = dialog.add_field(
            "gateway",
            self.tr("Gateway"),
            row_combo(dialog, looked.gateways if looked else [], self.tr("(direct serial port)")),
        )
        select_data(gateway, record.gateway_id if record else None)
        dialog.add_field(
            "gateway_port",
            self.tr("Gateway port"),
            _spin(1, 64, record.gateway_port if record and record.gateway_port else 1),
        )
        dialog.add_field("port", self.tr("Serial port"), PortPicker(record.port if record else ""))
        baud = dialog.add_field("baud", self.tr("Baud rate"), QComboBox())
        baud.setEditable(True)
        for value in BAUDS:
            baud.addItem(str(value), value)
        baud.setEditText(str(record.baud if record else 9600))
        parity = dialog.add_field("parity", self.tr("Parity"), QComboBox())
        for code, text in (
            ("N", self.tr("none (N)")),
            ("E", self.tr("even (E)")),
            ("O", self.tr("odd (O)")),
        ):
            parity.addItem(text, code)
        select_data(parity, record.parity if record else "E")
        stopbits = dialog.add_field("stopbits", self.tr("Stop bits"), QComboBox())
        for value in (1, 2):
            stopbits.addItem(str(value), value)
        select_data(stopbits, record.stopbits if record else 1)
        timeout = dialog.add_field(
            "timeout_ms",
            self.tr("Timeout (ms)"),
            _spin(0, 10_000, record.timeout_ms if record else 0),
        )
        timeout.setSpecialValueText(self.tr("from the line speed"))
        dialog.add_field(
            "turnaround_ms",
            self.tr("Turnaround (ms)"),
            _spin(0, 10_000, record.turnaround_ms if record else 50),
        )
        profile = dialog.add_field("profile", self.tr("Meter family"), profile_combo(dialog))
        select_data(profile, record.profile if record else "default")
        building = dialog.add_field(
            "building",
            self.tr("Building"),
            row_combo(dialog, looked.buildings if looked else [], self.tr("(none)")),
        )
        select_data(building, record.building_id if record else None)
        enabled = dialog.add_field("enabled", self.tr("Polled"), QCheckBox(self.tr("enabled")))
        enabled.setChecked(record.enabled if record else True)
        gateway.currentIndexChanged.connect(lambda _i: self._gateway_chosen(dialog))
        self._gateway_chosen(dialog)
        self._add_line_test(dialog, record)
        return dialog

    def _gateway_chosen(self, dialog: RecordDialog) -> None:
        on_gateway = dialog.field("gateway").currentData() is not None
        editable = not dialog.read_only
        dialog.field("gateway_port").setEnabled(editable and on_gateway)
        dialog.field("port").setEnabled(editable and not on_gateway)

    def _add_line_test(self, dialog: RecordDialog, record) -> None:
        row = QHBoxLayout()
        button = QPushButton(self.tr("Test the line"), dialog)
        button.setObjectName("test_line")
        result = QLabel(dialog)
        result.setObjectName("line_result")
        result.setWordWrap(True)
        row.addWidget(button)
        row.addWidget(result, 1)
        dialog.extra.addLayout(row)
        button.setEnabled(self.editable)
        button.clicked.connect(lambda: self._test_line(dialog, record, button, result))

    def _info(self, dialog: RecordDialog) -> BusInfo:
        baud_text = dialog.field("baud").currentText().strip()
        return BusInfo(
            name=dialog.field("name").text(),
            port=dialog.field("port").port(),
            baud=baud_text,
            parity=dialog.field("parity").currentData(),
            stopbits=dialog.field("stopbits").currentData(),
            timeout_ms=dialog.field("timeout_ms").value(),
            turnaround_ms=dialog.field("turnaround_ms").value(),
            profile=dialog.field("profile").currentData(),
            building_id=dialog.field("building").currentData(),
            gateway_id=dialog.field("gateway").currentData(),
            gateway_port=dialog.field("gateway_port").value(),
            enabled=dialog.field("enabled").isChecked(),
        )

    def _test_line(self, dialog: RecordDialog, record, button, result: QLabel) -> None:
        dialog.clear_errors()
        info = self._info(dialog)
        bus_id = record.id if record else 0
        looked = self.lookups() if self.lookups else None
        if info.gateway_id is not None and looked is not None:
            gateway = next((g for g in looked.gateways if g.id == info.gateway_id), None)
            if gateway is not None:
                port = f"socket://{gateway.host}:{gateway.first_tcp_port + info.gateway_port - 1}"
                info = replace(info, gateway_id=None, port=port)
        try:
            config = site_config.bus_line(info, bus_id)
        except Exception as exc:
            dialog.show_error(exc)
            return
        owned = getattr(self.site, "owned_workers", dict)()
        worker = owned.get(bus_id) if bus_id else None
        button.setEnabled(False)
        result.setStyleSheet("")
        result.setText(self.tr("Testing %1…").replace("%1", config.port))

        def done(report: line_test.LineReport) -> None:
            button.setEnabled(True)
            good = report.error is None and bool(report.answered)
            result.setStyleSheet(text_style(OK if good else ERROR))
            result.setText(self.report_text(report))

        def failed(exc: BaseException) -> None:
            button.setEnabled(True)
            result.setStyleSheet(text_style(ERROR))
            result.setText(settings_error_text(exc))

        background.run_then(lambda: _run_line_test(config, bus_id, worker), done, failed, dialog)

    def report_text(self, report: line_test.LineReport) -> str:
        if report.error is not None:
            return settings_error_text(report.error)
        asked = ", ".join(str(a) for a in report.asked)
        if not report.answered:
            return self.tr("Port opened; no meter answered at addresses %1.").replace("%1", asked)
        parts = []
        for family, addresses in report.by_family().items():
            listed = ", ".join(str(a) for a in addresses)
            if family == line_test.UNKNOWN:
                parts.append(self.tr("%1 answered, but no known family").replace("%1", listed))
            elif family == line_test.DAMAGED:
                parts.append(self.tr("%1 sent damaged answers").replace("%1", listed))
            else:
                parts.append(
                    self.tr("%1 answered (%2)")
                    .replace("%1", listed)
                    .replace("%2", profile_title(family))
                )
        return self.tr("Port opened; meters %1.").replace("%1", "; ".join(parts))

    def save(self, record, dialog, confirmed):
        info = self._info(dialog)
        actor = self.actor
        if record is None:
            return lambda: site_config.add_bus(actor, info)
        return lambda: site_config.update_bus(actor, record.id, info)

    def remove(self, record):
        return site_config.remove_bus(self.actor, record.id)
