"""The open-account dialog: a tenant, one or more unopened meters, an optional first sale.

Each meter is opened by its own bus job (open-account command, prepaid mode,
"open" ledger entry), so one meter that does not answer leaves the others
opened and is reported on its own line; the tenant is kept only if a meter
opened. The first sale, when given, goes onto the first chosen meter through
the same exactly-once path as any sale. The whole sequence runs off the GUI
thread.

Meters the last polls found offline are marked in the picker, and choosing
one brings a warning on the form and on the confirmation page: opening it will
most likely fail. The form checks what the services check (the same
functions), names the field in every refusal and puts the focus on it.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from app import settings
from app.errors import InvalidField, PemError
from app.models.ledger import PAYMENT_METHODS
from app.services import accounts, tenants
from app.services.billing import MoneyResult
from app.services.money import amount_in_words
from app.services.permissions import Permission, require
from app.services.sales_records import unopened_meters
from app.services.waits import METER_OPERATION_S
from app.ui.cashier.flow import MoneyFlowDialog
from app.ui.cashier.kinds import money_meters
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
from app.ui.support import colors
from app.ui.widgets.money_edit import MoneyEdit, words_language

log = logging.getLogger(__name__)

PINS_DIFFER = QT_TRANSLATE_NOOP("Errors", "PIN again: the two PINs are not the same")
# A money field that does not hold an amount: the field, then MoneyEdit's reason.
ALARM1_TEXT = QT_TRANSLATE_NOOP("Errors", "Alarm 1: {reason}")
ALARM2_TEXT = QT_TRANSLATE_NOOP("Errors", "Alarm 2: {reason}")
FIRST_SALE_TEXT = QT_TRANSLATE_NOOP("Errors", "First sale: {reason}")


def focus_field(widgets: dict[str, QWidget], exc: InvalidField) -> None:
    """Put the cursor where the refusal points (the tenant edit dialog uses it too)."""
    widget = widgets.get(exc.field)
    if widget is None:
        return
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    if isinstance(widget, QLineEdit):
        widget.selectAll()


class OpenAccountDialog(MoneyFlowDialog):
    progress_text = QT_TRANSLATE_NOOP("Cashier", "Opening the account on the meters…")
    confirm_button_text = QT_TRANSLATE_NOOP("Cashier", "Open the account")

    def __init__(self, site, actor, meter_ids: list[int] | None = None, parent=None) -> None:
        self.choices = money_meters(unopened_meters())
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
        for key, edit in (
            ("name", self.name_edit),
            ("shop", self.shop_edit),
            ("phone", self.phone_edit),
            ("id_number", self.id_edit),
        ):
            edit.setMaxLength(tenants.MAX_LENGTH[key])
        self.phone_edit.setPlaceholderText("13800000000 / 0755-12345678")
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
            text = f"{s.number} {s.location}".strip()
            item = QListWidgetItem(
                text if s.online else self.tr("{meter} (offline)").format(meter=text)
            )
            item.setData(Qt.ItemDataRole.UserRole, s.meter_id)
            if not s.online:
                item.setForeground(QBrush(QColor(colors.ERROR)))
                item.setToolTip(self.tr("The last polls had no answer from this meter."))
            checked = s.meter_id in self.preselected
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.meter_list.addItem(item)
        self.meter_list.itemChanged.connect(lambda _i: self._meters_changed())
        self.offline_label = QLabel()
        self.offline_label.setObjectName("offlineWarning")
        self.offline_label.setWordWrap(True)
        self.offline_label.setStyleSheet(colors.text_style(colors.WARNING))
        form.addRow(self.tr("Meters"), self.meter_list)
        form.addRow("", self.offline_label)
        self.tariff_combo = QComboBox()
        self.tariff_combo.addItems(accounts.tariff_names())
        form.addRow(self.tr("Tariff"), self.tariff_combo)
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
        self.field_widgets: dict[str, QWidget] = {
            "name": self.name_edit,
            "account_no": self.name_edit,
            "shop": self.shop_edit,
            "phone": self.phone_edit,
            "id_number": self.id_edit,
            "pin": self.pin_edit,
            "pin2": self.pin2_edit,
            "meters": self.meter_list,
            "tariff": self.tariff_combo,
            "alarm1": self.alarm1_edit,
            "alarm2": self.alarm2_edit,
            "first_sale": self.first_sale_edit,
        }
        self._show_offline_warning()
        return w

    def offline_chosen(self) -> list[str]:
        """Numbers of the chosen meters the last polls found offline."""
        chosen = set(self.chosen_meters())
        return [s.number for s in self.choices if s.meter_id in chosen and not s.online]

    def offline_warning(self) -> str:
        numbers = self.offline_chosen()
        if not numbers:
            return ""
        return self.tr(
            "Offline: {meters}. The last polls had no answer; opening will most likely "
            "fail there, and nothing is opened on a meter that does not answer."
        ).format(meters=", ".join(numbers))

    def _show_offline_warning(self) -> None:
        text = self.offline_warning()
        self.offline_label.setText(text)
        self.offline_label.setVisible(bool(text))

    def _meters_changed(self) -> None:
        self._show_offline_warning()
        self.update_continue()

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
        """The form's values, checked top to bottom by the services' own rules.

        Each refusal is an ``InvalidField`` naming its field, so the message
        says which and ``confirmation`` puts the cursor there.
        """
        pin = self.pin_edit.text()
        info = accounts.TenantInfo(
            name=self.name_edit.text().strip(),
            shop=self.shop_edit.text().strip(),
            phone=self.phone_edit.text().strip(),
            id_number=self.id_edit.text().strip(),
            pin=pin,
        )
        tenants.check_tenant_info(info)
        if pin != self.pin2_edit.text():
            raise InvalidField("pin2", PINS_DIFFER)
        if not self.chosen_meters():
            raise InvalidField("meters", accounts.NO_METERS)
        accounts.check_tariff(self.tariff_combo.currentText())
        a1 = self._amount("alarm1", self.alarm1_edit, ALARM1_TEXT)
        a2 = self._amount("alarm2", self.alarm2_edit, ALARM2_TEXT)
        accounts.check_alarms(a1, a2)
        first = 0
        if self.first_sale_edit.text().strip():
            first = self._amount("first_sale", self.first_sale_edit, FIRST_SALE_TEXT)
        return info, a1, a2, first

    @staticmethod
    def _amount(field: str, edit: MoneyEdit, template: str) -> int:
        fen = edit.value_fen()
        if fen is None:
            raise InvalidField(field, template, reason=edit.error_text())
        return fen

    def confirmation(self) -> str:
        try:
            return self._confirmation()
        except InvalidField as exc:
            focus_field(self.field_widgets, exc)
            raise

    def _confirmation(self) -> str:
        info, a1, a2, first = self._checked_inputs()
        numbers = [s.number for s in self.choices if s.meter_id in self.chosen_meters()]
        rows = [
            (self.tr("Tenant name"), info.name),
            (self.tr("Shop / room"), info.shop or "—"),
            (self.tr("Meters"), ", ".join(numbers)),
            (self.tr("Tariff"), self.tariff_combo.currentText()),
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
        warning = self.offline_warning()
        if warning:
            style = colors.text_style(colors.WARNING)
            return f'<p style="{style}"><b>{esc(warning)}</b></p>{details_table(rows)}'
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
            tariff=self.tariff_combo.currentText(),
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
        if tenant is None:  # nothing opened: the tenant was not kept either
            return (
                FAILED,
                self.tr("No meter was opened; no tenant was created."),
                details_table(rows),
            )
        details = details_table([(self.tr("Account no."), tenant.account_no), *rows])
        if opened == 0:  # an opening still running keeps its tenant: "no meter yet"
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
