"""The mobile site's online purchase: buy page, order state page (meta refresh), notifications."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from app import settings
from app.models.payments import OrderState, PayOrder
from app.services.payments import registry
from app.services.payments.pay_service import PayService
from tests.pay_helpers import DoubleProvider, notice
from tests.web.portal_env import PIN, tenant_env
from tests.web.test_portal import client_for, csrf, sign_in


class PageProvider(DoubleProvider):
    """The phone channel: the provider gives a page to open."""

    def checkout(self, order_no, amount, subject, notify_url, channel):
        super().checkout(order_no, amount, subject, notify_url, channel)
        return SimpleNamespace(qr="", url=f"https://pay.example/{order_no}")


@pytest.fixture
def shop(database, master_key):
    env, account_no = tenant_env(master_key)
    settings.put("pay.enabled", True)
    settings.put("pay.providers", "wechat")
    provider = DoubleProvider()
    registry.install("wechat", provider)
    client = client_for()
    home = sign_in(client, account_no, PIN)
    yield SimpleNamespace(env=env, client=client, token=csrf(home), provider=provider)
    registry.install("wechat", None)


def buy(shop, **form):
    (mid,) = shop.env.meter_ids
    return shop.client.post(f"/meter/{mid}/buy", data={"csrf": shop.token, **form})


def test_buy_page_offers_presets_free_amount_and_providers(shop):
    (mid,) = shop.env.meter_ids
    assert f"/meter/{mid}/buy" in shop.client.get(f"/meter/{mid}").text
    page = shop.client.get(f"/meter/{mid}/buy")
    assert page.status_code == 200
    assert re.findall(r'name="amount" value="(\d+)"', page.text) == [
        "5000",
        "10000",
        "20000",
        "50000",
    ]
    assert 'value="wechat"' in page.text and 'value="alipay"' not in page.text
    assert "¥10.00 至 ¥1,000.00" in page.text
    assert shop.client.get(f"/meter/{mid + 1}/buy").status_code == 404
    settings.put("pay.enabled", False)
    assert f"/meter/{mid}/buy" not in shop.client.get(f"/meter/{mid}").text
    assert "本站未开通在线充值" in shop.client.get(f"/meter/{mid}/buy").text


def test_refusals_stay_on_the_buy_page(shop):
    assert buy(shop, other="abc", provider="wechat").status_code == 400
    low = buy(shop, other="5", provider="wechat")
    assert low.status_code == 409 and "note bad" in low.text
    assert buy(shop, amount="5000", provider="alipay").status_code == 409
    (mid,) = shop.env.meter_ids
    assert shop.client.post(f"/meter/{mid}/buy", data={"amount": "5000"}).status_code == 403
    assert PayOrder.select().count() == 0


@pytest.mark.allow_log_warnings  # the forged notice is logged as a warning
def test_order_page_follows_the_order_until_credited(shop):
    page = buy(shop, amount="5000", other="", provider="wechat")
    (order,) = PayOrder.select()
    assert page.url.path == f"/order/{order.order_no}"
    assert 'http-equiv="refresh"' in page.text and "等待您付款" in page.text
    headers, body = notice(order.order_no, 5000)
    answer = shop.client.post("/pay/notify/wechat", content=body, headers=headers)
    assert answer.status_code == 200
    forged = shop.client.post("/pay/notify/wechat", content=body, headers={"sig": "bad"})
    assert forged.status_code == 500
    assert shop.client.post("/pay/notify/paypal", content=body).status_code == 404
    service = PayService(SimpleNamespace(role="gui", worker_for=shop.env.worker_for))
    for _ in range(3):
        service.tick()
    assert PayOrder.get_by_id(order.id).state == OrderState.CREDITED
    done = shop.client.get(f"/order/{order.order_no}")
    assert "已充值" in done.text and 'http-equiv="refresh"' not in done.text
    receipt = PayOrder.get_by_id(order.id).entry.receipt_no
    assert receipt and receipt in done.text


def test_free_amount_and_the_providers_page(shop):
    registry.install("wechat", PageProvider())
    (mid,) = shop.env.meter_ids
    form = {"csrf": shop.token, "amount": "5000", "other": "12.5", "provider": "wechat"}
    page = shop.client.post(f"/meter/{mid}/buy", data=form, follow_redirects=False)
    (order,) = PayOrder.select()
    assert order.amount == 1250
    assert page.status_code == 303 and page.headers["location"] == f"/order/{order.order_no}"
    shown = shop.client.get(page.headers["location"])
    assert f'href="https://pay.example/{order.order_no}"' in shown.text


def test_another_tenants_order_is_not_found(shop):
    buy(shop, amount="5000", provider="wechat")
    (order,) = PayOrder.select()
    stranger = client_for()
    assert stranger.get(f"/order/{order.order_no}").url.path == "/login"
    assert shop.client.get("/order/PEM0000").status_code == 404
    assert shop.client.get("/order/" + "x" * 40).status_code == 404
