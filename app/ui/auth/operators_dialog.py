"""The administrator's operator list: add, disable, reset password, change role, unlock.

The service checks the role again on every call (``Permission.OPERATORS``);
this dialog is only opened for admins, but never relied on as the guard.
Calls that hash a password run in the background like the login dialog's.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import PemError
from app.models.site import utcnow
from app.services.auth import AuthService, OperatorInfo
from app.services.permissions import Actor, Role
from app.ui.auth.password_dialogs import PasswordFormDialog, error_label
from app.ui.support.error_text import error_text
from app.ui.widgets.row_table import RowTableModel

log = logging.getLogger(__name__)

COL_LOGIN, COL_NAME, COL_ROLE, COL_STATE, COL_LAST_LOGIN = range(5)
ROLES = (Role.ADMIN, Role.CASHIER, Role.MAINTENANCE)


def role_text(obj: QObject, role: Role) -> str:
    return {
        Role.ADMIN: QCoreApplication.translate("OperatorsDialog", "Administrator"),
        Role.CASHIER: QCoreApplication.translate("OperatorsDialog", "Cashier"),
        Role.MAINTENANCE: QCoreApplication.translate("OperatorsDialog", "Maintenance"),
    }[role]


def _local(at: dt.datetime | None) -> str:
    if at is None:
        return ""
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class OperatorsModel(RowTableModel):
    """Operators as rows; ``info(row)`` gives the OperatorInfo behind a row."""

    column_count = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._now = utcnow()

    def set_rows(self, rows: list[OperatorInfo], now: dt.datetime | None = None) -> None:
        self._now = now or utcnow()
        super().set_rows(rows)

    def info(self, row: int) -> OperatorInfo:
        return self._rows[row]

    def header_texts(self) -> tuple[str, ...]:
        return (
            self.tr("Login name"),
            self.tr("Display name"),
            self.tr("Role"),
            self.tr("State"),
            self.tr("Last login"),
        )

    def state_text(self, op: OperatorInfo) -> str:
        if not op.active:
            return self.tr("Disabled")
        if op.locked_until is not None and op.locked_until > self._now:
            return self.tr("Locked until %1").replace("%1", _local(op.locked_until)[-5:])
        if op.must_change_password:
            return self.tr("Must change password")
        return self.tr("Active")

    def display_text(self, op: OperatorInfo, col: int) -> str:
        if col == COL_LOGIN:
            return op.login
        if col == COL_NAME:
            return op.display_name
        if col == COL_ROLE:
            return role_text(self, op.role)
        if col == COL_STATE:
            return self.state_text(op)
        return _local(op.last_login_at)


class AddOperatorDialog(PasswordFormDialog):
    """New operator with a temporary password they must change at their first login."""

    def __init__(self, auth: AuthService, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._auth, self._actor = auth, actor
        self.setWindowTitle(self.tr("Add operator"))
        self.login_edit = QLineEdit()
        self.login_edit.setMaxLength(64)
        self.display_edit = QLineEdit()
        self.role_box = QComboBox()
        for role in ROLES:
            self.role_box.addItem(role_text(self, role), role)
        self.role_box.setCurrentIndex(ROLES.index(Role.CASHIER))
        form = QFormLayout()
        form.addRow(self.tr("Login name:"), self.login_edit)
        form.addRow(self.tr("Display name:"), self.display_edit)
        form.addRow(self.tr("Role:"), self.role_box)
        self._build(form, self.tr("The operator must change this password at the first login."))
        self.login_edit.textChanged.connect(self._validate)
        self._validate()

    def _login_name(self) -> str:
        return self.login_edit.text()

    def _submit(self) -> None:
        if not self._validate() or self._pending is not None:
            return
        auth, actor = self._auth, self._actor
        login, display = self.login_edit.text().strip(), self.display_edit.text()
        role, password = self.role_box.currentData(), self.new_edit.text()
        self._run(lambda: auth.create_operator(actor, login, display, role, password))


class ResetPasswordDialog(PasswordFormDialog):
    def __init__(
        self, auth: AuthService, actor: Actor, op: OperatorInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._auth, self._actor, self._op = auth, actor, op
        self.setWindowTitle(self.tr("Reset password"))
        intro = self.tr("Temporary password for %1; they must change it at the next login.")
        self._build(QFormLayout(), intro.replace("%1", op.login))
        self._validate()

    def _login_name(self) -> str:
        return self._op.login

    def _submit(self) -> None:
        if not self._validate() or self._pending is not None:
            return
        auth, actor, op_id, password = self._auth, self._actor, self._op.id, self.new_edit.text()
        self._run(lambda: auth.reset_password(actor, op_id, password))


class OperatorsDialog(QDialog):
    def __init__(self, auth: AuthService, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._auth, self._actor = auth, actor
        self.child_dialog: QDialog | None = None
        self.setWindowTitle(self.tr("Operators"))
        self.model = OperatorsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.add_button = QPushButton(self.tr("Add…"))
        self.toggle_button = QPushButton(self.tr("Disable"))
        self.reset_button = QPushButton(self.tr("Reset password…"))
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.role_box = QComboBox()
        for role in ROLES:
            self.role_box.addItem(role_text(self, role), role)
        self.role_button = QPushButton(self.tr("Set role"))
        self.error_label = error_label()
        row = QHBoxLayout()
        for w in (self.add_button, self.toggle_button, self.reset_button, self.unlock_button):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.role_box)
        row.addWidget(self.role_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addWidget(close)
        self.add_button.clicked.connect(self._add)
        self.toggle_button.clicked.connect(self._toggle)
        self.reset_button.clicked.connect(self._reset)
        self.unlock_button.clicked.connect(self._unlock)
        self.role_button.clicked.connect(self._set_role)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.resize(720, 380)
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected()
        self.model.set_rows(self._auth.list_operators(self._actor))
        if selected is not None:
            for r in range(self.model.rowCount()):
                if self.model.info(r).id == selected.id:
                    self.table.selectRow(r)
        self._selection_changed()

    def selected(self) -> OperatorInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.info(rows[0].row()) if rows else None

    def _selection_changed(self, *_args) -> None:
        op = self.selected()
        for w in (self.toggle_button, self.reset_button, self.unlock_button, self.role_button):
            w.setEnabled(op is not None)
        if op is not None:
            self.toggle_button.setText(self.tr("Disable") if op.active else self.tr("Enable"))
            self.role_box.setCurrentIndex(ROLES.index(op.role))

    def _call(self, fn, *args) -> None:
        try:
            fn(self._actor, *args)
        except PemError as exc:
            self.error_label.setText(error_text(exc))
        else:
            self.error_label.clear()
        self.refresh()

    def _open_child(self, dialog: QDialog) -> None:
        self.child_dialog = dialog
        dialog.finished.connect(self._child_finished)
        dialog.open()

    def _child_finished(self, code: int) -> None:
        self.child_dialog = None
        self.refresh()

    def _add(self) -> None:
        self._open_child(AddOperatorDialog(self._auth, self._actor, self))

    def _reset(self) -> None:
        op = self.selected()
        if op is not None:
            self._open_child(ResetPasswordDialog(self._auth, self._actor, op, self))

    def _toggle(self) -> None:
        op = self.selected()
        if op is not None:
            self._call(self._auth.set_active, op.id, not op.active)

    def _unlock(self) -> None:
        op = self.selected()
        if op is not None:
            self._call(self._auth.unlock, op.id)

    def _set_role(self) -> None:
        op = self.selected()
        if op is not None:
            self._call(self._auth.set_role, op.id, self.role_box.currentData())
