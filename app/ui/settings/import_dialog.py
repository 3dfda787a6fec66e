"""Importing a site from Excel: pick a file, see every problem and change, then apply.

Reading and checking run off the GUI thread (``support/background.py``) with a
busy bar; the preview lists problems first, in red, then notes, then the new
and changed rows. "Apply" is enabled only for a file without problems that
changes something; applying (one transaction, then the tenants' takeover)
runs in the background as well. ``applied`` is emitted after a write, so the
window can show the new meters.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.messages import Message
from app.services.permissions import Actor
from app.services.site_workbook import apply_preview, layout, preview_file
from app.services.site_workbook.preview import CHANGED, NEW, Preview
from app.ui.support import background, colors
from app.ui.support.error_text import error_text
from app.ui.widgets.row_table import RowTableModel, size_columns

PROBLEM, NOTE, CHANGE = "problem", "note", "change"
_SHEETS = {s.key: s for s in layout.SHEETS}


@dataclass(frozen=True)
class PreviewLine:
    """One row of the preview table, already in the operator's language."""

    kind: str
    sheet: str
    row: int
    column: str
    text: str


def preview_lines(preview: Preview) -> list[PreviewLine]:
    """Problems, then notes, then new and changed rows."""
    lines = [
        PreviewLine(PROBLEM, p.sheet, p.row, p.column, error_text(p.message))
        for p in preview.problems
    ]
    lines += [PreviewLine(NOTE, "", 0, "", error_text(n)) for n in preview.notes]
    for c in preview.changes:
        sheet = _SHEETS[c.sheet]
        if c.kind == NEW:
            text = QCoreApplication.translate("ImportDialog", "new: {key}").format(key=c.key)
            column = ""
        else:
            names = ", ".join(sheet.column(f).header for f in c.fields)
            text = QCoreApplication.translate("ImportDialog", "changed: {key}").format(key=c.key)
            column = names
        lines.append(PreviewLine(CHANGE, sheet.title, c.row, column, text))
    return lines


class PreviewModel(RowTableModel):
    column_count = 4

    def header_texts(self):
        return [
            QCoreApplication.translate("ImportDialog", "Sheet"),
            QCoreApplication.translate("ImportDialog", "Row"),
            QCoreApplication.translate("ImportDialog", "Column"),
            QCoreApplication.translate("ImportDialog", "What"),
        ]

    def display_text(self, line: PreviewLine, col: int):
        return [line.sheet, line.row or "", line.column, line.text][col]

    def role_data(self, line: PreviewLine, col: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = {PROBLEM: colors.ERROR, NOTE: colors.WARNING}.get(line.kind)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and col in (2, 3):
            return line.column if col == 2 else line.text
        return None


class ImportDialog(QDialog):
    applied = Signal()

    def __init__(self, actor: Actor, worker_for=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.worker_for = worker_for  # the tenants' takeover reads meters through it
        self.preview: Preview | None = None
        self._pending = None  # the future whose answer is awaited (a stale one is ignored)
        self.setWindowTitle(self.tr("Import from Excel"))
        self.resize(900, 560)

        self.path_edit = QLineEdit(readOnly=True)
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("File:")))
        top.addWidget(self.path_edit, 1)
        top.addWidget(self.choose_button)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # busy: how long openpyxl takes is not known ahead
        self.busy.hide()
        self.summary = QLabel(self.tr("Choose an Excel file made from the template."))
        self.summary.setWordWrap(True)

        self.model = PreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        size_columns(self.table, (16, 6, 30, 60))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = self.buttons.addButton(
            self.tr("Apply"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        layout_ = QVBoxLayout(self)
        layout_.addLayout(top)
        layout_.addWidget(self.summary)
        layout_.addWidget(self.busy)
        layout_.addWidget(self.table, 1)
        layout_.addWidget(self.buttons)

    # ---- reading ----
    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import from Excel"), "", self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.load(path)

    def load(self, path: str) -> None:
        """Read and check ``path`` in the background; the preview shows when done."""
        self.path_edit.setText(path)
        self.preview = None
        self.model.set_rows([])
        self._working(self.tr("Reading and checking the file…"))
        self._pending = background.run_then(
            lambda: preview_file(path), self._show, self._failed, self
        )

    def _working(self, text: str) -> None:
        self.summary.setText(text)
        self.busy.show()
        self.apply_button.setEnabled(False)
        self.choose_button.setEnabled(False)

    def _idle(self) -> None:
        self.busy.hide()
        self.choose_button.setEnabled(True)

    def _show(self, preview: Preview) -> None:
        self._idle()
        self.preview = preview
        self.model.set_rows(preview_lines(preview))
        if preview.problems:
            text = self.tr("%n problem(s): correct the file and choose it again.", "",
                           len(preview.problems))  # fmt: skip
            self.summary.setStyleSheet(f"color: {colors.ERROR}")
        elif preview.nothing_to_change:
            text = self.tr("Nothing to change: the site matches the file.")
            self.summary.setStyleSheet("")
        else:
            new = sum(1 for c in preview.changes if c.kind == NEW)
            changed = sum(1 for c in preview.changes if c.kind == CHANGED)
            text = self.tr("No problems: {new} new, {changed} changed. Apply writes them all.")
            text = text.format(new=new, changed=changed)
            self.summary.setStyleSheet("")
        self.summary.setText(text)
        self.apply_button.setEnabled(preview.ok and not preview.nothing_to_change)

    def _failed(self, exc: BaseException) -> None:
        self._idle()
        self.summary.setStyleSheet(f"color: {colors.ERROR}")
        self.summary.setText(error_text(exc))

    # ---- applying ----
    def apply(self) -> None:
        preview = self.preview
        if preview is None or not preview.ok:
            return
        self._working(self.tr("Writing…"))
        actor, worker_for = self.actor, self.worker_for
        self._pending = background.run_then(
            lambda: apply_preview(preview, actor, worker_for), self._done, self._failed, self
        )

    def _done(self, outcome) -> None:
        self._idle()
        self.preview = None
        missed = outcome.not_taken_over
        counts = outcome.applied.counts
        new = sum(k[NEW] for k in counts.values())
        changed = sum(k[CHANGED] for k in counts.values())
        text = self.tr("Written: {new} new, {changed} changed.").format(new=new, changed=changed)
        if outcome.takeover:
            taken = len(outcome.takeover) - len(missed)
            text += " " + self.tr("Tenants taken over: {taken} of {total}.").format(
                taken=taken, total=len(outcome.takeover)
            )
        self.summary.setStyleSheet(f"color: {colors.WARNING if missed else colors.OK}")
        self.summary.setText(text)
        self.model.set_rows(
            [PreviewLine(PROBLEM, "", 0, "", error_text(Message.of(r.error))) for r in missed]
        )
        self.applied.emit()
