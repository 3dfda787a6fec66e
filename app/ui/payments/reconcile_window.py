"""Reports -> Online payments reconciliation: a day's provider statements beside our orders and
online sales, the mismatches in a table, and the same as a workbook.

The statements are downloaded and compared off the GUI thread; a provider whose statement could
not be read is said above the table (the others are still compared), a failure of the whole run
under it, never in a popup.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.payments import reconcile
from app.services.payments.amounts import yuan
from app.services.payments.reconcile_export import HEADERS, export_report
from app.services.permissions import Actor, Permission
from app.ui.auth.password_dialogs import error_label
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text
from app.ui.support.export_runner import start_export, whole_file
from app.ui.support.windows import bring_to_front
from app.ui.widgets.row_table import RowTableModel, size_columns


def rec_tr(text: str) -> str:
    return QCoreApplication.translate("Reconcile", text)


class MismatchModel(RowTableModel):
    column_count = len(HEADERS)

    def header_texts(self):
        return [rec_tr(h) for h in HEADERS]

    def display_text(self, m: reconcile.Mismatch, col: int):
        money = {3: m.ours, 4: m.theirs}
        if col in money:
            return "" if money[col] is None else yuan(money[col])
        values = (m.provider, m.order_no, rec_tr(m.kind), None, None, m.state, m.provider_txn)
        if col < len(values):
            return values[col]
        return "" if m.entry_id is None else str(m.entry_id)


class ReconcileWindow(QWidget):
    def __init__(self, actor: Actor, today: dt.date | None = None) -> None:
        super().__init__()
        self.actor = actor
        self.report: reconcile.Report | None = None
        day = (today or dt.date.today()) - dt.timedelta(days=1)  # yesterday's statement
        self.day = QDateEdit(QDate(day.year, day.month, day.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day_label = QLabel()
        self.run_button, self.export_button = QPushButton(), QPushButton()
        self.run_button.clicked.connect(self.run)
        self.export_button.clicked.connect(self.export)
        self.export_button.setEnabled(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.errors = error_label()
        self.model = MismatchModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        size_columns(self.table, (8, 30, 18, 12, 12, 12, 28, 8))
        top = QHBoxLayout()
        for widget in (self.day_label, self.day, self.run_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.errors)
        layout.addWidget(self.table, 1)
        self.retranslate()
        self.resize(1100, 500)

    def chosen_day(self) -> dt.date:
        return self.day.date().toPython()

    def run(self) -> None:
        actor, day = self.actor, self.chosen_day()
        self.run_button.setEnabled(False)
        self.errors.clear()
        self.summary.setText(self.tr("Reading the statements…"))
        run_then(lambda: reconcile.run(actor, day), self._shown, self._failed, self)

    def _shown(self, report: reconcile.Report) -> None:
        self.report = report
        self.run_button.setEnabled(True)
        self.export_button.setEnabled(True)
        self.model.set_rows(report.mismatches)
        lines = [
            self.tr(
                "{provider}: {count} payments, {total} yuan; {back} refunds, {back_total} yuan"
            ).format(
                provider=name,
                count=count,
                total=yuan(fen),
                back=report.refunded.get(name, (0, 0))[0],
                back_total=yuan(report.refunded.get(name, (0, 0))[1]),
            )
            for name, (count, fen) in report.paid.items()
        ]
        lines.append(
            self.tr("%n mismatch(es).", "", len(report.mismatches))
            if report.mismatches
            else self.tr("Everything agrees.")
        )
        self.summary.setText("\n".join(lines))
        self.errors.setText("\n".join(error_text(why) for why in report.failed.values()))

    def _failed(self, exc: BaseException) -> None:
        self.run_button.setEnabled(True)
        self.summary.clear()
        self.errors.setText(error_text(exc))

    def export(self):
        report, actor = self.report, self.actor
        if report is None:
            return None
        name = f"reconciliation-{report.day:%Y%m%d}.xlsx"
        job = whole_file(lambda path: export_report(actor, path, report, rec_tr, error_text))
        return start_export(self, self.tr("Export reconciliation"), name, job)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Online payments reconciliation"))
        self.day_label.setText(self.tr("Statement day (China time)"))
        self.run_button.setText(self.tr("Compare"))
        self.export_button.setText(self.tr("Export .xlsx…"))


class ReconcileActions:
    """The Reports menu entry; the window opens for whoever is logged in then."""

    def __init__(self, window, actor: Actor) -> None:
        self.window, self._actor = window, actor
        self.view: ReconcileWindow | None = None
        self.action = window.add_action("reports.reconcile", "", "reports", Permission.REPORTS)
        self.action.triggered.connect(lambda _checked=False: self.show())
        self.retranslate()
        retranslated = getattr(window, "retranslated", None)
        if retranslated is not None:
            retranslated.connect(self.retranslate)

    def retranslate(self) -> None:
        self.action.setText(
            QCoreApplication.translate("ReportActions", "&Online payments reconciliation…")
        )

    def show(self) -> ReconcileWindow:
        if self.view is not None:
            self.view.close()
        self.view = ReconcileWindow(getattr(self.window, "actor", None) or self._actor)
        bring_to_front(self.view)
        return self.view


def install_reconcile_actions(window, site, actor: Actor) -> ReconcileActions:
    """Add "Online payments reconciliation…" to ``window``'s Reports menu."""
    return ReconcileActions(window, actor)
