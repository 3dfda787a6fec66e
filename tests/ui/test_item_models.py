"""Every item model in app/ui passes Qt's model tester, filled and while it changes.

``qtmodeltester.check`` runs ``QAbstractItemModelTester``: row and column
counts, parents, indexes, header and data roles, and, for as long as the model
lives, that every insert, remove, layout change and reset keeps its promises.
A broken promise is a Qt warning, which fails the test (qt_log_level_fail).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from app.serial_io.meter_data import MeterStatus
from app.services.audit import log_action
from app.services.auth import AuthService
from app.services.billing import sell
from app.services.meter_state import GridState
from app.services.permissions import SYSTEM, Actor, Role
from app.services.sales_records import RecordFilter
from app.services.tenants import TenantInfo, create_tenant
from app.ui.auth.operators_dialog import OperatorsModel
from app.ui.cashier.actions import launch
from app.ui.grid.columns import COL_BALANCE, COL_NUMBER
from app.ui.grid.filter import MeterFilterProxy
from app.ui.grid.model import MeterGridModel
from app.ui.records.sales_window import SalesRecordsModel
from app.ui.records.system_log_view import SystemLogModel
from app.ui.records.tenant_list import TenantListWindow
from tests.support.preview_site import grid_row, meter_update, missed_update
from tests.ui.cashier_fixtures import ADMIN, CASHIER, cashier_site

ROWS = [
    grid_row(1, building="Mall A", bus_id=1, status=MeterStatus(balance=50_000)),
    grid_row(2, building="Mall A", bus_id=1, status=MeterStatus(balance=300)),
    grid_row(3, building="Mall B", bus_id=2, tenant=None, location="B1-07"),
    grid_row(4, building="Mall B", bus_id=2, online=False),
]


def test_grid_model_and_its_filter(qtbot, qtmodeltester):
    model = MeterGridModel(ROWS, flush_ms=5)
    proxy = MeterFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    model.apply_update(meter_update(ROWS[1], balance=0, arrears=True, relay_open=True))
    model.apply_update(missed_update(ROWS[0]))
    model.flush()
    proxy.set_states({GridState.ARREARS, GridState.OFFLINE})
    proxy.set_text("mall")
    proxy.sort(COL_BALANCE, Qt.SortOrder.DescendingOrder)
    model.sort(COL_NUMBER)
    model.set_rows([*ROWS, grid_row(5, building="Mall C", bus_id=3)])
    model.update_accounts([replace(ROWS[2], tenant="New Tenant")])
    proxy.set_states(None)
    proxy.set_text("")
    proxy.set_building("Mall C")
    assert proxy.meter_ids() == [5]


def test_operators_model(qtmodeltester, database):
    auth = AuthService()
    admin = auth.create_first_admin("admin", "s3cret-admin")
    auth.create_operator(admin, "li", "Li", Role.CASHIER, "s3cret-li-1")
    model = OperatorsModel()
    qtmodeltester.check(model)
    model.set_rows(auth.list_operators(admin))
    assert model.rowCount() == 2


def test_system_log_model(qtbot, qtmodeltester, database):
    log_action(Actor(1, "admin", Role.ADMIN), "login.ok", "admin")
    for i in range(12):
        log_action(None, "login.failed", f"ghost{i}", "refused")
    model = SystemLogModel(SYSTEM, page=5)
    qtmodeltester.check(model)
    model.reload()  # the tester fetches more pages itself, as a view would
    qtbot.waitUntil(lambda: not model.loading(), timeout=5000)
    while model.canFetchMore():
        model.fetchMore()
        qtbot.waitUntil(lambda: not model.loading(), timeout=5000)
    assert model.rowCount() == 13


@pytest.fixture
def site(database, master_key, tmp_path):
    with cashier_site(master_key, tmp_path) as site:
        yield site


def test_sales_records_model(qtmodeltester, site):
    for fen in (100, 200, 300):
        sell(site.env.worker, CASHIER, site.meter_ids[0], fen, "cash")
    model = SalesRecordsModel(SYSTEM, page_size=2)
    qtmodeltester.check(model)
    model.set_filter(RecordFilter())
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 5 and not model.canFetchMore()  # opening, first sale, three more
    model.set_filter(RecordFilter(kinds=("refund",)))
    assert model.rowCount() == 0


def test_tenant_model_and_its_filter(qtbot, qtmodeltester, site):
    create_tenant(ADMIN, TenantInfo(name="Zhao Liu Salon", shop="C-12"))
    window = TenantListWindow(site, CASHIER, launch)
    qtbot.addWidget(window)
    qtmodeltester.check(window.model)
    qtmodeltester.check(window.proxy)
    window.proxy.set_search("salon")
    assert window.proxy.rowCount() == 1
    window.proxy.set_search("")
    window.proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert window.proxy.rowCount() == window.model.rowCount() == 2
