"""The sale dialog: amount, payment method, a confirmation in figures and words, outcome.

The amount field only holds valid money up to the site's single-sale limit;
the confirmation page repeats meter, tenant and the amount in words (Chinese
uppercase in the Chinese UI) because "1000 for 100" is the cashier's classic
mistake. Sending goes through ``billing.submit_sale`` on the meter's bus
worker; the dialog only reacts to the future's outcome.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from app import settings
from app.errors import ValidationError
from app.models.ledger import PAYMENT_METHODS
from app.services import billing
from app.services.money import amount_in_words
from app.services.sales_records import MeterSummary, meter_summary, opened_meters
from app.ui.cashier.flow import MoneyFlowDialog, value_label
from app.ui.cashier.texts import (
    breakable,
    details_table,
    meter_text,
    money,
    payment_label,
    tenant_text,
)
from app.ui.widgets.money_edit import AmountWordsLabel, MoneyEdit, words_language

log = logging.getLogger(__name__)


def balance_text(widget: QWidget, summary: MeterSummary) -> str:
    """Last known balance with its age: the cashier must see it is not a live reading."""
    if summary.balance is None:
        return QCoreApplication.translate("SaleDialog", "not read yet")
    when = summary.balance_at.strftime("%Y-%m-%d %H:%M") if summary.balance_at else ""
    text = QCoreApplication.translate("SaleDialog", "{amount} (last read {when})")
    text = text.format(amount=money(summary.balance), when=when)
    if not summary.online:
        text += " — " + QCoreApplication.translate("SaleDialog", "meter offline")
    return text


class MeterPicker(QComboBox):
    """Choice of meter when the dialog was not opened on one (menu, sales window)."""

    def __init__(self, summaries: list[MeterSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for s in summaries:
            self.addItem(f"{s.number} — {s.tenant_name}", s.meter_id)
        self.setCurrentIndex(-1)

    def meter_id(self) -> int | None:
        return self.currentData()


class SaleDialog(MoneyFlowDialog):
    progress_text = QT_TRANSLATE_NOOP("Cashier", "Crediting the meter…")
    confirm_button_text = QT_TRANSLATE_NOOP("Cashier", "Sell")
    failed_text = QT_TRANSLATE_NOOP("Cashier", "The sale failed: no money was taken.")

    def __init__(self, site, actor, meter_id: int | None = None, parent=None) -> None:
        self.meter_id = meter_id
        self.summary: MeterSummary | None = meter_summary(meter_id) if meter_id else None
        super().__init__(site, actor, parent)
        self.setWindowTitle(self.tr("Sell electricity"))
        self._show_meter()
        self.update_continue()

    def build_form(self) -> QWidget:
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        if self.meter_id is None:
            self.picker = MeterPicker(opened_meters())
            self.picker.currentIndexChanged.connect(self._picked)
            form.addRow(self.tr("Meter"), self.picker)
        else:
            self.picker = None
            self.meter_label = value_label()
            self.meter_label.setObjectName("meterLabel")
            form.addRow(self.tr("Meter"), self.meter_label)
        self.tenant_label = value_label()
        self.tenant_label.setObjectName("tenantLabel")
        self.balance_label = QLabel()
        self.balance_label.setObjectName("balanceLabel")
        form.addRow(self.tr("Tenant"), self.tenant_label)
        form.addRow(self.tr("Balance"), self.balance_label)
        self.max_fen = int(settings.get("sale.max_fen"))
        self.amount_edit = MoneyEdit(max_fen=self.max_fen)
        self.amount_edit.setObjectName("amountEdit")
        self.amount_edit.valueChanged.connect(lambda _fen: self.update_continue())
        self.words_label = AmountWordsLabel(self.amount_edit)
        self.words_label.setObjectName("wordsLabel")
        form.addRow(self.tr("Amount (yuan)"), self.amount_edit)
        form.addRow("", self.words_label)
        limit = QLabel(self.tr("Single-sale limit: {limit}").format(limit=money(self.max_fen)))
        limit.setEnabled(False)
        form.addRow("", limit)
        self.payment_combo = QComboBox()
        self.payment_combo.setObjectName("paymentCombo")
        for key in PAYMENT_METHODS:
            self.payment_combo.addItem(payment_label(key), key)
        form.addRow(self.tr("Payment method"), self.payment_combo)
        return form_widget

    def _picked(self, _index: int) -> None:
        mid = self.picker.meter_id() if self.picker else None
        self.meter_id = mid
        self.summary = meter_summary(mid) if mid else None
        self._show_meter()
        self.update_continue()

    def _show_meter(self) -> None:
        s = self.summary
        if self.picker is None and s is not None:
            self.meter_label.setText(breakable(meter_text(s)))
        self.tenant_label.setText(breakable(tenant_text(s)) if s else "")
        self.balance_label.setText(balance_text(self, s) if s else "")
        if s is not None and not s.opened:
            self.form_error.setText(self.tr("This meter has no open account."))

    def amount_fen(self) -> int | None:
        return self.amount_edit.value_fen()

    def payment_method(self) -> str:
        return self.payment_combo.currentData()

    def form_ready(self) -> bool:
        return self.summary is not None and self.summary.opened and self.amount_fen() is not None

    def confirmation(self) -> str:
        fen = self.amount_fen()
        if fen is None or self.summary is None:
            raise ValidationError(self.tr("Enter a valid amount."))
        s = self.summary
        return details_table(
            [
                (self.tr("Meter"), meter_text(s)),
                (self.tr("Tenant"), tenant_text(s)),
                (self.tr("Amount"), money(fen)),
                (self.tr("In words"), amount_in_words(fen, words_language())),
                (self.tr("Payment method"), payment_label(self.payment_method())),
            ],
            big=(self.tr("Amount"),),
        )

    def submit(self) -> Future:
        worker = self.site.worker_for(self.meter_id)
        return billing.submit_sale(
            worker, self.actor, self.meter_id, self.amount_fen(), self.payment_method()
        )
