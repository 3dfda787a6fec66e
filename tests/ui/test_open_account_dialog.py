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


def test_offline_meter_is_marked_warned_about_and_leaves_no_tenant(qtbot, site):
    """Issue #8.1: the dead meter is marked in the picker, the form and the confirmation
    warn before sending, and the failed opening leaves no tenant behind."""
    dead = site.meter_ids[3]
    site.remember_status(dead, online=False)
    site.env.sim.faults.dead.add(site.env.refs[dead].address)
    dialog = OpenAccountDialog(site, CASHIER)
    dialog.auto_preview = False
    qtbot.addWidget(dialog)
    texts = [dialog.meter_list.item(i).text() for i in range(dialog.meter_list.count())]
    assert texts[-1].startswith("M004") and "offline" in texts[-1]
    assert not any("offline" in t for t in texts[:-1])
    fill(qtbot, dialog)
    assert dialog.offline_label.isHidden()
    dialog.set_checked([dead])
    assert not dialog.offline_label.isHidden() and "M004" in dialog.offline_label.text()
    qtbot.keyClicks(dialog.first_sale_edit, "50")
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert "Offline: M004" in dialog.confirm_label.text()
    with qtbot.waitSignal(dialog.operationFinished, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == "failed"
    assert "no tenant was created" in dialog.outcome_title.text()
    assert not Tenant.select().where(Tenant.name == "Li Si Tea House").exists()
    assert LedgerEntry.select().where(LedgerEntry.meter == dead).count() == 0


def test_tariff_is_picked_from_the_list(qtbot, site):
    """Issue #8.9: no free text, the site's default first; what is picked is recorded."""
    m2 = site.meter_ids[1]
    dialog = OpenAccountDialog(site, CASHIER, [m2])
    dialog.auto_preview = False
    qtbot.addWidget(dialog)
    assert not dialog.tariff_combo.isEditable()
    assert dialog.tariff_combo.currentText() == "flat"
    fill(qtbot, dialog)
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert "flat" in dialog.confirm_label.text()
    with qtbot.waitSignal(dialog.operationFinished, timeout=10_000):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert Account.active_for(m2).tariff == "flat"


@pytest.mark.parametrize(
    ("widget", "text", "named"),
    [
        ("alarm1_edit", "-5", "Alarm 1:"),
        ("alarm2_edit", "99", "Alarm 2:"),
        ("phone_edit", "abcdef", "Phone:"),
        ("pin2_edit", "1", "PIN again:"),
        ("first_sale_edit", "1.234", "First sale:"),
    ],
)
def test_each_refusal_names_its_field_and_focuses_it(qtbot, site, widget, text, named):
    """Issue #8.2/#8.9: "alarm 1 = -5" speaks of alarm 1, a phone "abcdef" is refused."""
    dialog = OpenAccountDialog(site, CASHIER, [site.meter_ids[1]])
    qtbot.addWidget(dialog)
    fill(qtbot, dialog)
    edit = getattr(dialog, widget)
    edit.clear()
    qtbot.keyClicks(edit, text)
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentWidget() is dialog.form_page
    assert dialog.form_error.text().startswith(named), dialog.form_error.text()
    assert dialog.focusWidget() is edit
    assert Tenant.select().count() == 1  # only the site's own Zhang San Store
