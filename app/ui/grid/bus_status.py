"""Status bar parts: each bus's state and last cycle time, and meters per state.

The technician's first question when tiles go dark is "is it the meter or
the line?": a bus in port error shows in red here, with the reason.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.serial_io.events import BusConfig, BusState, BusUpdate
from app.services.meter_state import GridState
from app.ui.grid.legend import swatch_pixmap
from app.ui.support import colors
from app.ui.support.error_text import error_text

BUS_STATE_TEXT = {
    BusState.CONNECTING: QT_TRANSLATE_NOOP("BusState", "connecting"),
    BusState.RUNNING: QT_TRANSLATE_NOOP("BusState", "running"),
    BusState.PORT_ERROR: QT_TRANSLATE_NOOP("BusState", "port error"),
    BusState.STOPPED: QT_TRANSLATE_NOOP("BusState", "stopped"),
}
BUS_STATE_COLOR = {
    BusState.CONNECTING: colors.WARNING,
    BusState.RUNNING: colors.OK,
    BusState.PORT_ERROR: colors.ERROR,
    BusState.STOPPED: colors.MUTED,
}


def bus_state_text(state: BusState) -> str:
    return QCoreApplication.translate("BusState", BUS_STATE_TEXT[state])


class BusStatusWidget(QWidget):
    """One label per bus, text like 'Bus 1: running · cycle 12.4 s · 88/90 online'."""

    def __init__(self, buses: list[BusConfig], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(12)
        self.labels: dict[int, QLabel] = {}
        self.last: dict[int, BusUpdate] = {}
        self.speeds: dict[int, float] = {}
        for cfg in buses:
            self.ensure_bus(cfg)

    def _label(self, bus_id: int, name: str) -> QLabel:
        label = self.labels.get(bus_id)
        if label is None:
            label = QLabel()
            label.setObjectName(f"bus{bus_id}")
            self._layout.addWidget(label)
            self.labels[bus_id] = label
        return label

    def ensure_bus(self, cfg: BusConfig) -> None:
        self.speeds[cfg.bus_id] = cfg.time_speed
        if cfg.bus_id not in self.labels:
            text = self.tr("{0}: waiting").format(cfg.name)
            self._label(cfg.bus_id, cfg.name).setText(self._with_speed(cfg.bus_id, [text]))

    def _with_speed(self, bus_id: int, parts: list[str]) -> str:
        """A demo bus says its meters' time runs faster (arrears in minutes, clocks ahead)."""
        speed = self.speeds.get(bus_id, 1.0)
        if speed != 1.0:
            parts = [*parts, self.tr("demo time runs {0}× faster").format(f"{speed:g}")]
        return " · ".join(parts)

    def update_bus(self, update: BusUpdate) -> None:
        self.last[update.bus_id] = update
        label = self._label(update.bus_id, update.name)
        parts = [f"{update.name}: {bus_state_text(update.state)}"]
        if update.cycle_s is not None:
            parts.append(self.tr("cycle {0:.1f} s").format(update.cycle_s))
        total = update.online + update.offline
        if total:
            parts.append(self.tr("{0}/{1} online").format(update.online, total))
        if update.served_by:  # another process owns the port; this window shows what it stores
            kind, _, host = update.served_by.partition(" on ")
            parts.append(self.tr("served by the {0} on {1}").format(self._kind_text(kind), host))
        label.setText(self._with_speed(update.bus_id, parts))
        label.setToolTip(error_text(update.message))
        label.setStyleSheet(colors.text_style(BUS_STATE_COLOR[update.state]))

    def _kind_text(self, kind: str) -> str:
        return {
            "collector": self.tr("collection service"),
            "gui": self.tr("window"),
            "cli": self.tr("command"),
        }.get(kind, kind)

    def text(self, bus_id: int) -> str:
        return self.labels[bus_id].text()


class StateCountsWidget(QWidget):
    """Meters per state, coloured like the legend: 'Normal 80  Alarm 1 3 ...'."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self.labels: dict[GridState, QLabel] = {}
        self.swatches: dict[GridState, QLabel] = {}
        for state in colors.LEGEND_ORDER:
            sw = QLabel()
            sw.setPixmap(swatch_pixmap(state, 12, 10))
            layout.addWidget(sw)
            label = QLabel()
            label.setObjectName(f"count_{state.value}")
            layout.addWidget(label)
            layout.addSpacing(6)
            self.labels[state] = label
            self.swatches[state] = sw

    def set_counts(self, counts: dict[GridState, int]) -> None:
        for state, label in self.labels.items():
            n = counts.get(state, 0)
            label.setText(f"{colors.state_label(state)} {n}")
            # "waiting" only matters while meters wait, "metering" on sites that have
            # metering-only meters: no permanent "Waiting 0"
            shown = n > 0 or state not in (GridState.WAITING, GridState.METERING)
            label.setVisible(shown)
            self.swatches[state].setVisible(shown)
