"""The sales report window: a period, a grouping, the table with its total; a double click
on a row shows the ledger entries behind it; the table goes to .xlsx as shown."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

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
from app.ui.reports.common import (
    DrillDialog,
    PeriodPicker,
    RecordRole,
    ReportTableModel,
    export_report,
    report_tr,
    report_view,
)
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text
from app.ui.widgets.row_table import size_columns


class SalesReportWindow(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None, today=None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.setWindowTitle(report_tr(SALES_TITLE))
        self.resize(1000, 600)
        self.report: sales.SalesReport | None = None
        self.picker = PeriodPicker(today=today)
        self.grouping = QComboBox()
        for key in sales.GROUPINGS:
            self.grouping.addItem(report_tr(sales.GROUPING_TITLES[key]), key)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.export_button = QPushButton(self.tr("&Export to Excel…"))
        self.export_button.setEnabled(False)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.model = ReportTableModel(self)
        self.view = report_view(self.model)
        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addWidget(QLabel(self.tr("By")))
        top.addWidget(self.grouping)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(self.view, 1)
        hint = QLabel(self.tr("Double-click a row to see its ledger entries."))
        layout.addWidget(hint)
        self.picker.changed.connect(self.reload)
        self.refresh_button.clicked.connect(self.reload)
        self.grouping.currentIndexChanged.connect(self._show)
        self.export_button.clicked.connect(lambda: self.export())
        self.view.doubleClicked.connect(self.drill)
        self._asked = None
        self.drill_dialog: DrillDialog | None = None
        self.reload()

    def reload(self) -> None:
        period = self.picker.period()
        self.state.setText(self.tr("Reading…"))
        self.refresh_button.setEnabled(False)
        actor = self.actor
        self._asked = run_then(
            lambda: sales.sales_report(actor, period), self._loaded, self._failed, self
        )

    def _loaded(self, report: sales.SalesReport) -> None:
        self.refresh_button.setEnabled(True)
        self.report = report
        self.export_button.setEnabled(True)
        self._show()

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.state.setText(error_text(exc))

    def current_grouping(self) -> str:
        return self.grouping.currentData()

    def table(self) -> Table:
        assert self.report is not None
        return sales_table(self.report, self.current_grouping(), report_tr)

    def _show(self) -> None:
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
        row = index.data(RecordRole)
        if self.report is None or row is None:
            return
        grouping = None if row is self.report.total else self.current_grouping()
        label = (
            report_tr("Total") if grouping is None else sales_label(grouping, row.label, report_tr)
        )
        headers = [self.tr("Entry"), self.tr("Time"), self.tr("Receipt no."), self.tr("Kind"),
                   self.tr("Meter"), self.tr("Tenant"), self.tr("Amount"), self.tr("Payment"),
                   self.tr("Operator")]  # fmt: skip
        title = self.tr("Ledger entries: %1").replace("%1", label)
        dialog = DrillDialog(title, headers, self, [7, 20, 12, 14, 10, 16, 12, 12, 12])
        self.drill_dialog = dialog
        actor, period, key = self.actor, self.report.period, row.key

        def done(rows: list[sales.DrillRow]) -> None:
            dialog.show_rows([
                [str(r.entry_id), r.at.strftime("%Y-%m-%d %H:%M:%S"), r.receipt_no,
                 kind_label(r.kind), r.meter_no, r.tenant, money(r.signed_fen),
                 payment_label(r.payment_method) if r.payment_method else "", r.operator]
                for r in rows
            ])  # fmt: skip

        run_then(
            lambda: sales.drill_down(actor, period, grouping, key),
            done,
            lambda exc: dialog.show_error(error_text(exc)),
            dialog,
        )
        dialog.show()

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
