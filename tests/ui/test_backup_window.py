"""The backups window: back up now (admin), the list and the last runs, failures inline."""

from __future__ import annotations

import types

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.paths import SitePaths
from app.services import service_lease
from app.services.permissions import Actor, Role
from app.ui.backups.backup_window import BackupWindow, install_backup_actions
from app.ui.shell import application

ADMIN = Actor(1, "admin", Role.ADMIN)
CASHIER = Actor(2, "li", Role.CASHIER)


def _window(qtbot, tmp_path, actor):
    (tmp_path / "master.key").write_bytes(b"k" * 64)
    site = types.SimpleNamespace(paths=SitePaths(tmp_path))
    view = BackupWindow(site, lambda: actor)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.status.text() == "", timeout=5000)
    return view


def test_back_up_now_lists_the_new_backup(qtbot, database, tmp_path):
    service_lease.try_acquire("night", "gui")
    service_lease.update_status("night", archive={"at": "2024-05-01T02:00:00", "moved": 42})
    view = _window(qtbot, tmp_path, ADMIN)
    assert view.listing.count() == 0 and "none yet" in view.last_backup.text()
    assert "42 readings moved" in view.last_archive.text()
    view.back_up.click()
    qtbot.waitUntil(lambda: view.listing.count() == 1, timeout=10000)
    qtbot.waitUntil(lambda: view.status.text().startswith("Backup made"), timeout=5000)
    assert "none yet" not in view.last_backup.text() and view.back_up.isEnabled()


def test_a_cashier_is_refused_inline(qtbot, database, tmp_path):
    view = _window(qtbot, tmp_path, CASHIER)
    view.back_up.click()
    qtbot.waitUntil(lambda: view.back_up.isEnabled() and view.status.text() != "", timeout=5000)
    assert view.status.text() not in ("", "Backing up…")
    assert view.listing.count() == 0


class _Window(QWidget):
    """Just what install_backup_actions uses of the main window."""

    retranslated = Signal()

    def __init__(self, actor):
        super().__init__()
        self.actor = actor
        self.registered = {}

    def add_action(self, key, text, menu=None, permission=None, context=False):
        act = QAction(text, self)
        act.setVisible(permission is None or self.actor.can(permission))
        self.registered[key] = act
        return act


def test_the_menu_entry_follows_a_language_change(qtbot, qapp, tmp_path):
    window = _Window(ADMIN)
    qtbot.addWidget(window)
    actions = install_backup_actions(window, types.SimpleNamespace(paths=SitePaths(tmp_path)))
    entry = window.registered["backups.window"]
    assert actions.action is entry
    assert entry.text() == "&Backups and archive…"
    before = QLocale()
    installed = application.install_translators(qapp, "zh_CN")
    try:
        window.retranslated.emit()
        assert entry.text() == "备份与归档(&B)…"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        QLocale.setDefault(before)
    window.retranslated.emit()
    assert entry.text() == "&Backups and archive…"
