"""Opening an account with two meters and a first sale, as a cashier fills the form."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.models import Account, LedgerEntry, Meter, Tenant
from app.services.accounts import check_pin
from app.ui.cashier.open_account_dialog import OpenAccountDialog
from tests.ui.cashier_fixtures import CASHIER, cashier_site


@pytest.fixture
def site(database, master_key, tmp_path):
    with cashier_site(master_key, tmp_path) as site:
        yield site


def fill(qtbot, dialog, pin="2468", pin2="2468"):
    qtbot.keyClicks(dialog.name_edit, "Li Si Tea House")
    qtbot.keyClicks(dialog.shop_edit, "B1-07")
    qtbot.keyClicks(dialog.phone_edit, "13800000000")
    qtbot.keyClicks(dialog.id_edit, "110101199001011234")
    qtbot.keyClicks(dialog.pin_edit, pin)
    qtbot.keyClicks(dialog.pin2_edit, pin2)


def test_open_account_with_two_meters_and_first_sale(qtbot, site):
    m2, m3 = site.meter_ids[1], site.meter_ids[2]
    dialog = OpenAccountDialog(site, CASHIER, [m2])
    dialog.auto_preview = False
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.meter_list.count() == 3  # M001 is already opened
    assert dialog.chosen_meters() == [m2]
    fill(qtbot, dialog)
    dialog.set_checked([m2, m3])
    dialog.alarm1_edit.clear()
    qtbot.keyClicks(dialog.alarm1_edit, "30")
    qtbot.keyClicks(dialog.first_sale_edit, "200")
    dialog.payment_combo.setCurrentIndex(dialog.payment_combo.findData("wechat"))
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    text = dialog.confirm_label.text()
    assert "M002, M003" in text and "200.00" in text and "30.00 / 5.00" in text
    assert "two hundred yuan" in text.lower() or "贰佰元整" in text  # the amount in words
    with qtbot.waitSignal(dialog.operationFinished, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == "confirmed", dialog.outcome_text.text()
    tenant = Tenant.get(Tenant.name == "Li Si Tea House")
    assert (tenant.shop, tenant.phone) == ("B1-07", "13800000000") and check_pin(tenant, "2468")
    assert {a.meter_id for a in Account.select().where(Account.tenant == tenant)} == {m2, m3}
    assert Meter.get_by_id(m2).alarm1 == 3000
    assert site.status(m2).balance == 20_000 and site.status(m3).balance == 0
    sale = LedgerEntry.get_by_id(dialog.receipt_entry_id)
    assert (sale.kind, sale.meter_id, sale.payment_method) == ("sale", m2, "wechat")
    assert "M002" in dialog.outcome_text.text() and "M003" in dialog.outcome_text.text()


def test_pin_mismatch_stays_on_the_form(qtbot, site):
    dialog = OpenAccountDialog(site, CASHIER, [site.meter_ids[1]])
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, pin="2468", pin2="2469")
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentWidget() is dialog.form_page
    assert "PIN" in dialog.form_error.text()
    assert not Tenant.select().where(Tenant.name == "Li Si Tea House").exists()


def test_one_meter_offline_is_reported_on_its_own_line(qtbot, site):
    m2, m3 = site.meter_ids[1], site.meter_ids[2]
    dialog = OpenAccountDialog(site, CASHIER, [m2, m3])
    dialog.auto_preview = False
    qtbot.addWidget(dialog)
    fill(qtbot, dialog)
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)

    real_read = site.env.bus.read_registers

    def read(address, start, count):
        if address == 3:
            from app.errors import NO_ANSWER, MeterOffline

            raise MeterOffline(NO_ANSWER, address)
        return real_read(address, start, count)

    site.env.bus.read_registers = read
    with qtbot.waitSignal(dialog.operationFinished, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == "partial"
    assert "does not answer" in dialog.outcome_text.text()
    assert Account.active_for(m2) is not None and Account.active_for(m3) is None
