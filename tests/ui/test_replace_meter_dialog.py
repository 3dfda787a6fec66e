"""Replacing a tenant's meter: live transfer, and the admin-only estimated transfer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.models import Account, LedgerEntry
from app.ui.cashier.replace_meter_dialog import ReplaceMeterDialog
from tests.ui.cashier_fixtures import ADMIN, CASHIER, cashier_site


@pytest.fixture
def site(database, master_key, tmp_path):
    with cashier_site(master_key, tmp_path) as site:
        yield site


def run(qtbot, dialog, new_id: int) -> str:
    dialog.auto_preview = False
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new_combo.setCurrentIndex(dialog.new_combo.findData(new_id))
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentWidget() is dialog.confirm_page
    with qtbot.waitSignal(dialog.operationFinished, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_live_replacement_moves_the_balance(qtbot, site):
    old, new = site.meter_ids[0], site.meter_ids[3]
    dialog = ReplaceMeterDialog(site, CASHIER, old)
    assert not dialog.estimated_box.isVisibleTo(dialog)  # a cashier may not estimate
    assert run(qtbot, dialog, new) == "confirmed", dialog.outcome_text.text()
    assert site.status(old).balance == 0 and site.status(new).balance == 10_000
    assert Account.active_for(old) is None and Account.active_for(new) is not None
    entry = LedgerEntry.get_by_id(dialog.receipt_entry_id)
    assert (entry.kind, entry.amount_fen, entry.meter_id) == ("transfer_in", 10_000, new)
    assert "100.00" in dialog.outcome_text.text()


def test_dead_meter_estimated_by_admin(qtbot, site):
    old, new = site.meter_ids[0], site.meter_ids[3]
    dialog = ReplaceMeterDialog(site, ADMIN, old)
    assert dialog.estimated_box.isVisibleTo(dialog) and dialog.last_balance == 10_000
    dialog.estimated_box.setChecked(True)
    real = site.env.bus.read_registers

    def read(address, start, count):
        if address == 1:
            from app.errors import NO_ANSWER, MeterOffline

            raise MeterOffline(NO_ANSWER, address)
        return real(address, start, count)

    site.env.bus.read_registers = read
    assert run(qtbot, dialog, new) == "confirmed", dialog.outcome_text.text()
    out = LedgerEntry.get(LedgerEntry.kind == "transfer_out")
    assert out.estimated and out.amount_fen == 10_000
    assert site.status(new).balance == 10_000
    assert "estimated" in dialog.outcome_text.text()
