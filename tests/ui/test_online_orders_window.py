"""Sales > Online orders: rows with their states, refunds pending counted, read errors inline."""

from __future__ import annotations

import pytest

from app.errors import PermissionDenied
from app.services.payments import crediting, orders, registry
from app.services.payments.order_list import list_orders
from app.services.payments.pay_service import PayService
from app.services.permissions import Actor, Role
from app.ui.records.online_orders_window import OnlineOrdersWindow
from tests.billing_helpers import CASHIER
from tests.pay_helpers import notice, pay_env


@pytest.fixture
def pay(database, master_key):
    p = pay_env(master_key)
    yield p
    registry.install("wechat", None)


def test_window_shows_orders_and_pending_refunds(qtbot, pay):
    credited = orders.place_order(pay.tenant.id, pay.meter, 5000, "wechat", "phone")
    orders.on_notice("wechat", *notice(credited.order_no, 5000))
    PayService(pay.site).tick()
    PayService(pay.site).tick()
    pending = orders.place_order(pay.tenant.id, pay.meter, 2000, "wechat", "kiosk")
    pay.provider.refund_ok = False
    orders.on_notice("wechat", *notice(pending.order_no, 1999))
    crediting.refund_step(type(pending).get_by_id(pending.id))
    window = OnlineOrdersWindow(CASHIER)
    qtbot.addWidget(window)
    window.reload()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=5000)
    texts = {window.model.index(r, 6).data() for r in range(2)}
    assert texts == {"credited", "refund pending"}
    assert "1 refund(s) pending" in window.state_line.text()
    receipt = window.model.index(1, 7).data()
    assert receipt  # the credited order's receipt number
    assert "19.99" in window.model.index(0, 9).data()
    window.open_only.setChecked(True)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=5000)


def test_read_refused_said_inline(qtbot, pay):
    window = OnlineOrdersWindow(Actor(3, "fixer", Role.MAINTENANCE))
    qtbot.addWidget(window)
    window.reload()
    qtbot.waitUntil(lambda: "Could not read" in window.state_line.text(), timeout=5000)
    with pytest.raises(PermissionDenied):
        list_orders(Actor(3, "fixer", Role.MAINTENANCE))
