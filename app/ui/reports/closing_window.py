"""Shift and daily closing: a cashier's (or every operator's) figures for a stretch of time by
payment method, the cash the drawer should hold, and the cash counted with the difference.

A cashier sees and counts their own shift; an admin (the manager) chooses any
operator or all of them (the daily closing). The service computes the
expectation and checks who may count; this window only shows and asks.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.permissions import Actor, Role
from app.services.reports import closing
from app.services.reports.sales import METHOD
from app.services.reports.tables import PERIOD, sales_table
from app.services.sales_records import operator_names
from app.ui.reports.common import ReportWindow, export_report, report_tr
from app.ui.support import colors
from app.ui.support.background import run_then
from app.ui.support.formatting import yuan
from app.ui.widgets.money_edit import MoneyEdit
from app.ui.widgets.row_table import size_columns

ALL = "\x00all"  # the combo's data for "every operator"


def _utc(edit: QDateTimeEdit) -> dt.datetime:
    local = edit.dateTime().toPython()
    return local.astimezone(dt.UTC).replace(tzinfo=None)


class ClosingWindow(ReportWindow):
    def __init__(self, actor: Actor, parent: QWidget | None = None, now: dt.datetime | None = None):
        super().__init__(actor, parent)
        self.figures: closing.Closing | None = None
        self.setWindowTitle(self.tr("Shift closing"))
        self.resize(900, 560)
        self.operator = QComboBox()
        self.operator.addItem(actor.name, actor.name)
        self.operator.setEnabled(actor.role is Role.ADMIN)
        now = QDateTime(now) if now else QDateTime.currentDateTime()
        self.start = QDateTimeEdit(QDateTime(now.date(), QTime(0, 0)))
        self.end = QDateTimeEdit(now)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.show_button = QPushButton(self.tr("&Show"))
        self.expected = QLabel()
        self.head = QLabel()
        self.counted = MoneyEdit()
        self.difference = QLabel()
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        self.save = QPushButton(self.tr("&Record the count"))
        self.save.setEnabled(False)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Operator")))
        top.addWidget(self.operator)
        top.addWidget(QLabel(self.tr("From")))
        top.addWidget(self.start)
        top.addWidget(QLabel(self.tr("to")))
        top.addWidget(self.end)
        top.addWidget(self.show_button)
        top.addStretch(1)
        top.addWidget(self.export_button)
        form = QFormLayout()
        form.addRow(self.tr("Cash expected in the drawer"), self.expected)
        form.addRow(self.tr("Cash counted (yuan)"), self.counted)
        form.addRow(self.tr("Difference"), self.difference)
        form.addRow(self.tr("Note"), self.note)
        form.addRow("", self.save)
        form.addRow(self.tr("Counts recorded"), self.counts)
        form.addRow(self.tr("Ledger head"), self.head)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(self.view, 1)
        layout.addLayout(form)
        self.show_button.clicked.connect(self.reload)
        self.counted.textChanged.connect(self._difference)
        self.save.clicked.connect(self.record)
        if actor.role is Role.ADMIN:
            run_then(lambda: operator_names(actor), self._operators, self._failed, self)
        self.reload()

    def _operators(self, names: list[str]) -> None:
        self.operator.clear()
        self.operator.addItem(self.tr("All operators (daily closing)"), ALL)
        for name in names:
            self.operator.addItem(name, name)

    def chosen_operator(self) -> str | None:
        data = self.operator.currentData()
        return None if data == ALL else data

    def reload(self) -> None:
        args = (self.actor, _utc(self.start), _utc(self.end), self.chosen_operator())
        self.state.setText(self.tr("Reading…"))
        self.save.setEnabled(False)
        run_then(lambda: closing.closing(*args), self._loaded, self._failed, self)

    def _loaded(self, figures: closing.Closing) -> None:
        self.figures = figures
        self.export_button.setEnabled(True)
        self.model.set_table(sales_table(figures.report, METHOD, report_tr))
        size_columns(self.view, [16] + [12] * 7)
        unsettled = figures.report.unsettled
        self.state.setText(
            self.tr(
                "Confirmed entries only: %n entries not yet settled are not counted "
                "(a cash sale among them may already be in the drawer).",
                "",
                unsettled,
            )
            if unsettled
            else self.tr("Confirmed entries only.")
        )
        self.expected.setText(yuan(figures.expected_cash))
        self.head.setText(f"#{figures.head_entry_id}  {figures.head_hash[:16]}")
        self.counts.setText("\n".join(self.count_lines()) or self.tr("none yet"))
        self._difference()

    def count_lines(self) -> list[str]:
        assert self.figures is not None
        return [
            self.tr("%1 by %2: counted %3, expected %4, difference %5")
            .replace("%1", c.entered_at.strftime("%Y-%m-%d %H:%M"))
            .replace("%2", c.entered_by).replace("%3", yuan(c.counted))
            .replace("%4", yuan(c.expected)).replace("%5", yuan(c.counted - c.expected))
            for c in self.figures.counts
        ]  # fmt: skip

    def export(self, path: str | None = None):
        """The closing as shown (figures by payment method, expected cash, the counts) to .xlsx."""
        if self.figures is None:
            return None
        shown = "yyyy-MM-dd HH:mm"
        period = f"{self.start.dateTime().toString(shown)} – {self.end.dateTime().toString(shown)}"
        notes = [
            (report_tr(PERIOD), period),
            (self.tr("Operator"), self.operator.currentText()),
            (self.tr("Cash expected in the drawer"), yuan(self.figures.expected_cash)),
            *((self.tr("Counts recorded"), line) for line in self.count_lines()),
        ]
        name = f"closing-{self.start.date().toString('yyyy-MM-dd')}.xlsx"
        return export_report(self, path, name, self.windowTitle(), notes, self.model.table)

    def counted_fen(self) -> int | None:
        text = self.counted.text().strip()
        if text and text.replace(".", "").strip("0") == "":
            return 0  # an empty drawer (the money field takes no 0 on its own)
        return self.counted.value_fen()

    def _difference(self) -> None:
        fen = self.counted_fen()
        if self.figures is None or fen is None:
            self.difference.setText("")
            self.save.setEnabled(False)
            return
        diff = fen - self.figures.expected_cash
        self.difference.setText(yuan(diff))
        color = colors.ERROR if diff < 0 else colors.WARNING if diff > 0 else colors.OK
        self.difference.setStyleSheet(f"color: {color}; font-weight: bold")
        self.save.setEnabled(True)

    def record(self) -> None:
        fen, figures = self.counted_fen(), self.figures
        if fen is None or figures is None:
            return
        args = (self.actor, figures.start, figures.end, fen, figures.operator, self.note.text())
        self.save.setEnabled(False)

        def saved(_row) -> None:
            self.counted.clear()
            self.note.clear()
            self.reload()

        run_then(lambda: closing.record_count(*args), saved, self._failed, self)
