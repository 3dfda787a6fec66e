"""Tenant list search and tenant detail: meters, balances, history, actions by role."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.errors import PermissionDenied
from app.services import billing
from app.services.accounts import TenantInfo, create_tenant
from app.ui.cashier.actions import launch
from app.ui.records.tenant_detail import TenantDetailDialog
from app.ui.records.tenant_list import COL_METERS, TenantIdRole, TenantListWindow
from tests.billing_helpers import open_meter
from tests.ui.cashier_fixtures import ADMIN, CASHIER, MAINTENANCE, cashier_site


@pytest.fixture
def site(database, master_key, tmp_path):
    with cashier_site(master_key, tmp_path) as site:
        open_meter(site.env, site.meter_ids[1], name="Wang Wu Noodles", first_sale_fen=2_500)
        create_tenant(ADMIN, TenantInfo(name="Zhao Liu Salon", shop="C-12", phone="13912345678"))
        for m in site.meter_ids:
            site.remember_status(m)
        yield site


def test_tenant_search_by_any_field(qtbot, site):
    window = TenantListWindow(site, CASHIER, launch)
    qtbot.addWidget(window)
    assert len(window.visible_account_numbers()) == 3
    for text, names in (
        ("noodles", ["Wang Wu Noodles"]),
        ("M001", ["Zhang San Store"]),
        ("1391234", ["Zhao Liu Salon"]),
        ("c-12", ["Zhao Liu Salon"]),
        ("000002", ["Wang Wu Noodles"]),
        ("nobody", []),
    ):
        window.search_edit.clear()
        qtbot.keyClicks(window.search_edit, text)
        shown = [window.proxy.index(r, 1).data() for r in range(window.proxy.rowCount())]
        assert shown == names, text
    window.search_edit.clear()
    row = window.model.tenant(0)
    assert window.model.index(0, COL_METERS).data() == row.meters == "M001"


def test_tenant_detail_shows_meters_balance_and_history(qtbot, site):
    m = site.meter_ids[0]
    billing.sell(site.env.worker, CASHIER, m, 1234, "card")
    site.remember_status(m)
    window = TenantListWindow(site, CASHIER, launch)
    qtbot.addWidget(window)
    window.view.selectRow(0)  # Zhang San Store (account 000001)
    dialog = window.open_detail(window.view.selectionModel().selectedRows()[0].data(TenantIdRole))
    qtbot.addWidget(dialog)
    assert dialog.fields["name"].text() == "Zhang San Store"
    assert dialog.meter_table.item(0, 0).text() == "M001"
    assert dialog.meter_table.item(0, 1).text() == "112.34"
    assert dialog.fields["total"].text() == "112.34"
    kinds = [dialog.history.record(r).kind for r in range(dialog.history.rowCount())]
    assert kinds == ["sale", "sale", "open"]
    assert all(not b.isHidden() for b in dialog.buttons.values())


def test_tenant_detail_sells_from_the_selected_meter(qtbot, site):
    tenant_id = 1
    dialog = TenantDetailDialog(site, CASHIER, tenant_id, launch)
    qtbot.addWidget(dialog)
    sale = dialog.start("sale")
    sale.auto_preview = False
    assert sale.meter_id == site.meter_ids[0]
    qtbot.keyClicks(sale.amount_edit, "5")
    qtbot.mouseClick(sale.continue_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.mouseClick(sale.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.history.rowCount() == 3
    sale.close()


def test_maintenance_cannot_read_tenants(qtbot, site):
    """The menu hides tenants from maintenance; the services refuse the reads as well."""
    with pytest.raises(PermissionDenied):
        TenantListWindow(site, MAINTENANCE, launch)
    with pytest.raises(PermissionDenied):
        TenantDetailDialog(site, MAINTENANCE, 1, launch)


def test_tenant_without_a_meter_says_so_and_can_be_removed(qtbot, site):
    """Issue #8.1: a tenant holding nothing is not left with every button dead."""
    from app.models import Tenant

    lonely = Tenant.get(Tenant.name == "Zhao Liu Salon")
    dialog = TenantDetailDialog(site, CASHIER, lonely.id, launch)
    qtbot.addWidget(dialog)
    assert "no meter yet" in dialog.fields["status"].text()
    assert not dialog.remove_button.isHidden() and dialog.remove_button.isEnabled()
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        dialog.remove()
    assert Tenant.get_or_none(Tenant.id == lonely.id) is None
    held = TenantDetailDialog(site, CASHIER, 1, launch)
    qtbot.addWidget(held)
    assert held.remove_button.isHidden() and held.fields["status"].text() == "active"


def test_tenant_details_are_edited_from_the_detail(qtbot, site):
    """Issue #8.2: name, phone and PIN corrected; a bad phone is refused, named, focused."""
    from app.models import SystemLog, Tenant
    from app.services.accounts import check_pin

    dialog = TenantDetailDialog(site, CASHIER, 1, launch)
    qtbot.addWidget(dialog)
    edit = dialog.edit()
    assert edit.name_edit.text() == "Zhang San Store"
    edit.phone_edit.clear()
    qtbot.keyClicks(edit.phone_edit, "abcdef")
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    assert edit.error_label.text().startswith("Phone:") and edit.focusWidget() is edit.phone_edit
    edit.phone_edit.clear()
    qtbot.keyClicks(edit.phone_edit, "010-1234567")
    edit.pin_box.setChecked(True)
    qtbot.keyClicks(edit.pin_edit, "8642")
    qtbot.keyClicks(edit.pin2_edit, "8641")
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    assert edit.error_label.text().startswith("PIN again:")
    assert edit.focusWidget() is edit.pin2_edit
    edit.pin2_edit.clear()
    qtbot.keyClicks(edit.pin2_edit, "8642")
    edit.name_edit.clear()
    qtbot.keyClicks(edit.name_edit, "Zhang San Stores")
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    assert dialog.fields["name"].text() == "Zhang San Stores"
    assert dialog.fields["phone"].text() == "010-1234567"
    assert check_pin(Tenant.get_by_id(1), "8642")
    row = SystemLog.select().where(SystemLog.action == "tenant.edit").get()
    assert "'Zhang San Store' -> 'Zhang San Stores'" in row.detail
    assert "kiosk PIN reset" in row.detail and "8642" not in row.detail
