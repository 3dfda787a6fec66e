"""The login, first-admin and change-password dialogs driven as an operator would."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

from app.models import Operator, SystemLog
from app.services.auth import AuthService
from app.services.permissions import Role
from app.ui.auth.login_dialog import LoginDialog, lock_screen, login
from app.ui.auth.password_dialogs import ChangePasswordDialog, FirstAdminDialog


class FakeClock:
    def __init__(self) -> None:
        self.now = dt.datetime(2025, 3, 1, 8, 0, 0)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def auth(database, clock):
    service = AuthService(clock=clock)
    service.create_first_admin("admin", "s3cret-admin")
    return service


def _type_and_submit(qtbot, dialog: LoginDialog, name: str, password: str) -> None:
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, name)
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)


def _wait_idle(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=5000)


def test_login_success(qtbot, auth):
    dialog = LoginDialog(auth, language="en")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.chosen_language() == "en"
    with qtbot.waitSignal(dialog.loggedIn, timeout=5000) as got:
        _type_and_submit(qtbot, dialog, "admin", "s3cret-admin")
        assert dialog.busy() and not dialog.login_button.isEnabled()  # checking in background
    assert got.args[0].name == "admin" and got.args[0].role is Role.ADMIN
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor == got.args[0]
    assert dialog.password_edit.text() == ""


def test_login_failure_message_stays_in_dialog(qtbot, auth):
    dialog = LoginDialog(auth)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_and_submit(qtbot, dialog, "admin", "wrong-one")
    _wait_idle(qtbot, dialog)
    assert dialog.error_label.text() == "Wrong login name or password."
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.password_edit.text() == "" and dialog.login_button.isEnabled()
    _type_and_submit(qtbot, dialog, "nobody", "wrong-one")
    _wait_idle(qtbot, dialog)
    assert dialog.error_label.text() == "Wrong login name or password."


def test_empty_fields_are_not_sent(qtbot, auth):
    dialog = LoginDialog(auth)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert not dialog.busy()
    assert "Enter your login name" in dialog.error_label.text()
    assert SystemLog.select().where(SystemLog.action == "login.failed").count() == 0


def test_lock_message_with_minutes(qtbot, auth, clock):
    dialog = LoginDialog(auth)
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(5):
        _type_and_submit(qtbot, dialog, "admin", "wrong-one")
        _wait_idle(qtbot, dialog)
    assert dialog.error_label.text() == (
        "Too many wrong passwords. The account is locked; try again in 5 minute(s)."
    )
    clock.now += dt.timedelta(minutes=3)
    _type_and_submit(qtbot, dialog, "admin", "s3cret-admin")
    _wait_idle(qtbot, dialog)
    assert "try again in 2 minute(s)" in dialog.error_label.text()
    assert dialog.actor is None


def test_forced_password_change_after_reset(qtbot, auth):
    admin = auth.login("admin", "s3cret-admin")
    auth.create_operator(admin, "li", "Li", Role.CASHIER, "temp-pass-1")
    dialog = LoginDialog(auth)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_and_submit(qtbot, dialog, "li", "temp-pass-1")
    qtbot.waitUntil(lambda: dialog.forced_change is not None, timeout=5000)
    change = dialog.forced_change
    assert not change.ok_button.isEnabled()
    qtbot.keyClicks(change.new_edit, "mine-now-1")
    qtbot.keyClicks(change.confirm_edit, "mine-now-1")
    assert change.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.loggedIn, timeout=5000):
        qtbot.mouseClick(change.ok_button, Qt.MouseButton.LeftButton)
    assert not Operator.get(Operator.login == "li").must_change_password
    assert auth.login("li", "mine-now-1").name == "li"


def test_first_admin_dialog_validation(qtbot, database):
    auth = AuthService()
    dialog = FirstAdminDialog(auth)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.name_edit.text() == "admin"
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.new_edit, "short")
    assert "at least 8 characters" in dialog.error_label.text()
    assert not dialog.ok_button.isEnabled()
    dialog.new_edit.clear()
    qtbot.keyClicks(dialog.new_edit, "Admin")
    dialog.name_edit.setText("admin")
    dialog.new_edit.setText("ADMIN")  # too short and the name: short wins
    assert not dialog.ok_button.isEnabled()
    dialog.name_edit.setText("superuser")
    dialog.new_edit.setText("superuser")
    assert dialog.error_label.text() == "The password must not be the login name."
    dialog.new_edit.setText("good-pass-1")
    qtbot.keyClicks(dialog.confirm_edit, "good-pass-2")
    assert dialog.error_label.text() == "The two passwords differ."
    assert not dialog.ok_button.isEnabled()
    dialog.confirm_edit.setText("good-pass-1")
    assert dialog.error_label.text() == "" and dialog.ok_button.isEnabled()
    dialog.name_edit.setText("  ")
    assert not dialog.ok_button.isEnabled()
    dialog.name_edit.setText("superuser")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.actor.name == "superuser" and dialog.actor.role is Role.ADMIN
    assert not auth.needs_admin_setup()
    assert auth.login("superuser", "good-pass-1") == dialog.actor


def test_change_password_dialog_wrong_old_password(qtbot, auth):
    admin = auth.login("admin", "s3cret-admin")
    dialog = ChangePasswordDialog(auth, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.old_edit, "not-it-at-all")
    qtbot.keyClicks(dialog.new_edit, "new-pass-42")
    qtbot.keyClicks(dialog.confirm_edit, "new-pass-42")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=5000)
    assert "current password is wrong" in dialog.error_label.text()
    assert dialog.isVisible()


def test_lock_screen_covers_window_and_any_operator_unlocks(qtbot, auth):
    admin = auth.login("admin", "s3cret-admin")
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(640, 400)
    window.setCentralWidget(QWidget())
    window.show()
    unlocked = []
    dialog = lock_screen(window, auth, admin, unlocked.append)
    cover = window.findChild(QWidget, "lockCover")
    assert cover is not None and cover.isVisible()
    assert cover.geometry() == window.rect()
    window.resize(800, 500)
    qtbot.waitUntil(lambda: cover.geometry() == window.rect(), timeout=2000)
    assert dialog.isVisible() and dialog.windowModality() == Qt.WindowModality.WindowModal
    dialog.reject()  # Escape does not open a locked screen
    assert dialog.isVisible()
    _type_and_submit(qtbot, dialog, "admin", "s3cret-admin")
    qtbot.waitUntil(lambda: bool(unlocked), timeout=5000)
    assert unlocked[0].name == "admin"
    qtbot.waitUntil(lambda: window.findChild(QWidget, "lockCover") is None, timeout=2000)
    actions = [r.action for r in SystemLog.select().order_by(SystemLog.id)]
    assert actions[-3:] == ["session.lock", "login.ok", "session.unlock"]


def _when_modal(qtbot, cls, act) -> None:
    """Run ``act(dialog)`` once a modal ``cls`` is up (the start-up functions block in exec)."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, cls):
            act(widget)
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def test_startup_login_function(qtbot, auth):
    chosen = []

    def fill(dialog: LoginDialog) -> None:
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
        _type_and_submit(qtbot, dialog, "admin", "s3cret-admin")

    _when_modal(qtbot, LoginDialog, fill)
    actor = login(None, auth, "zh_CN", site_name="Test Mall", on_language=chosen.append)
    assert actor is not None and actor.name == "admin"
    assert chosen == ["en"]


def test_startup_login_cancel_returns_none(qtbot, auth):
    _when_modal(qtbot, LoginDialog, lambda d: d.reject())
    assert login(None, auth) is None


def test_first_start_goes_through_admin_setup(qtbot, database):
    service = AuthService()

    def fill(dialog: FirstAdminDialog) -> None:
        dialog.new_edit.setText("first-pass-1")
        dialog.confirm_edit.setText("first-pass-1")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    _when_modal(qtbot, FirstAdminDialog, fill)
    actor = login(None, service)
    assert actor is not None and actor.name == "admin" and actor.role is Role.ADMIN
    assert not service.needs_admin_setup()


def test_gui_keeps_running_while_password_is_checked(qtbot, auth, monkeypatch):
    """A slow check (scrypt) must not stop timers such as the main window's polling updates."""
    release = threading.Event()
    real_login = auth.login

    def slow_login(name, password):
        release.wait(5)
        return real_login(name, password)

    monkeypatch.setattr(auth, "login", slow_login)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    dialog = LoginDialog(auth)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_and_submit(qtbot, dialog, "admin", "s3cret-admin")
    assert dialog.busy() and not dialog.name_edit.isEnabled()
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=3000)  # the event loop runs meanwhile
    assert dialog.busy()
    with qtbot.waitSignal(dialog.loggedIn, timeout=5000):
        release.set()
    timer.stop()
