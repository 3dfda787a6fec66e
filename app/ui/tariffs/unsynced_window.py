"""The meters whose parameters are not what the database wants, and "Re-send" (maintenance,
admin): the price and settings downloads again, as batches."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import downloads, param_sync
from app.services.permissions import Actor, Permission
from app.ui.support import colors
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text


class UnsyncedWindow(QWidget):
    """``after_resend`` runs when batches were queued (the window reloads the grid)."""

    def __init__(self, actor: Actor, after_resend: Callable[[], None] | None = None,
                 parent=None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("unsyncedWindow")
        self.actor = actor
        self.after_resend = after_resend
        self.rows: list[param_sync.Unsynced] = []
        self._reloading: Future | None = None
        self.setWindowTitle(self.tr("Parameters not in sync"))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("unsynced")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Meter"), self.tr("Tenant"), self.tr("What differs"), self.tr("Last read")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table)
        self.note = QLabel()
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        row = QHBoxLayout()
        self.resend_button = QPushButton(self.tr("Re-send"))
        self.resend_button.setObjectName("resend")
        self.resend_button.setToolTip(self.tr("The selected meters, or all listed when none is"))
        self.resend_button.clicked.connect(self.resend)
        self.resend_button.setEnabled(actor.can(Permission.CONTROL))
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.reload)
        row.addWidget(self.resend_button)
        row.addWidget(refresh)
        row.addStretch()
        layout.addLayout(row)
        self.resize(720, 380)
        self.reload()

    def _fields_text(self, fields: tuple[str, ...]) -> str:
        names = {
            "prices": self.tr("prices"),
            "segments": self.tr("time segments"),
            "ladder": self.tr("ladder"),
            "alarm1": self.tr("alarm 1"),
            "alarm2": self.tr("alarm 2"),
            "overload_w": self.tr("overload"),
        }
        return self.tr(", ").join(names.get(f, f) for f in fields)

    def reload(self) -> Future:
        """Read the meters out of sync off the GUI thread; only the newest read is shown."""
        self._reloading = future = run_then(
            param_sync.unsynced, lambda rows: self._show(future, rows), self._failed, self
        )
        return future

    def _show(self, future: Future, rows: list) -> None:
        if future is not self._reloading:
            return  # a stale answer: a newer read is on its way
        self.rows = rows
        self.table.setRowCount(len(self.rows))
        for r, u in enumerate(self.rows):
            last = u.checked_at.strftime("%Y-%m-%d %H:%M") if u.checked_at else self.tr("never")
            for c, text in enumerate((u.number, u.tenant or "", self._fields_text(u.fields), last)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if not self.rows:
            self.note.setStyleSheet(f"color: {colors.OK}")
            self.note.setText(self.tr("Every meter holds the parameters it should."))

    def chosen_ids(self) -> list[int]:
        picked = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.rows[r].meter_id for r in picked] or [u.meter_id for u in self.rows]

    def resend(self) -> None:
        ids = self.chosen_ids()
        if not ids:
            return
        actor = self.actor
        self.resend_button.setEnabled(False)  # the batches are written off the GUI thread
        run_then(
            lambda: downloads.resend(actor, ids),
            lambda batch_ids: self._resent(ids, batch_ids),
            self._resend_failed,
            self,
        )

    def _resend_failed(self, exc: BaseException) -> None:
        self.resend_button.setEnabled(True)
        self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        self.note.setStyleSheet(f"color: {colors.ERROR}")
        self.note.setText(error_text(exc))

    def _resent(self, ids: list[int], batch_ids: list[int]) -> None:
        self.resend_button.setEnabled(True)
        self.note.setStyleSheet("")
        self.note.setText(
            self.tr("Re-sending to %1 meters (batch %2).")
            .replace("%1", str(len(ids)))
            .replace("%2", ", ".join(str(b) for b in batch_ids))
        )
        if self.after_resend is not None:
            self.after_resend()
