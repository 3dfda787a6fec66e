"""One meter's detail: live values, who and where it is, and how it talks.

Built for the technician on the ladder asking why meter 57 stopped
answering: the communication tab shows answers, timeouts, CRC errors,
exceptions, last response time, the last error and the last valid answer;
"Read now" asks the bus for an immediate poll and shows the outcome.
Values follow the grid's live updates; later tabs (usage chart, recent
sales) are added with ``add_tab``.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Future

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import PemError
from app.serial_io.events import MeterUpdate
from app.services.meter_state import GridState
from app.ui.grid.model import MeterGridModel
from app.ui.meter.detail_values import comm_values, flag_names, live_values
from app.ui.support import colors
from app.ui.support.background import on_gui
from app.ui.support.error_text import error_text

log = logging.getLogger(__name__)


class MeterDetailDialog(QDialog):
    def __init__(self, site, model: MeterGridModel, meter_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.site = site
        self.model = model
        self.meter_id = meter_id
        self.values: dict[str, QLabel] = {}
        rec = model.record(meter_id)
        if rec is None:
            raise KeyError(f"meter {meter_id} is not in the grid")
        self.setWindowTitle(self.tr("Meter {0}").format(rec.row.number))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.resize(720, 560)

        self.header = QLabel()
        self.header.setObjectName("detailHeader")
        self.state_chip = QLabel()
        self.state_chip.setObjectName("stateChip")
        self.state_chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_chip.setMinimumWidth(110)
        head = QHBoxLayout()
        head.addWidget(self.header, 1)
        head.addWidget(self.state_chip)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._live_tab(rec.prepaid), self.tr("Live values"))
        self.tabs.addTab(self._comm_tab(), self.tr("Communication"))
        self.history = QLabel(self.tr("Usage chart and recent sales will be shown here."))
        self.history.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tabs.addTab(self.history, self.tr("History"))

        self.read_button = QPushButton(self.tr("Read now"))
        self.read_button.setObjectName("readNow")
        self.read_button.clicked.connect(self.read_now)
        self.outcome = QLabel()
        self.outcome.setObjectName("readOutcome")
        self.outcome.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.read_button)
        bottom.addWidget(self.outcome, 1)
        bottom.addWidget(buttons)

        box = QVBoxLayout(self)
        box.addLayout(head)
        box.addWidget(self.tabs, 1)
        box.addLayout(bottom)

        model.metersChanged.connect(self._meters_changed)
        self.refresh()
        rec = model.record(meter_id)
        if rec is not None and not rec.online:  # the technician's first question: why?
            self.tabs.setCurrentIndex(1)

    # -- layout ------------------------------------------------------------------------
    def _group(self, title: str, keys: list[tuple[str, str]]) -> QGroupBox:
        group = QGroupBox(title)
        form = QFormLayout(group)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, label in keys:
            value = QLabel()
            value.setObjectName(key)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            form.addRow(label, value)
        return group

    def _live_tab(self, prepaid: bool) -> QWidget:
        """Meter, money, energy, electrical, relay; a metering-only meter has no money
        group to show, so energy moves up beside the meter."""
        page = QWidget()
        grid = QGridLayout(page)
        meter = self._group(
            self.tr("Meter"),
            [
                ("tenant", self.tr("Tenant")),
                ("location", self.tr("Location")),
                ("building", self.tr("Building")),
                ("bus", self.tr("Bus / address")),
                ("profile", self.tr("Meter family")),
                ("serial", self.tr("Serial number")),
                ("phases", self.tr("Phases")),
                ("tariff", self.tr("Tariff")),
            ],
        )
        self.money_group = self._group(
            self.tr("Money"),
            [
                ("balance", self.tr("Balance (yuan)")),
                ("days_left", self.tr("Credit lasts")),
                ("purchase_count", self.tr("Purchase count")),
                ("total_purchased", self.tr("Total purchased (yuan)")),
                ("rate", self.tr("Rate in force")),
                ("price", self.tr("Price (yuan/kWh)")),
            ],
        )
        energy = self._group(
            self.tr("Energy (kWh)"),
            [
                ("energy_total", self.tr("Total")),
                ("energy_sharp", self.tr("Sharp")),
                ("energy_peak", self.tr("Peak")),
                ("energy_flat", self.tr("Flat")),
                ("energy_valley", self.tr("Valley")),
            ],
        )
        electrical = self._group(
            self.tr("Electrical"),
            [
                ("voltage", self.tr("Voltage A/B/C (V)")),
                ("current", self.tr("Current A/B/C (A)")),
                ("power", self.tr("Active power (kW)")),
                ("power_factor", self.tr("Power factor")),
                ("frequency", self.tr("Frequency (Hz)")),
            ],
        )
        relay = self._group(
            self.tr("Relay and status"),
            [
                ("relay", self.tr("Relay")),
                ("flags", self.tr("Status flags")),
                ("clock", self.tr("Meter clock")),
            ],
        )
        grid.addWidget(meter, 0, 0)
        if prepaid:
            grid.addWidget(self.money_group, 0, 1)
            grid.addWidget(energy, 1, 0)
            grid.addWidget(electrical, 1, 1)
            grid.addWidget(relay, 2, 0, 1, 2)
        else:  # kept (hidden) so every key has its label
            self.money_group.setParent(page)
            self.money_group.hide()
            meter.layout().setRowVisible(self.values["tariff"], False)  # tariffs are money
            grid.addWidget(energy, 0, 1)
            grid.addWidget(electrical, 1, 0)
            grid.addWidget(relay, 1, 1)
        return page

    def _comm_tab(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(
            self._group(
                self.tr("Communication"),
                [
                    ("online", self.tr("State")),
                    ("answers", self.tr("Answers")),
                    ("timeouts", self.tr("Timeouts")),
                    ("crc_errors", self.tr("CRC errors")),
                    ("exceptions", self.tr("Modbus exceptions")),
                    ("misses", self.tr("Missed polls in a row")),
                    ("response_ms", self.tr("Last response")),
                    ("last_error", self.tr("Last error")),
                    ("last_answer", self.tr("Last valid answer")),
                ],
            )
        )
        box.addStretch(1)
        return page

    def add_tab(self, widget: QWidget, title: str, replace_history: bool = True) -> None:
        """Hook for later tabs (usage chart, recent sales); the first replaces the placeholder."""
        index = self.tabs.indexOf(self.history)
        if replace_history and index >= 0:
            self.tabs.removeTab(index)
            self.history.deleteLater()
        self.tabs.addTab(widget, title)

    # -- values ------------------------------------------------------------------------
    def value_text(self, key: str) -> str:
        return self.values[key].text()

    def refresh(self) -> None:
        rec = self.model.record(self.meter_id)
        if rec is None:
            return
        row = rec.row
        who = row.tenant or (
            colors.state_label(GridState.UNOPENED) if rec.prepaid else row.location
        )
        self.header.setText(
            f"<span style='font-size:18pt; font-weight:bold'>{row.number}</span>&nbsp;&nbsp;{who}"
        )
        style = colors.STATE_STYLES[rec.state]
        self.state_chip.setText(colors.state_label(rec.state))
        self.state_chip.setStyleSheet(
            f"background:{style.fill}; color:{style.text}; padding:4px 10px; border-radius:4px;"
        )
        texts = live_values(rec, speed=self._time_speed(rec)) | comm_values(rec)
        texts["flags"] = ", ".join(flag_names(rec.status)) if rec.status else ""
        for key, label in self.values.items():
            label.setText(texts.get(key, ""))

    def _time_speed(self, rec) -> float:
        """How much faster this meter's bus lives (a demo bus), from the window's bus list."""
        buses = getattr(self.parent(), "bus_configs", None) or []
        return next((b.time_speed for b in buses if b.bus_id == rec.row.bus_id), 1.0)

    def _meters_changed(self, meter_ids: list[int]) -> None:
        if self.meter_id in meter_ids:
            self.refresh()

    # -- read now ------------------------------------------------------------------------
    def read_now(self) -> None:
        self.read_button.setEnabled(False)
        self.outcome.setText(self.tr("Reading…"))
        self._asked_at = time.monotonic()
        try:
            future = self.site.request_poll(self.meter_id)
        except PemError as exc:
            self._show_outcome_error(exc)
            return
        if future is None:
            self.outcome.setText(self.tr("Poll requested."))
            self.read_button.setEnabled(True)
            return
        on_gui(future, self._read_done, self)

    def _read_done(self, future: Future) -> None:
        self.read_button.setEnabled(True)
        if future.cancelled():
            self.outcome.setText(self.tr("The read was cancelled."))
            return
        exc = future.exception()
        if exc is not None:
            if not isinstance(exc, PemError):
                log.error("read now on meter %s failed", self.meter_id, exc_info=exc)
            self._show_outcome_error(exc)
            return
        update = future.result()
        if isinstance(update, MeterUpdate):
            self.model.apply_update(update)
            self.model.flush()
            if update.online and update.status is not None:
                ms = update.stats.last_response_ms
                text = self.tr("Answered at {0}").format(time.strftime("%H:%M:%S"))
                if ms is not None:
                    text += self.tr(" in {0} ms").format(round(ms))
                self.outcome.setText(text)
                self.outcome.setStyleSheet(colors.text_style(colors.OK))
            else:
                self.outcome.setText(
                    self.tr("No answer: {0}").format(error_text(update.error) or self.tr("timeout"))
                )
                self.outcome.setStyleSheet(colors.text_style(colors.ERROR))
        else:
            self.outcome.setText(self.tr("Read done."))
            self.outcome.setStyleSheet("")

    def _show_outcome_error(self, exc: BaseException) -> None:
        self.read_button.setEnabled(True)
        self.outcome.setText(self.tr("Read failed: {0}").format(error_text(exc)))
        self.outcome.setStyleSheet(colors.text_style(colors.ERROR))
