"""System ▸ Settings… opens one settings window per main window, for every role (cashiers look)."""

from __future__ import annotations

from app.services.auth import AuthService
from app.services.permissions import Actor, Role
from app.ui.shell.main_window import MainWindow
from app.ui.shell.session import Session
from app.ui.support import background
from tests.support.preview_site import PreviewSite, sample_buses


def test_settings_menu_opens_one_window_that_follows_the_operator(qtbot, database):
    auth = AuthService()
    admin = auth.create_first_admin("admin", "s3cret-admin")
    site = PreviewSite([], sample_buses(1))
    window = MainWindow(site)
    qtbot.addWidget(window)
    window.show()
    session = Session(window, site, auth, admin, "en")
    action = window.actions_registry["system.settings"].action
    assert action.isVisible() and action.text() == "&Settings…"
    action.trigger()
    first = session._settings_window
    assert first is not None and first.isVisible() and first.windowTitle() == "System settings"
    action.trigger()
    assert session._settings_window is first  # asked again: the same window comes forward
    assert not first.buildings.add_button.isHidden()
    cashier = auth.create_operator(admin, "anna", "Anna", Role.CASHIER, "anna-pass-12")
    session._set_actor(Actor(cashier.id, "anna", Role.CASHIER))  # a shift change
    assert window.actions_registry["system.settings"].action.isVisible()
    assert first.buildings.add_button.isHidden() and first.meters.add_button.isHidden()
    first.close()
    qtbot.waitUntil(lambda: background.in_flight() == 0, timeout=20000)
