"""The site's tariffs (admin): name, kind, newest version, meters carrying it; new, edit,
archive, assign."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import tariffs
from app.services.permissions import Actor
from app.ui.support import colors
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text
from app.ui.tariffs.assign_dialog import AssignDialog
from app.ui.tariffs.tariff_editor import TariffEditor, kind_titles


class TariffListWindow(QWidget):
    """``selected`` gives the grid's selected meter ids when "Assign" is asked for."""

    def __init__(self, actor: Actor, selected: Callable[[], list[int]] = list, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("tariffList")
        self.actor = actor
        self.selected = selected
        self.setWindowTitle(self.tr("Tariffs"))
        self._open: list[QWidget] = []
        self._reloading: Future | None = None
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("tariffs")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Kind"), self.tr("Version"), self.tr("Meters")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        layout.addWidget(self.table)
        self.note = QLabel()  # a read that failed says so here: no box pops up unasked
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {colors.ERROR}")
        layout.addWidget(self.note)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("new", self.tr("New…"), self.new),
            ("edit", self.tr("Edit…"), self.edit),
            ("assign", self.tr("Assign to meters…"), self.assign),
            ("archive", self.tr("Archive"), self.archive),
        ):
            button = QPushButton(text)
            button.setObjectName(key)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch()
        layout.addLayout(row)
        self.resize(640, 360)
        self.reload()

    def reload(self) -> Future:
        """Read the list off the GUI thread; only the newest read is shown."""
        self._reloading = future = run_then(
            _rows, lambda rows: self._show(future, rows), self._reload_failed, self
        )
        return future

    def _show(self, future: Future, rows: list[tuple[int, str, str, int, int]]) -> None:
        if future is not self._reloading:
            return  # a stale answer: a newer read is on its way
        titles = kind_titles()
        self.note.clear()
        self.table.setRowCount(len(rows))
        for r, (tariff_id, name, kind, version, count) in enumerate(rows):
            values = (name, titles.get(kind, kind), str(version), str(count))
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(256, tariff_id)  # Qt.UserRole
                self.table.setItem(r, c, item)

    def _reload_failed(self, exc: BaseException) -> None:
        """A read nobody clicked for: a line in the window, never a modal box (one popping up
        over a window being closed crashed Qt in the settings window, issue #11)."""
        self.note.setText(error_text(exc))

    def current_id(self) -> int | None:
        item = self.table.item(self.table.currentRow(), 0)
        return item.data(256) if item is not None else None

    def _editor(self, tariff_id: int | None) -> TariffEditor:
        editor = TariffEditor(self.actor, tariff_id, self)
        editor.saved.connect(lambda _id: self.reload())
        editor.assign_requested.connect(self._assign_id)
        editor.open()
        self._open.append(editor)
        return editor

    def new(self) -> None:
        self._editor(None)

    def edit(self) -> None:
        if (tariff_id := self.current_id()) is not None:
            self._editor(tariff_id)

    def assign(self) -> None:
        if (tariff_id := self.current_id()) is not None:
            self._assign_id(tariff_id)

    def _assign_id(self, tariff_id: int) -> None:
        dialog = AssignDialog(self.actor, tariff_id, self.selected(), self)
        dialog.accepted.connect(self.reload)
        dialog.open()
        self._open.append(dialog)

    def archive(self) -> Future | None:
        """Ask, then archive off the GUI thread; the list is read again either way."""
        tariff_id = self.current_id()
        if tariff_id is None:
            return None
        name = self.table.item(self.table.currentRow(), 0).text()
        answer = QMessageBox.question(
            self,
            self.tr("Archive tariff"),
            self.tr("Archive %1? Meters keep it, but it can no longer be assigned or changed.")
            .replace("%1", name),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return None
        actor = self.actor
        self.buttons["archive"].setEnabled(False)
        return run_then(
            lambda: tariffs.archive(actor, tariff_id),
            lambda _none: self._archived(),
            self._archive_failed,
            self,
        )

    def _archived(self) -> None:
        self.buttons["archive"].setEnabled(True)
        self.reload()

    def _archive_failed(self, exc: BaseException) -> None:
        self.buttons["archive"].setEnabled(True)
        QMessageBox.warning(self, self.windowTitle(), error_text(exc))
        self.reload()


def _rows() -> list[tuple[int, str, str, int, int]]:
    """(id, name, kind, newest version, meters carrying it) of each tariff not archived."""
    counts = tariffs.meter_counts()
    return [
        (t.id, t.name, t.kind, tariffs.current_version(t).version, counts.get(t.id, 0))
        for t in tariffs.list_tariffs()
    ]
