"""The grid model: state and colour per meter, marks, batched updates, sorting (no widgets)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from app.serial_io.events import PURCHASE_MISMATCH
from app.serial_io.meter_data import CommStats, MeterStatus
from app.services.meter_state import GridState
from app.ui.grid.columns import (
    COL_BALANCE,
    COL_ENERGY,
    COL_NUMBER,
    COL_POWER,
    COL_RELAY,
    COL_STATE,
    COLUMN_COUNT,
    MarksRole,
    MeterIdRole,
    RecordRole,
    SortRole,
    StateRole,
)
from app.ui.grid.marks import Mark
from app.ui.grid.model import MeterGridModel, changed_ranges
from app.ui.grid.tile_delegate import TILE_SIZE, TileDelegate
from app.ui.support import colors
from tests.support.preview_site import grid_row, meter_update, missed_update

ROWS = [
    grid_row(1, status=MeterStatus(balance=50_000)),  # normal
    grid_row(2, status=MeterStatus(balance=2000)),  # alarm 1 (<= 20.00)
    grid_row(3, status=MeterStatus(balance=500)),  # alarm 2 (<= 5.00)
    grid_row(4, status=MeterStatus(balance=0, relay_open=True, arrears=True)),  # arrears
    grid_row(5, tenant=None, status=MeterStatus(balance=10_000)),  # not opened
    grid_row(6, online=False, status=MeterStatus(balance=9_000)),  # offline, last known kept
]
EXPECTED = [
    GridState.NORMAL,
    GridState.ALARM1,
    GridState.ALARM2,
    GridState.ARREARS,
    GridState.UNOPENED,
    GridState.OFFLINE,
]


class DataChangedSpy:
    def __init__(self, model: MeterGridModel) -> None:
        self.ranges: list[tuple[int, int, int, int]] = []
        self.resets = 0
        model.dataChanged.connect(self._changed)
        model.modelReset.connect(self._reset)

    def _changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles=()) -> None:
        self.ranges.append(
            (top_left.row(), bottom_right.row(), top_left.column(), bottom_right.column())
        )

    def _reset(self) -> None:
        self.resets += 1

    def rows(self) -> set[int]:
        return {r for a, b, _, _ in self.ranges for r in range(a, b + 1)}


@pytest.fixture
def model(qapp):
    return MeterGridModel(ROWS, flush_ms=30)


def test_state_and_colour_per_state(model):
    assert model.rowCount() == 6 and model.columnCount() == COLUMN_COUNT
    for row, expected in enumerate(EXPECTED):
        index = model.index(row, COL_STATE)
        assert index.data(StateRole) is expected
        assert index.data(MeterIdRole) == row + 1
        brush = index.data(Qt.ItemDataRole.BackgroundRole)
        assert brush.color() == QColor(colors.STATE_STYLES[expected].fill)
        assert index.data() == colors.state_label(expected)
    # one colour per state, offline the only hatched one, unopened grey
    fills = {s.fill for s in colors.STATE_STYLES.values()}
    assert len(fills) == len(GridState)
    assert [s for s, st in colors.STATE_STYLES.items() if st.hatched] == [GridState.OFFLINE]
    grey = QColor(colors.STATE_STYLES[GridState.UNOPENED].fill)
    assert grey.saturation() < 30
    assert model.state_counts() == {
        **dict.fromkeys(GridState, 1),
        GridState.WAITING: 0,
        GridState.METERING: 0,  # tests/ui/test_meter_capabilities.py
    }


def test_a_meter_never_seen_waits_for_its_first_answer_and_is_not_offline(qapp):
    """Issue #8: in a fresh site every tile read "offline, never answered" for the first second."""
    never = grid_row(7, online=False, status=None, stats=CommStats(), updated_at=None)
    model = MeterGridModel([never], flush_ms=0)
    index = model.index(0, COL_STATE)
    assert index.data(StateRole) is GridState.WAITING
    assert model.record_at(0).comm_text() == "waiting for first answer"
    assert Mark.OFFLINE not in model.record_at(0).marks
    rec = model.record_at(0)
    model.apply_update(missed_update(rec.row))  # the first poll had no answer: now it is offline
    model.flush()
    assert model.index(0, COL_STATE).data(StateRole) is GridState.OFFLINE


def _paint_tile(model: MeterGridModel, row: int) -> QImage:
    image = QImage(TILE_SIZE, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    option = QStyleOptionViewItem()
    option.rect = image.rect()
    painter = QPainter(image)
    TileDelegate().paint(painter, option, model.index(row, 0))
    painter.end()
    return image


def _colours(image: QImage, y: int) -> set[str]:
    return {image.pixelColor(x, y).name() for x in range(10, image.width() - 60)}


def test_offline_tile_is_dark_and_hatched_online_tile_is_plain(model):
    # a horizontal line through the tile's middle band, away from the text
    y = TILE_SIZE.height() // 3 + 2
    offline = _colours(_paint_tile(model, 5), y)
    assert colors.STATE_STYLES[GridState.OFFLINE].fill in offline
    assert colors.HATCH_COLOR in offline  # the hatching crosses the line
    normal = _colours(_paint_tile(model, 0), 4)
    assert colors.STATE_STYLES[GridState.NORMAL].fill in normal
    assert colors.HATCH_COLOR not in normal


def test_offline_keeps_last_known_values_and_shows_them(model):
    rec = model.record(6)
    assert rec.status.balance == 9000
    assert model.index(5, COL_BALANCE).data() == "90.00"
    assert Mark.OFFLINE in model.index(5, 0).data(MarksRole)


def test_marks(model):
    row = grid_row(10, status=MeterStatus(balance=5000))
    m = MeterGridModel([row])
    assert m.index(0, 0).data(MarksRole) == frozenset()
    m.apply_update(meter_update(row, relay_open=True, forced_trip=True, keep_power=False))
    m.flush()
    assert m.index(0, 0).data(MarksRole) == {Mark.TRIPPED}
    assert m.index(0, COL_RELAY).data() == "Tripped"
    m.apply_update(meter_update(row, at=2e9, keep_power=True, overload_trip=True))
    m.flush()
    assert m.index(0, 0).data(MarksRole) == {Mark.KEEP_POWER, Mark.OVERLOAD}
    m.set_purchase_mismatch(10, True)
    assert Mark.COUNT_MISMATCH in m.index(0, 0).data(MarksRole)
    tooltip = m.index(0, COL_STATE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Purchase count mismatch" in tooltip and "Keep power" in tooltip


def test_purchase_mismatch_flag_from_the_poll_marks_the_tile_until_a_clean_poll():
    row = grid_row(11, status=MeterStatus(balance=5000))
    m = MeterGridModel([row])
    flagged = replace(meter_update(row), flags=frozenset({PURCHASE_MISMATCH}))
    m.apply_update(flagged)
    m.flush()
    assert Mark.COUNT_MISMATCH in m.index(0, 0).data(MarksRole)
    m.apply_update(missed_update(row, at=1_700_000_200.0, misses=1))  # no answer: keep the mark
    m.flush()
    assert Mark.COUNT_MISMATCH in m.index(0, 0).data(MarksRole)
    m.apply_update(meter_update(row, at=1_700_000_300.0))  # answered and agrees: cleared
    m.flush()
    assert Mark.COUNT_MISMATCH not in m.index(0, 0).data(MarksRole)


def test_values_are_formatted_from_integers(model):
    row = grid_row(1)
    model.apply_update(meter_update(row, balance=123_456_789, energy_total=1_234_567, power=-1500))
    model.flush()
    assert model.index(0, COL_BALANCE).data() == "1,234,567.89"
    assert model.index(0, COL_ENERGY).data() == "12,345.67"
    assert model.index(0, COL_POWER).data() == "-1.500"
    model.apply_update(meter_update(row, at=2e9, balance=-5))
    model.flush()
    assert model.index(0, COL_BALANCE).data() == "-0.05"
    assert model.index(0, 0).data(StateRole) is GridState.ARREARS


def test_updates_are_coalesced_and_only_changed_rows_signal(model, qtbot):
    spy = DataChangedSpy(model)
    r2, r5 = ROWS[1], ROWS[4]
    for i in range(5):  # five polls of meter 2 before the flush: the newest wins
        model.apply_update(meter_update(r2, at=1_700_000_100.0 + i, balance=1000 + i))
    model.apply_update(meter_update(r5, balance=77))
    assert model.pending_count() == 2
    assert spy.ranges == []  # nothing applied before the flush
    with qtbot.waitSignal(model.dataChanged, timeout=2000):
        pass  # the flush timer fires by itself
    assert model.pending_count() == 0
    assert spy.rows() == {1, 4}
    assert all((c0, c1) == (0, COLUMN_COUNT - 1) for _, _, c0, c1 in spy.ranges)
    assert model.record(2).status.balance == 1004
    assert spy.resets == 0


def test_identical_update_does_not_signal(model):
    row = ROWS[0]
    update = meter_update(row, balance=42_000)
    model.apply_update(update)
    model.flush()
    spy = DataChangedSpy(model)
    model.apply_update(update)
    model.flush()
    assert spy.ranges == []


def test_state_change_moves_counts_and_reports_rows(model, qtbot):
    rows_seen = []
    model.statesChanged.connect(rows_seen.append)
    with qtbot.waitSignal(model.countsChanged, timeout=1000):
        model.apply_update(missed_update(ROWS[0]))
        model.flush()
    assert rows_seen == [[0]]
    counts = model.state_counts()
    assert counts[GridState.NORMAL] == 0 and counts[GridState.OFFLINE] == 2
    # a missed poll keeps the last status, shown stale
    assert model.record(1).status == ROWS[0].status
    assert model.index(0, 0).data(StateRole) is GridState.OFFLINE


def test_unknown_meter_updates_are_ignored(model):
    spy = DataChangedSpy(model)
    model.apply_update(meter_update(grid_row(999)))
    model.flush()
    assert spy.ranges == []


def test_a_batch_list_is_accepted(model):
    model.apply_update([meter_update(ROWS[0], balance=1), meter_update(ROWS[1], balance=2)])
    model.flush()
    assert [model.record(i).status.balance for i in (1, 2)] == [1, 2]


def test_large_flush_is_split_across_event_loop_passes(qapp, qtbot):
    rows = [grid_row(i) for i in range(1, 3001)]
    model = MeterGridModel(rows, flush_ms=10)
    spy = DataChangedSpy(model)
    for row in rows:
        model.apply_update(meter_update(row, balance=row.meter_id))
    model._apply_pending(0.0)  # no time budget left: one slice of 64, the rest later
    assert 0 < model.pending_count() < 3000
    model._continue_timer.start()
    qtbot.waitUntil(lambda: model.pending_count() == 0, timeout=5000)
    assert spy.rows() == set(range(3000))
    assert all(model.record(i).status.balance == i for i in (1, 1500, 3000))
    assert spy.resets == 0


def test_changed_ranges():
    assert changed_ranges([]) == []
    assert changed_ranges([5, 1, 2, 3, 9]) == [(1, 3), (5, 5), (9, 9)]
    # beyond the limit, the smallest gaps are bridged first
    assert changed_ranges([0, 2, 10, 30], limit=2) == [(0, 10), (30, 30)]
    many = list(range(0, 1000, 2))
    merged = changed_ranges(many, limit=16)
    assert len(merged) <= 16
    covered = {r for a, b in merged for r in range(a, b + 1)}
    assert set(many) <= covered


def test_sort_by_balance_keeps_persistent_indexes(model):
    keep = QPersistentModelIndex(model.index(0, 0))  # meter 1
    model.sort(COL_BALANCE, Qt.SortOrder.AscendingOrder)
    balances = [model.record_at(r).status.balance for r in range(model.rowCount())]
    assert balances == sorted(balances)
    assert keep.data(MeterIdRole) == 1 and keep.row() == model.row_of(1)
    model.sort(COL_NUMBER, Qt.SortOrder.DescendingOrder)
    assert [model.record_at(r).meter_id for r in range(6)] == [6, 5, 4, 3, 2, 1]
    assert model.index(0, COL_BALANCE).data(SortRole) == (0, 9000)


def test_live_sort_resorts_after_updates(qapp, qtbot):
    rows = [grid_row(i, status=MeterStatus(balance=i * 1000)) for i in range(1, 5)]
    model = MeterGridModel(rows, flush_ms=5)
    model._resort_timer.setInterval(5)
    model.sort(COL_BALANCE)
    model.apply_update(meter_update(rows[3], balance=1))  # meter 4 becomes the poorest
    qtbot.waitUntil(lambda: model.record_at(0).meter_id == 4, timeout=2000)


def test_record_role_and_headers(model):
    assert model.index(2, 0).data(RecordRole).meter_id == 3
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(COLUMN_COUNT)
    ]
    assert headers[0] == "Meter" and headers[COL_BALANCE] == "Balance (yuan)"
    assert model.headerData(0, Qt.Orientation.Vertical) is None
