"""Daily energy as bars: a meter's last 30 days in its detail, a building's days in the energy
report. A whole day is a dark bar, a day with part missing (or not over yet) a light one,
and a day nothing is known of gets no bar at all, only a grey mark on the axis: a gap is
shown as a gap, never as a zero."""

from __future__ import annotations

import datetime as dt
import math
from concurrent.futures import Future

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget

from app.models.site import utcnow
from app.services.meter_history import DAY, DayEnergy, building_daily
from app.services.permissions import Actor
from app.ui.charts.plot import (
    BAR,
    BAR_PARTIAL,
    GAP_MARK,
    HEADROOM,
    ChartView,
    epoch,
    local_of,
)
from app.ui.support import formatting as fmt
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text

BAR_SHARE = 0.8  # of a day's width


def noon(day: dt.date) -> float:
    return epoch(dt.datetime.combine(day, dt.time(12)))


class DailyEnergyChart(ChartView):
    """Bars of ``DayEnergy``; clicking a bar emits ``daySelected(date)``."""

    daySelected = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(QCoreApplication.translate("DailyEnergyChart", "Energy (kWh)"), parent)
        self.days: dict[dt.date, DayEnergy] = {}
        self.legend = self.add_legend()
        self.whole = pg.BarGraphItem(x=[], height=[], width=1, brush=BAR, pen=None)
        self.partial = pg.BarGraphItem(x=[], height=[], width=1, brush=BAR_PARTIAL, pen=None)
        self.gaps = pg.ScatterPlotItem(symbol="x", size=9, pen=pg.mkPen(GAP_MARK, width=2))
        for item, name in (
            (self.whole, QCoreApplication.translate("DailyEnergyChart", "whole day")),
            (
                self.partial,
                QCoreApplication.translate("DailyEnergyChart", "part of the day missing"),
            ),
            (self.gaps, QCoreApplication.translate("DailyEnergyChart", "no readings")),
        ):
            self.plot.addItem(item)
            self.legend.addItem(item, name)
        self.plot.scene().sigMouseClicked.connect(self._clicked)

    def set_days(self, days: list[DayEnergy]) -> None:
        self.days = {d.day: d for d in days}
        width = BAR_SHARE * DAY.total_seconds()
        whole = [d for d in days if d.energy is not None and d.complete]
        partial = [d for d in days if d.energy is not None and not d.complete]
        self.whole.setOpts(
            x=[noon(d.day) for d in whole], height=[d.energy / 100 for d in whole], width=width
        )
        self.partial.setOpts(
            x=[noon(d.day) for d in partial], height=[d.energy / 100 for d in partial], width=width
        )
        gaps = [noon(d.day) for d in days if d.energy is None]
        self.gaps.setData(x=gaps, y=[0] * len(gaps))
        if days:
            start = epoch(dt.datetime.combine(days[0].day, dt.time.min))
            self.plot.setXRange(start, start + len(days) * DAY.total_seconds(), padding=0.01)
            top = max((d.energy for d in days if d.energy is not None), default=0) / 100
            self.plot.setYRange(0, top * HEADROOM if top > 0 else 1, padding=0)
        known = [d for d in days if d.energy is not None]
        self.show_note(
            ""
            if known or not days
            else QCoreApplication.translate("DailyEnergyChart", "No readings in this period.")
        )

    def bar_heights(self) -> dict[dt.date, float]:
        """kWh of each drawn bar (what a test or the report reads back)."""
        out = {}
        for item in (self.whole, self.partial):
            for x, h in zip(item.opts["x"], item.opts["height"], strict=True):
                out[local_of(x).date()] = h
        return out

    def day_at(self, x: float) -> DayEnergy | None:
        if math.isnan(x):
            return None
        try:
            return self.days.get(local_of(x).date())
        except (OverflowError, OSError, ValueError):
            return None

    def hover_text(self, x: float) -> str:
        day = self.day_at(x)
        if day is None:
            return ""
        date = day.day.isoformat()
        if day.energy is None:
            return QCoreApplication.translate("DailyEnergyChart", "{0}: no readings").format(date)
        text = QCoreApplication.translate("DailyEnergyChart", "{0}: {1} kWh").format(
            date, fmt.kwh(day.energy)
        )
        if day.reset:
            return text + QCoreApplication.translate(
                "DailyEnergyChart", " (the meter's counter went back; part not counted)"
            )
        if not day.complete:
            return text + QCoreApplication.translate(
                "DailyEnergyChart", " (part of the day missing or not over)"
            )
        return text

    def _clicked(self, event) -> None:
        box = self.plot.getPlotItem().getViewBox()
        if box.sceneBoundingRect().contains(event.scenePos()):
            day = self.day_at(box.mapSceneToView(event.scenePos()).x())
            if day is not None:
                self.daySelected.emit(day.day)

    def default_file_name(self) -> str:
        return QCoreApplication.translate("DailyEnergyChart", "daily-energy") + ".png"


class BuildingDailyChart(DailyEnergyChart):
    """A building's daily total, for the energy report: ``show_building`` reads it off the
    GUI thread; a failed read is a line above the plot."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.pending: Future | None = None

    def show_building(
        self, actor: Actor, building_id: int, name: str, first_day: dt.date, last_day: dt.date
    ) -> Future:
        self.set_title(
            QCoreApplication.translate("DailyEnergyChart", "{0}: energy per day").format(name)
        )
        self.show_note(QCoreApplication.translate("DailyEnergyChart", "Reading…"))

        def read() -> list[DayEnergy]:
            return building_daily(actor, building_id, first_day, last_day, utcnow())

        def done(days: list[DayEnergy]) -> None:
            if self.pending is asked_future:
                self.set_days(days)

        def failed(exc: BaseException) -> None:
            if self.pending is asked_future:
                text = QCoreApplication.translate(
                    "DailyEnergyChart", "Could not read the daily totals: {0}"
                )
                self.show_note(text.format(error_text(exc)), error=True)

        asked_future = self.pending = run_then(read, done, failed, self)
        return asked_future
