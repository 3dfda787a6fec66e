"""One settings page: a table of rows, Add / Edit / Remove, and the round trip of a change.

A page subclass says what it lists (``load``), how a row reads (``columns``),
which form edits it (``make_dialog``), what saving and removing call in
``site_config``, and which permission edits it. Everything that touches the
database runs off the GUI thread (``support/background``); after a change the
page hands the touched buses to ``Site.apply_config`` (also off the GUI
thread) and then says ``changed`` so the window reloads its pages and the grid.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.permissions import Actor, Permission
from app.services.site_config import ConfigChange, MoveNeedsConfirmation
from app.ui.settings.record_dialog import RecordDialog, settings_error_text
from app.ui.support import background
from app.ui.support.colors import ERROR, text_style
from app.ui.widgets.row_table import RowTableModel


class ColumnsModel(RowTableModel):
    """Rows shown through a page's ``columns``: (header, text of a row) pairs."""

    def __init__(self, columns: Callable[[], Sequence[tuple[str, Callable[[Any], Any]]]], parent):
        super().__init__(parent)
        self._columns = columns
        self.column_count = len(columns())

    def header_texts(self) -> list[str]:
        return [header for header, _text in self._columns()]

    def display_text(self, record, col: int):
        return self._columns()[col][1](record)


class ConfigPage(QWidget):
    changed = Signal()  # something was written: reload what shows the site

    permissions: tuple[Permission, ...] = (Permission.SETTINGS,)  # any of these edits

    def __init__(self, site, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site, self.actor = site, actor
        self.model = ColumnsModel(self.columns, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("add")
        self.add_button.clicked.connect(lambda: self.open_dialog(None))
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("edit")
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        self.top = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.top)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setStyleSheet(text_style(ERROR))
        self.status.hide()
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        self.dialog: RecordDialog | None = None
        self._loading = None
        self.retranslate()
        self.set_actor(actor)

    # ---- what a page says ----
    def columns(self) -> Sequence[tuple[str, Callable[[Any], Any]]]:
        raise NotImplementedError

    def load(self) -> list:
        """The rows (runs on a background thread)."""
        raise NotImplementedError

    def make_dialog(self, record) -> RecordDialog:
        raise NotImplementedError

    def save(self, record, dialog: RecordDialog, confirmed: bool) -> Callable[[], ConfigChange]:
        """The service call for the form (built on the GUI thread, run off it)."""
        raise NotImplementedError

    def remove(self, record) -> ConfigChange:
        raise NotImplementedError

    def record_name(self, record) -> str:
        return str(getattr(record, "name", ""))

    # ---- roles ----
    @property
    def editable(self) -> bool:
        return any(self.actor.can(p) for p in self.permissions)

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.add_button.setVisible(self.editable)
        self.remove_button.setVisible(self.editable)
        self.edit_button.setText(
            QCoreApplication.translate("ConfigPage", "Edit…")
            if self.editable
            else QCoreApplication.translate("ConfigPage", "View…")
        )

    def retranslate(self) -> None:
        self.add_button.setText(QCoreApplication.translate("ConfigPage", "Add…"))
        self.remove_button.setText(QCoreApplication.translate("ConfigPage", "Remove"))
        self.edit_button.setText(
            QCoreApplication.translate("ConfigPage", "Edit…")
            if self.editable
            else QCoreApplication.translate("ConfigPage", "View…")
        )
        last = max(self.model.column_count - 1, 0)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, last)

    # ---- rows ----
    def reload(self) -> None:
        self._loading = background.run_then(self.load, self._loaded, self.show_problem, self)

    def _loaded(self, rows) -> None:
        self.status.hide()
        selected = self.selected()
        self.model.set_rows(rows)
        if selected is not None:
            for row in range(self.model.rowCount()):
                if getattr(self.model.row_record(row), "id", None) == selected.id:
                    self.table.selectRow(row)

    def show_problem(self, exc: BaseException) -> None:
        """Said on the page, never in a box: a load nobody clicked for must not stop anyone."""
        self.status.setText(settings_error_text(exc))
        self.status.show()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_record(rows[0].row()) if rows else None

    # ---- changes ----
    def edit_selected(self) -> None:
        record = self.selected()
        if record is not None:
            self.open_dialog(record)

    def open_dialog(self, record) -> RecordDialog:
        dialog = self.make_dialog(record)
        dialog.submit = lambda: self._submit(record, dialog, False)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _submit(self, record, dialog: RecordDialog, confirmed: bool) -> None:
        try:
            call = self.save(record, dialog, confirmed)
        except Exception as exc:  # a form value the form itself refuses (an amount)
            dialog.show_error(exc)
            return

        def failed(exc: BaseException) -> None:
            if isinstance(exc, MoveNeedsConfirmation):
                dialog.set_busy(False)
                answer = QMessageBox.question(
                    dialog, dialog.windowTitle(), settings_error_text(exc)
                )
                if answer == QMessageBox.StandardButton.Yes:
                    self._submit(record, dialog, True)
                return
            dialog.show_error(exc)

        def done(change: ConfigChange) -> None:
            dialog.accept()
            self.apply(change)

        background.run_then(call, done, failed, dialog)

    def remove_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        question = QCoreApplication.translate("ConfigPage", "Remove %1?").replace(
            "%1", self.record_name(record)
        )
        if (
            QMessageBox.question(self, self.windowTitle(), question)
            != QMessageBox.StandardButton.Yes
        ):
            return
        self.run_change(lambda: self.remove(record))

    def run_change(self, call: Callable[[], ConfigChange]) -> None:
        def failed(exc: BaseException) -> None:
            QMessageBox.warning(self, self.windowTitle(), settings_error_text(exc))

        background.run_then(call, self.apply, failed, self)

    def apply(self, change: ConfigChange) -> None:
        """The collection follows (off the GUI thread: a worker's stop may wait), then reload."""
        follow = getattr(self.site, "apply_config", None)
        if follow is None or not change.bus_ids:
            self.changed.emit()
            return

        def failed(exc: BaseException) -> None:
            self.show_problem(exc)
            self.changed.emit()

        background.run_then(
            lambda: follow(change.bus_ids), lambda _r: self.changed.emit(), failed, self
        )
