"""The load curve of one day: energy used in each half hour (bars, kWh) or the power read
(a line, kW). Half hours nothing is known of stay empty and break the line."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.services.meter_history import SLOT, Slot
from app.ui.charts.plot import BAR, HEADROOM, LINE, ChartView, epoch, local_of
from app.ui.support import formatting as fmt

ENERGY, POWER = "energy", "power"


class LoadCurveChart(ChartView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(
            QCoreApplication.translate("LoadCurveChart", "Energy per half hour (kWh)"), parent
        )
        self.mode = ENERGY
        self.day: dt.date | None = None
        self.slots: list[Slot] = []
        self.bars = pg.BarGraphItem(x=[], height=[], width=1, brush=BAR, pen=None)
        self.line = pg.PlotDataItem(
            [], [], pen=pg.mkPen(LINE, width=2), connect="finite", symbol="o", symbolSize=4,
            symbolBrush=LINE, symbolPen=None,
        )  # fmt: skip
        self.plot.addItem(self.bars)
        self.plot.addItem(self.line)

    def set_mode(self, mode: str) -> None:
        """``ENERGY`` (bars per half hour) or ``POWER`` (the power read, a line)."""
        self.mode = mode
        title = self.tr("Energy per half hour (kWh)") if mode == ENERGY else self.tr("Power (kW)")
        self.plot.setLabel("left", title)
        self._draw()

    def set_slots(self, day: dt.date, slots: list[Slot]) -> None:
        self.day, self.slots = day, slots
        self._draw()

    def _draw(self) -> None:
        half = SLOT.total_seconds() / 2
        centres = [epoch(s.start) + half for s in self.slots]
        if self.mode == ENERGY:
            known = [(x, s.energy / 100) for x, s in zip(centres, self.slots, strict=True)
                     if s.energy is not None]  # fmt: skip
            self.bars.setOpts(
                x=[x for x, _ in known], height=[h for _, h in known], width=1.6 * half
            )
            self.line.setData([], [])
            values = [h for _, h in known]
        else:
            power = [np.nan if s.power is None else s.power / 1000 for s in self.slots]
            self.bars.setOpts(x=[], height=[], width=1)
            self.line.setData(np.array(centres, dtype=float), np.array(power, dtype=float))
            values = [p for p in power if not math.isnan(p)]
        if self.slots:
            start = epoch(self.slots[0].start)
            self.plot.setXRange(start, start + len(self.slots) * 2 * half, padding=0.01)
            top = max(values, default=0)
            self.plot.setYRange(0, top * HEADROOM if top > 0 else 1, padding=0)
        has_data = any(s.energy is not None or s.power is not None for s in self.slots)
        self.show_note("" if has_data or not self.slots else self.tr("No readings on this day."))

    def slot_at(self, x: float) -> Slot | None:
        if math.isnan(x) or not self.slots:
            return None
        try:
            when = local_of(x)
        except (OverflowError, OSError, ValueError):
            return None
        return next((s for s in self.slots if s.start <= when < s.start + SLOT), None)

    def hover_text(self, x: float) -> str:
        slot = self.slot_at(x)
        if slot is None:
            return ""
        span = f"{slot.start:%H:%M}–{slot.start + SLOT:%H:%M}"
        if slot.energy is None and slot.power is None:
            return self.tr("{0}: no readings").format(span)
        parts = []
        if slot.energy is not None:
            parts.append(self.tr("{0} kWh").format(fmt.kwh(slot.energy)))
        if slot.power is not None:
            parts.append(self.tr("{0} kW").format(fmt.kw(slot.power)))
        return f"{span}: " + ", ".join(parts)

    def default_file_name(self) -> str:
        day = self.day.isoformat() if self.day else ""
        return self.tr("load-curve") + f"-{day}.png"
