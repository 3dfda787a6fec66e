"""The sales report window: a period, a grouping, the table with its total; a double click
on a row shows the ledger entries behind it; the table goes to .xlsx as shown."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.services.permissions import Actor
from app.services.reports import sales
from app.services.reports.tables import (
    SALES_TITLE,
    Table,
    sales_label,
    sales_notes,
    sales_table,
)
from app.ui.cashier.texts import kind_label, money, payment_label
from app.ui.reports.common import PeriodReportWindow, export_report, report_tr
from app.ui.widgets.row_table import size_columns


class SalesReportWindow(PeriodReportWindow):
    def __init__(self, actor: Actor, parent: QWidget | None = None, today=None) -> None:
        super().__init__(actor, sales.GROUPINGS, sales.GROUPING_TITLES, parent, today)
        self.setWindowTitle(report_tr(SALES_TITLE))
        self.resize(1000, 600)
        self.report: sales.SalesReport | None = None
        layout = self.main_layout()
        layout.addWidget(self.view, 1)
        hint = QLabel(self.tr("Double-click a row to see its ledger entries."))
        layout.addWidget(hint)
        self.picker.changed.connect(self.reload)
        self.refresh_button.clicked.connect(self.reload)
        self.grouping.currentIndexChanged.connect(self.show_report)
        self.view.doubleClicked.connect(self.drill)
        self.reload()

    def read_job(self):
        actor, period = self.actor, self.picker.period()
        return lambda: sales.sales_report(actor, period)

    def current_grouping(self) -> str:
        return self.grouping.currentData()

    def table(self) -> Table:
        assert self.report is not None
        return sales_table(self.report, self.current_grouping(), report_tr)

    def show_report(self) -> None:
        if self.report is None:
            return
        self.model.set_table(self.table())
        size_columns(self.view, [16] + [12] * 7)
        if self.report.unsettled:
            self.state.setText(
                self.tr(
                    "Confirmed entries only: %n entries not yet settled are not counted.",
                    "",
                    self.report.unsettled,
                )
            )
        else:
            self.state.setText(self.tr("Confirmed entries only."))

    # ---- drill-down ----
    def drill(self, index) -> None:
        row = self.row_at(index)
        if row is None:
            return
        grouping = None if row is self.report.total else self.current_grouping()
        label = (
            report_tr("Total") if grouping is None else sales_label(grouping, row.label, report_tr)
        )
        headers = [self.tr("Entry"), self.tr("Time"), self.tr("Receipt no."), self.tr("Kind"),
                   self.tr("Meter"), self.tr("Tenant"), self.tr("Amount"), self.tr("Payment"),
                   self.tr("Operator")]  # fmt: skip
        actor, period, key = self.actor, self.report.period, row.key

        def lines(rows: list[sales.DrillRow]) -> list[list[str]]:
            return [
                [str(r.entry_id), r.at.strftime("%Y-%m-%d %H:%M:%S"), r.receipt_no,
                 kind_label(r.kind), r.meter_no, r.tenant, money(r.signed_fen),
                 payment_label(r.payment_method) if r.payment_method else "", r.operator]
                for r in rows
            ]  # fmt: skip

        self.open_drill(
            self.tr("Ledger entries: %1").replace("%1", label),
            headers,
            lambda: sales.drill_down(actor, period, grouping, key),
            lines,
            [7, 20, 12, 14, 10, 16, 12, 12, 12],
        )

    # ---- export ----
    def export(self, path: str | None = None):
        """The table as shown to .xlsx, with a progress dialog (None: nothing to export)."""
        if self.report is None:
            return None
        notes = sales_notes(self.report, self.current_grouping(), report_tr)
        return export_report(
            self,
            path,
            "sales-report.xlsx",
            report_tr(SALES_TITLE),
            notes,
            self.table(),
        )
