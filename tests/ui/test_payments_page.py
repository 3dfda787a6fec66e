"""Settings, Online payments: limits to the site settings, credentials to the sealed file."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QLineEdit

from app import settings
from app.paths import SitePaths
from app.services.payments import credentials
from app.services.payments.provider import ALIPAY, WECHAT
from app.ui.settings.payments_page import PaymentsPage, yuan_list
from app.ui.support import background
from tests.billing_helpers import ADMIN, CASHIER

KEY = "0123456789abcdef0123456789ABCDEF"


@pytest.fixture
def site(tmp_path, master_key, database):
    return SimpleNamespace(master_key=master_key, paths=SitePaths(tmp_path))


def _page(qtbot, site, actor):
    page = PaymentsPage(site, actor)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.stored is not None, timeout=10000)
    return page


def _answered(qtbot, page):
    qtbot.waitUntil(lambda: bool(page.result.text()) or "Saved" in page.saved_label.text())
    qtbot.waitUntil(lambda: background.in_flight() == 0, timeout=10000)


def test_admin_saves_limits_and_credentials_and_secrets_are_not_shown_back(qtbot, site):
    page = _page(qtbot, site, ADMIN)
    page.enabled.setChecked(True)
    page.offered[ALIPAY].setChecked(False)
    page.min_yuan.setValue(20)
    page.presets.setText("20, 50,100")
    wechat = page.fields[WECHAT]
    for name, value in (
        ("mchid", "1900000109"),
        ("appid", "wx1"),
        ("serial_no", "AB12"),
        ("platform_key_id", "K1"),
    ):
        wechat[name].setText(value)
    wechat["apiv3_key"].setText(KEY)
    wechat["private_key"].setPlainText("PEM-PRIVATE")
    wechat["platform_key"].setPlainText("PEM-PUBLIC")
    page.store()
    _answered(qtbot, page)
    assert page.result.text() == ""
    assert settings.get("pay.enabled") is True and settings.get("pay.providers") == "wechat"
    assert settings.get("pay.min_fen") == 2000 and settings.get("pay.presets") == "2000,5000,10000"
    stored = credentials.load(site.master_key, site.paths.key_file, WECHAT)
    assert stored.complete() and stored.get("apiv3_key") == KEY
    again = _page(qtbot, site, ADMIN)
    assert again.fields[WECHAT]["mchid"].text() == "1900000109"
    assert again.fields[WECHAT]["apiv3_key"].text() == ""
    assert again.fields[WECHAT]["private_key"].toPlainText() == ""
    assert again.states[WECHAT].text() == "Complete."
    assert again.presets.text() == "20, 50, 100"


def test_refusals_shown_inline_and_nothing_saved(qtbot, site):
    page = _page(qtbot, site, ADMIN)
    page.presets.setText("50,abc")
    page.store()
    assert "amounts offered" in page.result.text()
    page.presets.setText("50")
    page.fields[WECHAT]["apiv3_key"].setText("short")
    page.store()
    _answered(qtbot, page)
    assert "32 characters" in page.result.text()
    assert not credentials.credentials_file(site.paths.key_file).exists()


def test_a_cashier_sees_state_only(qtbot, site):
    credentials.save(ADMIN, site.master_key, site.paths.key_file, ALIPAY, {"appid": "2021"})
    page = _page(qtbot, site, CASHIER)
    assert not page.save_button.isEnabled() and not page.boxes[ALIPAY].isEnabled()
    assert page.fields[ALIPAY]["appid"].text() == ""
    assert "Not complete" in page.states[ALIPAY].text()
    assert isinstance(page.fields[WECHAT]["mchid"], QLineEdit)


def test_yuan_list():
    assert yuan_list("0.5, 100") == "50,10000"
