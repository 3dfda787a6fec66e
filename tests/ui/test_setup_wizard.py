"""The setup wizard on an empty data folder: pages, language, password rules, cancel, hooks."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QWizard

from app.errors import ConfigError
from app.models import close_database
from app.paths import SitePaths
from app.ui.shell import application, first_start, next_steps, setup_wizard
from app.ui.shell.application import Translations
from app.ui.shell.setup_wizard import SetupWizard

PASSWORD = "s3cret-admin"


@pytest.fixture
def translations(qapp):
    before = QLocale()
    chosen = Translations(qapp, "en")
    yield chosen
    chosen.switch("en")
    QLocale.setDefault(before)


@pytest.fixture
def wizard(qtbot, tmp_path, translations):
    paths = SitePaths(tmp_path / "new-site")
    made = []

    def create(*values):
        made.append(values)
        return first_start.create_site_with_admin(paths, *values)

    w = SetupWizard(paths, create, translations.switch, "en")
    qtbot.addWidget(w)
    w.show()
    w.paths, w.made = paths, made
    yield w
    close_database()


def _next(w: SetupWizard) -> None:
    w.button(QWizard.WizardButton.NextButton).click()


def _to_admin(w: SetupWizard, name: str = "Riverside Market") -> None:
    _next(w)
    w.name_page.name_edit.setText(name)
    _next(w)
    assert w.currentPage() is w.admin_page


def _fill_admin(w: SetupWizard, password: str = PASSWORD, repeat: str | None = None) -> None:
    page = w.admin_page
    page.name_edit.setText("boss")
    page.display_edit.setText("Wang")
    page.new_edit.setText(password)
    page.confirm_edit.setText(password if repeat is None else repeat)


def test_the_pages_in_order_make_the_site_at_the_admin_step_only(qtbot, wizard):
    w = wizard
    assert w.currentPage() is w.language_page
    assert str(w.paths.db) in w.language_page.text.text()  # the full path, as the question did
    assert "backup" in w.language_page.warning.text()
    _next(w)
    assert w.currentPage() is w.name_page
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()  # a name is needed
    _to_admin_from_name(w)
    assert not w.paths.data_dir.exists()  # nothing written before the administrator page
    _fill_admin(w)
    _next(w)
    qtbot.waitUntil(lambda: w.currentPage() is w.next_page, timeout=10000)
    assert w.made == [("Riverside Market", "en", "boss", PASSWORD, "Wang")]
    assert w.actor is not None and w.actor.name == "boss" and w.actor.role.value == "admin"
    assert w.paths.db.exists() and w.paths.key_file.exists()
    assert str(w.paths.key_file) in w.next_page.created.text()
    w.next_page.buttons[next_steps.SCAN].setChecked(True)
    w.button(QWizard.WizardButton.FinishButton).click()
    assert w.choice == next_steps.SCAN


def _to_admin_from_name(w: SetupWizard) -> None:
    w.name_page.name_edit.setText("Riverside Market")
    _next(w)
    assert w.currentPage() is w.admin_page


def test_the_site_is_stored_with_its_name_language_and_administrator(qtbot, wizard):
    from app import settings
    from app.services.auth import AuthService
    from app.services.site import Site

    w = wizard
    _to_admin(w)
    _fill_admin(w)
    _next(w)
    qtbot.waitUntil(lambda: w.currentPage() is w.next_page, timeout=10000)
    Site(w.paths).open()
    try:
        assert settings.get("site.name") == "Riverside Market"
        assert settings.get("ui.language") == "en"
        auth = AuthService()
        assert auth.login("boss", PASSWORD).name == "boss"
        assert not auth.must_change_password(auth.login("boss", PASSWORD))
    finally:
        close_database()


@pytest.mark.parametrize(
    ("password", "repeat", "said"),
    [
        ("short", None, "at least 8 characters"),
        ("boss", None, ""),  # too short first
        (PASSWORD, "other-password", "The two passwords differ."),
    ],
)
def test_the_password_rules_of_every_password_form(wizard, password, repeat, said):
    w = wizard
    _to_admin(w)
    _fill_admin(w, password, repeat)
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()
    assert w.admin_page.error_label.text()
    if said:
        assert said in w.admin_page.error_label.text()
    _next(w)
    assert w.currentPage() is w.admin_page and w.made == []


def test_the_login_name_may_not_be_the_password(wizard):
    w = wizard
    _to_admin(w)
    page = w.admin_page
    page.name_edit.setText("longlogin")
    page.new_edit.setText("longlogin")
    page.confirm_edit.setText("longlogin")
    assert "login name" in page.error_label.text()
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()


def test_cancel_before_the_admin_step_leaves_the_folder_as_it_was(wizard):
    w = wizard
    _to_admin(w)
    _fill_admin(w)
    w.button(QWizard.WizardButton.CancelButton).click()
    assert w.actor is None and w.made == []
    assert not w.paths.data_dir.exists()


def test_cancel_after_the_admin_step_leaves_a_usable_empty_site(qtbot, wizard):
    from app.services.site import Site

    w = wizard
    _to_admin(w)
    _fill_admin(w)
    _next(w)
    qtbot.waitUntil(lambda: w.currentPage() is w.next_page, timeout=10000)
    w.button(QWizard.WizardButton.CancelButton).click()
    assert w.actor is not None and w.choice == next_steps.LATER
    Site(w.paths).open()  # opens: database, key, administrator
    try:
        from app.models import Meter, Operator

        assert Operator.select().count() == 1 and Meter.select().count() == 0
    finally:
        close_database()


def test_a_failure_half_way_leaves_no_half_site(qtbot, wizard, monkeypatch):
    from app.services.auth import AuthService

    def broken(self, *a, **k):
        raise ConfigError("disk full")

    monkeypatch.setattr(AuthService, "create_first_admin", broken)
    w = wizard
    _to_admin(w)
    _fill_admin(w)
    _next(w)
    qtbot.waitUntil(lambda: w.admin_page._pending is None and bool(w.made), timeout=10000)
    assert w.currentPage() is w.admin_page and w.actor is None
    assert w.admin_page.error_label.text()
    assert not w.paths.db.exists() and not w.paths.key_file.exists()
    assert not w.paths.data_dir.exists()


def test_the_language_chosen_on_the_first_page_applies_at_once(qtbot, wizard):
    w = wizard
    cancel = w.button(QWizard.WizardButton.CancelButton)
    assert cancel.text() == "Cancel"
    english = w.language_page.text.text()
    box = w.language_page.language_box
    box.setCurrentIndex(box.findData("zh_CN"))
    qtbot.waitUntil(lambda: w.language_page.text.text() != english, timeout=3000)
    assert "没有" in w.language_page.text.text() or "站点" in w.language_page.text.text()
    assert cancel.text() == "取消"
    assert w.language() == "zh_CN"


# ---- run_gui: the wizard instead of the question, the hooks after it --------------------


@pytest.fixture
def gui(qapp, monkeypatch):
    import app.ui.auth.login_dialog as login_module

    logins = []
    monkeypatch.setattr(login_module, "login", lambda *a, **k: logins.append(a) or None)
    monkeypatch.setattr(application, "make_application", lambda: qapp)
    monkeypatch.setattr(application, "install_translators", lambda app, lang: [])
    monkeypatch.setattr(type(qapp), "exec", lambda self: 0)  # the window is not run
    root = logging.getLogger()
    handlers = list(root.handlers)
    yield logins
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()


def _run(folder: Path) -> int:
    args = argparse.Namespace(lang="en", demo=False, data_dir=str(folder), db=None)
    return application.run_gui(args, SitePaths(folder))


def test_run_gui_cancelled_wizard_creates_nothing(gui, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(setup_wizard, "run_setup", lambda *a, **k: None)
    folder = tmp_path / "mistyped"
    assert _run(folder) == 2
    assert capsys.readouterr().err.startswith(f"error: no site at {folder / 'site.db'}")
    assert not folder.exists()


def test_run_gui_after_the_wizard_skips_the_login_and_runs_the_chosen_hook(
    gui, qtbot, tmp_path, monkeypatch
):
    folder = tmp_path / "site"
    paths = SitePaths(folder)
    actor = first_start.create_site_with_admin(paths, "Site", "en", "boss", PASSWORD, "")
    paths.db.rename(folder / "moved.db")  # run_gui sees no site: the wizard "makes" it
    called = []

    def fake_import(parent):
        called.append(parent)
        return False

    monkeypatch.setattr(next_steps.HOOKS, "on_import", fake_import)

    def setup(*a, **k):
        (folder / "moved.db").rename(paths.db)
        return setup_wizard.SetupOutcome(actor, next_steps.IMPORT, "en")

    monkeypatch.setattr(setup_wizard, "run_setup", setup)
    windows = []
    from app.ui.shell import main_window

    real_show = main_window.MainWindow.show
    monkeypatch.setattr(
        main_window.MainWindow, "show", lambda self: windows.append(self) or real_show(self)
    )
    assert _run(folder) == 0
    assert gui == []  # no login: the administrator just chose the password
    qtbot.waitUntil(lambda: bool(called), timeout=3000)
    assert called == [windows[0]]
    for w in windows:
        w.deleteLater()


def test_the_hooks_run_the_choice_and_an_import_reloads_the_grid(qapp):
    calls = []

    class Window:
        def reload(self):
            calls.append("reload")

    hooks = next_steps.NextSteps(
        on_import=lambda p: calls.append(("import", p)) or True,
        on_scan=lambda p: calls.append(("scan", p)),
        on_add_by_hand=lambda p: calls.append(("by hand", p)),
    )
    window = Window()
    hooks.run(next_steps.LATER, window)
    assert calls == []
    hooks.run(next_steps.SCAN, window)
    hooks.run(next_steps.BY_HAND, window)
    hooks.run(next_steps.IMPORT, window)
    assert calls == [("scan", window), ("by hand", window), ("import", window), "reload"]
