"""What every chart shares: a white pyqtgraph plot with readable axes (local dates and times,
units in the axis titles), a line above it telling the value under the mouse, a note for
"no data" or a failed read, and "Export PNG…" (the picture is made on the GUI thread, the
file written off it).

pyqtgraph's own context menu and auto-range button speak English only and let the operator
lose the chart in a zoom; both are off, and each chart sets its range from its data.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QPointF
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.errors import PemError
from app.services.xlsx_export import CANNOT_WRITE
from app.ui.support import colors
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text

FOREGROUND = colors.CHART_FOREGROUND
GRID_ALPHA = 0.25
BAR = colors.CHART_BAR
BAR_PARTIAL = colors.CHART_BAR_PARTIAL
LINE = colors.CHART_LINE
RECHARGE = colors.CHART_RECHARGE
CROSSHAIR = colors.CHART_GUIDE
GAP_MARK = colors.CHART_GUIDE
LEGEND_FILL = (255, 255, 255, 230)
HEADROOM = 1.25  # above the highest value: room for the legend, one line across the top


def epoch(local: dt.datetime) -> float:
    """Naive local time -> seconds since 1970 (what the time axis draws)."""
    return local.timestamp()


def local_of(x: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(x)


class TimeAxis(pg.DateAxisItem):
    """Local dates and times written the same in every language: 03-14, 06:00."""

    def tickStrings(self, values, scale, spacing):
        out = []
        for value in values:
            try:
                when = local_of(value)
            except (OverflowError, OSError, ValueError):
                out.append("")
                continue
            if spacing >= 86400 or (when.hour, when.minute) == (0, 0):
                out.append(when.strftime("%m-%d"))
            else:
                out.append(when.strftime("%H:%M"))
        return out


def write_png(path: str, data: bytes) -> None:
    """Off the GUI thread: the PNG bytes into ``path``."""
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise PemError(CANNOT_WRITE, path=path, reason=exc.strerror or str(exc)) from None


class ChartView(QWidget):
    """A titled plot with a time axis at the bottom; subclasses draw and say what is under x."""

    def __init__(self, y_title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget(background="w", axisItems={"bottom": TimeAxis()})
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.showGrid(x=False, y=True, alpha=GRID_ALPHA)
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setPen(FOREGROUND)
            axis.setTextPen(FOREGROUND)
            axis.enableAutoSIPrefix(False)  # "(x0.001)" beside kWh would only confuse
        self.plot.setLabel("left", y_title, color=FOREGROUND)
        self.crosshair = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen(CROSSHAIR, style=pg.QtCore.Qt.PenStyle.DashLine)
        )
        self.crosshair.setVisible(False)
        self.plot.addItem(self.crosshair, ignoreBounds=True)
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)

        self.readout = QLabel(" ")
        self.readout.setObjectName("chartReadout")
        self.note = QLabel()
        self.note.setObjectName("chartNote")
        self.note.setWordWrap(True)
        self.note.hide()
        self.export_button = QPushButton(QCoreApplication.translate("ChartView", "Export PNG…"))
        self.export_button.setObjectName("exportPng")
        self.export_button.clicked.connect(self._ask_export)
        self.export_outcome = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.readout, 1)
        top.addWidget(self.export_outcome)
        top.addWidget(self.export_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(top)
        box.addWidget(self.note)
        box.addWidget(self.plot, 1)

    # -- what subclasses give ---------------------------------------------------------
    def hover_text(self, x: float) -> str:
        """The values at time ``x`` (seconds since 1970), or "" when there is nothing there."""
        raise NotImplementedError

    def default_file_name(self) -> str:
        return "chart.png"

    # -- shared behaviour ----------------------------------------------------------------
    def add_legend(self) -> pg.LegendItem:
        """One line across the top left, on white so bars behind it do not show through."""
        return self.plot.addLegend(
            offset=(10, 2), colCount=3, brush=LEGEND_FILL, pen=CROSSHAIR, labelTextColor=FOREGROUND
        )

    def set_title(self, title: str) -> None:
        self.plot.setTitle(title, color=FOREGROUND)

    def show_note(self, text: str, error: bool = False) -> None:
        """A line above the plot: "no readings yet", or why the data could not be read."""
        self.note.setText(text)
        self.note.setStyleSheet(colors.text_style(colors.ERROR if error else colors.MUTED))
        self.note.setVisible(bool(text))

    def hover_at(self, x: float) -> str:
        text = self.hover_text(x)
        self.readout.setText(text or " ")
        self.crosshair.setVisible(bool(text))
        if text:
            self.crosshair.setValue(x)
        return text

    def _mouse_moved(self, pos: QPointF) -> None:
        box = self.plot.getPlotItem().getViewBox()
        if box.sceneBoundingRect().contains(pos):
            self.hover_at(box.mapSceneToView(pos).x())
        else:
            self.hover_at(float("nan"))

    def png_bytes(self) -> bytes:
        """The plot as it is shown (title, axes, data), as PNG."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        shown = self.crosshair.isVisible()
        self.crosshair.setVisible(False)  # where the mouse was is not part of the chart
        self.plot.grab().save(buffer, "PNG")
        self.crosshair.setVisible(shown)
        buffer.close()
        return bytes(data)

    def export_png(self, path: str) -> Future:
        """Write the chart to ``path``; the outcome is shown beside the button."""
        data = self.png_bytes()
        self.export_button.setEnabled(False)
        return run_then(lambda: write_png(path, data), self._exported, self._export_failed, self)

    def _exported(self, _result) -> None:
        self.export_button.setEnabled(True)
        self.export_outcome.setText(QCoreApplication.translate("ChartView", "Saved."))
        self.export_outcome.setStyleSheet(colors.text_style(colors.OK))

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.export_outcome.setText(error_text(exc))
        self.export_outcome.setStyleSheet(colors.text_style(colors.ERROR))

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("ChartView", "Export chart"),
            self.default_file_name(),
            QCoreApplication.translate("ChartView", "PNG image (*.png)"),
        )
        if path:
            if not path.lower().endswith(".png"):
                path += ".png"
            self.export_png(path)
