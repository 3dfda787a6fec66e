"""What the report windows share: the period picker, the table of a report, the drill-down
dialog, and running a report off the GUI thread with its failure shown inline; the windows'
scaffolding (``ReportWindow``, ``PeriodReportWindow``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.permissions import Actor
from app.services.reports.period import Period, months_back
from app.services.reports.tables import (
    COUNT_KIND,
    ENERGY_KIND,
    MONEY_KIND,
    PERCENT_KIND,
    Table,
    write_report,
)
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text
from app.ui.support.export_runner import ExportDialog, start_export, whole_file
from app.ui.support.formatting import kwh, yuan
from app.ui.widgets.row_table import RowTableModel, size_columns

DATE_FORMAT = "yyyy-MM-dd"
RecordRole = Qt.ItemDataRole.UserRole + 1


def report_tr(text: str) -> str:
    """The report services' marked texts (context ``Reports``) in the chosen language."""
    return QCoreApplication.translate("Reports", text)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class PeriodPicker(QWidget):
    """From and to days (both included) and quick choices: today, yesterday, this month..."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.quick = QComboBox()
        self._choices = [
            (self.tr("This month"), self._this_month),
            (self.tr("Last month"), self._last_month),
            (self.tr("Today"), lambda t: (t, t)),
            (self.tr("Yesterday"), lambda t: (t - dt.timedelta(days=1),) * 2),
            (self.tr("This year"), lambda t: (t.replace(month=1, day=1), t)),
            (self.tr("Chosen days"), None),
        ]
        for text, _ in self._choices:
            self.quick.addItem(text)
        self.first, self.last = QDateEdit(), QDateEdit()
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_FORMAT)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Period")))
        row.addWidget(self.quick)
        row.addWidget(self.first)
        row.addWidget(QLabel("–"))
        row.addWidget(self.last)
        self._apply(0)
        self.quick.currentIndexChanged.connect(self._apply)
        self.first.dateChanged.connect(self._typed)
        self.last.dateChanged.connect(self._typed)

    @staticmethod
    def _this_month(t: dt.date):
        return t.replace(day=1), t

    @staticmethod
    def _last_month(t: dt.date):
        first = months_back(t.replace(day=1))
        return first, t.replace(day=1) - dt.timedelta(days=1)

    def _apply(self, index: int) -> None:
        fn = self._choices[index][1]
        if fn is None:
            return
        first, last = fn(self.today)
        for edit, day in ((self.first, first), (self.last, last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
        self.changed.emit()

    def _typed(self) -> None:
        self.quick.blockSignals(True)
        self.quick.setCurrentIndex(len(self._choices) - 1)
        self.quick.blockSignals(False)
        self.changed.emit()

    def period(self) -> Period:
        first, last = self.first.date().toPython(), self.last.date().toPython()
        return Period(min(first, last), max(first, last))

    def set_period(self, period: Period) -> None:
        self.first.setDate(_qdate(period.first))
        self.last.setDate(_qdate(period.last))


def cell_text(value, kind: str) -> str:
    if value is None or value == "":
        return ""
    if kind == MONEY_KIND:
        return yuan(round(value * 100))
    if kind == ENERGY_KIND:
        return kwh(round(value * 100))
    if kind == PERCENT_KIND:
        return f"{value:+.1f}%"
    return str(value)


class ReportTableModel(RowTableModel):
    """A report ``Table`` as the window shows it: numbers right-aligned, the total row bold."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.table = Table([], [], [], [])

    def set_table(self, table: Table) -> None:
        self.beginResetModel()
        self.table = table
        self.column_count = len(table.headers)
        self._rows = list(range(len(table.body)))
        self.endResetModel()

    def header_texts(self) -> list[str]:
        return self.table.headers

    def display_text(self, record: int, col: int) -> str:
        return cell_text(self.table.body[record][col], self.table.kinds[col])

    def role_data(self, record: int, col: int, role: int):
        if role == RecordRole:
            return self.table.records[record]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.table.kinds[col] in (
            MONEY_KIND, ENERGY_KIND, COUNT_KIND, PERCENT_KIND):  # fmt: skip
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and record == len(self.table.body) - 1:
            font = QFont()
            font.setBold(True)
            return font
        return None


def report_view(model: ReportTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    return view


class DrillDialog(QDialog):
    """The entries or days behind a figure; filled when the background read comes back."""

    def __init__(
        self,
        title: str,
        headers: list[str],
        parent: QWidget | None = None,
        widths: list[int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 480)
        self.model = _PlainModel(headers, self)
        self.view = report_view(self.model)  # type: ignore[arg-type]
        self.state = QLabel(self.tr("Reading…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        size_columns(self.view, widths or [12] * len(headers))

    def show_rows(self, rows: list[list[str]]) -> None:
        self.model.set_rows(rows)
        self.state.setText(self.tr("%n line(s)", "", len(rows)))

    def show_error(self, text: str) -> None:
        self.state.setText(text)


class _PlainModel(RowTableModel):
    def __init__(self, headers: list[str], parent=None) -> None:
        super().__init__(parent)
        self._headers = headers
        self.column_count = len(headers)

    def header_texts(self) -> list[str]:
        return self._headers

    def display_text(self, record: list[str], col: int) -> str:
        return record[col]


def export_report(
    window: QWidget,
    path: str | None,
    default_name: str,
    title: str,
    notes: list[tuple[str, str]],
    table: Table,
) -> ExportDialog | None:
    """The table as shown to .xlsx through the export dialog (progress, Cancel, outcome); asks
    for a file unless ``path``. The texts are translated here, so the pool thread only writes."""
    stamp = QCoreApplication.translate("XlsxExport", "Exported")
    job = whole_file(lambda out: write_report(out, title, notes, table, stamp))
    return start_export(window, _tr("Export to Excel"), default_name, job, path)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReportWindows", text)


class ReportWindow(QWidget):
    """A report window's parts: its actor, the state line (reading, a failure), the report's
    table, Export to Excel (enabled once there is something to export; ``export`` says what),
    and the drill-down dialog read off the GUI thread. A subclass lays them out."""

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.export_button = QPushButton(self.tr("&Export to Excel…"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda: self.export())
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.model = ReportTableModel(self)
        self.view = report_view(self.model)
        self.drill_dialog: DrillDialog | None = None

    def export(self, path: str | None = None) -> ExportDialog | None:
        raise NotImplementedError

    def _failed(self, exc: BaseException) -> None:
        self.state.setText(error_text(exc))

    def open_drill(
        self,
        title: str,
        headers: list[str],
        read: Callable[[], list],
        lines: Callable[[list], list[list[str]]],
        widths: list[int] | None = None,
    ) -> None:
        """The dialog of what lies behind a row: ``read`` off the GUI thread, its rows shown as
        ``lines`` gives them, a failure shown in the dialog."""
        dialog = DrillDialog(title, headers, self, widths)
        self.drill_dialog = dialog
        run_then(
            read,
            lambda rows: dialog.show_rows(lines(rows)),
            lambda exc: dialog.show_error(error_text(exc)),
            dialog,
        )
        dialog.show()


class PeriodReportWindow(ReportWindow):
    """A report over a period by a grouping, read again off the GUI thread on Refresh (and
    whatever else a subclass connects to ``reload``); an answer older than the one awaited is
    dropped. A subclass says what to read (``read_job``) and how to show it (``show_report``)."""

    def __init__(
        self,
        actor: Actor,
        groupings: Sequence[str],
        titles: dict[str, str],
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(actor, parent)
        self.report = None
        self.picker = PeriodPicker(today=today)
        self.grouping = QComboBox()
        for key in groupings:
            self.grouping.addItem(report_tr(titles[key]), key)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self._asked = None

    def main_layout(self, *beside_grouping: QWidget) -> QVBoxLayout:
        """The window's layout with its top row (period, grouping, Refresh, Export) and the
        state line; the subclass adds what comes below."""
        top = QHBoxLayout()
        for widget in (self.picker, QLabel(self.tr("By")), self.grouping, *beside_grouping):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state)
        return layout

    def read_job(self) -> Callable[[], object]:
        raise NotImplementedError

    def show_report(self) -> None:
        raise NotImplementedError

    def row_at(self, index):
        """The report row a table index stands for (None before a report or off the rows)."""
        return None if self.report is None else index.data(RecordRole)

    def reload(self) -> None:
        job = self.read_job()
        self.state.setText(self.tr("Reading…"))
        self.refresh_button.setEnabled(False)
        asked = run_then(job, lambda report: self._loaded(asked, report), self._failed, self)
        self._asked = asked

    def _loaded(self, asked, report) -> None:
        if asked is not self._asked:
            return  # an older answer than the one now awaited
        self.refresh_button.setEnabled(True)
        self.report = report
        self.export_button.setEnabled(True)
        self.show_report()

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        super()._failed(exc)
