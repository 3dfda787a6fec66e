"""The correction dialog: reverse one confirmed sale of the meter, once, with a reason.

The list offers only sales the service would accept (confirmed, this account,
not yet reversed); a sale chosen elsewhere (the sales window) is shown even
when it no longer qualifies, and the service's refusal says why. The balance
is read from the meter when the dialog opens: a reversal it does not cover is
refused on the form, with both figures, before anything is sent. The service
checks again at the meter; its refusal leads back to the form.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from app.errors import PemError, ValidationError
from app.services import billing
from app.services.sales_records import RecordRow, meter_summary, record, reversible_sales
from app.ui.cashier.flow import MoneyFlowDialog
from app.ui.cashier.live_balance import meter_and_balance_rows
from app.ui.cashier.texts import (
    CORRECTION_OVER_BALANCE,
    REASON_MAX_CHARS,
    details_table,
    meter_text,
    money,
    over_balance,
    payment_label,
    tenant_text,
)

log = logging.getLogger(__name__)


def sale_text(row: RecordRow) -> str:
    return (
        f"{row.at:%Y-%m-%d %H:%M}  {row.receipt_no}  {money(row.amount_fen)}  "
        f"{payment_label(row.payment_method)}"
    )


class CorrectionDialog(MoneyFlowDialog):
    progress_text = QT_TRANSLATE_NOOP("Cashier", "Reversing the sale on the meter…")
    confirm_button_text = QT_TRANSLATE_NOOP("Cashier", "Reverse the sale")
    failed_text = QT_TRANSLATE_NOOP("Cashier", "The correction failed: no money moved.")

    def __init__(self, site, actor, meter_id: int, sale_id: int | None = None, parent=None):
        self.meter_id = meter_id
        self.summary = meter_summary(meter_id)
        self.rows = reversible_sales(actor, meter_id)
        if sale_id is not None and all(r.entry_id != sale_id for r in self.rows):
            chosen = record(actor, sale_id)
            if chosen is not None:
                self.rows.insert(0, chosen)
        super().__init__(site, actor, parent)
        self.setWindowTitle(self.tr("Correct (reverse) a sale"))
        self.setMinimumWidth(640)
        if sale_id is not None:
            self.select_sale(sale_id)
        self.update_continue()
        self.live.read()

    def build_form(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.live = meter_and_balance_rows(self, form, self.summary)
        self.sales_list = QListWidget()
        self.sales_list.setObjectName("salesList")
        self.sales_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for row in self.rows:
            item = QListWidgetItem(sale_text(row))
            item.setData(Qt.ItemDataRole.UserRole, row.entry_id)
            self.sales_list.addItem(item)
        self.sales_list.currentRowChanged.connect(lambda _r: self.update_continue())
        form.addRow(self.tr("Sale to reverse"), self.sales_list)
        if not self.rows:
            form.addRow("", QLabel(self.tr("This meter has no sale that can be reversed.")))
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setMaxLength(REASON_MAX_CHARS)
        self.reason_edit.setPlaceholderText(self.tr("Required, for example: wrong amount typed"))
        self.reason_edit.textChanged.connect(lambda _t: self.update_continue())
        form.addRow(self.tr("Reason"), self.reason_edit)
        return w

    def select_sale(self, sale_id: int) -> None:
        for i, row in enumerate(self.rows):
            if row.entry_id == sale_id:
                self.sales_list.setCurrentRow(i)

    def chosen(self) -> RecordRow | None:
        i = self.sales_list.currentRow()
        return self.rows[i] if 0 <= i < len(self.rows) else None

    def form_ready(self) -> bool:
        return (
            self.chosen() is not None
            and bool(self.reason_edit.text().strip())
            and self.live.fen is not None
        )

    def form_problem(self) -> PemError | None:
        row, balance = self.chosen(), self.live.fen
        if row is not None and balance is not None and row.amount_fen > balance:
            return over_balance(CORRECTION_OVER_BALANCE, row.amount_fen, balance)
        return None

    def form_reopened(self) -> None:
        self.live.read()

    def confirmation(self) -> str:
        row = self.chosen()
        if row is None:
            raise ValidationError(self.tr("Choose the sale to reverse."))
        return details_table(
            [
                (self.tr("Meter"), meter_text(self.summary)),
                (self.tr("Tenant"), tenant_text(self.summary)),
                (self.tr("Sale"), f"{row.receipt_no} ({row.at:%Y-%m-%d %H:%M})"),
                (self.tr("Amount taken back"), money(row.amount_fen)),
                (self.tr("Reason"), self.reason_edit.text().strip()),
            ],
            big=(self.tr("Amount taken back"),),
        )

    def submit(self) -> Future:
        row = self.chosen()
        return billing.submit_correction(
            self.site.worker_for(self.meter_id),
            self.actor,
            row.entry_id,
            self.reason_edit.text().strip(),
        )
