"""The language chosen at the login or the lock screen takes effect at once, everywhere (#8).

Before, the start-up login changed only its Cancel button (Qt's own) until the main window
opened, and a choice at the lock screen was not applied at all.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel

from app.models import Operator
from app.services.auth import AuthService
from app.services.meter_state import GridState
from app.ui.auth.login_dialog import LoginDialog
from app.ui.shell.application import Translations
from app.ui.shell.main_window import MainWindow
from app.ui.shell.session import Session
from tests.support.preview_site import PreviewSite, grid_row, sample_buses
from tests.ui.test_i18n import zh  # noqa: F401 (a fixture)


@pytest.fixture
def translations(qapp):
    before = QLocale()
    chosen = Translations(qapp, "en")
    yield chosen
    chosen.switch("en")
    QLocale.setDefault(before)


@pytest.fixture
def auth(database):
    service = AuthService()
    service.create_first_admin("admin", "s3cret-admin")
    Operator.update(must_change_password=False).execute()
    return service


def _label(dialog: LoginDialog, field) -> str:
    return dialog.findChild(QFormLayout).labelForField(field).text()


def _choose(dialog: LoginDialog, lang: str) -> None:
    dialog.language_box.setCurrentIndex(dialog.language_box.findData(lang))


def test_the_start_up_login_reads_in_the_language_just_chosen(qtbot, auth, translations):
    dialog = LoginDialog(auth, language="en")
    qtbot.addWidget(dialog)
    dialog.languageChosen.connect(translations.switch)
    dialog.show()
    assert (_label(dialog, dialog.name_edit), dialog.login_button.text()) == (
        "Login name:",
        "Log in",
    )
    _choose(dialog, "zh_CN")
    qtbot.waitUntil(lambda: dialog.login_button.text() == "登录", timeout=3000)
    assert _label(dialog, dialog.name_edit) == "登录名："
    assert dialog.windowTitle() == "登录"
    assert QLocale().name() == "zh_CN"
    _choose(dialog, "en")
    qtbot.waitUntil(lambda: dialog.login_button.text() == "Log in", timeout=3000)
    assert _label(dialog, dialog.password_edit) == "Password:"
    assert QLocale().language() == QLocale.Language.English


def test_chinese_chosen_at_the_lock_screen_turns_the_whole_window(qtbot, auth, translations):
    site = PreviewSite([grid_row(1), grid_row(2, tenant=None)], sample_buses(1))
    window = MainWindow(site)
    qtbot.addWidget(window)
    window.show()
    admin = auth.login("admin", "s3cret-admin")
    session = Session(window, site, auth, admin, "en", on_language=translations.switch)
    reg = window.actions_registry
    assert window.menus["sales"].title() == "&Sales"

    dialog = session.lock()
    _choose(dialog, "zh_CN")
    qtbot.waitUntil(lambda: window.menus["sales"].title() == "售电(&S)", timeout=3000)
    assert dialog.login_button.text() == "登录"
    assert reg["sales.sell"].action.text() == "售电(&S)…"
    assert reg["system.lock"].action.text() != "&Lock screen"
    assert reg["system.quit"].action.text() != "&Quit"
    assert window.view_actions["tiles"].text() != "Tiles"
    assert window.legend.state_labels[GridState.UNOPENED].text() == "未开户"
    assert "管理员" in window.windowTitle()
    assert session.language == "zh_CN"  # the next lock screen offers Chinese first

    qtbot.keyClicks(dialog.name_edit, "admin")
    qtbot.keyClicks(dialog.password_edit, "s3cret-admin")
    with qtbot.waitSignal(dialog.loggedIn, timeout=5000):
        dialog.login_button.click()
    QApplication.processEvents()
    assert window.menus["system"].title() != "S&ystem"
    assert reg["system.log"].action.text() != "System &log…"


@pytest.mark.usefixtures("zh")
def test_the_password_hint_is_chinese_in_every_password_dialog(qtbot, auth):
    from app.ui.auth.operators_dialog import AddOperatorDialog
    from app.ui.auth.password_dialogs import ChangePasswordDialog

    admin = auth.login("admin", "s3cret-admin")
    for dialog in (AddOperatorDialog(auth, admin), ChangePasswordDialog(auth, admin)):
        qtbot.addWidget(dialog)
        texts = [label.text() for label in dialog.findChildren(QLabel)]
        assert "至少 8 个字符，且不能与登录名相同。" in texts
        assert not any(t.startswith("At least") for t in texts)
