"""The open-account dialog: a tenant, one or more unopened meters, an optional first sale.

Each meter is opened by its own bus job (open-account command, prepaid mode,
"open" ledger entry), so one meter that does not answer leaves the others
opened and is reported on its own line; the tenant is created first. The
first sale, when given, goes onto the first chosen meter through the same
exactly-once path as any sale. The whole sequence runs off the GUI thread.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from app import settings
from app.errors import PemError, ValidationError
from app.models.ledger import PAYMENT_METHODS
from app.services import accounts
from app.services.billing import MoneyResult
from app.services.money import amount_in_words
from app.services.permissions import Permission, require
from app.services.sales_records import unopened_meters
from app.services.waits import METER_OPERATION_S
from app.ui.cashier.flow import MoneyFlowDialog
from app.ui.cashier.texts import (
    CONFIRMED,
    FAILED,
    PARTIAL,
    UNCERTAIN,
    describe_error,
    details_table,
    esc,
    money,
    payment_label,
    state_label,
)
from app.ui.widgets.money_edit import MoneyEdit, words_language

log = logging.getLogger(__name__)


class OpenAccountDialog(MoneyFlowDialog):
    progress_text = QT_TRANSLATE_NOOP("Cashier", "Opening the account on the meters…")
    confirm_button_text = QT_TRANSLATE_NOOP("Cashier", "Open the account")

    def __init__(self, site, actor, meter_ids: list[int] | None = None, parent=None) -> None:
        self.choices = unopened_meters()
        self.preselected = set(meter_ids or [])
        super().__init__(site, actor, parent)
        self.setWindowTitle(self.tr("Open account"))
        self.update_continue()

    def build_form(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.name_edit = QLineEdit()
        self.shop_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.id_edit = QLineEdit()
        self.pin_edit = QLineEdit()
        self.pin2_edit = QLineEdit()
        for edit in (self.pin_edit, self.pin2_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(8)
        self.name_edit.textChanged.connect(lambda _t: self.update_continue())
        form.addRow(self.tr("Tenant name"), self.name_edit)
        form.addRow(self.tr("Shop / room"), self.shop_edit)
        form.addRow(self.tr("Phone"), self.phone_edit)
        form.addRow(self.tr("ID number"), self.id_edit)
        form.addRow(self.tr("Kiosk PIN (4-8 digits)"), self.pin_edit)
        form.addRow(self.tr("PIN again"), self.pin2_edit)
        self.meter_list = QListWidget()
        self.meter_list.setObjectName("meterList")
        self.meter_list.setMaximumHeight(140)
        for s in self.choices:
            item = QListWidgetItem(f"{s.number} {s.location}".strip())
            item.setData(Qt.ItemDataRole.UserRole, s.meter_id)
            checked = s.meter_id in self.preselected
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.meter_list.addItem(item)
        self.meter_list.itemChanged.connect(lambda _i: self.update_continue())
        form.addRow(self.tr("Meters"), self.meter_list)
        self.tariff_edit = QLineEdit()
        form.addRow(self.tr("Tariff"), self.tariff_edit)
        self.alarm1_edit = MoneyEdit()
        self.alarm2_edit = MoneyEdit()
        self.alarm1_edit.set_value_fen(2000)
        self.alarm2_edit.set_value_fen(500)
        form.addRow(self.tr("Alarm 1 below (yuan)"), self.alarm1_edit)
        form.addRow(self.tr("Alarm 2 below (yuan)"), self.alarm2_edit)
        self.first_sale_edit = MoneyEdit(max_fen=int(settings.get("sale.max_fen")))
        self.first_sale_edit.setPlaceholderText(self.tr("optional"))
        form.addRow(self.tr("First sale (yuan)"), self.first_sale_edit)
        self.payment_combo = QComboBox()
        for key in PAYMENT_METHODS:
            self.payment_combo.addItem(payment_label(key), key)
        form.addRow(self.tr("Payment method"), self.payment_combo)
        return w

    def chosen_meters(self) -> list[int]:
        out = []
        for i in range(self.meter_list.count()):
            item = self.meter_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def set_checked(self, meter_ids: list[int]) -> None:
        for i in range(self.meter_list.count()):
            item = self.meter_list.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in meter_ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def form_ready(self) -> bool:
        return bool(self.name_edit.text().strip()) and bool(self.chosen_meters())

    def _checked_inputs(self) -> tuple[accounts.TenantInfo, int, int, int]:
        pin = self.pin_edit.text()
        if pin != self.pin2_edit.text():
            raise ValidationError(self.tr("The two PINs are not the same."))
        if pin and not (pin.isdigit() and 4 <= len(pin) <= 8):
            raise ValidationError(self.tr("The kiosk PIN must be 4 to 8 digits."))
        a1, a2 = self.alarm1_edit.value_fen(), self.alarm2_edit.value_fen()
        if a1 is None or a2 is None or a2 > a1:
            raise ValidationError(self.tr("Alarm 2 must be more than 0 and at most alarm 1."))
        first = 0
        if self.first_sale_edit.text().strip():
            first = self.first_sale_edit.value_fen()
            if first is None:
                raise ValidationError(self.first_sale_edit.error_text())
        info = accounts.TenantInfo(
            name=self.name_edit.text().strip(),
            shop=self.shop_edit.text().strip(),
            phone=self.phone_edit.text().strip(),
            id_number=self.id_edit.text().strip(),
            pin=pin,
        )
        return info, a1, a2, first

    def confirmation(self) -> str:
        info, a1, a2, first = self._checked_inputs()
        numbers = [s.number for s in self.choices if s.meter_id in self.chosen_meters()]
        rows = [
            (self.tr("Tenant name"), info.name),
            (self.tr("Shop / room"), info.shop or "—"),
            (self.tr("Meters"), ", ".join(numbers)),
            (self.tr("Alarm 1 / alarm 2"), f"{money(a1)} / {money(a2)}"),
        ]
        if first:
            rows.append(
                (
                    self.tr("First sale"),
                    f"{money(first)} ({payment_label(self.payment_combo.currentData())}) → "
                    f"{numbers[0]}",
                )
            )
            rows.append((self.tr("In words"), amount_in_words(first, words_language())))
        return details_table(rows)

    def submit(self) -> Future:
        info, a1, a2, first = self._checked_inputs()
        require(self.actor, Permission.ACCOUNTS)
        if first:
            require(self.actor, Permission.SELL)
        return accounts.submit_open_account(
            self.site.worker_for,
            self.actor,
            info,
            self.chosen_meters(),
            tariff=self.tariff_edit.text().strip(),
            first_sale_fen=first,
            payment_method=self.payment_combo.currentData(),
            timeout=METER_OPERATION_S,
            alarm1=a1,
            alarm2=a2,
        )

    def describe_result(self, result) -> tuple[str, str, str]:
        tenant, outcomes = result
        numbers = {s.meter_id: s.number for s in self.choices}
        rows, opened, sale_state = [], 0, None
        for meter_id, outcome in outcomes.items():
            if isinstance(outcome, PemError):
                head, detail = describe_error(outcome)
                rows.append((numbers.get(meter_id, str(meter_id)), f"{head} {detail}"))
                continue
            opened += 1
            text = self.tr("opened")
            if isinstance(outcome, MoneyResult):
                sale_state = outcome.state
                text += self.tr(", first sale {amount}: {state}").format(
                    amount=money(outcome.amount_fen), state=state_label(outcome.state)
                )
            rows.append((numbers.get(meter_id, str(meter_id)), text))
        details = details_table([(self.tr("Account no."), tenant.account_no), *rows])
        if opened == 0:
            return FAILED, self.tr("No meter was opened."), details
        if sale_state == UNCERTAIN:
            warn = self.tr(
                "The first sale was not confirmed by the meter; it is settled automatically. "
                "Do not sell again until it is settled."
            )
            return (
                UNCERTAIN,
                self.tr("Account opened; first sale uncertain."),
                (f"<p>{esc(warn)}</p>{details}"),
            )
        if opened < len(outcomes):
            return PARTIAL, self.tr("Some meters were not opened."), details
        return CONFIRMED, self.tr("The account is open."), details

    def receipt_entry(self, outcome: str, result) -> int | None:
        for value in result[1].values():
            if isinstance(value, MoneyResult) and value.ok:
                return value.entry_id
        return None
