"""The legend under the toolbar: what each colour and each tile mark means."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from app.services.meter_state import GridState
from app.ui.grid.marks import MARK_ORDER, MARK_STYLES, Mark, badge_text, mark_label
from app.ui.support import colors


def swatch_pixmap(state: GridState, width: int = 22, height: int = 14) -> QPixmap:
    pix = QPixmap(width, height)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(0.5, 0.5, width - 1, height - 1)
    p.setPen(QPen(colors.fill_color(state).darker(140), 1))
    p.setBrush(colors.fill_color(state))
    p.drawRoundedRect(rect, 3, 3)
    if colors.STATE_STYLES[state].hatched:
        p.setBrush(colors.hatch_brush())
        p.drawRoundedRect(rect, 3, 3)
    p.end()
    return pix


def badge_pixmap(mark: Mark, size: int = 16, font=None) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    if font is not None:
        f = type(font)(font)
        f.setBold(True)
        f.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        p.setFont(f)
    p.setPen(QPen(QColor(colors.MARK_OUTLINE), 1))
    p.setBrush(QColor(MARK_STYLES[mark].color))
    circle = QRectF(0.5, 0.5, size - 1, size - 1)
    p.drawEllipse(circle)
    p.drawText(circle, Qt.AlignmentFlag.AlignCenter, badge_text(mark))
    p.end()
    return pix


class LegendWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setSpacing(4)
        layout.addWidget(QLabel(self.tr("Legend:")))
        self.state_labels: dict[GridState, QLabel] = {}
        for state in colors.LEGEND_ORDER:
            sw = QLabel()
            sw.setPixmap(swatch_pixmap(state))
            layout.addWidget(sw)
            text = QLabel(colors.state_label(state))
            self.state_labels[state] = text
            layout.addWidget(text)
            layout.addSpacing(8)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        layout.addWidget(line)
        for mark in MARK_ORDER:
            if mark is Mark.OFFLINE:
                continue  # explained by the offline swatch
            b = QLabel()
            b.setPixmap(badge_pixmap(mark, font=self.font()))
            layout.addWidget(b)
            layout.addWidget(QLabel(mark_label(mark)))
            layout.addSpacing(8)
        layout.addStretch(1)
