"""The cashier's entries in the main window's menus and the grid's context menu, by role."""

from __future__ import annotations

import pytest

from app.models import Bus
from app.services.grid_data import load_grid_rows
from app.services.site import bus_config
from app.ui.cashier.actions import install_cashier_actions, meter_actions
from app.ui.cashier.sale_dialog import SaleDialog
from tests.ui.cashier_fixtures import CASHIER, MAINTENANCE, cashier_site


@pytest.fixture
def site(database, master_key, tmp_path):
    with cashier_site(master_key, tmp_path) as site:
        site.bus_configs = lambda: [bus_config(b) for b in Bus.select()]
        site.grid_rows = load_grid_rows
        yield site


def names(actions) -> list[str]:
    return [a.objectName() for a in actions]


def test_meter_actions_fit_the_meters_and_the_role(qtbot, site):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    opened, free = site.meter_ids[0], site.meter_ids[1:3]
    assert names(meter_actions(parent, site, CASHIER, [opened])) == [
        "cashier.sale",
        "cashier.refund",
        "cashier.correction",
        "cashier.close",
        "cashier.replace",
    ]
    assert names(meter_actions(parent, site, CASHIER, list(free))) == ["cashier.open"]
    assert meter_actions(parent, site, CASHIER, [opened, *free]) == []
    assert meter_actions(parent, site, MAINTENANCE, [opened]) == []
    assert meter_actions(parent, site, MAINTENANCE, list(free)) == []
    sell = meter_actions(parent, site, CASHIER, [opened])[0]
    sell.trigger()
    dialogs = [w for w in parent.window().findChildren(SaleDialog)]
    assert len(dialogs) == 1 and dialogs[0].meter_id == opened
    dialogs[0].close()


def test_installed_in_the_main_window(qtbot, site):
    from app.ui.shell.main_window import MainWindow

    window = MainWindow(site)
    qtbot.addWidget(window)
    window.apply_role(CASHIER)
    ca = install_cashier_actions(window, site, CASHIER)
    assert {"sales.sell", "sales.records", "tenants.open", "tenants.list"} <= set(ca.actions)
    assert all(a.isVisible() for a in ca.actions.values())
    assert ca.actions["sales.sell"] in window.menus["sales"].actions()
    menu = window.build_context_menu([site.meter_ids[0]])
    assert "cashier.sale" in names(menu.actions())
    sales = ca.show_sales()
    assert sales.model.rowCount() == 2  # the opening and its first sale
    tenants = ca.show_tenants()
    assert tenants.visible_account_numbers() == ["000001"]
    window.select_meters([site.meter_ids[0]])
    dialog = ca.sell()
    assert dialog.meter_id == site.meter_ids[0]
    dialog.close()


def test_maintenance_sees_no_money_actions(qtbot, site):
    from app.ui.shell.main_window import MainWindow

    window = MainWindow(site)
    qtbot.addWidget(window)
    ca = install_cashier_actions(window, site, MAINTENANCE)
    window.apply_role(MAINTENANCE)
    assert not any(a.isVisible() for a in ca.actions.values())
    assert not window.menus["sales"].menuAction().isVisible()
    menu = window.build_context_menu([site.meter_ids[0]])
    assert not any(n.startswith("cashier.") for n in names(menu.actions()))


def test_grid_shows_an_account_change_at_once_keeping_live_values(qtbot, site):
    from app.services import accounts
    from app.services.meter_state import GridState
    from app.ui.cashier.actions import launch
    from app.ui.grid.columns import StateRole
    from app.ui.shell.main_window import MainWindow

    window = MainWindow(site)
    qtbot.addWidget(window)
    window.show()
    opened = site.meter_ids[0]
    row = window.model._index[opened]
    before = window.model.record(opened)
    assert before.row.tenant is not None
    live = before.status
    accounts.close_account(site.worker_for(opened), CASHIER, opened, timeout=10)
    dialog = launch("close", window, site, CASHIER, meter_id=opened)
    dialog.operationFinished.emit("confirmed")  # what the dialog says when it is done
    after = window.model.record(opened)
    assert after.row.tenant is None and after.status == live  # no reset, no reload
    assert window.model.index(row, 0).data(StateRole) in (GridState.UNOPENED, GridState.OFFLINE)
    dialog.close()
