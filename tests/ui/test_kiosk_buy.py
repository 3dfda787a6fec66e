"""The kiosk's Buy credit screen: presets and providers, the QR code, the order followed to
"credited", nothing of it left after going home."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from app import settings
from app.models.payments import OrderState, PayOrder
from app.services.payments import orders, registry
from app.services.payments.pay_service import PayService
from app.ui.kiosk import buy_page
from tests.pay_helpers import DoubleProvider, notice
from tests.ui.test_kiosk import kiosk, signed_in, site  # noqa: F401 (fixtures)


@pytest.fixture
def shop(site):  # noqa: F811
    settings.put("pay.enabled", True)
    settings.put("pay.providers", "alipay,wechat")
    provider = DoubleProvider()
    registry.install("wechat", provider)
    yield provider
    registry.install("wechat", None)


def test_qr_pixmap_is_a_square_code(qapp):
    pixmap = buy_page.qr_pixmap("weixin://wxpay/bizpayurl?pr=abc")
    assert not pixmap.isNull() and pixmap.width() == pixmap.height() >= 200


def test_buy_shows_the_qr_and_follows_the_order_to_credited(qtbot, kiosk, shop, site, monkeypatch):  # noqa: F811
    monkeypatch.setattr(buy_page, "POLL_MS", 100)
    kiosk.buy.timer.setInterval(100)
    signed_in(qtbot, kiosk)
    account = kiosk.account
    qtbot.waitUntil(lambda: account.buy.isVisible(), timeout=5000)
    qtbot.mouseClick(account.buy, Qt.MouseButton.LeftButton)
    page = kiosk.buy
    assert kiosk.stack.currentWidget() is page
    qtbot.waitUntil(lambda: len(page.amounts.buttons()) == 4, timeout=5000)
    assert [b.text() for b in page.providers.buttons()] == ["Alipay", "WeChat Pay"]
    page.amounts.button(1).setChecked(True)
    page.providers.button(1).setChecked(True)
    kept_alive = []
    page.keepAlive.connect(lambda: kept_alive.append(1))
    qtbot.mouseClick(page.place_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.order is not None, timeout=5000)
    (order,) = PayOrder.select()
    assert (order.amount, order.provider, order.channel) == (10000, "wechat", "kiosk")
    assert page.qr.pixmap() is not None and not page.qr.pixmap().isNull()
    assert "Scan the code with WeChat Pay" in page.state.text()
    assert kept_alive
    orders.on_notice("wechat", *notice(order.order_no, 10000))
    service = PayService(SimpleNamespace(role="gui", worker_for=site.worker_for))

    def credited() -> bool:
        service.tick()
        return PayOrder.get_by_id(order.id).state == OrderState.CREDITED

    qtbot.waitUntil(credited, timeout=10_000)
    qtbot.waitUntil(lambda: page.state.text().startswith("Credited. Receipt"), timeout=5000)
    assert not page.timer.isActive() and not page.qr.isVisible()
    kiosk.go_home()
    assert page.order is None and page.who is None and page.qr.pixmap().isNull()


def test_not_offered_says_so(qtbot, kiosk, shop):  # noqa: F811
    settings.put("pay.enabled", False)
    signed_in(qtbot, kiosk)
    assert not kiosk.account.buy.isVisible()
    kiosk.open_buy(kiosk.account.meter.meter_id)
    qtbot.waitUntil(lambda: kiosk.buy.message.text() != "", timeout=5000)
    assert "not offered" in kiosk.buy.message.text()
    assert not kiosk.buy.place_button.isEnabled()
