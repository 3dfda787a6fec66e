"""Scan a bus or a port: who answers, compared with the site; add and commission what was found.

A configured bus is scanned through its owner (one probe job an address, so
polls and sales go on); a port no bus uses is opened by the scan itself. The
window never waits: the scan runs in its own thread (``services/bus_scan``), a
timer shows its progress and the addresses as they answer, and "Add selected"
and "Commission selected" come back through futures (``on_gui``).

``ScanWindow(site, actor, bus_id=None, port_settings=None, parent=None)``: the
first-start wizard opens it on a port (``port_settings``, a ``BusConfig``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import PemError
from app.serial_io.address_probe import Outcome, Probe
from app.serial_io.events import BusConfig
from app.services import bus_scan
from app.services.bus_scan import STATUS_TEXT, ScanResult, ScanRow, Status
from app.services.commission import FAILED, STEP_TEXT, CommissionResult, submit_commission
from app.ui.support import colors
from app.ui.support.background import on_gui, run_then
from app.ui.support.error_text import error_text

PORT_CHOICE = -1  # the source combo's "a port" entry
BAUDS = (2400, 4800, 9600, 19200, 38400, 57600, 115200)
STATUS_COLOR = {
    Status.NEW: colors.SELECTION_COLOR,
    Status.OK: colors.OK,
    Status.MISSING: colors.ERROR,
    Status.MOVED: colors.WARNING,
    Status.REPLACED: colors.WARNING,
    Status.CLASHING: colors.ERROR,
    Status.UNKNOWN: colors.MUTED,
}
COLUMNS = 10
ST_COL, METER_COL, DONE_COL = 7, 8, 9


def status_text(status: Status) -> str:
    return QCoreApplication.translate("ScanStatus", STATUS_TEXT[status])


def _buses() -> list[tuple[int, str, str]]:
    from app.models import Bus

    return [(b.id, b.name, b.port) for b in Bus.select().order_by(Bus.name)]


def _bus_settings(bus_id: int) -> tuple[BusConfig, list[bus_scan.Configured]]:
    """The bus's port settings and its enabled meters (a pool thread)."""
    from app.models import Bus
    from app.services.site import bus_config

    return bus_config(Bus.get_by_id(bus_id)), bus_scan.configured_meters(bus_id)


def _serial_ports() -> list[tuple[str, str]]:
    try:
        from serial.tools import list_ports

        return [(p.device, p.description or "") for p in list_ports.comports()]
    except Exception:  # no enumeration on this system: the user types the port
        return []


class ScanWindow(QWidget):
    def __init__(
        self,
        site,
        actor,
        bus_id: int | None = None,
        port_settings: BusConfig | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.site, self.actor = site, actor
        self.scan: bus_scan.BusScan | None = None
        self.result: ScanResult | None = None
        self.scanned_bus_id: int | None = None
        self.rows: list[ScanRow] = []
        self._preparing = False
        self.setObjectName("scanWindow")
        self.setWindowTitle(self.tr("Scan a bus"))
        self.resize(1100, 700)
        self._build()
        buses = _buses()
        self.bus_ports = {bid: port for bid, _name, port in buses}
        for bid, name, port in buses:
            self.source.addItem(f"{name} ({port})", bid)
        self.source.addItem(self.tr("A port no bus uses…"), PORT_CHOICE)
        for device, description in _serial_ports():
            label = f"{device} — {description}" if description else device
            self.port.addItem(label, device)
        if port_settings is not None:
            self.set_port_settings(port_settings)
        elif bus_id is not None:
            self.source.setCurrentIndex(max(0, self.source.findData(bus_id)))
        self._source_changed()
        self.timer = QTimer(self)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self._tick)

    # ---- layout ----
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.source = QComboBox()
        self.source.setObjectName("scanSource")
        self.source.currentIndexChanged.connect(self._source_changed)
        form.addRow(self.tr("Scan"), self.source)
        line = QHBoxLayout()
        self.port = QComboBox()
        self.port.setObjectName("scanPort")
        self.port.setEditable(True)
        self.port.setMinimumWidth(260)
        self.baud = QComboBox()
        for b in BAUDS:
            self.baud.addItem(str(b), b)
        self.baud.setCurrentIndex(BAUDS.index(9600))
        self.parity = QComboBox()
        for p in ("N", "E", "O"):
            self.parity.addItem(p, p)
        self.parity.setCurrentIndex(1)
        self.stopbits = QComboBox()
        for s in (1, 2):
            self.stopbits.addItem(str(s), s)
        for w in (self.port, QLabel(self.tr("Baud")), self.baud, QLabel(self.tr("Parity")),
                  self.parity, QLabel(self.tr("Stop bits")), self.stopbits):  # fmt: skip
            line.addWidget(w)
        line.addStretch(1)
        self.port_row = QWidget()
        self.port_row.setLayout(line)
        line.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Port"), self.port_row)
        addresses = QHBoxLayout()
        self.first = QSpinBox()
        self.first.setRange(1, 247)
        self.first.setValue(1)
        self.last = QSpinBox()
        self.last.setRange(1, 247)
        self.last.setValue(247)
        self.pattern = QLineEdit(bus_scan.DEFAULT_PATTERN)
        self.pattern.setObjectName("scanPattern")
        self.pattern.setToolTip(
            self.tr(
                "Number of a new meter: {address} and {circuit} are replaced, e.g. B1-{address:03d}"
            )
        )
        for w in (QLabel(self.tr("from")), self.first, QLabel(self.tr("to")), self.last,
                  QLabel(self.tr("New meters numbered")), self.pattern):  # fmt: skip
            addresses.addWidget(w)
        addresses.addStretch(1)
        form.addRow(self.tr("Addresses"), addresses)
        layout.addLayout(form)
        controls = QHBoxLayout()
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setObjectName("scanStart")
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("scanCancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setObjectName("scanProgress")
        self.progress.setFormat("%v / %m")
        controls.addWidget(self.start_button)
        controls.addWidget(self.cancel_button)
        controls.addWidget(self.progress, 1)
        layout.addLayout(controls)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("scanTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Address"), self.tr("Serial"), self.tr("Family"), self.tr("Model"),
             self.tr("Phases"), self.tr("CT/PT"), self.tr("Circuits"), self.tr("Status"),
             self.tr("Meter"), self.tr("Commissioned")]
        )  # fmt: skip
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("scanStatus")
        self.status.setWordWrap(True)
        bottom.addWidget(self.status, 1)
        self.add_button = QPushButton(self.tr("Add selected"))
        self.add_button.setObjectName("scanAdd")
        self.add_button.clicked.connect(self.add_selected)
        self.commission_button = QPushButton(self.tr("Commission selected"))
        self.commission_button.setObjectName("scanCommission")
        self.commission_button.clicked.connect(self.commission_selected)
        bottom.addWidget(self.add_button)
        bottom.addWidget(self.commission_button)
        layout.addLayout(bottom)
        self._update_buttons()

    def set_port_settings(self, config: BusConfig) -> None:
        """Scan this port with these settings (the wizard's "scan a port")."""
        self.source.setCurrentIndex(self.source.findData(PORT_CHOICE))
        index = self.port.findData(config.port)
        if index >= 0:
            self.port.setCurrentIndex(index)
        else:
            self.port.setEditText(config.port)
        if config.baud in BAUDS:
            self.baud.setCurrentIndex(BAUDS.index(config.baud))
        self.parity.setCurrentIndex(max(0, self.parity.findData(config.parity)))
        self.stopbits.setCurrentIndex(max(0, self.stopbits.findData(config.stopbits)))

    def _source_changed(self) -> None:
        self.port_row.setEnabled(self.source.currentData() == PORT_CHOICE)
        self._update_buttons()

    def _port_name(self) -> str:
        data = self.port.currentData()
        text = self.port.currentText().strip()
        return data if data and text.startswith(str(data)) else text

    def _port_config(self) -> BusConfig:
        return BusConfig(
            0,
            "scan",
            self._port_name(),
            baud=self.baud.currentData(),
            parity=self.parity.currentData(),
            stopbits=self.stopbits.currentData(),
        )

    # ---- the scan ----
    @property
    def running(self) -> bool:
        """A scan is probing addresses (cancel applies)."""
        return self.scan is not None and not self.scan.future.done()

    @property
    def scanning(self) -> bool:
        """A scan runs, or its bus's settings and meters are being read to start one."""
        return self._preparing or self.running

    def start(self) -> None:
        """Start the scan (through the bus owner, or on the port); ``result`` holds its end.

        A configured bus's settings and meters are read off the GUI thread first."""
        if self.scanning:
            return
        source = self.source.currentData()
        first, last = self.first.value(), self.last.value()
        try:
            bus_scan.check_range(first, last)
            if source == PORT_CHOICE:
                config = self._port_config()
                bus_id = next((b for b, p in self.bus_ports.items() if p == config.port), None)
                if bus_id is None:
                    self._begin(bus_scan.scan_port(config, first, last), None)
                else:  # the port is a configured bus's: ask its owner, never open it twice
                    self._bus_scan(bus_id, first, last)
            else:
                self._bus_scan(source, first, last)
        except PemError as exc:
            self._say(error_text(exc), colors.ERROR)

    def _bus_scan(self, bus_id: int, first: int, last: int) -> None:
        """Read the bus's settings and configured meters off the GUI thread, then scan it."""
        self._preparing = True
        self._say(self.tr("Scanning…"), "")
        self._update_buttons()
        run_then(
            lambda: _bus_settings(bus_id),
            lambda read: self._bus_read(bus_id, first, last, read),
            self._prepare_failed,
            self,
        )

    def _bus_read(self, bus_id: int, first: int, last: int, read: tuple) -> None:
        if not self._preparing:
            return  # the window was closed meanwhile
        self._preparing = False
        config, configured = read
        worker = self.site.workers.get(bus_id)
        try:
            if worker is None:  # a disabled bus: nobody serves it, the scan opens its port
                scan = bus_scan.scan_port(config, first, last, configured)
            else:
                scan = bus_scan.scan_bus(
                    worker, bus_id, first, last, configured=configured, config=config
                )
        except PemError as exc:
            self._prepare_failed(exc)
            return
        self._begin(scan, bus_id)

    def _prepare_failed(self, exc: BaseException) -> None:
        self._preparing = False
        self._say(error_text(exc), colors.ERROR)
        self._update_buttons()

    def _begin(self, scan: bus_scan.BusScan, bus_id: int | None) -> None:
        self.scan, self.scanned_bus_id = scan, bus_id
        self.result, self.rows = None, []
        self.table.setRowCount(0)
        self.progress.setRange(0, len(self.scan.addresses))
        self.progress.setValue(0)
        self._say(self.tr("Scanning…"), "")
        future = self.scan.start()
        on_gui(future, self._finished, self)
        self.timer.start()
        self._update_buttons()

    def cancel(self) -> None:
        if self.running:
            self.scan.cancel()
            self._say(self.tr("Cancelling after this address…"), colors.WARNING)

    def _tick(self) -> None:
        if self.scan is None:
            return
        p = self.scan.progress
        self.progress.setValue(p.done)
        if self.result is None:
            found = self.scan.found()
            if len(found) != self.table.rowCount():
                self._show_rows([ScanRow(f.address, 0, _live_status(f), f) for f in found])
            if p.address is not None:
                text = self.tr("Scanning address {0} ({1} of {2}), {3} answered")
                self._say(text.format(p.address, p.done + 1, p.total, p.answered), "")

    def _finished(self, future) -> None:
        self.timer.stop()
        if future.exception() is not None:
            self._say(error_text(future.exception()), colors.ERROR)
            self._update_buttons()
            return
        self.result = future.result()
        self.progress.setValue(len(self.result.scanned))
        self._show_rows(self.result.rows)
        counts = self.result.counts
        summary = self.tr(
            "{0} addresses in {1:.0f} s: {2} new, {3} ok, {4} missing, {5} moved, {6} clashing"
        ).format(len(self.result.scanned), self.result.elapsed_s, counts.get("new", 0),
                 counts.get("ok", 0), counts.get("missing", 0), counts.get("moved", 0),
                 counts.get("clashing", 0))  # fmt: skip
        if self.result.error is not None:
            self._say(summary + " — " + error_text(self.result.error), colors.ERROR)
        elif self.result.cancelled:
            self._say(self.tr("Cancelled.") + " " + summary, colors.WARNING)
        else:
            self._say(summary, colors.OK)
        self._update_buttons()

    def _show_rows(self, rows: list[ScanRow]) -> None:
        self.rows = list(rows)
        t = self.table
        t.setRowCount(len(rows))
        for r, row in enumerate(rows):
            p = row.probe
            where = f"{row.address}" + (f"/{row.circuit}" if row.circuit else "")
            meter = row.number
            if row.status is Status.MOVED and row.configured_address is not None:
                meter = self.tr("{0} (configured at {1})").format(
                    row.number, row.configured_address
                )
            cells = [
                where,
                p.serial if p else "",
                p.profile if p else "",
                str(p.model) if p and p.model else "",
                str(p.phases) if p and p.phases else "",
                f"{p.ct_ratio}/{p.pt_ratio}" if p and p.outcome == Outcome.ANSWER.value else "",
                str(p.circuits) if p and p.circuits else "",
                status_text(row.status),
                meter,
                "",
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == ST_COL:
                    item.setForeground(QBrush(QColor(STATUS_COLOR[row.status])))
                    if p is not None and p.error_message:
                        item.setToolTip(error_text(p.error_message))
                t.setItem(r, c, item)
        t.resizeColumnsToContents()
        self._update_buttons()

    # ---- add, commission ----
    def selected_rows(self) -> list[ScanRow]:
        indexes = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.rows[i] for i in indexes if i < len(self.rows)]

    def select_rows(self, predicate) -> None:
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for i, row in enumerate(self.rows):
            if predicate(row):
                self.table.selectRow(i)
        self.table.setSelectionMode(mode)

    def add_selected(self):
        """Add the selected new meters, numbered by the pattern (all or nothing)."""
        rows = [r for r in self.selected_rows() if r.status is Status.NEW]
        bus_id = self.scanned_bus_id
        if not rows or bus_id is None or self.result is None:
            return None
        pattern = self.pattern.text().strip() or bus_scan.DEFAULT_PATTERN
        actor, site = self.actor, self.site

        def add() -> list[tuple[int, int, int, str]]:
            from app.models import Meter

            ids = bus_scan.add_found(actor, bus_id, rows, pattern)
            apply_config = getattr(site, "apply_config", None)
            if apply_config is not None:  # polled at once, here or by the bus's owner
                apply_config([bus_id])
            meters = Meter.select().where(Meter.id.in_(ids))
            return [(m.id, m.address, m.circuit, m.number) for m in meters]

        return run_then(add, lambda ids: self._added(rows, ids), self._failed, self)

    def _added(self, rows: list[ScanRow], added: list[tuple[int, int, int, str]]) -> None:
        by_place = {(a, c): (mid, number) for mid, a, c, number in added}

        def as_added(r: ScanRow) -> ScanRow:
            place = (r.address, r.circuit)
            if r.status is not Status.NEW or place not in by_place:
                return r
            meter_id, number = by_place[place]
            return ScanRow(r.address, r.circuit, Status.OK, r.probe, meter_id, number, r.address)

        self.rows = [as_added(r) for r in self.rows]
        self._show_rows(self.rows)
        ids = {a[0] for a in added}
        self.select_rows(lambda r: r.meter_id in ids)
        self._say(self.tr("{0} meters added.").format(len(added)), colors.OK)

    def commission_selected(self) -> list:
        """Commission the selected configured meters, each as a job in its bus owner."""
        bus_id = self.scanned_bus_id
        worker = self.site.workers.get(bus_id) if bus_id is not None else None
        targets = [
            r
            for r in self.selected_rows()
            if r.meter_id is not None and r.status in (Status.OK, Status.REPLACED)
        ]
        if worker is None or not targets:
            if bus_id is not None and worker is None and targets:
                self._say(self.tr("The bus is not running: enable it to commission its meters."),
                          colors.ERROR)  # fmt: skip
            return []
        futures = []
        for row in targets:
            try:
                future = submit_commission(worker, self.actor, row.meter_id)
            except PemError as exc:
                self._failed(exc)
                return futures
            self._set_done(row.meter_id, self.tr("working…"), colors.WARNING, "")
            on_gui(future, lambda f, mid=row.meter_id: self._commissioned(mid, f), self)
            futures.append(future)
        self._say(self.tr("Commissioning {0} meters…").format(len(futures)), "")
        return futures

    def _commissioned(self, meter_id: int, future) -> None:
        exc = future.exception() if not future.cancelled() else None
        if exc is not None:
            self._set_done(meter_id, self.tr("failed"), colors.ERROR, error_text(exc))
            return
        result: CommissionResult = future.result()
        lines = []
        for s in result.steps:
            step = QCoreApplication.translate("Commission", STEP_TEXT[s.step])
            why = f": {error_text(s.message)}" if s.message else ""
            lines.append(f"{step} — {self._outcome_text(s.outcome)}{why}")
        text = self.tr("ok") if result.ok else self.tr("problems")
        failed = next((s for s in result.steps if s.outcome == FAILED), None)
        if failed is not None:
            text += " (" + QCoreApplication.translate("Commission", STEP_TEXT[failed.step]) + ")"
        self._set_done(meter_id, text, colors.OK if result.ok else colors.ERROR, "\n".join(lines))

    def _outcome_text(self, outcome: str) -> str:
        return {"ok": self.tr("ok"), "failed": self.tr("failed"), "skipped": self.tr("skipped")}[
            outcome
        ]

    def _set_done(self, meter_id: int, text: str, color: str, tip: str) -> None:
        for i, row in enumerate(self.rows):
            if row.meter_id == meter_id:
                item = QTableWidgetItem(text)
                item.setForeground(QBrush(QColor(color)))
                item.setToolTip(tip)
                self.table.setItem(i, DONE_COL, item)

    # ---- small things ----
    def _failed(self, exc: BaseException) -> None:
        self._say(error_text(exc), colors.ERROR)

    def _say(self, text: str, color: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(colors.text_style(color))

    def _update_buttons(self) -> None:
        scanning = self.scanning
        self.start_button.setEnabled(not scanning)
        self.cancel_button.setEnabled(self.running)
        done = self.result is not None and not scanning
        self.add_button.setEnabled(done and self.scanned_bus_id is not None)
        self.commission_button.setEnabled(done and self.scanned_bus_id is not None)
        self.source.setEnabled(not scanning)

    def closeEvent(self, event) -> None:
        """A closed window cancels its scan (it stops after the address being probed), or
        does not start the one whose bus is being read."""
        self._preparing = False
        if self.running:
            self.scan.cancel()
        self.timer.stop()
        super().closeEvent(event)


def _live_status(p: Probe) -> Status:
    """Before the comparison: a status from the probe alone (clashing, unknown, or new)."""
    if p.outcome == Outcome.CLASHING.value:
        return Status.CLASHING
    if p.outcome == Outcome.UNKNOWN.value:
        return Status.UNKNOWN
    return Status.NEW
