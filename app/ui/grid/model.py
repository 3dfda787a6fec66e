"""The meter grid's item model: one row per meter, live updates batched.

Bus workers report every poll (5,000 meters a second at full scale). Each
update only replaces the pending entry of its meter; a timer applies the
pending set every ``flush_ms`` and emits one ``dataChanged`` per run of
changed rows (unchanged rows between them are not included unless there are
very many runs), so the views repaint only the changed meters they show, a
few times a second whatever the poll rate. A flush that has much to do is
cut into passes of ``FLUSH_BUDGET_S``, each followed by the pending events
(paint, input), so no single event-loop turn takes long.
The model is never reset for an update: selection, scroll position and an
open context menu survive. Sorting is done here (Python keys, one pass),
not by the proxy, which would call ``data()`` per comparison.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from app.serial_io.events import MeterUpdate
from app.services.grid_data import AlarmView, GridRow
from app.services.meter_state import GridState
from app.ui.grid.columns import (
    COL_NUMBER,
    COL_STATE,
    COLUMN_COUNT,
    NUMERIC_COLUMNS,
    SORT_KEYS,
    VOLATILE_COLUMNS,
    MarksRole,
    MeterIdRole,
    RecordRole,
    SortRole,
    StateRole,
    display_text,
)
from app.ui.grid.marks import Mark, mark_label, ordered
from app.ui.grid.record import MeterRecord, place_text, profile_title
from app.ui.support import colors
from app.ui.support.error_text import error_text

log = logging.getLogger(__name__)

FLUSH_MS = 300  # slower than this looks laggy, faster costs repaints for nothing
FLUSH_BUDGET_S = 0.005  # one flush pass; the rest follows after pending events (paint, input)
RESORT_MS = 2000  # a live sort by balance re-sorts at most this often
# More runs of changed rows than this in one pass are merged across the smallest gaps
# (one signal costs ~10-20 us; the views repaint only rows on screen, an unchanged
# tile from its cached pixmap).
MAX_RANGES = 64


def changed_ranges(rows: Iterable[int], limit: int = MAX_RANGES) -> list[tuple[int, int]]:
    """Contiguous (first, last) ranges; beyond ``limit`` the smallest gaps are bridged.

    One signal per range keeps the proxy and views cheap: a few ranges that
    also cover some unchanged rows cost less than thousands of signals.
    """
    ordered_rows = sorted(set(rows))
    if not ordered_rows:
        return []
    ranges = [[ordered_rows[0], ordered_rows[0]]]
    for r in ordered_rows[1:]:
        if r == ranges[-1][1] + 1:
            ranges[-1][1] = r
        else:
            ranges.append([r, r])
    if len(ranges) > limit:
        gaps = sorted(b[0] - a[1] for a, b in pairwise(ranges))
        bridge = gaps[len(ranges) - limit - 1]  # bridging every gap <= this leaves <= limit
        merged = [ranges[0]]
        for nxt in ranges[1:]:
            if nxt[0] - merged[-1][1] <= bridge:
                merged[-1][1] = nxt[1]
            else:
                merged.append(nxt)
        ranges = merged
    return [(a, b) for a, b in ranges]


class MeterGridModel(QAbstractTableModel):
    countsChanged = Signal()  # state counts changed (status bar)
    # Signal(object): a Python list passes as is, not converted element by element.
    statesChanged = Signal(object)  # source rows whose GridState changed (proxy re-filter)
    metersChanged = Signal(object)  # meter ids whose values changed in the last flush

    def __init__(
        self, rows: Iterable[GridRow] = (), parent: QObject | None = None, flush_ms: int = FLUSH_MS
    ) -> None:
        super().__init__(parent)
        self._rows: list[MeterRecord] = []
        self._index: dict[int, int] = {}
        self._counts: Counter[GridState] = Counter()
        self._pending: dict[int, MeterUpdate] = {}
        self._unknown: set[int] = set()
        self._sort_column = COL_NUMBER
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(flush_ms)
        self._flush_timer.timeout.connect(self._flush_tick)
        self._continue_timer = QTimer(self)  # the rest of a flush, after other events
        self._continue_timer.setSingleShot(True)
        self._continue_timer.setInterval(0)
        self._continue_timer.timeout.connect(self._flush_tick)
        self._resort_timer = QTimer(self)
        self._resort_timer.setSingleShot(True)
        self._resort_timer.setInterval(RESORT_MS)
        self._resort_timer.timeout.connect(self._resort)
        self.flushed_updates = 0  # counters for the bench and tests
        self.flushes = 0
        self.set_rows(rows)

    # -- loading ---------------------------------------------------------------------
    def set_rows(self, rows: Iterable[GridRow]) -> None:
        """Replace every meter (topology changed: meters added or removed). Resets views."""
        self.beginResetModel()
        self._rows = [MeterRecord(r) for r in rows]
        self._pending.clear()
        self._sort_rows()
        self._counts = Counter(r.state for r in self._rows)
        self.endResetModel()
        self.countsChanged.emit()

    def update_accounts(self, rows: Iterable[GridRow]) -> list[int]:
        """Take new tenants/thresholds after an account changed, keeping live status
        (no reset); returns the meters whose row changed."""
        changed = []
        for row in rows:
            i = self._index.get(row.meter_id)
            if i is not None and self._rows[i].set_row(row):
                changed.append(i)
                self.dataChanged.emit(self.index(i, 0), self.index(i, COLUMN_COUNT - 1), [])
        if changed:
            self._counts = Counter(r.state for r in self._rows)
            self.countsChanged.emit()
            self.metersChanged.emit([self._rows[i].meter_id for i in changed])
        return [self._rows[i].meter_id for i in changed]

    # -- live updates ----------------------------------------------------------------
    def apply_update(self, update: MeterUpdate | Iterable[MeterUpdate]) -> None:
        """Queue one update (or a batch); the newest per meter wins at the next flush."""
        if isinstance(update, MeterUpdate):
            self._pending[update.meter_id] = update
        else:
            for u in update:
                self._pending[u.meter_id] = u
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def pending_count(self) -> int:
        return len(self._pending)

    def flush(self) -> None:
        """Apply every queued update now (tests, closing, "Read now")."""
        self._apply_pending(None)

    def _flush_tick(self) -> None:
        """Timer flush: at most FLUSH_BUDGET_S of work per event-loop pass, then yield."""
        self._apply_pending(FLUSH_BUDGET_S)
        if self._pending and not self._flush_timer.isActive():
            self._continue_timer.start()

    def _apply_pending(self, budget_s: float | None) -> None:
        self._flush_timer.stop()
        self._continue_timer.stop()
        pending = self._pending
        if not pending:
            return
        deadline = None if budget_s is None else time.perf_counter() + budget_s
        self.flushes += 1
        changed: list[int] = []
        state_rows: list[int] = []
        index, rows, counts = self._index, self._rows, self._counts
        done = 0
        while pending:
            meter_id, update = pending.popitem()
            done += 1
            row = index.get(meter_id)
            if row is None:
                if meter_id not in self._unknown:
                    self._unknown.add(meter_id)
                    log.debug("update for meter %s which is not in the grid", meter_id)
                continue
            rec = rows[row]
            old_state = rec.state
            if rec.apply(update):
                changed.append(row)
                if rec.state is not old_state:
                    state_rows.append(row)
                    counts[old_state] -= 1
                    counts[rec.state] += 1
            if deadline is not None and not done & 15 and time.perf_counter() > deadline:
                break
        self.flushed_updates += done
        last = COLUMN_COUNT - 1
        for first, end in changed_ranges(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(end, last), [])
        if state_rows:
            self.statesChanged.emit(state_rows)
            self.countsChanged.emit()
        if changed:
            self.metersChanged.emit([rows[r].meter_id for r in changed])
            if self._sort_column in VOLATILE_COLUMNS and not self._resort_timer.isActive():
                self._resort_timer.start()

    def set_alarm_view(self, view: AlarmView) -> list[int]:
        """Unacknowledged-alarm marks (and use rates, when the view has them) from a refresh;
        returns the meters whose row changed."""
        changed = []
        for i, rec in enumerate(self._rows):
            rate = rec.row.use_rate if view.rates is None else view.rates.get(rec.meter_id)
            if rec.set_alarm_info(rec.meter_id in view.unacked, rate):
                changed.append(i)
        last = COLUMN_COUNT - 1
        for first, end in changed_ranges(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(end, last), [])
        if changed:
            self.metersChanged.emit([self._rows[i].meter_id for i in changed])
        return [self._rows[i].meter_id for i in changed]

    def opened_ids(self) -> list[int]:
        """Meters with an account on a family holding money (the ones with days left)."""
        return [r.meter_id for r in self._rows if r.prepaid and r.row.tenant is not None]

    def set_purchase_mismatch(self, meter_id: int, mismatch: bool) -> None:
        """Placeholder hook for the purchase-count check (billing marks a meter)."""
        row = self._index.get(meter_id)
        if row is not None and self._rows[row].set_mismatch(mismatch):
            self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1), [])

    # -- lookups ---------------------------------------------------------------------
    def record(self, meter_id: int) -> MeterRecord | None:
        row = self._index.get(meter_id)
        return None if row is None else self._rows[row]

    def row_of(self, meter_id: int) -> int | None:
        return self._index.get(meter_id)

    def record_at(self, row: int) -> MeterRecord:
        return self._rows[row]

    def records(self) -> list[MeterRecord]:
        return list(self._rows)

    def state_counts(self) -> dict[GridState, int]:
        return {s: self._counts.get(s, 0) for s in GridState}

    # -- Qt model interface ------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._headers()[section] if 0 <= section < COLUMN_COUNT else None

    def _headers(self) -> tuple[str, ...]:
        return (
            self.tr("Meter"),
            self.tr("Tenant"),
            self.tr("Building"),
            self.tr("Bus"),
            self.tr("Address"),
            self.tr("State"),
            self.tr("Balance (yuan)"),
            self.tr("Energy (kWh)"),
            self.tr("Power (kW)"),
            self.tr("Relay"),
            self.tr("Last update"),
            self.tr("Communication"),
        )

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        rec = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(rec, col)
        if role == RecordRole:
            return rec
        if role == StateRole:
            return rec.state
        if role == MeterIdRole:
            return rec.meter_id
        if role == MarksRole:
            return rec.marks
        if role == SortRole:
            return SORT_KEYS[col](rec)
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_STATE:
            return colors.background_brush(rec.state)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_STATE:
                return colors.text_color(rec.state)
            if not rec.online and col in VOLATILE_COLUMNS:
                return colors.fill_color(GridState.UNOPENED).darker(150)  # stale values
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in NUMERIC_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(rec, col)
        return None

    def _tooltip(self, rec: MeterRecord, col: int) -> str:
        """The meter's family and place ('Acrel ADF400L, address 12 / circuit 3'), its marks,
        and why it is offline."""
        lines = [
            self.tr("{0}, {1}").format(profile_title(rec.profile), place_text(rec.row)),
            *(mark_label(m) for m in ordered(rec.marks)),
        ]
        if rec.error and Mark.OFFLINE in rec.marks:
            lines.append(error_text(rec.error))
        days = rec.days_left_text()
        if days:
            lines.append(self.tr("Credit lasts: {0}").format(days))
        return "\n".join(lines)

    # -- sorting -----------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < COLUMN_COUNT:
            column, order = COL_NUMBER, Qt.SortOrder.AscendingOrder
        self._sort_column, self._sort_order = column, order
        self._relayout()

    def sort_column(self) -> int:
        return self._sort_column

    def _resort(self) -> None:
        if self._sort_column in VOLATILE_COLUMNS:
            self._relayout()

    def _relayout(self) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        keep = [(self._rows[i.row()].meter_id, i.column()) for i in persistent]
        self._sort_rows()
        self.changePersistentIndexList(
            persistent, [self.index(self._index[mid], col) for mid, col in keep]
        )
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        self._rows.sort(key=lambda r: r.number_key)
        if self._sort_column != COL_NUMBER:
            self._rows.sort(key=SORT_KEYS[self._sort_column])  # stable: ties by number
        if self._sort_order == Qt.SortOrder.DescendingOrder:
            self._rows.reverse()
        self._index = {r.meter_id: i for i, r in enumerate(self._rows)}
