"""The refund dialog: take money back from a meter, at most what it holds right now.

The balance is read from the meter when the dialog opens and shown; a refund
larger than it is refused on the form, with the figure, while the cashier
types. The service reads the meter again in the same bus job as the refund
and refuses one larger than that fresh balance (it may have changed since):
that refusal leads back to the form with the amount kept, and the balance is
read again.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.errors import PemError, ValidationError
from app.models.ledger import PAYMENT_METHODS
from app.services import billing
from app.services.money import amount_in_words
from app.services.sales_records import MeterSummary, meter_summary
from app.ui.cashier.flow import MoneyFlowDialog
from app.ui.cashier.live_balance import meter_and_balance_rows
from app.ui.cashier.texts import (
    REASON_MAX_CHARS,
    REFUND_OVER_BALANCE,
    details_table,
    meter_text,
    money,
    over_balance,
    payment_label,
    tenant_text,
)
from app.ui.widgets.money_edit import AmountWordsLabel, MoneyEdit, words_language

log = logging.getLogger(__name__)


class RefundDialog(MoneyFlowDialog):
    progress_text = QT_TRANSLATE_NOOP("Cashier", "Taking the refund back from the meter…")
    confirm_button_text = QT_TRANSLATE_NOOP("Cashier", "Refund")
    failed_text = QT_TRANSLATE_NOOP("Cashier", "The refund failed: no money moved.")

    def __init__(self, site, actor, meter_id: int, parent=None) -> None:
        self.meter_id = meter_id
        self.summary: MeterSummary = meter_summary(meter_id)
        super().__init__(site, actor, parent)
        self.setWindowTitle(self.tr("Refund from a meter"))
        self.update_continue()
        self.live.read()

    def build_form(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.live = meter_and_balance_rows(self, form, self.summary)
        note = QLabel(self.tr("The meter is read again before the refund; at most its balance."))
        note.setWordWrap(True)
        note.setEnabled(False)
        form.addRow("", note)
        self.amount_edit = MoneyEdit()
        self.amount_edit.setObjectName("amountEdit")
        self.amount_edit.valueChanged.connect(lambda _fen: self.update_continue())
        self.words_label = AmountWordsLabel(self.amount_edit)
        form.addRow(self.tr("Amount (yuan)"), self.amount_edit)
        form.addRow("", self.words_label)
        self.payment_combo = QComboBox()
        for key in PAYMENT_METHODS:
            self.payment_combo.addItem(payment_label(key), key)
        form.addRow(self.tr("Paid back as"), self.payment_combo)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setMaxLength(REASON_MAX_CHARS)
        form.addRow(self.tr("Reason"), self.reason_edit)
        return w

    def amount_fen(self) -> int | None:
        return self.amount_edit.value_fen()

    def form_ready(self) -> bool:
        return self.summary.opened and self.amount_fen() is not None and self.live.fen is not None

    def form_problem(self) -> PemError | None:
        fen, balance = self.amount_fen(), self.live.fen
        if fen is not None and balance is not None and fen > balance:
            return over_balance(REFUND_OVER_BALANCE, fen, balance)
        return None

    def form_reopened(self) -> None:
        self.live.read()  # the meter refused on a fresher balance than the one shown

    def confirmation(self) -> str:
        fen = self.amount_fen()
        if fen is None:
            raise ValidationError(self.tr("Enter a valid amount."))
        s = self.summary
        return details_table(
            [
                (self.tr("Meter"), meter_text(s)),
                (self.tr("Tenant"), tenant_text(s)),
                (self.tr("Refund"), money(fen)),
                (self.tr("In words"), amount_in_words(fen, words_language())),
                (self.tr("Paid back as"), payment_label(self.payment_combo.currentData())),
                (self.tr("Reason"), self.reason_edit.text().strip() or "—"),
            ],
            big=(self.tr("Refund"),),
        )

    def submit(self) -> Future:
        return billing.submit_refund(
            self.site.worker_for(self.meter_id),
            self.actor,
            self.meter_id,
            self.amount_fen(),
            self.payment_combo.currentData(),
            self.reason_edit.text().strip(),
        )
