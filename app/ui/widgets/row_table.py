"""The read-only list-of-records table model the operators, log, tenant and sales views share.

Each of those views shows one record per row and one translated header per
column; only the texts differ. The row bookkeeping, the header lookup and the
"display text or some other role" dispatch live here once, so a subclass says
just what its columns are and what a cell shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt


class RowTableModel(QAbstractTableModel):
    """Rows of records; subclasses give ``header_texts``, ``display_text`` and maybe ``role_data``.

    The default item flags (selectable, enabled) keep every cell read-only.
    """

    column_count = 0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    # ---- subclass hooks ----
    def header_texts(self) -> Sequence[str]:
        """One translated header per column."""
        raise NotImplementedError

    def display_text(self, record: Any, col: int) -> Any:
        """What the cell shows (DisplayRole)."""
        raise NotImplementedError

    def role_data(self, record: Any, col: int, role: int) -> Any:
        """Any role but DisplayRole (colours, tooltips, the record itself); None by default."""
        return None

    # ---- rows ----
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows: Sequence[Any]) -> None:
        """Add ``rows`` at the end (one more page of a model fetched a page at a time)."""
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def row_record(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # ---- Qt model ----
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.column_count

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.header_texts()[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display_text(record, index.column())
        return self.role_data(record, index.column(), role)


def size_columns(view, widths: Sequence[int]) -> None:
    """Fixed starting widths (in average characters) the operator may drag; last one stretches.

    Not ResizeToContents: that measures every row on each layout (a slow first
    open of thousands of records) and squashes the columns of an empty table
    to their titles.
    """
    from PySide6.QtWidgets import QHeaderView

    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    char = view.fontMetrics().averageCharWidth()
    for col, chars in enumerate(widths):
        view.setColumnWidth(col, max(chars * char + 16, header.sectionSizeHint(col)))
