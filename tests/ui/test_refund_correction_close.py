"""Refund, correction and close-account dialogs driven by a cashier, over the simulator."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.models import Account, LedgerEntry, Tenant
from app.services import billing
from app.services.permissions import SYSTEM
from app.services.sales_records import receipt_data
from app.ui.cashier.close_account_dialog import CloseAccountDialog
from app.ui.cashier.correction_dialog import CorrectionDialog
from app.ui.cashier.refund_dialog import RefundDialog
from tests.ui.cashier_fixtures import CASHIER, cashier_site


@pytest.fixture
def site(database, master_key, tmp_path):
    with cashier_site(master_key, tmp_path) as site:
        yield site


def show(qtbot, dialog):
    dialog.auto_preview = False
    qtbot.addWidget(dialog)
    dialog.show()
    live = getattr(dialog, "live", None)
    if live is not None:  # refund, correction: the balance is read when the dialog opens
        qtbot.waitUntil(lambda: not live.reading(), timeout=5000)
    return dialog


def confirm(qtbot, dialog) -> str:
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentWidget() is dialog.confirm_page
    with qtbot.waitSignal(dialog.operationFinished, timeout=5000) as blocker:
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_refund_confirmed(qtbot, site):
    m = site.meter_ids[0]
    dialog = show(qtbot, RefundDialog(site, CASHIER, m))
    qtbot.keyClicks(dialog.amount_edit, "40.5")
    qtbot.keyClicks(dialog.reason_edit, "moving out")
    assert "40.50" in (dialog.confirmation())
    assert confirm(qtbot, dialog) == "confirmed"
    assert site.status(m).balance == 10_000 - 4050
    assert dialog.receipt_entry_id == dialog.result.entry_id
    data = receipt_data(SYSTEM, dialog.result.entry_id)
    assert (data.kind, data.amount_fen, data.balance_after_fen) == ("refund", 4050, 5950)


def test_refund_over_balance_refused_on_the_form_with_the_live_figure(qtbot, site):
    m = site.meter_ids[0]
    site.env.sim_meter(m).balance = 44_870  # the meter moved on since the last poll (100.00)
    dialog = show(qtbot, RefundDialog(site, CASHIER, m))
    assert dialog.live.fen == 44_870 and "448.70" in dialog.live.label.text()
    qtbot.keyClicks(dialog.amount_edit, "9999")
    assert not dialog.continue_button.isEnabled()
    assert "448.70" in dialog.form_error.text() and "9,999.00" in dialog.form_error.text()
    qtbot.keyClick(dialog.continue_button, Qt.Key.Key_Return)  # a dead button stays dead
    assert dialog.stack.currentWidget() is dialog.form_page
    dialog.amount_edit.clear()
    qtbot.keyClicks(dialog.amount_edit, "448.70")
    assert dialog.continue_button.isEnabled() and dialog.form_error.text() == ""
    assert confirm(qtbot, dialog) == "confirmed"
    assert site.status(m).balance == 0


def test_refund_refused_at_the_meter_goes_back_to_the_form_with_the_amount(qtbot, site):
    m = site.meter_ids[0]
    dialog = show(qtbot, RefundDialog(site, CASHIER, m))
    qtbot.keyClicks(dialog.amount_edit, "90")
    qtbot.keyClicks(dialog.reason_edit, "moving out")
    site.env.sim_meter(m).balance = 6_000  # consumed between the read and the send
    assert confirm(qtbot, dialog) == "refused"
    assert "does not cover" in dialog.outcome_title.text()
    assert "90.00" in dialog.outcome_text.text() and "60.00" in dialog.outcome_text.text()
    assert dialog.amend_button.isVisible()
    qtbot.mouseClick(dialog.amend_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentWidget() is dialog.form_page
    assert dialog.amount_edit.text() == "90" and dialog.reason_edit.text() == "moving out"
    qtbot.waitUntil(lambda: dialog.live.fen == 6_000, timeout=5000)  # read again
    assert not dialog.continue_button.isEnabled() and "60.00" in dialog.form_error.text()
    dialog.amount_edit.clear()
    qtbot.keyClicks(dialog.amount_edit, "60")
    assert confirm(qtbot, dialog) == "confirmed"
    refunds = LedgerEntry.select().where(LedgerEntry.kind == "refund")
    assert [(e.state, e.amount_fen) for e in refunds] == [("confirmed", 6_000)]
    assert site.status(m).balance == 0


def test_meter_outage_is_not_mended_on_the_form(qtbot, site):
    m = site.meter_ids[0]
    dialog = show(qtbot, RefundDialog(site, CASHIER, m))
    qtbot.keyClicks(dialog.amount_edit, "10")
    site.env.bus.offline = True
    assert confirm(qtbot, dialog) == "refused"
    assert not dialog.amend_button.isVisible()  # start over: nothing on the form to change
    dialog.amend()
    assert dialog.stack.currentWidget() is dialog.outcome_page


def test_refund_cannot_continue_without_a_live_balance(qtbot, site):
    site.env.bus.offline = True
    dialog = show(qtbot, RefundDialog(site, CASHIER, site.meter_ids[0]))
    qtbot.keyClicks(dialog.amount_edit, "10")
    assert dialog.live.fen is None and not dialog.continue_button.isEnabled()
    assert "does not answer" in dialog.form_error.text()
    site.env.bus.offline = False
    qtbot.mouseClick(dialog.live.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.live.fen == 10_000, timeout=5000)
    assert dialog.continue_button.isEnabled() and dialog.form_error.text() == ""


def sale(site, fen: int) -> int:
    m = site.meter_ids[0]
    return billing.sell(site.env.worker, CASHIER, m, fen, "cash").entry_id


def test_correction_reverses_the_chosen_sale(qtbot, site):
    m = site.meter_ids[0]
    wrong = sale(site, 2000)
    dialog = show(qtbot, CorrectionDialog(site, CASHIER, m))
    assert dialog.sales_list.count() == 2  # the opening sale and this one
    dialog.select_sale(wrong)
    assert not dialog.continue_button.isEnabled()  # a reason is required
    qtbot.keyClicks(dialog.reason_edit, "typed 20 for 2")
    assert dialog.continue_button.isEnabled()
    assert confirm(qtbot, dialog) == "confirmed"
    fix = LedgerEntry.get_by_id(dialog.result.entry_id)
    assert (fix.kind, fix.reverses_id, fix.amount_fen) == ("correction", wrong, 2000)
    assert site.status(m).balance == 10_000
    assert receipt_data(SYSTEM, fix.id).reference == LedgerEntry.get_by_id(wrong).receipt_no
    again = show(qtbot, CorrectionDialog(site, CASHIER, m))
    assert wrong not in [r.entry_id for r in again.rows]


def test_double_reversal_refused(qtbot, site):
    m = site.meter_ids[0]
    wrong = sale(site, 500)
    first = show(qtbot, CorrectionDialog(site, CASHIER, m, sale_id=wrong))
    second = show(qtbot, CorrectionDialog(site, CASHIER, m, sale_id=wrong))
    for d in (first, second):
        qtbot.keyClicks(d.reason_edit, "duplicate")
    assert confirm(qtbot, first) == "confirmed"
    assert confirm(qtbot, second) == "refused"
    assert "already been reversed" in second.outcome_text.text()
    corrections = LedgerEntry.select().where(LedgerEntry.kind == "correction")
    assert corrections.count() == 1


def test_correction_the_balance_no_longer_covers_is_refused_on_the_form(qtbot, site):
    m = site.meter_ids[0]
    big = sale(site, 5000)
    small = sale(site, 1000)
    billing.refund(site.env.worker, CASHIER, m, 12_000)
    dialog = show(qtbot, CorrectionDialog(site, CASHIER, m, sale_id=big))
    qtbot.keyClicks(dialog.reason_edit, "wrong meter")
    assert dialog.live.fen == 4_000
    assert not dialog.continue_button.isEnabled()
    assert "50.00" in dialog.form_error.text() and "40.00" in dialog.form_error.text()
    dialog.select_sale(small)  # the cashier fixes it on the same dialog
    assert dialog.continue_button.isEnabled() and dialog.form_error.text() == ""
    assert confirm(qtbot, dialog) == "confirmed"
    assert LedgerEntry.get_by_id(dialog.result.entry_id).reverses_id == small


def test_correction_refused_at_the_meter_goes_back_to_the_form(qtbot, site):
    m = site.meter_ids[0]
    big = sale(site, 5000)
    dialog = show(qtbot, CorrectionDialog(site, CASHIER, m, sale_id=big))
    qtbot.keyClicks(dialog.reason_edit, "wrong meter")
    site.env.sim_meter(m).balance = 3_000  # consumed since the dialog opened
    assert confirm(qtbot, dialog) == "refused"
    assert "does not cover" in dialog.outcome_title.text()
    assert "50.00" in dialog.outcome_text.text() and "30.00" in dialog.outcome_text.text()
    qtbot.mouseClick(dialog.amend_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.live.fen == 3_000, timeout=5000)
    assert dialog.reason_edit.text() == "wrong meter" and dialog.chosen().entry_id == big
    assert "30.00" in dialog.form_error.text() and not dialog.continue_button.isEnabled()


def test_close_account_reads_live_balance_and_refunds_it(qtbot, site):
    m = site.meter_ids[0]
    site.env.sim_meter(m).balance = 8_765  # the meter moved on since the last poll
    dialog = show(qtbot, CloseAccountDialog(site, CASHIER, m))
    qtbot.waitUntil(lambda: dialog.live_balance is not None, timeout=5000)
    assert dialog.live_label.text() == "87.65" and dialog.refund_label.text() == "87.65"
    assert confirm(qtbot, dialog) == "confirmed"
    assert "87.65" in dialog.outcome_title.text()
    assert Account.active_for(m) is None
    assert Tenant.get().closed_at is not None
    status = site.status(m)
    assert status.balance == 0 and status.relay_open
    data = receipt_data(SYSTEM, dialog.receipt_entry_id)
    assert (data.kind, data.amount_fen) == ("close", 8765)
    assert dialog.print_button.isVisible()


def test_close_account_offline_cannot_continue(qtbot, site):
    site.env.bus.offline = True
    dialog = show(qtbot, CloseAccountDialog(site, CASHIER, site.meter_ids[0]))
    qtbot.waitUntil(lambda: dialog.read_button.isEnabled(), timeout=5000)
    assert dialog.live_balance is None and not dialog.continue_button.isEnabled()
    assert "does not answer" in dialog.form_error.text()
