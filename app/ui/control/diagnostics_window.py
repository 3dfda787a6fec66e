"""Bus diagnostics: is it the meter or the line? Each bus's state and load, each meter's answers.

The buses on top (state, cycle time, utilisation of the line), the meters
below, failing and slowest first, sortable by any column. A double-click or
"Poll now" re-polls the selected meter through its bus owner. Refreshed every
few seconds from the workers' counters and the stored meter states (read off
the GUI thread, ``services/bus_diagnostics``).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.serial_io.events import BusState
from app.services.bus_diagnostics import DISABLED, SERVED_ELSEWHERE, BusDiag, MeterDiag, collect
from app.ui.grid.bus_status import BUS_STATE_COLOR, bus_state_text
from app.ui.support import colors
from app.ui.support.background import on_gui, run_then
from app.ui.support.error_text import error_text

REFRESH_MS = 3000
MeterIdRole = Qt.ItemDataRole.UserRole + 1


class _Item(QTableWidgetItem):
    """A cell sorted by its number (or text) rather than its shown text."""

    def __init__(self, text: str, key=None) -> None:
        super().__init__(text)
        self.key = key if key is not None else text
        self.setFlags(self.flags() & ~Qt.ItemFlag.ItemIsEditable)

    def __lt__(self, other) -> bool:
        try:
            return self.key < other.key
        except TypeError:
            return str(self.key) < str(other.key)


class DiagnosticsWindow(QWidget):
    def __init__(self, site, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.site, self.actor = site, actor
        self.setObjectName("diagnosticsWindow")
        self.setWindowTitle(self.tr("Bus diagnostics"))
        self.resize(1100, 680)
        layout = QVBoxLayout(self)
        self.bus_table = QTableWidget(0, 6)
        self.bus_table.setObjectName("busTable")
        self.bus_table.setHorizontalHeaderLabels(
            [self.tr("Bus"), self.tr("Port"), self.tr("State"), self.tr("Cycle"),
             self.tr("Line use"), self.tr("Online")]
        )  # fmt: skip
        self.bus_table.verticalHeader().hide()
        self.bus_table.horizontalHeader().setStretchLastSection(True)
        self.bus_table.setMaximumHeight(180)
        layout.addWidget(self.bus_table)
        self.meter_table = QTableWidget(0, 10)
        self.meter_table.setObjectName("meterTable")
        self.meter_table.setHorizontalHeaderLabels(
            [self.tr("Meter"), self.tr("Bus"), self.tr("Address"), self.tr("State"),
             self.tr("Answer time"), self.tr("Answers"), self.tr("Timeouts"),
             self.tr("CRC errors"), self.tr("Last valid answer"), self.tr("Last error")]
        )  # fmt: skip
        self.meter_table.verticalHeader().hide()
        self.meter_table.horizontalHeader().setStretchLastSection(True)
        self.meter_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.meter_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.meter_table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order first
        self.meter_table.setSortingEnabled(True)
        header.setSortIndicatorShown(True)
        self.meter_table.doubleClicked.connect(lambda _i: self.poll_selected())
        layout.addWidget(self.meter_table, 1)
        row = QHBoxLayout()
        self.counts = QLabel()
        self.counts.setObjectName("diagCounts")
        row.addWidget(self.counts)
        self.status = QLabel()
        self.status.setObjectName("diagStatus")
        row.addWidget(self.status, 1)
        self.poll_button = QPushButton(self.tr("Poll now"))
        self.poll_button.setObjectName("pollNow")
        self.poll_button.clicked.connect(self.poll_selected)
        row.addWidget(self.poll_button)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(lambda: self.refresh())
        row.addWidget(self.refresh_button)
        layout.addLayout(row)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self._loading = None
        self.buses: list[BusDiag] = []
        self.meters: list[MeterDiag] = []
        self.refresh()

    # ---- data ----
    def _tick(self) -> None:
        """The timer's read, only while the window is shown: a closed window that is not
        deleted yet reads nothing (it read whatever database was open, every few seconds)."""
        if self.isVisible():
            self.refresh(routine=True)

    def refresh(self, routine: bool = False):
        """Read the figures off the GUI thread; at most one read at a time."""
        if self._loading is not None and not self._loading.done():
            return self._loading
        self._loading = run_then(
            lambda: collect(self.site), self._show, self._failed, self, routine=routine
        )
        return self._loading

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(error_text(exc))
        self.status.setStyleSheet(colors.text_style(colors.ERROR))

    def _show(self, data) -> None:
        self.buses, self.meters = data
        self._fill_buses()
        self._fill_meters()

    def _fill_buses(self) -> None:
        t = self.bus_table
        t.setRowCount(len(self.buses))
        for r, b in enumerate(self.buses):
            state_text, color = self._bus_state(b)
            cycle = self.tr("{0:.1f} s").format(b.cycle_s) if b.cycle_s else "—"
            use = f"{b.utilisation * 100:.0f} %" if b.utilisation is not None else "—"
            cells = [b.name, b.port, state_text, cycle, use, f"{b.online}/{b.online + b.offline}"]
            for c, text in enumerate(cells):
                item = _Item(text)
                if c == 2:
                    item.setForeground(QBrush(QColor(color)))
                t.setItem(r, c, item)
        t.resizeColumnsToContents()

    def _bus_state(self, b: BusDiag) -> tuple[str, str]:
        if b.state == SERVED_ELSEWHERE:
            return self.tr("served by another program"), colors.MUTED
        if b.state == DISABLED:
            return self.tr("disabled"), colors.MUTED
        state = BusState(b.state)
        return bus_state_text(state), BUS_STATE_COLOR[state]

    def _fill_meters(self) -> None:
        t = self.meter_table
        selected = self.selected_meter_id()
        t.setSortingEnabled(False)
        t.setRowCount(len(self.meters))
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        for r, m in enumerate(self.meters):
            state = self.tr("online") if m.online else self.tr("offline")
            ms = m.last_response_ms
            answered = self._ago(now, m.last_valid_at)
            cells = [
                _Item(m.number, (m.online, m.number)),
                _Item(m.bus_name),
                _Item(f"{m.address}" + (f"/{m.circuit}" if m.circuit else ""), m.address),
                _Item(state, m.online),
                _Item(f"{ms:.0f} ms" if ms is not None else "—", ms if ms is not None else -1),
                _Item(str(m.answers), m.answers),
                _Item(str(m.timeouts), m.timeouts),
                _Item(str(m.crc_errors), m.crc_errors),
                _Item(answered, m.last_valid_at.timestamp() if m.last_valid_at else 0),
                _Item(error_text(m.last_error) if m.last_error else ""),
            ]
            cells[0].setData(MeterIdRole, m.meter_id)
            color = colors.OK if m.online else colors.ERROR
            cells[3].setForeground(QBrush(QColor(color)))
            for cell, count in ((cells[6], m.timeouts), (cells[7], m.crc_errors)):
                if count:
                    cell.setForeground(QBrush(QColor(colors.WARNING)))
            for c, cell in enumerate(cells):
                t.setItem(r, c, cell)
        t.setSortingEnabled(True)  # sorts again by the column the user chose, if any
        t.resizeColumnsToContents()
        if selected is not None:
            self.select_meter(selected)
        online = sum(1 for m in self.meters if m.online)
        self.counts.setText(self.tr("{0} meters, {1} online").format(len(self.meters), online))

    # ---- poll now ----
    def selected_meter_id(self) -> int | None:
        rows = self.meter_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.meter_table.item(rows[0].row(), 0).data(MeterIdRole)

    def select_meter(self, meter_id: int) -> None:
        for r in range(self.meter_table.rowCount()):
            if self.meter_table.item(r, 0).data(MeterIdRole) == meter_id:
                self.meter_table.selectRow(r)
                return

    def poll_selected(self):
        meter_id = self.selected_meter_id()
        if meter_id is None:
            return None
        number = next((m.number for m in self.meters if m.meter_id == meter_id), str(meter_id))
        try:
            future = self.site.request_poll(meter_id)
        except Exception as exc:  # a meter on no running bus: said, not raised
            self._failed(exc)
            return None
        self.status.setText(self.tr("Polling meter {0}…").format(number))
        on_gui(future, lambda f: self._polled(number, f), self)
        return future

    def _polled(self, number: str, future) -> None:
        exc = future.exception() if not future.cancelled() else None
        if exc is not None:
            self._failed(exc)
            return
        update = future.result() if not future.cancelled() else None
        if update is not None and update.status is not None:
            text = self.tr("Meter {0} answered.").format(number)
            self.status.setStyleSheet(colors.text_style(colors.OK))
        else:
            why = error_text(update.error) if update is not None and update.error else ""
            text = self.tr("Meter {0} did not answer: {1}").format(number, why)
            self.status.setStyleSheet(colors.text_style(colors.ERROR))
        self.status.setText(text)
        self._loading = None
        self.refresh()

    def _ago(self, now: dt.datetime, at: dt.datetime | None) -> str:
        if at is None:
            return self.tr("never")
        seconds = max(0, int((now - at).total_seconds()))
        if seconds < 120:
            return self.tr("{0} s ago").format(seconds)
        if seconds < 7200:
            return self.tr("{0} min ago").format(seconds // 60)
        return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")
