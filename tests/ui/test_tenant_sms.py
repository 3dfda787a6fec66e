"""The tenant detail's SMS record (what was sent, received, failed and why) and the phone
number edited there, normalised to the 11 digits the SMS go to."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.messages import Message
from app.models import Tenant
from app.services import sms_inbox, sms_outbox
from app.ui.cashier.actions import launch
from app.ui.records.tenant_detail import TenantDetailDialog
from app.ui.records.tenant_sms import COL_KIND, COL_STATE, COL_TEXT, COL_WAY
from tests.ui.cashier_fixtures import CASHIER, cashier_site

PHONE = "13912345678"


@pytest.fixture
def site(database, master_key, tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")  # 02:00 UTC is 10:00: not in quiet hours
    with cashier_site(master_key, tmp_path) as site:
        Tenant.update(phone=PHONE).where(Tenant.id == 1).execute()
        yield site


def test_detail_lists_the_tenants_sms_newest_first(qtbot, site):
    at = dt.datetime(2026, 3, 2, 2, 0)
    sms_outbox.queue(PHONE, "Low balance", "alarm1", tenant_id=1, at=at)
    failed = sms_outbox.next_due(at)
    sms_outbox.mark_failed(failed.id, Message("+CMS ERROR 500"), permanent=True, at=at)
    sms_inbox.handle_incoming("+86" + PHONE, "YE", at + dt.timedelta(minutes=5))
    sms_outbox.queue("13700000000", "someone else", "alarm1", at=at)
    dialog = TenantDetailDialog(site, CASHIER, 1, launch)
    qtbot.addWidget(dialog)
    table = dialog.sms_view.table
    qtbot.waitUntil(lambda: table.rowCount() == 3, timeout=5000)
    rows = [[table.item(r, c).text() for c in (COL_WAY, COL_KIND, COL_STATE)] for r in range(3)]
    assert rows == [
        ["→ " + PHONE, "Balance reply", "queued"],
        ["← " + PHONE, "From the tenant", "answered"],
        ["→ " + PHONE, "Alarm 1", "failed"],
    ]
    assert table.item(2, COL_TEXT).text() == "Low balance"
    assert table.item(2, COL_STATE).toolTip() == "+CMS ERROR 500"
    assert "Zhang San Store" in table.item(0, COL_TEXT).text()


def test_phone_typed_with_country_code_is_stored_as_eleven_digits(qtbot, site):
    dialog = TenantDetailDialog(site, CASHIER, 1, launch)
    qtbot.addWidget(dialog)
    edit = dialog.edit()
    edit.phone_edit.clear()
    qtbot.keyClicks(edit.phone_edit, "+86 138-0013-8000")
    with qtbot.waitSignal(edit.saved, timeout=5000):
        qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    assert Tenant.get_by_id(1).phone == "13800138000"
    assert dialog.fields["phone"].text() == "13800138000"
