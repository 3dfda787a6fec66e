"""Online purchase in a real browser (issue #16): Debian's Chromium at a phone's viewport buys
credit on the mobile site, pays on the WeChat Pay fake's page (its own keys, its signed and
encrypted notification to the portal), and sees the order credited on the self-refreshing
order page; the meter's balance went up once."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pytest

from app import settings
from app.models.payments import OrderState, PayOrder
from app.services.demo_site import free_tcp_port
from app.services.payments import credentials, registry
from app.services.payments.fakes.wechat_fake import WechatFake
from app.services.payments.pay_service import PayService
from app.web.app import create_app
from app.web.serve import Listen, PortalThread
from tests.billing_helpers import ADMIN
from tests.web.portal_env import PIN, Collector, tenant_env
from tests.web.test_portal_browser import CHROMIUM, PHONE

pytestmark = pytest.mark.slow


def test_phone_buys_pays_on_the_fake_and_sees_credited(database, master_key, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    env, account_no = tenant_env(master_key)
    (mid,) = env.meter_ids
    before = env.status(mid).balance
    where = Listen("127.0.0.1", free_tcp_port())
    fake = WechatFake().start()
    (tmp_path / "wechat.json").write_text(json.dumps(fake.credentials()))
    credentials.store_fake(ADMIN, master_key, tmp_path / "master.key", tmp_path)
    settings.put("pay.enabled", True)
    settings.put("pay.providers", "wechat")
    settings.put("pay.notify_base", where.url.rstrip("/"))
    portal = PortalThread(create_app(env, secret=b"k" * 32, wait_s=10.0), where).start()
    service = PayService(SimpleNamespace(role="gui", worker_for=env.worker_for), 0.2).start()
    try:
        with Collector(env), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_context(
                viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
            ).new_page()
            page.set_default_timeout(15_000)
            page.goto(where.url)
            page.get_by_label("账号或铺位号").fill(account_no)
            page.get_by_label("密码").fill(PIN)
            page.get_by_role("button", name="登录").click()
            page.goto(f"{where.url}meter/{mid}")
            page.get_by_role("link", name="在线充值").click()
            expect(page.get_by_role("heading")).to_contain_text("充值")
            page.get_by_label("¥100.00").check()
            page.get_by_label("微信支付").check()
            page.screenshot(path=str(tmp_path / "buy.png"), full_page=True)
            page.get_by_role("button", name="去支付").click()
            expect(page.locator(".state")).to_have_text("等待您付款")
            page.get_by_role("link", name="打开支付页面").click()
            expect(page.locator("#amount")).to_have_text("¥100.00")  # the fake's pay page
            order_no = page.locator("#order").inner_text()
            page.locator("#pay").click()
            expect(page.locator("#state")).to_contain_text("Paid")
            page.goto(f"{where.url}order/{order_no}")  # back in the portal's tab
            expect(page.locator(".state")).to_have_text("已充值", timeout=30_000)
            page.screenshot(path=str(tmp_path / "credited.png"), full_page=True)
            assert re.search(r"收据", page.content())
            browser.close()
    finally:
        service.stop()
        portal.stop()
        fake.stop()
        registry.set_credentials_loader(None)
    order = PayOrder.get(PayOrder.order_no == order_no)
    assert order.state == OrderState.CREDITED and order.paid_amount == 10000
    assert env.status(mid).balance == before + 10000
