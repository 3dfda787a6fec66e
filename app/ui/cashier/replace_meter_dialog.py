"""Meter replacement: the tenant moves to a new meter and the old meter's credit follows.

The old meter's balance is read live and moved as transfer-out / transfer-in.
When the old meter is dead an administrator may book its last stored balance
instead, flagged *estimated* (the ledger keeps the flag; verify reports it).
The service is a blocking sequence of bus jobs, so it runs off the GUI thread.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QWidget

from app.errors import ValidationError
from app.services import accounts
from app.services.billing import MoneyResult
from app.services.permissions import Permission, require
from app.services.sales_records import meter_summary, unopened_meters
from app.services.waits import METER_OPERATION_S
from app.ui.cashier.flow import MoneyFlowDialog
from app.ui.cashier.kinds import money_meters
from app.ui.cashier.sale_dialog import balance_text
from app.ui.cashier.texts import (
    CONFIRMED,
    FAILED,
    UNCERTAIN,
    details_table,
    meter_text,
    money,
    state_label,
    tenant_text,
)

log = logging.getLogger(__name__)


class ReplaceMeterDialog(MoneyFlowDialog):
    progress_text = QT_TRANSLATE_NOOP("Cashier", "Moving the credit to the new meter…")
    confirm_button_text = QT_TRANSLATE_NOOP("Cashier", "Replace the meter")

    def __init__(self, site, actor, old_meter_id: int, parent=None) -> None:
        self.old_id = old_meter_id
        self.summary = meter_summary(old_meter_id)
        self.choices = money_meters(unopened_meters())
        self.last_balance = accounts.last_known_balance(old_meter_id)
        super().__init__(site, actor, parent)
        self.setWindowTitle(self.tr("Replace meter"))
        self.update_continue()

    def build_form(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        form.addRow(self.tr("Old meter"), QLabel(meter_text(self.summary)))
        form.addRow(self.tr("Tenant"), QLabel(tenant_text(self.summary)))
        form.addRow(self.tr("Balance"), QLabel(balance_text(self, self.summary)))
        self.new_combo = QComboBox()
        self.new_combo.setObjectName("newMeter")
        for s in self.choices:
            if s.meter_id != self.old_id:
                self.new_combo.addItem(meter_text(s), s.meter_id)
        self.new_combo.setCurrentIndex(-1)
        self.new_combo.currentIndexChanged.connect(lambda _i: self.update_continue())
        form.addRow(self.tr("New meter"), self.new_combo)
        self.estimated_box = QCheckBox(
            self.tr("The old meter is dead: move its last stored balance (estimated)")
        )
        self.estimated_box.setVisible(self.actor.can(Permission.ESTIMATED_TRANSFER))
        self.estimated_box.setEnabled(self.last_balance is not None)
        form.addRow("", self.estimated_box)
        return w

    def new_meter_id(self) -> int | None:
        return self.new_combo.currentData()

    def estimated(self) -> bool:
        return self.actor.can(Permission.ESTIMATED_TRANSFER) and self.estimated_box.isChecked()

    def form_ready(self) -> bool:
        return self.summary.opened and self.new_meter_id() is not None

    def confirmation(self) -> str:
        new_id = self.new_meter_id()
        if new_id is None:
            raise ValidationError(self.tr("Choose the new meter."))
        how = (
            self.tr("last stored balance {amount}, estimated").format(
                amount=money(self.last_balance)
            )
            if self.estimated()
            else self.tr("read live from the old meter")
        )
        return details_table(
            [
                (self.tr("Tenant"), tenant_text(self.summary)),
                (self.tr("Old meter"), meter_text(self.summary)),
                (self.tr("New meter"), self.new_combo.currentText()),
                (self.tr("Credit moved"), how),
            ]
        )

    def submit(self) -> Future:
        require(self.actor, Permission.ACCOUNTS)
        estimated = self.estimated()
        if estimated:
            require(self.actor, Permission.ESTIMATED_TRANSFER)
        return accounts.submit_replace_meter(
            self.site.worker_for,
            self.actor,
            self.old_id,
            self.new_meter_id(),
            estimated=estimated,
            timeout=METER_OPERATION_S,
        )

    def describe_result(self, result) -> tuple[str, str, str]:
        out, in_ = result
        rows = [
            (self.tr("Transferred out"), f"{money(out.amount_fen)} ({state_label(out.state)})"),
        ]
        if out.message == "estimated":
            rows.append((self.tr("Note"), self.tr("estimated from the last stored reading")))
        if in_ is not None:
            rows.append(
                (self.tr("Transferred in"), f"{money(in_.amount_fen)} ({state_label(in_.state)})")
            )
            rows.append((self.tr("New meter balance"), money(in_.balance_after)))
        details = details_table(rows)
        if not out.ok:
            return FAILED, self.tr("The old meter's credit was not moved."), details
        if in_ is not None and in_.state == UNCERTAIN:
            return UNCERTAIN, self.tr("The new meter did not confirm the credit yet."), details
        if in_ is not None and not in_.ok:
            return FAILED, self.tr("The new meter did not take the credit."), details
        return CONFIRMED, self.tr("The meter is replaced."), details

    def receipt_entry(self, outcome: str, result) -> int | None:
        out, in_ = result
        if outcome != CONFIRMED:
            return None
        chosen: MoneyResult = in_ if in_ is not None else out
        return chosen.entry_id
