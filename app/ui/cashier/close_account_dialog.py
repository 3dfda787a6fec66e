"""The close-account dialog: read the final balance live, confirm the refund, close.

The balance the cashier confirms is read from the meter when the dialog
opens (a job on the bus worker, never on the GUI thread); the service trips
the relay first and then refunds whatever is left, so what is paid out is
what the meter held at that moment. The tenant stays in the history.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QWidget

from app.errors import PemError
from app.services import accounts
from app.services.billing import MoneyResult
from app.services.money import amount_in_words
from app.services.sales_records import meter_summary
from app.ui.cashier.flow import MoneyFlowDialog
from app.ui.cashier.texts import (
    CONFIRMED,
    ctr,
    describe_error,
    details_table,
    meter_text,
    money,
    money_result_text,
    tenant_text,
)
from app.ui.support.background import on_gui
from app.ui.widgets.money_edit import words_language

log = logging.getLogger(__name__)


class CloseAccountDialog(MoneyFlowDialog):
    progress_text = QT_TRANSLATE_NOOP("Cashier", "Closing the account on the meter…")
    confirm_button_text = QT_TRANSLATE_NOOP("Cashier", "Close the account")
    failed_text = QT_TRANSLATE_NOOP("Cashier", "Closing failed: no money moved.")

    def __init__(self, site, actor, meter_id: int, parent=None) -> None:
        self.meter_id = meter_id
        self.summary = meter_summary(meter_id)
        self.live_balance: int | None = None
        super().__init__(site, actor, parent)
        self.setWindowTitle(self.tr("Close account"))
        self.read_live()

    def build_form(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        form.addRow(self.tr("Meter"), QLabel(meter_text(self.summary)))
        form.addRow(self.tr("Tenant"), QLabel(tenant_text(self.summary)))
        self.live_label = QLabel()
        self.live_label.setObjectName("liveBalance")
        self.read_button = QPushButton(self.tr("Read again"))
        self.read_button.clicked.connect(self.read_live)
        form.addRow(self.tr("Final balance (live)"), self.live_label)
        form.addRow("", self.read_button)
        self.refund_label = QLabel()
        self.refund_label.setObjectName("refundLabel")
        form.addRow(self.tr("Refund to the tenant"), self.refund_label)
        note = QLabel(
            self.tr("The meter's relay is tripped, the balance refunded and the tenant unlinked.")
        )
        note.setWordWrap(True)
        form.addRow("", note)
        return w

    def read_live(self) -> None:
        """Ask the bus worker for the meter's balance now (operator priority)."""
        self.live_balance = None
        self.read_button.setEnabled(False)
        self.live_label.setText(self.tr("Reading the meter…"))
        self.refund_label.clear()
        self.update_continue()
        try:
            worker = self.site.worker_for(self.meter_id)
            future = accounts.submit_read_balance(worker, self.meter_id)
        except PemError as exc:
            self._read_failed(exc)
            return
        on_gui(future, self._read_done, self)

    def _read_done(self, future: Future) -> None:
        self.read_button.setEnabled(True)
        try:
            self.live_balance = future.result()
        except PemError as exc:
            self._read_failed(exc)
            return
        self.live_label.setText(money(self.live_balance))
        self.refund_label.setText(money(max(self.live_balance, 0)))
        self.update_continue()

    def _read_failed(self, exc: PemError) -> None:
        self.read_button.setEnabled(True)
        head, detail = describe_error(exc)
        self.live_label.setText(self.tr("not read"))
        self.form_error.setText(f"{head}\n{detail}")
        self.update_continue()

    def form_ready(self) -> bool:
        return self.summary.opened and self.live_balance is not None

    def confirmation(self) -> str:
        refund = max(self.live_balance or 0, 0)
        return details_table(
            [
                (self.tr("Meter"), meter_text(self.summary)),
                (self.tr("Tenant"), tenant_text(self.summary)),
                (self.tr("Final balance (live)"), money(self.live_balance)),
                (self.tr("Refund"), money(refund)),
                (self.tr("In words"), amount_in_words(refund, words_language())),
            ]
        )

    def submit(self) -> Future:
        return accounts.submit_close_account(
            self.site.worker_for(self.meter_id), self.actor, self.meter_id
        )

    def describe_result(self, result: MoneyResult) -> tuple[str, str, str]:
        outcome, head, details = money_result_text(result, ctr(self.failed_text))
        if outcome == CONFIRMED:
            head = self.tr("The account is closed. Refund {amount} to the tenant.").format(
                amount=money(result.amount_fen)
            )
        return outcome, head, details

    def has_receipt(self, result: MoneyResult) -> bool:
        return True  # the closing receipt is the tenant's proof, even for 0.00
