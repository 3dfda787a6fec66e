"""The balance over time (yuan) read from the meter, with each confirmed recharge marked by a
triangle at the balance the meter read back; where the readings stopped the line breaks."""

from __future__ import annotations

import bisect
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.services.meter_history import BalancePoint, Recharge
from app.ui.charts.plot import FOREGROUND, HEADROOM, LINE, RECHARGE, ChartView, epoch
from app.ui.support import formatting as fmt

NEAR_SHARE = 0.01  # of the visible time: how close the mouse must be to a recharge


class BalanceChart(ChartView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(QCoreApplication.translate("BalanceChart", "Balance (yuan)"), parent)
        self.points: list[BalancePoint] = []
        self.recharges: list[Recharge] = []
        self._xs: list[float] = []
        legend = self.add_legend()
        self.line = pg.PlotDataItem([], [], pen=pg.mkPen(LINE, width=2), connect="finite")
        self.marks = pg.ScatterPlotItem(
            symbol="t1", size=14, brush=RECHARGE, pen=pg.mkPen(FOREGROUND)
        )
        self.plot.addItem(self.line)
        self.plot.addItem(self.marks)
        legend.addItem(self.line, self.tr("balance"))
        legend.addItem(self.marks, self.tr("recharge"))

    def set_data(self, points: list[BalancePoint], recharges: list[Recharge], start, end) -> None:
        """``start``/``end``: the local times the chart spans."""
        self.points, self.recharges = points, recharges
        self._xs = [epoch(p.at) for p in points]
        ys = [np.nan if p.balance is None else p.balance / 100 for p in points]
        self.line.setData(np.array(self._xs, dtype=float), np.array(ys, dtype=float))
        self.marks.setData(
            x=[epoch(r.at) for r in recharges], y=[self._mark_y(r) / 100 for r in recharges]
        )
        self.plot.setXRange(epoch(start), epoch(end), padding=0.01)
        known = [y for y in ys if not math.isnan(y)] + [self._mark_y(r) / 100 for r in recharges]
        if known:
            low, high = min(0.0, *known), max(known)
            self.plot.setYRange(low, high * HEADROOM if high > 0 else 1, padding=0)
        self.show_note("" if known else self.tr("No balance read in this period."))

    def _mark_y(self, recharge: Recharge) -> int:
        """The balance read back at confirmation, else the first reading after it."""
        if recharge.balance_after is not None:
            return recharge.balance_after
        after = [p.balance for p in self.points if p.at >= recharge.at and p.balance is not None]
        return after[0] if after else 0

    def hover_text(self, x: float) -> str:
        if math.isnan(x) or not self._xs:
            return ""
        i = bisect.bisect_left(self._xs, x)
        near = [j for j in (i - 1, i) if 0 <= j < len(self._xs)]
        j = min(near, key=lambda k: abs(self._xs[k] - x))
        point = self.points[j]
        if point.balance is None:
            text = self.tr("{0}: no readings").format(f"{point.at:%m-%d %H:%M}")
        else:
            text = self.tr("{0}: balance {1} yuan").format(
                f"{point.at:%m-%d %H:%M}", fmt.yuan(point.balance)
            )
        (left, right), _ = self.plot.getPlotItem().getViewBox().viewRange()
        reach = (right - left) * NEAR_SHARE
        for recharge in self.recharges:
            if abs(epoch(recharge.at) - x) <= reach:
                text += self.tr("; recharge {0} yuan at {1} (receipt {2})").format(
                    fmt.yuan(recharge.amount), f"{recharge.at:%m-%d %H:%M}", recharge.receipt_no
                )
        return text

    def default_file_name(self) -> str:
        return self.tr("balance") + ".png"
