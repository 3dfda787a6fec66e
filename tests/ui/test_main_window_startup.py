"""Starting the GUI: Qt messages into logging, crashes shown and logged, translations, run_gui."""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile

import pytest
from PySide6.QtCore import qWarning

from app.errors import ConfigError
from app.paths import SitePaths
from app.services.permissions import Actor, Role
from app.ui.shell import application, crash_dialog
from tests.support.preview_site import PreviewSite, grid_row, sample_buses


@pytest.mark.allow_log_warnings
def test_qt_messages_go_to_logging(qapp, caplog):
    from PySide6.QtCore import qInstallMessageHandler

    previous = qInstallMessageHandler(application.qt_message_handler)
    try:
        qWarning("something odd in Qt")
    finally:
        qInstallMessageHandler(previous)
    records = [r for r in caplog.records if r.name == "app.qt"]
    assert records and records[0].levelno == logging.WARNING
    assert "something odd in Qt" in records[0].getMessage()


@pytest.mark.allow_log_warnings
def test_unhandled_exception_is_logged_and_shown(qapp, caplog, monkeypatch):
    shown = []
    monkeypatch.setattr(crash_dialog.CrashDialog, "exec", lambda self: shown.append(self) or 0)
    try:
        raise RuntimeError("bug in a slot")
    except RuntimeError:
        crash_dialog.handle_exception(*sys.exc_info())
    (record,) = [r for r in caplog.records if r.name == "app.ui.shell.crash_dialog"]
    assert record.levelno == logging.CRITICAL and record.exc_info[1].args == ("bug in a slot",)
    (dialog,) = shown
    text = dialog.details.toPlainText()
    assert "Traceback" in text and "RuntimeError: bug in a slot" in text
    dialog.deleteLater()


def test_excepthook_is_installed(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    crash_dialog.install_excepthook()
    assert sys.excepthook is crash_dialog.handle_exception


def test_missing_translation_is_fine(qapp, monkeypatch, tmp_path):
    monkeypatch.setattr(application, "I18N_DIR", tmp_path)
    assert application.install_translators(qapp, "en") == []
    installed = application.install_translators(qapp, "zh_CN")  # our .qm absent: no crash
    for t in installed:
        qapp.removeTranslator(t)


def _fake_gui(qapp, monkeypatch, actor, pick_language=None):
    """run_gui with a preview site, the login answered by ``actor`` and exec inspected."""
    site = PreviewSite([grid_row(1)], sample_buses(1))
    seen = {}

    def fake_open_site(paths, listener=None, serve=None):
        seen["listener"] = listener
        site.signals = listener
        return site

    def fake_exec():
        windows = [
            w
            for w in qapp.topLevelWidgets()
            if type(w).__name__ == "MainWindow" and w.isVisible()  # not an earlier test's
        ]
        seen["windows"] = windows
        seen["visible"] = any(w.isVisible() and w.model.rowCount() == 1 for w in windows)
        seen["actions"] = {
            key: reg.action.isVisible() for w in windows for key, reg in w.actions_registry.items()
        }
        for w in windows:
            w.close()
            w.deleteLater()
        return 0

    import app.services.site as site_module
    import app.ui.auth.login_dialog as login_module

    monkeypatch.setattr(site_module, "open_site", fake_open_site)

    def fake_login(*_a, on_language=None, **_k):
        if pick_language:
            on_language(pick_language)
        return actor

    monkeypatch.setattr(login_module, "login", fake_login)
    monkeypatch.setattr(qapp, "exec", fake_exec)
    monkeypatch.setattr(application, "install_translators", _recorder(seen))
    monkeypatch.setattr(application, "make_application", lambda: qapp)
    args = argparse.Namespace(lang="en", demo=False, data_dir=None, db=None)
    return application.run_gui(args, SitePaths(tmp_path_factory_dir())), site, seen


def _recorder(seen):
    def install(app, lang):
        seen.setdefault("langs", []).append(lang)
        return []

    return install


def test_language_picked_at_login_is_stored_and_used(qapp, monkeypatch, database):
    from app import settings

    code, _site, seen = _fake_gui(
        qapp, monkeypatch, Actor(2, "cashier", Role.CASHIER), pick_language="zh_CN"
    )
    assert code == 0 and seen["langs"] == ["en", "zh_CN"]
    assert settings.get("ui.language") == "zh_CN"


def test_run_gui_logs_in_shows_the_window_for_the_role_and_stops(qapp, monkeypatch, database):
    cashier = Actor(2, "cashier", Role.CASHIER)
    code, site, seen = _fake_gui(qapp, monkeypatch, cashier)
    assert code == 0 and seen["visible"] and site.stopped
    assert type(seen["listener"]).__name__ == "BusSignals"
    actions = seen["actions"]
    assert actions["sales.sell"] and actions["system.lock"]
    assert not actions["system.operators"]  # admin only: hidden from a cashier


def test_run_gui_for_maintenance_hides_money(qapp, monkeypatch, database):
    code, _site, seen = _fake_gui(qapp, monkeypatch, Actor(3, "maint", Role.MAINTENANCE))
    assert code == 0 and not seen["actions"]["sales.sell"]


def test_cancelled_login_quits_without_a_window(qapp, monkeypatch, database):
    code, site, seen = _fake_gui(qapp, monkeypatch, None)
    assert code == 0 and "windows" not in seen and site.stopped


@pytest.mark.allow_log_warnings
def test_run_gui_reports_a_site_that_cannot_open(qapp, monkeypatch):
    import app.services.site as site_module

    def broken(paths, listener=None, serve=None):
        raise ConfigError("database folder is read-only")

    shown = []
    monkeypatch.setattr(site_module, "open_site", broken)
    monkeypatch.setattr(application, "make_application", lambda: qapp)
    monkeypatch.setattr(application, "install_translators", lambda app, lang: [])
    monkeypatch.setattr(application.QMessageBox, "critical", lambda *a: shown.append(a[2]) or 0)
    args = argparse.Namespace(lang="en", demo=False, data_dir=None, db=None)
    assert application.run_gui(args, SitePaths(tmp_path_factory_dir())) == 2
    assert shown == ["database folder is read-only"]


def tmp_path_factory_dir():
    """A folder for paths the fake site never uses."""
    from pathlib import Path

    return Path(tempfile.mkdtemp(prefix="pem-gui-"))
