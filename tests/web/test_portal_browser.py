"""The mobile site in a real browser (issue #15): Debian's Chromium driven by Playwright at a
phone's viewport, against the real tenant service on simulated meters: sign in, see the
balance, switch power off and back on, sign out. Screenshots go to ``tmp_path`` (and to
docs/screenshots/ with PEM_SCREENSHOTS=1, for the docs and the README)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from app.services.demo_site import free_tcp_port
from app.web.app import create_app
from app.web.serve import Listen, PortalThread
from tests.web.portal_env import PIN, Collector, tenant_env

CHROMIUM = "/usr/bin/chromium"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.slow


def test_phone_sign_in_balance_switch_off_and_on_sign_out(database, master_key, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    env, account_no = tenant_env(master_key)
    where = Listen("127.0.0.1", free_tcp_port())
    shots = []

    def shot(page, name: str) -> None:
        path = tmp_path / f"portal-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        shots.append(path)

    portal = PortalThread(create_app(env, secret=b"k" * 32, wait_s=10.0), where).start()
    try:
        with Collector(env), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_context(
                viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
            ).new_page()
            page.set_default_timeout(10_000)
            page.goto(where.url)
            expect(page.get_by_role("button", name="登录")).to_be_visible()
            shot(page, "login")
            page.get_by_label("账号或铺位号").fill(account_no)
            page.get_by_label("密码").fill(PIN)
            page.get_by_role("button", name="登录").click()
            expect(page.locator(".balance .sum")).to_have_text("¥86.40")
            expect(page.locator(".chip").nth(1)).to_have_text("已通电")
            expect(page.locator("footer .who")).to_contain_text("张记面馆 <b>&</b>")
            shot(page, "home")
            page.get_by_role("button", name="断开电源").click()
            expect(page.get_by_role("status")).to_have_text("已断开电源。")
            page.wait_for_timeout(400)  # the collector's next poll stores the relay's state
            page.reload()
            expect(page.locator(".chip").nth(1)).to_have_text("已断电")
            expect(page.locator("svg.chart rect")).to_have_count(28)
            shot(page, "off")
            page.get_by_role("button", name="恢复供电").click()
            expect(page.get_by_role("status")).to_have_text("已恢复供电。")
            page.wait_for_timeout(400)
            page.reload()
            expect(page.locator(".chip").nth(1)).to_have_text("已通电")
            page.get_by_role("link", name="充值记录").click()
            expect(page.locator("table")).to_contain_text("86.40")
            shot(page, "records")
            page.get_by_role("link", name="English").click()
            expect(page.get_by_role("heading", name="Recharges")).to_be_visible()
            page.get_by_role("button", name="Sign out").click()
            expect(page.get_by_role("status")).to_have_text("Signed out.")
            page.goto(where.url + "home")
            expect(page.get_by_role("button", name="Sign in")).to_be_visible()
            browser.close()
    finally:
        portal.stop()
    if os.environ.get("PEM_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        for path in shots:
            shutil.copy(path, DOCS / path.name)
