"""Correcting a tenant's details after opening: name, shop, phone, ID number, kiosk PIN.

A typo in a phone number or a forgotten kiosk PIN must not mean closing the
account. The service (``tenants.update_tenant``) checks the same rules as the
open-account form and logs each old and new value (never the PIN); this
dialog names the field of a refusal and puts the cursor there. Saving runs
off the GUI thread (a PIN reset hashes with scrypt).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidField, PemError
from app.services.tenants import (
    BAD_PIN,
    MAX_LENGTH,
    TenantEdit,
    TenantInfo,
    check_kiosk_pin,
    check_tenant_info,
    tenant_card,
    update_tenant,
)
from app.ui.cashier.open_account_dialog import PINS_DIFFER, focus_field
from app.ui.support import colors
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text

log = logging.getLogger(__name__)


class TenantEditDialog(QDialog):
    saved = Signal()  # the tenant row changed: the detail and lists reload

    def __init__(self, actor, tenant_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor, self.tenant_id = actor, tenant_id
        card = tenant_card(actor, tenant_id)
        self.setWindowTitle(self.tr("Edit tenant {account_no}").format(account_no=card.account_no))
        self.setMinimumWidth(440)
        form = QFormLayout()
        self.name_edit = QLineEdit(card.name)
        self.shop_edit = QLineEdit(card.shop)
        self.phone_edit = QLineEdit(card.phone)
        self.phone_edit.setPlaceholderText("13800000000 / +86 138… / 0755-12345678")
        self.id_edit = QLineEdit(card.id_number)
        for key, edit in (
            ("name", self.name_edit),
            ("shop", self.shop_edit),
            ("phone", self.phone_edit),
            ("id_number", self.id_edit),
        ):
            edit.setMaxLength(MAX_LENGTH[key])
        form.addRow(self.tr("Account no."), QLabel(card.account_no))
        form.addRow(self.tr("Tenant name"), self.name_edit)
        form.addRow(self.tr("Shop / room"), self.shop_edit)
        form.addRow(self.tr("Phone"), self.phone_edit)
        form.addRow(self.tr("ID number"), self.id_edit)
        self.pin_box = QGroupBox(self.tr("Reset the kiosk PIN"))
        self.pin_box.setCheckable(True)
        self.pin_box.setChecked(False)
        self.pin_edit = QLineEdit()
        self.pin2_edit = QLineEdit()
        for edit in (self.pin_edit, self.pin2_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(8)
        pin_form = QFormLayout(self.pin_box)
        pin_form.addRow(self.tr("New PIN (4-8 digits)"), self.pin_edit)
        pin_form.addRow(self.tr("PIN again"), self.pin2_edit)
        self.error_label = QLabel()
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(colors.text_style(colors.ERROR))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.pin_box)
        box.addWidget(self.error_label)
        box.addLayout(buttons)
        self.field_widgets: dict[str, QWidget] = {
            "name": self.name_edit,
            "shop": self.shop_edit,
            "phone": self.phone_edit,
            "id_number": self.id_edit,
            "pin": self.pin_edit,
            "pin2": self.pin2_edit,
        }

    def checked_edit(self) -> TenantEdit:
        """The form as a ``TenantEdit``, checked by the service's rules (field named)."""
        new_pin = self.pin_edit.text() if self.pin_box.isChecked() else None
        edit = TenantEdit(
            self.name_edit.text().strip(),
            self.shop_edit.text().strip(),
            self.phone_edit.text().strip(),
            self.id_edit.text().strip(),
            new_pin,
        )
        check_tenant_info(TenantInfo(edit.name, edit.shop, edit.phone, edit.id_number))
        if new_pin is not None:
            if not new_pin:  # resetting to no PIN at all is not a reset
                raise InvalidField("pin", BAD_PIN)
            check_kiosk_pin(new_pin)
            if new_pin != self.pin2_edit.text():
                raise InvalidField("pin2", PINS_DIFFER)
        return edit

    def save(self) -> None:
        try:
            edit = self.checked_edit()
        except InvalidField as exc:
            self._refused(exc)
            return
        self.error_label.clear()
        self.save_button.setEnabled(False)
        actor, tenant_id = self.actor, self.tenant_id
        run_then(lambda: update_tenant(actor, tenant_id, edit), self._saved, self._refused, self)

    def _saved(self, _changed: list[str]) -> None:
        self.saved.emit()
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.error_label.setText(error_text(exc) if isinstance(exc, PemError) else str(exc))
        if isinstance(exc, InvalidField):
            focus_field(self.field_widgets, exc)
