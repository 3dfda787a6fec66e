"""Table view cells painted from the row's ``MeterRecord`` with one ``data()`` call.

Qt's default delegate asks the model for about ten roles per cell; with a
Python model that is ten slow crossings per cell and a full-screen repaint
of the table took 30-50 ms. Filling the style option directly keeps the
native look at a fraction of the cost.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.services.meter_state import GridState
from app.ui.grid.columns import NUMERIC_COLUMNS, VOLATILE_COLUMNS, RecordRole, display_text
from app.ui.grid.record import MeterRecord
from app.ui.support import colors

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_STALE = colors.fill_color(GridState.UNOPENED).darker(150)
_SELECTED = QStyle.StateFlag.State_Selected
HATCH_PERIOD = 8  # a Qt pattern brush repeats every 8 device pixels


class TableCellDelegate(QStyledItemDelegate):
    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        rec: MeterRecord | None = index.data(RecordRole)
        if rec is None:
            return
        col = index.column()
        option.index = index
        option.text = display_text(rec, col)
        option.features |= _HAS_DISPLAY
        option.displayAlignment = _RIGHT if col in NUMERIC_COLUMNS else _LEFT
        if not rec.online and col in VOLATILE_COLUMNS:  # last known values, greyed
            option.palette.setColor(QPalette.ColorRole.Text, _STALE)


class StateCellDelegate(QStyledItemDelegate):
    """The table's state cell: the tile colour, hatched when offline, and the state name.

    Drawn once per state, selection, size and font into a pixmap, then blitted: a
    screen of the table repaints ~40 state cells several times a second.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._cells: dict[tuple, QPixmap] = {}
        self._font: QFont | None = None
        self.paints = 0  # state cells painted (one per table row; tests and the bench)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rec: MeterRecord | None = index.data(RecordRole)
        if rec is None:
            return
        self.paints += 1
        if self._font != option.font:
            self._font = QFont(option.font)
            self._cells.clear()
        state, rect = rec.state, option.rect
        hatched = colors.STATE_STYLES[state].hatched
        key = (
            state, colors.state_label(state), bool(option.state & _SELECTED),
            rect.width(), rect.height(), painter.device().devicePixelRatioF(),
            (rect.x() % HATCH_PERIOD, rect.y() % HATCH_PERIOD) if hatched else None,
        )  # fmt: skip
        pixmap = self._cells.get(key)
        if pixmap is None:
            pixmap = self._cells[key] = self._render(key, option.font)
        painter.drawPixmap(rect.topLeft(), pixmap)

    @staticmethod
    def _render(key: tuple, font: QFont) -> QPixmap:
        state, label, selected, width, height, dpr, phase = key
        style = colors.STATE_STYLES[state]
        pixmap = QPixmap(round(width * dpr), round(height * dpr))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        rect = QRect(0, 0, width, height).adjusted(1, 1, -1, -1)
        painter.fillRect(rect, QColor(style.fill))
        if phase is not None:  # the pattern continues the view's, not the pixmap's
            painter.setBrushOrigin(QPoint(-phase[0], -phase[1]))
            painter.fillRect(rect, colors.hatch_brush())
        if selected:
            painter.setPen(QPen(QColor(colors.SELECTION_COLOR), 2))
            painter.drawRect(rect)
        painter.setPen(QColor(style.text))
        painter.setFont(font)
        painter.drawText(rect.adjusted(4, 0, -2, 0), _LEFT, label)
        painter.end()
        return pixmap
