"""The operators dialog: an admin adds, disables, resets and re-roles operators."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.models import Operator
from app.services.auth import AuthService
from app.services.permissions import Role
from app.ui.auth.operators_dialog import (
    COL_LOGIN,
    COL_ROLE,
    COL_STATE,
    AddOperatorDialog,
    OperatorsDialog,
    ResetPasswordDialog,
)


@pytest.fixture
def auth(database):
    return AuthService()


@pytest.fixture
def admin(auth):
    return auth.create_first_admin("admin", "s3cret-admin")


@pytest.fixture
def dialog(qtbot, auth, admin):
    dlg = OperatorsDialog(auth, admin)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def _cell(dlg, row, col):
    return dlg.model.data(dlg.model.index(row, col))


def _row_of(dlg, login):
    return next(r for r in range(dlg.model.rowCount()) if _cell(dlg, r, COL_LOGIN) == login)


def test_lists_operators_without_selection(dialog):
    assert dialog.model.rowCount() == 1
    assert _cell(dialog, 0, COL_ROLE) == "Administrator"
    assert _cell(dialog, 0, COL_STATE) == "Active"
    assert not dialog.toggle_button.isEnabled()


def test_admin_adds_operator(qtbot, dialog, auth):
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    add = dialog.child_dialog
    assert isinstance(add, AddOperatorDialog)
    assert not add.ok_button.isEnabled()
    qtbot.keyClicks(add.login_edit, "li")
    qtbot.keyClicks(add.display_edit, "Li Na")
    add.role_box.setCurrentIndex(add.role_box.findText("Maintenance"))
    qtbot.keyClicks(add.new_edit, "temp-pass-1")
    qtbot.keyClicks(add.confirm_edit, "temp-pass-9")
    assert not add.ok_button.isEnabled()
    add.confirm_edit.setText("temp-pass-1")
    qtbot.mouseClick(add.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=5000)
    row = _row_of(dialog, "li")
    assert _cell(dialog, row, COL_ROLE) == "Maintenance"
    assert _cell(dialog, row, COL_STATE) == "Must change password"
    op = Operator.get(Operator.login == "li")
    assert op.display_name == "Li Na" and op.role == "maintenance"
    assert auth.login("li", "temp-pass-1").role is Role.MAINTENANCE


def test_duplicate_login_is_refused_in_the_dialog(qtbot, dialog):
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    add = dialog.child_dialog
    qtbot.keyClicks(add.login_edit, "Admin")
    add.new_edit.setText("temp-pass-1")
    add.confirm_edit.setText("temp-pass-1")
    qtbot.mouseClick(add.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "already exists" in add.error_label.text(), timeout=5000)
    assert add.isVisible() and dialog.model.rowCount() == 1


def test_disable_role_reset_and_last_admin(qtbot, dialog, auth, admin):
    info = auth.create_operator(admin, "wang", "", Role.CASHIER, "temp-pass-1")
    dialog.refresh()
    dialog.table.selectRow(_row_of(dialog, "wang"))
    assert dialog.toggle_button.text() == "Disable"
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    assert _cell(dialog, _row_of(dialog, "wang"), COL_STATE) == "Disabled"
    assert dialog.toggle_button.text() == "Enable"  # selection kept across refresh
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    assert Operator.get_by_id(info.id).active
    dialog.role_box.setCurrentIndex(dialog.role_box.findText("Maintenance"))
    qtbot.mouseClick(dialog.role_button, Qt.MouseButton.LeftButton)
    assert Operator.get_by_id(info.id).role == "maintenance"
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    reset = dialog.child_dialog
    assert isinstance(reset, ResetPasswordDialog)
    reset.new_edit.setText("wang")  # the login name: refused
    reset.confirm_edit.setText("wang")
    assert not reset.ok_button.isEnabled()
    reset.new_edit.setText("fresh-pass-2")
    reset.confirm_edit.setText("fresh-pass-2")
    with qtbot.waitSignal(reset.accepted, timeout=5000):
        qtbot.mouseClick(reset.ok_button, Qt.MouseButton.LeftButton)
    assert auth.login("wang", "fresh-pass-2").name == "wang"
    # the last admin cannot be disabled: the refusal shows in the dialog
    dialog.table.selectRow(_row_of(dialog, "admin"))
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    assert "last active administrator" in dialog.error_label.text()
    assert Operator.get(Operator.login == "admin").active
