"""The schedules window: every schedule, when it runs next, how its last run went.

An administrator adds, edits, switches off and deletes schedules here;
maintenance sees the same list read-only (the services check both). The last
result is the counts of the schedule's last batch (done, failed, pending), so
a Monday-morning "restore prepaid" that missed three meters shows at a glance.
The list is read off the GUI thread and again every 30 s, as runs happen in
whichever process serves the site.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services import schedules
from app.services.permissions import Actor, Permission
from app.services.schedule_times import WINDOW, local_zone, to_local
from app.services.schedules import ScheduleRow
from app.ui.control.schedule_dialog import (
    KIND_LABELS,
    WEEKDAYS,
    ScheduleEditor,
    command_label,
    translated,
)
from app.ui.support import colors
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text
from app.ui.support.windows import bring_to_front
from app.ui.widgets.row_table import RowTableModel, size_columns

REFRESH_MS = 30_000
COL_NAME, COL_COMMAND, COL_WHEN, COL_NEXT, COL_LAST, COL_RESULT, COL_ON = range(7)


def _when_text(row: ScheduleRow) -> str:
    w = row.spec.when
    if w.kind == WINDOW:
        text = QCoreApplication.translate("ScheduleEditor", "{0} {1} to {2} {3}, then {4}").format(
            translated(WEEKDAYS[w.start[0]]),
            f"{w.start[1]:%H:%M}",
            translated(WEEKDAYS[w.end[0]]),
            f"{w.end[1]:%H:%M}",
            command_label(w.end_command),
        )
        if w.holidays:
            text += QCoreApplication.translate("ScheduleEditor", "; {0} holiday(s)").format(
                len(w.holidays)
            )
        return text
    return translated(KIND_LABELS[w.kind])


class ScheduleListModel(RowTableModel):
    column_count = 7

    def __init__(self, zone, parent=None) -> None:
        super().__init__(parent)
        self.zone = zone

    def header_texts(self):
        return [
            self.tr("Name"),
            self.tr("Command"),
            self.tr("When"),
            self.tr("Next run"),
            self.tr("Last run"),
            self.tr("Last result"),
            self.tr("Enabled"),
        ]

    def _time(self, at) -> str:
        return f"{to_local(at, self.zone):%Y-%m-%d %H:%M}" if at else "—"

    def display_text(self, row: ScheduleRow, col: int):
        if col == COL_NAME:
            return row.spec.name
        if col == COL_COMMAND:
            return command_label(row.spec.command)
        if col == COL_WHEN:
            return _when_text(row)
        if col == COL_NEXT:
            return self._time(row.next_run_at)
        if col == COL_LAST:
            return self._time(row.last_run_at)
        if col == COL_RESULT:
            if row.last_batch is None:
                return "—"
            c = row.last_counts
            return self.tr("batch {0}: {1} done, {2} failed, {3} pending").format(
                row.last_batch, c.get("ok", 0), c.get("failed", 0), c.get("pending", 0)
            )
        return self.tr("yes") if row.spec.enabled else self.tr("no")

    def role_data(self, row: ScheduleRow, col: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_RESULT and row.last_counts.get("failed"):
                return QBrush(QColor(colors.ERROR))
            if not row.spec.enabled:
                return QBrush(QColor(colors.MUTED))
        return None


class ScheduleWindow(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.setWindowTitle(self.tr("Schedules"))
        self.model = ScheduleListModel(local_zone(), self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        size_columns(self.view, (18, 16, 34, 16, 16, 30, 6))
        self.view.doubleClicked.connect(lambda _i: self.edit())
        self.status = QLabel()
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("add", self.tr("Add…"), self.add),
            ("edit", self.tr("Edit…"), self.edit),
            ("toggle", self.tr("Enable / disable"), self.toggle),
            ("delete", self.tr("Delete"), self.delete),
            ("refresh", self.tr("Refresh"), self.refresh),
        ):
            button = QPushButton(text)
            button.setObjectName(key)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch()
        may_edit = actor.can(Permission.SETTINGS)
        for key in ("add", "edit", "toggle", "delete"):
            self.buttons[key].setVisible(may_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.timeout.connect(lambda: self.isVisible() and self.refresh())  # shown only
        self._timer.start(REFRESH_MS)
        self.editor: ScheduleEditor | None = None
        self.refresh()

    def refresh(self) -> None:
        actor = self.actor
        run_then(lambda: schedules.list_schedules(actor), self._loaded, self._failed, self)

    def _loaded(self, rows) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("%n schedule(s)", "", len(rows)))
        if selected is not None:
            for i, row in enumerate(rows):
                if row.id == selected.id:
                    self.view.selectRow(i)

    def _failed(self, exc: BaseException) -> None:
        self.status.setStyleSheet(colors.text_style(colors.ERROR))
        self.status.setText(error_text(exc))

    def selected(self) -> ScheduleRow | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.row_record(rows[0].row()) if rows else None

    def add(self) -> None:
        self._open_editor(None)

    def edit(self) -> None:
        row = self.selected()
        if row is not None and self.actor.can(Permission.SETTINGS):
            self._open_editor(row.id)

    def _open_editor(self, schedule_id: int | None) -> None:
        self.editor = ScheduleEditor(self.actor, schedule_id, self)
        self.editor.saved.connect(lambda _id: self.refresh())
        self.editor.open()

    def toggle(self) -> None:
        row = self.selected()
        if row is None:
            return
        actor, enabled = self.actor, not row.spec.enabled
        run_then(
            lambda: schedules.set_enabled(actor, row.id, enabled),
            lambda _r: self.refresh(),
            self._failed,
            self,
        )

    def delete(self) -> None:
        row = self.selected()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete schedule"),
            self.tr("Delete the schedule {0}? The batches it ran are kept.").format(row.spec.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        actor = self.actor
        run_then(
            lambda: schedules.delete(actor, row.id), lambda _r: self.refresh(), self._failed, self
        )


def install_schedule_actions(window, site, actor: Actor):
    """The "Schedules…" entry of the maintenance menu (maintenance reads, admin edits).

    ``site`` is not needed yet (the runner lives in the Site); it is taken so the
    session wires every control entry the same way. Returns the action.
    """
    act = window.add_action(
        "control.schedules",
        QCoreApplication.translate("ScheduleWindow", "Sc&hedules…"),
        "maintenance",
        Permission.CONTROL,
    )
    opened: list[ScheduleWindow] = []

    def show() -> None:
        current = getattr(window, "actor", None) or actor
        if opened and opened[0].actor == current:
            bring_to_front(opened[0])
            return
        opened.clear()
        view = ScheduleWindow(current)
        view.resize(1200, 500)
        opened.append(view)
        bring_to_front(view)

    act.triggered.connect(show)
    return act
