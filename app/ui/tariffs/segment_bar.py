"""The 24-hour bar: a tariff's daily segments coloured by rate, gaps and overlaps hatched.

Drawn from the spans as typed, before they are checked, so what the save
would refuse (a gap, an overlap, a segment past midnight) is seen at once.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.services.tariffs import DAY_MINUTES, RATE_TITLES, Span
from app.ui.support.colors import RATE_COLORS, TARIFF_BAR_TEXT, TARIFF_GAP, TARIFF_OVERLAP


def rate_title(rate: int) -> str:
    return QCoreApplication.translate("Rate", RATE_TITLES[rate]) if 0 <= rate <= 3 else "?"


def coverage(spans: list[Span]) -> list[int]:
    """How many spans cover each minute of the day (0: a gap, 2 or more: an overlap)."""
    count = [0] * DAY_MINUTES
    for s in spans:
        for minute in range(max(s.start, 0), min(s.end, DAY_MINUTES)):
            count[minute] += 1
    return count


def runs(values: list[int]) -> list[tuple[int, int, int]]:
    """(start, end, value) runs of equal values."""
    out: list[tuple[int, int, int]] = []
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            out.append((start, i, values[start]))
            start = i
    return out


class SegmentBar(QWidget):
    """Paints ``spans`` over 00:00-24:00 with an hour scale below."""

    BAR_H = 28

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spans: list[Span] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(360)

    def sizeHint(self) -> QSize:
        return QSize(560, self.BAR_H + self.fontMetrics().height() + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(360, self.BAR_H + self.fontMetrics().height() + 8)

    def set_spans(self, spans: list[Span]) -> None:
        self.spans = list(spans)
        self.update()

    def problems(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(gaps, overlaps) as minute ranges (what the bar hatches)."""
        cover = coverage(self.spans)
        gaps = [(a, b) for a, b, n in runs(cover) if n == 0]
        overlaps = [(a, b) for a, b, n in runs(cover) if n > 1]
        return gaps, overlaps

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        width = self.width() - 2
        bar = QRectF(1, 1, width, self.BAR_H)

        def x(minute: int) -> float:
            return bar.left() + bar.width() * minute / DAY_MINUTES

        p.fillRect(bar, QColor(TARIFF_GAP))
        p.fillRect(bar, QBrush(QColor(TARIFF_BAR_TEXT), Qt.BrushStyle.BDiagPattern))
        for s in self.spans:
            start, end = max(s.start, 0), min(s.end, DAY_MINUTES)
            if end > start and 0 <= s.rate <= 3:
                p.fillRect(QRectF(x(start), bar.top(), x(end) - x(start), bar.height()),
                           QColor(RATE_COLORS[s.rate]))  # fmt: skip
        _gaps, overlaps = self.problems()
        for a, b in overlaps:
            area = QRectF(x(a), bar.top(), x(b) - x(a), bar.height())
            p.fillRect(area, QBrush(QColor(TARIFF_OVERLAP), Qt.BrushStyle.DiagCrossPattern))
        p.setPen(QPen(QColor(TARIFF_BAR_TEXT)))
        for s in self.spans:
            start, end = max(s.start, 0), min(s.end, DAY_MINUTES)
            area = QRectF(x(start), bar.top(), x(end) - x(start), bar.height())
            text = rate_title(s.rate)
            if area.width() > p.fontMetrics().horizontalAdvance(text) + 4:
                p.drawText(area, Qt.AlignmentFlag.AlignCenter, text)
        p.setPen(QPen(self.palette().text().color()))
        p.drawRect(bar)
        metrics = p.fontMetrics()
        for hour in range(0, 25, 3):
            px = x(hour * 60)
            p.drawLine(int(px), int(bar.bottom()), int(px), int(bar.bottom()) + 3)
            label = f"{hour:02d}"
            w = metrics.horizontalAdvance(label)
            left = min(max(px - w / 2, 0), self.width() - w)
            p.drawText(int(left), int(bar.bottom()) + 4 + metrics.ascent(), label)
        p.end()
