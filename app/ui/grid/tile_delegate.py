"""Paints one meter as a tile: number, tenant, balance, state colour and marks.

Reads the row's ``MeterRecord`` once (``RecordRole``) instead of a
``data()`` call per field: a screen of tiles repaints several times a
second at full scale, so every paint keeps Python calls few.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.services.meter_state import GridState
from app.ui.grid.columns import RecordRole
from app.ui.grid.marks import MARK_STYLES, badge_text, ordered
from app.ui.grid.record import MeterRecord
from app.ui.support import colors
from app.ui.support.formatting import kw, money_text, short_time

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
_SELECTED = QStyle.StateFlag.State_Selected
_HOVER = QStyle.StateFlag.State_MouseOver
_ELIDE = Qt.TextElideMode.ElideRight
TILE_SIZE = QSize(168, 92)  # grid cell; the tile is drawn inset by MARGIN
MARGIN = 3
BADGE = 17


class TileDelegate(QStyledItemDelegate):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._fonts_for: QFont | None = None
        self._big = self._small = self._badge = self._bold = QFont()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return TILE_SIZE

    def _fonts(self, base: QFont) -> None:
        if self._fonts_for == base:
            return
        self._fonts_for = QFont(base)
        size = base.pointSizeF() if base.pointSizeF() > 0 else 9.0
        self._big = QFont(base)
        self._big.setPointSizeF(size * 1.45)
        self._big.setBold(True)
        self._bold = QFont(base)
        self._bold.setPointSizeF(size * 1.1)
        self._bold.setBold(True)
        self._small = QFont(base)
        self._small.setPointSizeF(size * 0.9)
        self._badge = QFont(base)
        self._badge.setPointSizeF(size * 0.8)
        self._badge.setBold(True)
        self._fm_big = QFontMetrics(self._big)
        self._fm_small = QFontMetrics(self._small)
        self._fm_bold = QFontMetrics(self._bold)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rec: MeterRecord | None = index.data(RecordRole)
        if rec is None:
            return
        self._fonts(option.font)
        state = rec.state
        style = colors.STATE_STYLES[state]
        rect = QRectF(option.rect).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        path = QPainterPath()
        path.addRoundedRect(rect, 6, 6)
        painter.fillPath(path, QColor(style.fill))
        if style.hatched:
            painter.fillPath(path, colors.hatch_brush())
        selected = bool(option.state & _SELECTED)
        if selected:
            painter.setPen(QPen(QColor(colors.SELECTION_COLOR), 3))
            painter.drawPath(path)
        elif option.state & _HOVER:
            painter.setPen(QPen(QColor(style.fill).darker(160), 2))
            painter.drawPath(path)

        text = QColor(style.text)
        inner = rect.adjusted(8, 4, -6, -5)
        line_h = inner.height() / 3

        # line 1: number, marks at the right
        badges = ordered(rec.marks)
        badge_w = len(badges) * (BADGE + 2)
        painter.setPen(text)
        painter.setFont(self._big)
        number_rect = QRectF(inner.left(), inner.top(), inner.width() - badge_w, line_h)
        painter.drawText(
            number_rect,
            _LEFT,
            self._fm_big.elidedText(rec.row.number, _ELIDE, int(number_rect.width())),
        )
        self._paint_badges(painter, badges, inner.right(), inner.top() + (line_h - BADGE) / 2)

        # line 2: tenant (or 'not opened')
        painter.setPen(text)
        painter.setFont(self._small)
        tenant = rec.row.tenant or colors.state_label(GridState.UNOPENED)
        tenant_rect = QRectF(inner.left(), inner.top() + line_h, inner.width(), line_h)
        painter.drawText(
            tenant_rect,
            _LEFT,
            self._fm_small.elidedText(tenant, _ELIDE, int(tenant_rect.width())),
        )

        # line 3: balance left; power, or last answer time when offline, right
        bottom = QRectF(inner.left(), inner.top() + 2 * line_h, inner.width(), line_h)
        st = rec.status
        painter.setFont(self._small)
        if rec.waiting:
            right = QCoreApplication.translate("TileDelegate", "waiting…")
        elif state is GridState.OFFLINE:
            right = short_time(rec.updated_at) or QCoreApplication.translate(
                "TileDelegate", "never answered"
            )
        else:
            right = f"{kw(st.power)} kW" if st is not None else ""
        right_w = self._fm_small.horizontalAdvance(right) + 6 if right else 0
        painter.drawText(bottom, _RIGHT, right)
        if st is not None:
            painter.setFont(self._bold)
            money = money_text(st.balance)
            left = QRectF(bottom.left(), bottom.top(), bottom.width() - right_w, bottom.height())
            painter.drawText(
                left,
                _LEFT,
                self._fm_bold.elidedText(money, _ELIDE, int(left.width())),
            )
        painter.restore()

    def _paint_badges(self, painter: QPainter, badges: list, right: float, top: float) -> None:
        painter.setFont(self._badge)
        x = right - BADGE
        for mark in reversed(badges):
            circle = QRectF(x, top, BADGE, BADGE)
            painter.setPen(QPen(QColor(colors.MARK_OUTLINE), 1.2))
            painter.setBrush(QColor(MARK_STYLES[mark].color))
            painter.drawEllipse(circle)
            painter.drawText(circle, _CENTER, badge_text(mark))
            x -= BADGE + 2
        painter.setBrush(Qt.BrushStyle.NoBrush)
