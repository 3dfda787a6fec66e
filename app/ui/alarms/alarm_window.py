"""The alarm window: current and past alarms, filtered, acknowledged one or many with a note.

Filters: what to show (current / ended / all), kind, level, building,
acknowledged or not, and a period (local days). Every read and the
acknowledgement run off the GUI thread; a failure is a red line in the window.
"Export…" writes what the filters take to an .xlsx (the alarm report). The
services check ``Permission.ALARMS`` themselves.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models.alarms import AlarmKind, Level
from app.services import alarm_report
from app.services.alarm_export import export_alarms
from app.services.alarm_report import CURRENT, NOTE_MAX, PAST, AlarmFilter
from app.ui.alarms.alarm_model import AlarmTableModel, report_text
from app.ui.support import colors
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text
from app.ui.support.export_runner import ExportDialog, file_name, start_export, whole_file
from app.ui.widgets.row_table import size_columns

DATE_FORMAT = "yyyy-MM-dd"


def _report_or_readings(source: str) -> str:
    """The workbook's words: the alarm report's, else the shared writer's ("Exported",
    "Operator", "Period")."""
    text = QCoreApplication.translate("AlarmReport", source)
    return text if text != source else QCoreApplication.translate("XlsxExport", source)


class AlarmWindow(QWidget):
    """``acknowledged`` is emitted after alarms were acknowledged (the status bar counts again)."""

    acknowledged = Signal(int)

    def __init__(self, actor, parent: QWidget | None = None, unacknowledged_only=False) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("alarmWindow")
        self.actor = actor
        self.setWindowTitle(self.tr("Alarms"))
        self.resize(1400, 650)
        self.model = AlarmTableModel(actor, self)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)  # one line a row: the list reads as a log
        # start, end, duration, kind, level, meter, building, tenant, acked, note, sms
        size_columns(self.view, (19, 19, 10, 24, 9, 11, 22, 22, 20, 18, 10))  # M065-05 whole
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        box = QVBoxLayout(self)
        box.addLayout(self._filter_bar(unacknowledged_only))
        box.addWidget(self.view, 1)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        box.addWidget(self.status)
        box.addLayout(self._action_bar())
        self._load_buildings()
        self.apply_filter()

    # ---- filters ----
    def _filter_bar(self, unacknowledged_only: bool) -> QHBoxLayout:
        row = QHBoxLayout()
        self.show_combo = QComboBox()
        for text, key in ((self.tr("Current"), CURRENT), (self.tr("Ended"), PAST),
                          (self.tr("Current and ended"), "")):  # fmt: skip
            self.show_combo.addItem(text, key)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("All kinds"), "")
        for kind in AlarmKind.ALL:
            self.kind_combo.addItem(report_text(alarm_report.KIND_LABELS[kind]), kind)
        self.level_combo = QComboBox()
        self.level_combo.addItem(self.tr("All levels"), 0)
        for level in (Level.WARNING, Level.SERIOUS, Level.CRITICAL):
            self.level_combo.addItem(report_text(alarm_report.LEVEL_LABELS[level]), level)
        self.building_combo = QComboBox()
        self.building_combo.addItem(self.tr("All buildings"), None)
        self.ack_combo = QComboBox()
        for text, key in ((self.tr("Acknowledged or not"), None),
                          (self.tr("Not acknowledged"), False),
                          (self.tr("Acknowledged"), True)):  # fmt: skip
            self.ack_combo.addItem(text, key)
        if unacknowledged_only:  # opened from the status bar's count: what waits, ended or not
            self.show_combo.setCurrentIndex(2)
            self.ack_combo.setCurrentIndex(1)
        today = QDate.currentDate()
        self.dates_box = QCheckBox(self.tr("From"))
        self.from_edit = QDateEdit(today.addDays(-30), calendarPopup=True)
        self.to_edit = QDateEdit(today, calendarPopup=True)
        for edit in (self.from_edit, self.to_edit):
            edit.setDisplayFormat(DATE_FORMAT)
        combos = (self.show_combo, self.kind_combo, self.level_combo, self.building_combo,
                  self.ack_combo)  # fmt: skip
        for w in combos:
            row.addWidget(w)
            w.currentIndexChanged.connect(lambda _i: self.apply_filter())
        row.addSpacing(12)
        row.addWidget(self.dates_box)
        row.addWidget(self.from_edit)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(self.to_edit)
        row.addStretch(1)
        self.dates_box.toggled.connect(lambda _on: self.apply_filter())
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(lambda _d: self.apply_filter())
        return row

    def _action_bar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.count_label = QLabel()
        row.addWidget(self.count_label, 1)
        row.addWidget(QLabel(self.tr("Note:")))
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(NOTE_MAX)
        self.note_edit.setPlaceholderText(self.tr("what was done (optional)"))
        row.addWidget(self.note_edit, 1)
        self.ack_button = QPushButton(self.tr("Acknowledge selected"))
        self.ack_button.setObjectName("acknowledge")
        self.ack_button.clicked.connect(self.acknowledge_selected)
        row.addWidget(self.ack_button)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(lambda: self.export())
        row.addWidget(self.export_button)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.apply_filter)
        row.addWidget(refresh)
        self._update_buttons()
        return row

    def _load_buildings(self) -> None:
        actor = self.actor
        run_then(lambda: alarm_report.buildings(actor), self._buildings, self._failed, self)

    def _buildings(self, rows: list[tuple[int, str]]) -> None:
        self.building_combo.blockSignals(True)
        for building_id, name in rows:
            self.building_combo.addItem(name, building_id)
        self.building_combo.blockSignals(False)

    def current_filter(self) -> AlarmFilter:
        dates = self.dates_box.isChecked()
        kind, level = self.kind_combo.currentData(), self.level_combo.currentData()
        return AlarmFilter(
            date_from=_pydate(self.from_edit.date()) if dates else None,
            date_to=_pydate(self.to_edit.date()) if dates else None,
            kinds=(kind,) if kind else (),
            levels=(level,) if level else (),
            building_id=self.building_combo.currentData(),
            acknowledged=self.ack_combo.currentData(),
            state=self.show_combo.currentData(),
        )

    def apply_filter(self) -> Future:
        self.count_label.setText(self.tr("Reading…"))
        return self.model.set_filter(self.current_filter())

    def _loaded(self, total: int) -> None:
        self.count_label.setText(self.tr("%n alarm(s)", "", total))
        self._update_buttons()

    def _failed(self, text_or_exc) -> None:
        text = text_or_exc if isinstance(text_or_exc, str) else error_text(text_or_exc)
        self.count_label.setText("")
        self.status.setStyleSheet(colors.text_style(colors.ERROR))
        self.status.setText(text)
        self._update_buttons()

    def _said(self, text: str) -> None:
        self.status.setStyleSheet(colors.text_style(colors.OK))
        self.status.setText(text)

    # ---- acknowledging ----
    def selected_ids(self) -> list[int]:
        """The selected alarms nobody acknowledged yet."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        records = [self.model.record(r) for r in rows]
        return [r.alarm_id for r in records if r is not None and not r.acknowledged]

    def _update_buttons(self) -> None:
        self.ack_button.setEnabled(bool(self.selected_ids()))

    def acknowledge_selected(self) -> Future | None:
        ids = self.selected_ids()
        if not ids:
            return None
        actor, note = self.actor, self.note_edit.text()
        self.ack_button.setEnabled(False)
        return run_then(
            lambda: alarm_report.acknowledge(actor, ids, note), self._acked, self._failed, self
        )

    def _acked(self, count: int) -> None:
        self.note_edit.clear()
        self._said(self.tr("%n alarm(s) acknowledged.", "", count))
        self.acknowledged.emit(count)
        self.apply_filter()

    # ---- the report ----
    def export(self, path: str | None = None) -> ExportDialog | None:
        """The alarm report of what the filters take, to .xlsx with a progress dialog."""
        actor, flt = self.actor, self.current_filter()
        building = self.building_combo.currentText() if flt.building_id is not None else ""
        job = whole_file(
            lambda out: export_alarms(actor, out, flt, building, _report_or_readings, error_text)
        )
        title = self.tr("Export the alarm report")
        return start_export(self, title, file_name("alarms"), job, path)


def _pydate(qdate: QDate) -> dt.date:
    return dt.date(qdate.year(), qdate.month(), qdate.day())
