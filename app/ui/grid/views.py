"""The two views of the meter grid over one proxy: tiles and a table.

Both are tuned for 5,000 rows: fixed tile grid and fixed row height, so Qt
never asks Python for a size hint per item when data changes. Both repaint
only the changed rows they show: Qt's item views turn a ``dataChanged`` of
more than one row into an update of the whole viewport (every visible tile
painted again through Python, every 300 ms, issue #9), even when none of the
rows is on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QListView, QTableView, QWidget

from app.ui.grid.columns import (
    COL_ADDRESS,
    COL_BALANCE,
    COL_BUILDING,
    COL_BUS,
    COL_COMM,
    COL_ENERGY,
    COL_NUMBER,
    COL_POWER,
    COL_RELAY,
    COL_STATE,
    COL_TENANT,
    COL_UPDATED,
)
from app.ui.grid.filter import MeterFilterProxy
from app.ui.grid.table_delegate import StateCellDelegate, TableCellDelegate
from app.ui.grid.tile_delegate import TILE_SIZE, TileDelegate

# Initial column widths in average characters (the operator can drag them).
_WIDTHS = {
    COL_NUMBER: 9,
    COL_TENANT: 18,
    COL_BUILDING: 12,
    COL_BUS: 10,
    COL_ADDRESS: 7,
    COL_STATE: 11,
    COL_BALANCE: 15,
    COL_ENERGY: 14,
    COL_POWER: 12,
    COL_RELAY: 14,
    COL_UPDATED: 16,
    COL_COMM: 14,
}


TILE_SLICE = 12  # changed tiles repainted per event-loop turn (one drawn anew: ~0.1 ms)
TABLE_SLICE = 6  # changed table rows per turn (twelve cells each)
REPAINT_INTERVAL_MS = 8  # between slices: input, timers and the paint itself run in between


class _SlicedRepaint:
    """Changed rows on screen, repainted a few per event-loop turn.

    A flush changes some 30 of the ~90 tiles on screen; painting them in one
    paint event (each drawn anew through Python) was one long turn. Here they
    are asked for ``per_slice`` at a time, in row order, so each paint
    event stays short. Rows shift when the view is sorted, filtered or
    reloaded; Qt repaints the whole viewport then anyway, so the list is
    dropped.
    """

    def __init__(self, view: QAbstractItemView, rect_of_row, per_slice: int) -> None:
        self._view, self._rect_of_row, self._per_slice = view, rect_of_row, per_slice
        self._dirty: set[int] = set()
        self._timer = QTimer(view)
        self._timer.setInterval(REPAINT_INTERVAL_MS)
        self._timer.timeout.connect(self._slice)

    def add(self, first: int, last: int) -> None:
        self._dirty.update(range(first, last + 1))
        if not self._timer.isActive():
            self._slice()
            if self._dirty:
                self._timer.start()

    def clear(self) -> None:
        self._dirty.clear()
        self._timer.stop()

    def pending(self) -> int:
        return len(self._dirty)

    def _slice(self) -> None:
        dirty = self._dirty
        rows = sorted(dirty)[: self._per_slice]
        dirty.difference_update(rows)
        viewport = self._view.viewport()
        for row in rows:
            viewport.update(self._rect_of_row(row))
        if not dirty:
            self._timer.stop()


def _forget_on_reshape(view: QAbstractItemView, repaint: _SlicedRepaint) -> None:
    model = view.model()
    for signal in (model.layoutChanged, model.modelReset, model.rowsInserted, model.rowsRemoved):
        signal.connect(repaint.clear)


class TileView(QListView):
    """The tiles: a changed range repaints only its tiles that are on screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repaints = _SlicedRepaint(self, self._tile_rect, TILE_SLICE)

    def _tile_rect(self, row: int) -> QRect:
        return self.visualRect(self.model().index(row, 0))

    def setModel(self, model) -> None:  # type: ignore[override]
        super().setModel(model)
        _forget_on_reshape(self, self.repaints)

    def dataChanged(self, top_left: QModelIndex, bottom_right: QModelIndex, roles=()) -> None:
        if not self.isVisible() or not top_left.isValid() or not bottom_right.isValid():
            return
        first, last = self._visible_rows()
        top, bottom = max(top_left.row(), first), min(bottom_right.row(), last)
        if top <= bottom:
            self.repaints.add(top, bottom)

    def _visible_rows(self) -> tuple[int, int]:
        """First and last row on screen (a little past the last: its rect is clipped)."""
        count = self.model().rowCount()
        first = self.indexAt(QPoint(1, 1)).row()
        if first < 0:
            first = 0
        grid = self.gridSize()
        viewport = self.viewport()
        across = max(1, viewport.width() // max(1, grid.width()))
        down = viewport.height() // max(1, grid.height()) + 2
        return first, min(count - 1, first + across * down)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:  # badges and labels are translated
            delegate = self.itemDelegate()
            if isinstance(delegate, TileDelegate):
                delegate.clear_cache()
        super().changeEvent(event)


class MeterTableView(QTableView):
    """The table: a changed range repaints only its rows that are on screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repaints = _SlicedRepaint(self, self._row_rect, TABLE_SLICE)

    def _row_rect(self, row: int) -> QRect:
        return QRect(0, self.rowViewportPosition(row), self.viewport().width(), self.rowHeight(row))

    def setModel(self, model) -> None:  # type: ignore[override]
        super().setModel(model)
        _forget_on_reshape(self, self.repaints)

    def dataChanged(self, top_left: QModelIndex, bottom_right: QModelIndex, roles=()) -> None:
        if not self.isVisible() or not top_left.isValid() or not bottom_right.isValid():
            return
        first = self.rowAt(0)
        last = self.rowAt(self.viewport().height() - 1)
        if first < 0:
            return
        if last < 0:
            last = self.model().rowCount() - 1
        top, bottom = max(top_left.row(), first), min(bottom_right.row(), last)
        if top <= bottom:
            self.repaints.add(top, bottom)


def make_tile_view(proxy: MeterFilterProxy, parent: QWidget | None = None) -> QListView:
    view = TileView(parent)
    view.setObjectName("tileView")
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setMovement(QListView.Movement.Static)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setWrapping(True)
    view.setUniformItemSizes(True)
    view.setGridSize(TILE_SIZE)
    view.setSpacing(0)
    view.setLayoutMode(QListView.LayoutMode.Batched)
    view.setBatchSize(500)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setMouseTracking(True)
    view.setItemDelegate(TileDelegate(view))
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.setModel(proxy)
    return view


def make_table_view(proxy: MeterFilterProxy, parent: QWidget | None = None) -> QTableView:
    view = MeterTableView(parent)
    view.setObjectName("tableView")
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    vh = view.verticalHeader()
    vh.setVisible(False)
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(view.fontMetrics().height() + 8)
    hh = view.horizontalHeader()
    hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    hh.setStretchLastSection(True)
    char = view.fontMetrics().averageCharWidth()
    for col, width in _WIDTHS.items():
        view.setColumnWidth(col, width * char + 12)
    fit_text_columns(view, (COL_TENANT, COL_BUILDING))
    view.setItemDelegate(TableCellDelegate(view))
    view.setItemDelegateForColumn(COL_STATE, StateCellDelegate(view))
    view.setSortingEnabled(True)
    view.sortByColumn(COL_NUMBER, Qt.SortOrder.AscendingOrder)
    return view


def fit_text_columns(view: QTableView, columns: tuple[int, ...], most_chars: int = 40) -> None:
    """Widen text columns to their longest value (CJK text is twice as wide as the
    average character the default widths count in), at most ``most_chars`` wide."""
    model, metrics = view.model(), view.fontMetrics()
    cap = most_chars * metrics.averageCharWidth()
    for col in columns:
        widest = max(
            (metrics.horizontalAdvance(str(model.index(r, col).data() or ""))
             for r in range(model.rowCount())),
            default=0,
        )  # fmt: skip
        view.setColumnWidth(col, max(view.columnWidth(col), min(widest + 16, cap)))


def select_whole_rows(selection: QItemSelectionModel) -> None:
    """Tiles select column 0 only; the table shows whole rows selected."""
    current = selection.selection()
    if not current.isEmpty():
        selection.select(
            current,
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
