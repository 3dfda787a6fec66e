"""The main window's menus (one mnemonic per letter) and Quit, which asks only when
something is in flight."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.models import Bus, LedgerEntry
from app.services.auth import AuthService
from app.services.grid_data import load_grid_rows
from app.services.permissions import Role
from app.services.site import bus_config
from app.ui.cashier.actions import install_cashier_actions
from app.ui.cashier.sale_dialog import SaleDialog
from app.ui.shell.main_window import MainWindow
from app.ui.shell.session import Session
from app.ui.support import background
from tests.ui.cashier_fixtures import CASHIER, cashier_site


@pytest.fixture
def site(database, master_key, tmp_path):
    with cashier_site(master_key, tmp_path) as site:
        site.bus_configs = lambda: [bus_config(b) for b in Bus.select()]
        site.grid_rows = load_grid_rows
        yield site


@pytest.fixture
def window(qtbot, site):
    w = MainWindow(site)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def mnemonic(text: str) -> str | None:
    match = re.search(r"&([^&])", text.replace("&&", ""))
    return match.group(1).lower() if match else None


def test_every_menu_has_one_item_per_mnemonic(qtbot, site, window):
    auth = AuthService()
    admin = auth.create_first_admin("admin", "s3cret-admin")
    assert admin.role is Role.ADMIN  # sees every item
    Session(window, site, auth, admin, "en")
    letters = [mnemonic(m.title()) for m in window.menus.values()]
    assert len(letters) == len(set(letters))
    for key, menu in window.menus.items():
        shown = [a for a in menu.actions() if a.isVisible() and not a.isSeparator()]
        keys = [mnemonic(a.text()) for a in shown if mnemonic(a.text())]
        assert len(keys) == len(set(keys)), (key, [a.text() for a in shown])


def quit_now(window) -> None:
    window.actions_registry["system.quit"].action.trigger()


def test_quit_leaves_at_once_when_nothing_is_in_flight(qtbot, window):
    assert window.work_in_flight() == []
    quit_now(window)
    assert not window.isVisible() and window.quit_question is None


def test_a_routine_read_under_way_does_not_hold_quit(qtbot, window):
    """The status bar's counts and the grid's marks are read on timers: one caught in flight
    is cut off without a question; work an operator started still asks."""
    import threading

    from app.ui.support import background

    gate = threading.Event()
    routine = background.run_routine(gate.wait, 10)
    try:
        assert window.work_in_flight() == []
        started = background.run(gate.wait, 10)
        assert window.work_in_flight() != []
    finally:
        gate.set()
    routine.result(5), started.result(5)
    quit_now(window)
    assert not window.isVisible()


def test_quit_asks_while_a_sale_waits_for_the_meter(qtbot, site, window):
    install_cashier_actions(window, site, CASHIER)
    dialog = SaleDialog(site, CASHIER, site.meter_ids[0], window)
    dialog.auto_preview = False
    dialog.show()
    qtbot.keyClicks(dialog.amount_edit, "20")
    dialog.go_confirm()
    site.worker.hold()  # the meter has not answered yet
    dialog.send()
    assert dialog.is_busy()
    quit_now(window)
    assert window.isVisible()
    box = window.quit_question
    assert box is not None and box.isVisible()
    assert dialog.windowTitle() in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert window.isVisible() and window.quit_question is None
    with qtbot.waitSignal(dialog.operationFinished, timeout=5000):
        site.worker.release()
    assert LedgerEntry.select().where(LedgerEntry.kind == "sale").count() == 2
    quit_now(window)  # nothing in flight any more: no question
    assert not window.isVisible()


def test_quit_anyway_when_the_cashier_says_yes(qtbot, window, monkeypatch):
    monkeypatch.setattr(background, "in_flight", lambda: 1)
    quit_now(window)
    box = window.quit_question
    assert box is not None and window.isVisible()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert not window.isVisible()
