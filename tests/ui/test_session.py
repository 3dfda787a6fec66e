"""A session on the real main window: the role shapes the menus; a shift change at the lock
screen swaps the operator while live updates keep reaching the grid."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from app.serial_io.meter_data import MeterStatus
from app.services.auth import AuthService
from app.services.meter_state import GridState
from app.services.permissions import Role
from app.ui.grid.columns import StateRole
from app.ui.shell.main_window import MainWindow
from app.ui.shell.session import Session
from tests.support.preview_site import PreviewSite, grid_row, meter_update, sample_buses


class Signals(QObject):
    meterUpdated = Signal(object)
    busUpdated = Signal(object)


def test_lock_and_shift_change_swap_the_operator_while_updates_go_on(qtbot, database):
    auth = AuthService()
    admin = auth.create_first_admin("admin", "s3cret-admin")
    auth.create_operator(admin, "maint", "Fixer", Role.MAINTENANCE, "maint-pass-1")
    from app.models import Operator

    Operator.update(must_change_password=False).execute()
    row = grid_row(1, status=MeterStatus(balance=50_000))
    site = PreviewSite([row], sample_buses(1))
    site.signals = Signals()
    window = MainWindow(site)
    qtbot.addWidget(window)
    window.show()
    session = Session(window, site, auth, admin, "en")
    reg = window.actions_registry
    assert reg["system.operators"].action.isVisible() and reg["sales.sell"].action.isVisible()

    dialog = session.lock()
    site.signals.meterUpdated.emit(meter_update(row, balance=0))  # polling goes on
    window.model.flush()
    assert window.model.index(0, 0).data(StateRole) is GridState.ARREARS
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "maint")
    qtbot.keyClicks(dialog.password_edit, "maint-pass-1")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: session.actor.name == "maint", timeout=5000)
    assert not reg["sales.sell"].action.isVisible()
    assert not reg["system.operators"].action.isVisible()
    assert session.cashier.actor.role is Role.MAINTENANCE
    assert "maint" in window.windowTitle()
