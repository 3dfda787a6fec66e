"""Paints one meter as a tile: number, tenant, balance, state colour and marks.

A screen of ~90 tiles is on show while 5,000 meters report every second, so
a tile's paint must cost next to nothing (issue #9: painting every visible
tile through Python took 50-60 ms a flush). A tile is therefore drawn once
into a pixmap keyed by exactly what it shows (state, texts, marks, selection,
hover, size) and after that only blitted; a tile whose values changed is
drawn again from cached parts (the rounded, hatched background per state,
elided texts), with fonts and metrics made once per font.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.services.meter_state import GridState
from app.ui.grid.columns import RecordRole
from app.ui.grid.marks import MARK_STYLES, Mark, badge_text, ordered
from app.ui.grid.record import MeterRecord, circuit_text
from app.ui.support import colors
from app.ui.support.formatting import kw, money_text, short_time

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
_SELECTED = QStyle.StateFlag.State_Selected
_HOVER = QStyle.StateFlag.State_MouseOver
_ELIDE = Qt.TextElideMode.ElideRight
_TRANSPARENT = QColor(0, 0, 0, 0)
TILE_SIZE = QSize(168, 92)  # grid cell; the tile is drawn inset by MARGIN
MARGIN = 3
BADGE = 17
HATCH_PERIOD = 8  # a Qt pattern brush repeats every 8 device pixels
TILE_CACHE = 320  # tiles kept as pixmaps: more than three screens, ~20 MB at 168x92
TEXT_CACHE = 20_000  # elided texts kept (number, tenant, balance per width)


class TileDelegate(QStyledItemDelegate):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._fonts_for: QFont | None = None
        self._big = self._small = self._badge = self._bold = QFont()
        self._tiles: OrderedDict[tuple, QPixmap] = OrderedDict()
        self._backgrounds: dict[tuple, QPixmap] = {}
        self._elided: dict[tuple, str] = {}
        self._widths: dict[str, int] = {}
        self.paints = 0  # tiles painted (tests and the bench count them)
        self.renders = 0  # tiles drawn anew into a pixmap (the rest were blitted)

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
        self.clear_cache()

    def clear_cache(self) -> None:
        """Forget every drawn tile (font or language changed: texts are drawn anew)."""
        self._tiles.clear()
        self._backgrounds.clear()
        self._elided.clear()
        self._widths.clear()

    # -- what a tile shows ---------------------------------------------------------------
    @staticmethod
    def _second_texts(rec: MeterRecord) -> tuple[str, str]:
        """Line 2: the tenant ('not opened'; a metering meter, which has none: its
        location) left; the circuit of a multi-circuit meter right."""
        row = rec.row
        if row.tenant:
            left = row.tenant
        elif rec.prepaid:
            left = colors.state_label(GridState.UNOPENED)
        else:
            left = row.location
        return left, circuit_text(row)

    @staticmethod
    def _bottom_texts(rec: MeterRecord) -> tuple[str, str]:
        """Line 3: the balance ("Metering" on a meter without one) left; power, or the
        last answer's time when offline, right."""
        st = rec.status
        if rec.waiting:
            right = QCoreApplication.translate("TileDelegate", "waiting…")
        elif rec.state is GridState.OFFLINE:
            right = short_time(rec.updated_at) or QCoreApplication.translate(
                "TileDelegate", "never answered"
            )
        else:
            right = f"{kw(st.power)} kW" if st is not None else ""
        return rec.balance_text(money_text), right

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
        self._fonts(option.font)
        state, rect = rec.state, option.rect
        flags = option.state
        look = 2 if flags & _SELECTED else 1 if flags & _HOVER else 0
        # The hatching is aligned to the view, as if painted in place: its phase is part
        # of what a hatched tile looks like.
        phase = (
            (rect.x() % HATCH_PERIOD, rect.y() % HATCH_PERIOD)
            if state is GridState.OFFLINE
            else None
        )
        money, right = self._bottom_texts(rec)
        second = self._second_texts(rec)
        dpr = painter.device().devicePixelRatioF()
        key = (
            state, rec.row.number, second, rec.marks, money, right,
            look, rect.width(), rect.height(), dpr, phase,
        )  # fmt: skip
        tiles = self._tiles
        pixmap = tiles.get(key)
        if pixmap is None:
            pixmap = self._render(rec, key, money, right)
            tiles[key] = pixmap
            if len(tiles) > TILE_CACHE:
                tiles.popitem(last=False)
        else:
            tiles.move_to_end(key)
        painter.drawPixmap(rect.topLeft(), pixmap)

    # -- drawing a tile into its pixmap --------------------------------------------------
    def _render(self, rec: MeterRecord, key: tuple, money: str, right: str) -> QPixmap:
        self.renders += 1
        state, look, width, height, dpr, phase = key[0], key[6], key[7], key[8], key[9], key[10]
        pixmap = QPixmap(round(width * dpr), round(height * dpr))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(_TRANSPARENT)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.drawPixmap(0, 0, self._background(state, look, width, height, dpr, phase))
        style = colors.STATE_STYLES[state]
        text = QColor(style.text)
        inner = QRectF(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN).adjusted(
            8, 4, -6, -5
        )
        line_h = inner.height() / 3

        # line 1: number, marks at the right
        badges = ordered(rec.marks)
        badge_w = len(badges) * (BADGE + 2)
        painter.setPen(text)
        painter.setFont(self._big)
        number_rect = QRectF(inner.left(), inner.top(), inner.width() - badge_w, line_h)
        painter.drawText(number_rect, _LEFT, self._elide(0, rec.row.number, number_rect.width()))
        if badges:
            self._paint_badges(painter, badges, inner.right(), inner.top() + (line_h - BADGE) / 2)
            painter.setPen(text)

        # line 2: tenant (or 'not opened', or a metering meter's location); circuit right
        painter.setFont(self._small)
        tenant, circuit = key[2]
        second = QRectF(inner.left(), inner.top() + line_h, inner.width(), line_h)
        circuit_w = self._small_width(circuit) + 6 if circuit else 0
        painter.drawText(second, _RIGHT, circuit)
        tenant_rect = second.adjusted(0, 0, -circuit_w, 0)
        painter.drawText(tenant_rect, _LEFT, self._elide(1, tenant, tenant_rect.width()))

        # line 3: balance left; power, or last answer time when offline, right
        bottom = QRectF(inner.left(), inner.top() + 2 * line_h, inner.width(), line_h)
        right_w = self._small_width(right) + 6 if right else 0
        painter.drawText(bottom, _RIGHT, right)
        if money:
            painter.setFont(self._bold)
            left = QRectF(bottom.left(), bottom.top(), bottom.width() - right_w, bottom.height())
            painter.drawText(left, _LEFT, self._elide(2, money, left.width()))
        painter.end()
        return pixmap

    def _background(
        self, state: GridState, look: int, width: int, height: int, dpr: float, phase
    ) -> QPixmap:
        """The rounded tile in its state's colour (hatched offline), its selection or
        hover outline: one pixmap per state, look and size, shared by every tile."""
        key = (state, look, width, height, dpr, phase)
        pixmap = self._backgrounds.get(key)
        if pixmap is not None:
            return pixmap
        style = colors.STATE_STYLES[state]
        pixmap = QPixmap(round(width * dpr), round(height * dpr))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(_TRANSPARENT)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        path = QPainterPath()
        path.addRoundedRect(QRectF(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN), 6, 6)
        painter.fillPath(path, QColor(style.fill))
        if style.hatched:
            if phase is not None:  # the pattern continues the view's, not the pixmap's
                painter.setBrushOrigin(QPointF(-phase[0], -phase[1]))
            painter.fillPath(path, colors.hatch_brush())
        if look == 2:
            painter.setPen(QPen(QColor(colors.SELECTION_COLOR), 3))
            painter.drawPath(path)
        elif look == 1:
            painter.setPen(QPen(QColor(style.fill).darker(160), 2))
            painter.drawPath(path)
        painter.end()
        self._backgrounds[key] = pixmap
        return pixmap

    def _elide(self, which: int, text: str, width: float) -> str:
        key = (which, text, int(width))
        elided = self._elided.get(key)
        if elided is None:
            metrics = (self._fm_big, self._fm_small, self._fm_bold)[which]
            elided = metrics.elidedText(text, _ELIDE, int(width))
            if len(self._elided) > TEXT_CACHE:
                self._elided.clear()
            self._elided[key] = elided
        return elided

    def _small_width(self, text: str) -> int:
        width = self._widths.get(text)
        if width is None:
            width = self._fm_small.horizontalAdvance(text)
            if len(self._widths) > TEXT_CACHE:
                self._widths.clear()
            self._widths[text] = width
        return width

    def _paint_badges(
        self, painter: QPainter, badges: list[Mark], right: float, top: float
    ) -> None:
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
