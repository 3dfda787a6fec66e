"""The system log ("who did what") as a paged table with filters.

The log grows for years, so the model reads it newest-first in pages of
``PAGE`` rows by id (keyset paging, ``audit.fetch_page``) as the view scrolls,
never the whole table. Administrators see everyone's rows and can check the
hash chain; other roles see only their own actions (SPEC: Permission.VIEW).

Target and detail are stored as messages (template and params, see
app/services/audit.py) and translated here, when shown, so a Chinese
administrator reads Chinese whatever language the row was written in. Rows
are coloured by outcome: the result in the palette's colour for it, the whole
row in the error colour when the action was refused or failed.
"""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import Future

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.audit import (
    OUTCOME_ERROR,
    OUTCOME_OK,
    OUTCOME_WARNING,
    LogEntry,
    LogFilter,
    distinct_values,
    fetch_page,
    result_outcome,
    verify_log_chain,
)
from app.services.permissions import Actor, Permission
from app.ui.records.record_exports import log_job
from app.ui.records.system_log_texts import action_text, message_text, result_text, role_text
from app.ui.support import colors
from app.ui.support.background import on_gui, outcome, run, run_then
from app.ui.support.error_text import error_text
from app.ui.support.export_runner import file_name, start_export
from app.ui.widgets.row_table import RowTableModel

log = logging.getLogger(__name__)

COL_AT, COL_OPERATOR, COL_ROLE, COL_ACTION, COL_TARGET, COL_RESULT, COL_DETAIL = range(7)
PAGE = 200
OUTCOME_COLORS = {
    OUTCOME_OK: QColor(colors.OK),
    OUTCOME_ERROR: QColor(colors.ERROR),
    OUTCOME_WARNING: QColor(colors.WARNING),
}


class SystemLogModel(RowTableModel):
    """Log rows newest first; pages are read on the thread pool, never on the GUI thread.

    A text search can scan the whole table (no index helps a substring), so
    even one page may take a while on a log that is years old.
    """

    loaded = Signal()  # a page arrived (or the end was reached)
    column_count = 7

    def __init__(self, actor: Actor, parent: QObject | None = None, page: int = PAGE) -> None:
        super().__init__(parent)
        self._actor = actor  # the service returns only the rows this operator may read
        self._page = page
        self._filter = LogFilter()
        self._exhausted = False
        self._generation = 0  # pages asked for before a reload are dropped on arrival
        self._pending: Future | None = None  # the page or check running in the background

    def set_filter(self, flt: LogFilter) -> None:
        self._filter = flt
        self.reload()

    def current_filter(self) -> LogFilter:
        return self._filter

    def reload(self) -> None:
        """Start again from the newest row (after a filter change or on request)."""
        self._exhausted = True  # nothing to fetch while the reset is under way
        self.beginResetModel()
        self._rows = []
        self._generation += 1
        self._pending = None
        self.endResetModel()
        self._exhausted = False
        self.fetchMore(QModelIndex())

    def loading(self) -> bool:
        return self._pending is not None

    def entry(self, row: int) -> LogEntry:
        return self._rows[row]

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008 (Qt signature)
        return not parent.isValid() and not self._exhausted and self._pending is None

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        actor, flt, limit, generation = self._actor, self._filter, self._page, self._generation
        before = self._rows[-1].id if self._rows else None
        # bound methods (not lambdas): Qt drops the delivery if the model is gone by then
        self._pending = run(
            lambda: (generation, fetch_page(actor, flt, before_id=before, limit=limit))
        )
        on_gui(self._pending, self._page_done, self)

    def _page_done(self, future: Future) -> None:
        if future is not self._pending:
            return  # a page asked for before the last reload
        result, exc = outcome(future)
        if exc is None:
            self._arrived(result)
        else:
            self._fetch_failed(exc)

    def _arrived(self, result: tuple[int, list[LogEntry]]) -> None:
        generation, page = result
        if generation != self._generation:
            return
        if len(page) < self._page:
            self._exhausted = True
        self.append_rows(page)
        self._pending = None  # only now: a fetch asked for during the insert would repeat this page
        self.loaded.emit()

    def _fetch_failed(self, exc: Exception) -> None:
        self._pending = None
        self._exhausted = True  # stop asking; Refresh tries again
        log.error("reading the system log failed: %s", exc)
        self.loaded.emit()

    def header_texts(self) -> tuple[str, ...]:
        return (
            self.tr("Time"),
            self.tr("Operator"),
            self.tr("Role"),
            self.tr("Action"),
            self.tr("Target"),
            self.tr("Result"),
            self.tr("Detail"),
        )

    def role_data(self, e: LogEntry, col: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole:
            kind = result_outcome(e.result)
            if col == COL_RESULT or kind == OUTCOME_ERROR:
                return OUTCOME_COLORS.get(kind)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_ACTION:
                return e.action
            if col in (COL_TARGET, COL_DETAIL):
                return self.display_text(e, col) or None
        return None

    def display_text(self, e: LogEntry, col: int) -> str:
        if col == COL_AT:
            return e.at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")
        if col == COL_OPERATOR:
            return e.operator_name
        if col == COL_ROLE:
            return role_text(e.role)
        if col == COL_ACTION:
            return action_text(e.action)
        if col == COL_TARGET:
            return message_text(e.target)
        if col == COL_RESULT:
            return result_text(e.result)
        return message_text(e.detail)


class SystemLogView(QWidget):
    """Filter bar over the log table; ``actor`` decides whose rows are visible."""

    def __init__(self, actor: Actor, parent: QWidget | None = None, page: int = PAGE) -> None:
        super().__init__(parent)
        self._actor = actor
        self._admin = actor.can(Permission.OPERATORS)
        self._pending: Future | None = None  # the page or check running in the background
        self.model = SystemLogModel(actor, self, page=page)
        self.operator_box = QComboBox()
        self.action_box = QComboBox()
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(self.tr("Search target, result, detail"))
        self.text_edit.setClearButtonEnabled(True)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.verify_button = QPushButton(self.tr("Check integrity"))
        self.verify_button.setVisible(self._admin)
        self.export_button = QPushButton(self.tr("Export…"))
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_AT, self.fontMetrics().horizontalAdvance("2000-00-00 00:00:00__"))
        header.resizeSection(COL_ACTION, self.fontMetrics().horizontalAdvance("W" * 14))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Operator:")))
        bar.addWidget(self.operator_box)
        bar.addWidget(QLabel(self.tr("Action:")))
        bar.addWidget(self.action_box)
        bar.addWidget(self.text_edit, 1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.status_label)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.apply_filter)
        self.text_edit.textChanged.connect(self._debounce.start)
        self.operator_box.currentIndexChanged.connect(self.apply_filter)
        self.action_box.currentIndexChanged.connect(self.apply_filter)
        self.refresh_button.clicked.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(lambda: self.export())
        self.refresh()

    def _fill_choices(self) -> None:
        names, actions = distinct_values(self._actor)
        for box, values, label in (
            (self.operator_box, names, self.tr("All operators")),
            (self.action_box, actions, self.tr("All actions")),
        ):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(label, "")
            for value in values:
                text = action_text(value) if box is self.action_box else value
                box.addItem(text, value)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)
        if not self._admin:
            self.operator_box.setCurrentIndex(max(0, self.operator_box.findData(self._actor.name)))
            self.operator_box.setEnabled(False)

    def current_filter(self) -> LogFilter:
        return LogFilter(
            operator=self.operator_box.currentData() or "",
            operator_id=None if self._admin else (self._actor.operator_id or -1),
            action=self.action_box.currentData() or "",
            text=self.text_edit.text().strip(),
        )

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.current_filter())

    def refresh(self) -> None:
        self._fill_choices()
        self.apply_filter()

    def export(self, path: str | None = None):
        """Every row the filters select (and this operator may read) to .xlsx, in the background."""
        filters = [b.currentText() for b in (self.operator_box, self.action_box) if b.currentData()]
        filters.append(self.text_edit.text().strip())
        job = log_job(self._actor, self.current_filter(), self.tr("System log"),
                      self.model.header_texts(), filters)  # fmt: skip
        return start_export(self, self.tr("Export the system log"), file_name("system-log"), job,
                            path)  # fmt: skip

    def verify(self) -> None:
        """Check the whole chain in the background; the result replaces the status line."""
        if self._pending is not None:
            return
        self.verify_button.setEnabled(False)
        self.status_label.setText(self.tr("Checking the system log…"))
        self._pending = run_then(verify_log_chain, self._verified, self._verify_failed, self)

    def verify_busy(self) -> bool:
        return self._pending is not None

    def _verified(self, problems: list[str]) -> None:
        self._pending = None
        self.verify_button.setEnabled(True)
        if not problems:
            self.status_label.setStyleSheet("")
            self.status_label.setText(self.tr("The system log is intact."))
            return
        self.status_label.setStyleSheet(colors.text_style(colors.ERROR))
        head = self.tr("The system log has been tampered with (%n problem(s)):", "", len(problems))
        self.status_label.setText(head + "\n" + "\n".join(problems[:10]))

    def _verify_failed(self, exc: Exception) -> None:
        self._pending = None
        self.verify_button.setEnabled(True)
        self.status_label.setText(self.tr("The check failed: %1").replace("%1", error_text(exc)))
