"""Issue #9: the grid repaints only the changed meters it shows, each paint cheap.

Qt's item views turn a ``dataChanged`` of more than one row into a repaint of
the whole viewport; with ~90 tiles on screen painted through Python every
300 ms flush that was the GUI's longest stall at 5,000 meters. These tests
count the delegate's paints through the window's real update path
(site signal -> model flush -> proxy -> view).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from app.ui.grid.columns import COL_STATE, COLUMN_COUNT
from app.ui.grid.model import MeterGridModel
from app.ui.grid.table_delegate import StateCellDelegate
from app.ui.grid.tile_delegate import TILE_SIZE, TileDelegate
from app.ui.shell.main_window import TABLE, TILES, MainWindow
from tests.support.preview_site import (
    PreviewSite,
    grid_row,
    meter_update,
    sample_buses,
    sample_rows,
)


class CountingTiles(TileDelegate):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.painted: list[int] = []

    def paint(self, painter, option, index) -> None:
        self.painted.append(index.row())
        super().paint(painter, option, index)


class CountingStateCells(StateCellDelegate):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.painted: list[int] = []

    def paint(self, painter, option, index) -> None:
        self.painted.append(index.row())
        super().paint(painter, option, index)


@pytest.fixture
def window(qtbot):
    rows = sample_rows(600, 4)
    w = MainWindow(PreviewSite(rows, sample_buses(4)))
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    w.rows = rows
    return w


def _settle(qtbot, window: MainWindow) -> None:
    """Let every pending flush, repaint slice and paint event run."""
    qtbot.wait(10)
    view = window.current_view()
    qtbot.waitUntil(lambda: getattr(view, "repaints", None) is None or not view.repaints.pending())
    qtbot.wait(30)


def _send(window: MainWindow, meter_ids: list[int], balance: int = 777) -> None:
    for meter_id in meter_ids:
        row = window.rows[meter_id - 1]
        window.site.signals.meterUpdated.emit(meter_update(row, at=1.8e9, balance=balance))
    window.model.flush()


def test_two_changed_tiles_repaint_two_tiles_not_the_screen(window, qtbot):
    view = window.tile_view
    counting = CountingTiles(view)
    view.setItemDelegate(counting)
    _settle(qtbot, window)
    on_screen = len(set(counting.painted))
    assert on_screen > 20  # the whole screen was painted once
    counting.painted.clear()
    _send(window, [3, 4])  # rows 2 and 3: one range of two rows
    _settle(qtbot, window)
    assert sorted(set(counting.painted)) == [2, 3]


def test_a_busy_flush_repaints_only_its_changed_tiles_on_screen(window, qtbot):
    """Forty buses each report a run of meters per flush; only the changed tiles on
    screen are painted again (Qt painted every visible tile for a range of rows)."""
    view = window.tile_view
    counting = CountingTiles(view)
    view.setItemDelegate(counting)
    _settle(qtbot, window)
    counting.painted.clear()
    renders = counting.renders
    off_screen = [m for start in range(300, 600, 12) for m in (start, start + 1, start + 2)]
    _send(window, [3, 4, 9, *off_screen])
    _settle(qtbot, window)
    painted = set(counting.painted)
    # Qt paints the tiles within the bounding box of a paint event's region: a neighbour
    # or two, blitted from its pixmap; only the three changed tiles are drawn anew.
    assert {2, 3, 8} <= painted and len(painted) <= 8
    assert counting.renders - renders == 3


def test_changes_off_screen_paint_nothing(window, qtbot):
    view = window.tile_view
    counting = CountingTiles(view)
    view.setItemDelegate(counting)
    _settle(qtbot, window)
    counting.painted.clear()
    _send(window, [500, 501, 502])
    _settle(qtbot, window)
    assert counting.painted == []


def test_table_repaints_only_the_changed_rows(window, qtbot):
    window.set_view_mode(TABLE)
    view = window.table_view
    counting = CountingStateCells(view)
    view.setItemDelegateForColumn(COL_STATE, counting)
    _settle(qtbot, window)
    assert len(set(counting.painted)) > 10
    counting.painted.clear()
    _send(window, [3, 4, 8])
    _settle(qtbot, window)
    assert sorted(set(counting.painted)) == [2, 3, 7]
    counting.painted.clear()
    _send(window, [500, 501])  # far below the visible rows
    _settle(qtbot, window)
    assert counting.painted == []


def test_a_flush_of_one_changed_meter_signals_that_row_only(qapp):
    rows = [grid_row(i) for i in range(1, 40)]
    model = MeterGridModel(rows)
    seen: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda a, b, roles=(): seen.append((a.row(), b.row(), a.column(), b.column()))
    )
    model.apply_update(meter_update(rows[20], balance=1))
    model.flush()
    assert seen == [(20, 20, 0, COLUMN_COUNT - 1)]
    seen.clear()
    model.apply_update([meter_update(rows[i], at=1.9e9, balance=2) for i in (3, 5, 6, 30)])
    model.flush()
    assert sorted(seen) == [(3, 3, 0, 11), (5, 6, 0, 11), (30, 30, 0, 11)]


def test_a_tile_is_drawn_once_then_blitted_until_what_it_shows_changes(qapp):
    row = grid_row(1)
    model = MeterGridModel([row])
    delegate = TileDelegate()

    def paint() -> QImage:
        image = QImage(TILE_SIZE, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        option = QStyleOptionViewItem()
        option.rect = image.rect()
        painter = QPainter(image)
        delegate.paint(painter, option, model.index(0, 0))
        painter.end()
        return image

    first = paint()
    assert paint() == first and delegate.renders == 1  # the second paint was a blit
    model.apply_update(meter_update(row, balance=123_45))
    model.flush()
    changed = paint()
    assert delegate.renders == 2 and changed != first  # the new balance is drawn


def test_tiles_show_the_same_after_scrolling_back(window, qtbot):
    """A cached tile is the tile: the screen after a round trip is pixel for pixel the same."""
    view = window.tile_view
    _settle(qtbot, window)
    before = view.viewport().grab().toImage()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    _settle(qtbot, window)
    view.verticalScrollBar().setValue(0)
    _settle(qtbot, window)
    assert view.indexAt(QPoint(1, 1)).row() == 0 and window.view_mode() == TILES
    assert view.viewport().grab().toImage() == before
