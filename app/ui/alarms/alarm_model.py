"""The alarm list as a table model: one alarm a row, coloured as the grid colours its meter.

Rows come from ``alarm_report`` a page at a time, newest first: the first page
when the filter changes, the next ones as the view scrolls (``canFetchMore`` /
``fetchMore``), each read off the GUI thread. The kind and level cells take the
grid's fill for the state the alarm stands for (alarm 1 yellow, alarm 2
orange, arrears red, offline dark; other kinds by level); an alarm nobody
acknowledged is bold, an ended one greyed.
"""

from __future__ import annotations

from concurrent.futures import Future

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from app.models.alarms import AlarmKind
from app.services import alarm_report
from app.services.alarm_report import PAGE_SIZE, AlarmFilter, AlarmRow
from app.services.meter_state import GridState
from app.ui.support import colors
from app.ui.support.background import on_gui, outcome, run
from app.ui.support.error_text import error_text
from app.ui.widgets.row_table import RowTableModel

AlarmRole = Qt.ItemDataRole.UserRole + 1
(
    COL_START,
    COL_END,
    COL_DURATION,
    COL_KIND,
    COL_LEVEL,
    COL_METER,
    COL_BUILDING,
    COL_TENANT,
    COL_ACKED,
    COL_NOTE,
    COL_SMS,
) = range(11)
COLUMN_COUNT = 11

KIND_STATES = {
    AlarmKind.ALARM1: GridState.ALARM1,
    AlarmKind.ALARM2: GridState.ALARM2,
    AlarmKind.ARREARS: GridState.ARREARS,
    AlarmKind.OFFLINE: GridState.OFFLINE,
}
LEVEL_STATES = {1: GridState.ALARM1, 2: GridState.ALARM2, 3: GridState.ARREARS}


def alarm_state(kind: str, level: int) -> GridState:
    """The grid state whose colour an alarm wears."""
    return KIND_STATES.get(kind) or LEVEL_STATES.get(level, GridState.ARREARS)


def report_text(source: str) -> str:
    """A word of the alarm report (kinds, levels, SMS states) in the current language."""
    return QCoreApplication.translate("AlarmReport", source) if source else ""


def duration_text(seconds: float) -> str:
    minutes = int(seconds) // 60
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    return f"{days}d {hours:02d}:{minutes:02d}" if days else f"{hours}:{minutes:02d}"


class AlarmTableModel(RowTableModel):
    """Alarms matching an ``AlarmFilter``; ``loaded(total)`` after each first page,
    ``failed(text)`` when a read failed (the window shows it inline)."""

    column_count = COLUMN_COUNT
    loaded = Signal(int)
    failed = Signal(str)

    def __init__(self, actor, parent=None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.actor = actor
        self.page_size = page_size
        self.filter = AlarmFilter()
        self._exhausted = True
        self._reading: Future | None = None  # the newest read; older answers are dropped

    def header_texts(self) -> list[str]:
        return [
            self.tr("Start"),
            self.tr("End"),
            self.tr("Duration"),
            self.tr("Kind"),
            self.tr("Level"),
            self.tr("Meter"),
            self.tr("Building"),
            self.tr("Tenant"),
            self.tr("Acknowledged"),
            self.tr("Note"),
            self.tr("SMS"),
        ]

    # ---- loading, off the GUI thread ----
    def set_filter(self, flt: AlarmFilter) -> Future:
        """Start over with ``flt``: the first page and the count are read in the background."""
        self.filter = flt
        self._exhausted = True
        actor, limit = self.actor, self.page_size

        def read():
            return alarm_report.fetch_alarms(actor, flt, limit=limit), alarm_report.count_alarms(
                actor, flt
            )

        self._reading = future = run(read)
        on_gui(future, lambda done: self._first_page(future, done), self)
        return future

    def refresh(self) -> Future:
        return self.set_filter(self.filter)

    def busy(self) -> bool:
        """A read is under way, or its answer has not been shown yet."""
        return self._reading is not None

    def _first_page(self, future: Future, done: Future) -> None:
        if future is not self._reading:
            return
        self._reading = None
        result, exc = outcome(done)
        if exc is not None:
            self.failed.emit(error_text(exc))
            return
        rows, total = result
        self.set_rows(rows)
        self._exhausted = len(rows) < self.page_size
        self.loaded.emit(total)

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self.busy()

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self.canFetchMore():
            return
        actor, flt, limit = self.actor, self.filter, self.page_size
        before = self._rows[-1].alarm_id if self._rows else None
        self._reading = future = run(alarm_report.fetch_alarms, actor, flt, before, limit)
        on_gui(future, lambda done: self._next_page(future, done), self)

    def _next_page(self, future: Future, done: Future) -> None:
        if future is not self._reading:
            return
        self._reading = None
        more, exc = outcome(done)
        if exc is not None:
            self._exhausted = True  # no retry loop as the view scrolls: Refresh starts over
            self.failed.emit(error_text(exc))
            return
        self.append_rows(more)
        self._exhausted = len(more) < self.page_size

    def record(self, row: int) -> AlarmRow | None:
        return self.row_record(row)

    # ---- cells ----
    def display_text(self, rec: AlarmRow, col: int) -> str:
        if col == COL_START:
            return f"{rec.started_at:%Y-%m-%d %H:%M}"  # seconds in the tooltip and the report
        if col == COL_END:
            return f"{rec.ended_at:%Y-%m-%d %H:%M}" if rec.ended_at else self.tr("still open")
        if col == COL_DURATION:
            return duration_text(rec.duration.total_seconds())
        if col == COL_KIND:
            return report_text(alarm_report.KIND_LABELS.get(rec.kind, rec.kind))
        if col == COL_LEVEL:
            return report_text(alarm_report.LEVEL_LABELS.get(rec.level, str(rec.level)))
        if col == COL_METER:
            return rec.meter_no or self.tr("(site)")
        if col == COL_BUILDING:
            return rec.building
        if col == COL_TENANT:
            return f"{rec.tenant_name} ({rec.account_no})" if rec.account_no else ""
        if col == COL_ACKED:
            if rec.acked_at is None:
                return ""
            return f"{rec.acked_by} {rec.acked_at:%Y-%m-%d %H:%M}"
        if col == COL_NOTE:
            return rec.ack_note
        return report_text(alarm_report.SMS_LABELS.get(rec.sms_state, rec.sms_state))

    def role_data(self, rec: AlarmRow, col: int, role: int):
        if role == AlarmRole:
            return rec
        coloured = col in (COL_KIND, COL_LEVEL)
        state = alarm_state(rec.kind, rec.level)
        if role == Qt.ItemDataRole.BackgroundRole and coloured:
            return colors.background_brush(state)
        if role == Qt.ItemDataRole.ForegroundRole:
            if coloured:
                return QBrush(colors.text_color(state))
            if not rec.current:
                return QBrush(QColor(colors.MUTED))
        if role == Qt.ItemDataRole.FontRole and not rec.acknowledged:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if col in (COL_START, COL_END):
                at = rec.started_at if col == COL_START else rec.ended_at
                return f"{at:%Y-%m-%d %H:%M:%S}" if at else None
            return error_text(rec.detail) if rec.detail else None
        return None
