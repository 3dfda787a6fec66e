"""The site's tariffs (admin): name, kind, newest version, meters carrying it; new, edit,
archive, assign."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import PemError
from app.services import tariffs
from app.services.permissions import Actor
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
        row = QHBoxLayout()
        for text, slot in (
            (self.tr("New…"), self.new),
            (self.tr("Edit…"), self.edit),
            (self.tr("Assign to meters…"), self.assign),
            (self.tr("Archive"), self.archive),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch()
        layout.addLayout(row)
        self.resize(640, 360)
        self.reload()

    def reload(self) -> None:
        counts = tariffs.meter_counts()
        titles = kind_titles()
        rows = tariffs.list_tariffs()
        self.table.setRowCount(len(rows))
        for r, t in enumerate(rows):
            values = (t.name, titles.get(t.kind, t.kind), str(tariffs.current_version(t).version),
                      str(counts.get(t.id, 0)))  # fmt: skip
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(256, t.id)  # Qt.UserRole
                self.table.setItem(r, c, item)

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

    def archive(self) -> None:
        tariff_id = self.current_id()
        if tariff_id is None:
            return
        name = tariffs.find(tariff_id).name
        answer = QMessageBox.question(
            self,
            self.tr("Archive tariff"),
            self.tr("Archive %1? Meters keep it, but it can no longer be assigned or changed.")
            .replace("%1", name),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            tariffs.archive(self.actor, tariff_id)
        except PemError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
        self.reload()
