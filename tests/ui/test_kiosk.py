"""The query kiosk (issue #15) against the real tenant service over the in-process simulator:
keypad, no way out but the exit PIN, back to the start after idle, sign-in, switching."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app import settings
from app.models import Bus, BusLease, Tenant
from app.models.site import utcnow
from app.services import bus_lease, kiosk_exit
from app.ui.kiosk.keypad import Keypad
from app.ui.kiosk.window import KioskWindow
from app.ui.settings.kiosk_page import KioskPage
from tests.ui.cashier_fixtures import ADMIN, CASHIER, cashier_site

EXIT_PIN = "246810"


@pytest.fixture
def site(database, master_key, tmp_path):
    with cashier_site(master_key, tmp_path) as site:
        kiosk_exit.set_exit_pin(ADMIN, EXIT_PIN)
        yield site


@pytest.fixture
def kiosk(qtbot, site):
    languages: list[str] = []
    window = KioskWindow(site, 60, source="kiosk:test", on_language=languages.append)
    window.languages = languages
    qtbot.addWidget(window)
    window.show()
    yield window
    window.may_close = True


def account_no() -> str:
    return Tenant.get_by_id(1).account_no


def type_on_keypad(qtbot, keypad: Keypad, digits: str) -> None:
    for d in digits:
        qtbot.mouseClick(keypad.keys[d], Qt.MouseButton.LeftButton)


def sign_in(qtbot, kiosk: KioskWindow, pin: str) -> None:
    page = kiosk.sign_in
    page.account.setText(account_no())
    page.pin.setFocus()
    page.keypad.attach(page.pin)
    type_on_keypad(qtbot, page.keypad, pin)
    qtbot.mouseClick(page.go, Qt.MouseButton.LeftButton)


def signed_in(qtbot, kiosk: KioskWindow) -> None:
    sign_in(qtbot, kiosk, "1234")
    qtbot.waitUntil(lambda: kiosk.stack.currentWidget() is kiosk.account, timeout=10_000)
    qtbot.waitUntil(lambda: kiosk.account.meter is not None, timeout=10_000)


def test_keypad_types_deletes_clears_and_stops_at_the_fields_length(qtbot):
    keypad, field = Keypad(), QLineEdit()
    qtbot.addWidget(keypad)
    field.setMaxLength(4)
    keypad.attach(field)
    type_on_keypad(qtbot, keypad, "12345")
    assert field.text() == "1234"
    qtbot.mouseClick(keypad.keys["back"], Qt.MouseButton.LeftButton)
    assert field.text() == "123"
    qtbot.mouseClick(keypad.keys["clear"], Qt.MouseButton.LeftButton)
    assert field.text() == ""


def test_closing_escape_and_alt_f4_are_refused(qtbot, kiosk):
    kiosk.close()
    assert kiosk.isVisible()
    for key, mods in (
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ):
        qtbot.keyClick(kiosk.sign_in.account, key, mods)
        assert kiosk.isVisible()
    assert kiosk.stack.currentWidget() is kiosk.sign_in


def test_only_the_exit_pin_leaves(qtbot, kiosk):
    qtbot.mouseClick(kiosk.sign_in.staff, Qt.MouseButton.LeftButton)
    assert kiosk.stack.currentWidget() is kiosk.exit
    type_on_keypad(qtbot, kiosk.exit.keypad, "1234")
    qtbot.mouseClick(kiosk.exit.go, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.exit.error.text() != "", timeout=10_000)
    assert kiosk.isVisible()
    with qtbot.waitSignal(kiosk.left, timeout=10_000):
        type_on_keypad(qtbot, kiosk.exit.keypad, EXIT_PIN)
        qtbot.mouseClick(kiosk.exit.go, Qt.MouseButton.LeftButton)
    assert not kiosk.isVisible()


def test_five_wrong_exit_pins_lock_even_the_right_one(site):
    guard = kiosk_exit.ExitGuard()
    for _ in range(kiosk_exit.MAX_FAILURES):
        assert not guard.check("000000")
    assert guard.locked()
    assert not guard.check(EXIT_PIN)


def test_wrong_pin_stays_at_the_start_with_a_reason(qtbot, kiosk):
    sign_in(qtbot, kiosk, "9999")
    qtbot.waitUntil(lambda: kiosk.sign_in.error.text() != "", timeout=10_000)
    assert kiosk.stack.currentWidget() is kiosk.sign_in
    assert kiosk.who is None
    assert kiosk.sign_in.pin.text() == ""


def test_right_pin_shows_the_balance(qtbot, kiosk):
    signed_in(qtbot, kiosk)
    assert kiosk.who.tenant_id == 1
    assert "Zhang San Store" in kiosk.account.hello.text()
    assert "100.00" in kiosk.account.balance.text()


def test_idle_goes_back_to_the_start_in_chinese_leaving_nothing(qtbot, kiosk):
    signed_in(qtbot, kiosk)
    qtbot.mouseClick(kiosk.language, Qt.MouseButton.LeftButton)
    assert kiosk.languages == ["en"]
    kiosk.idle.setInterval(100)
    kiosk.idle.start()
    qtbot.waitUntil(lambda: kiosk.stack.currentWidget() is kiosk.sign_in, timeout=5000)
    assert kiosk.who is None
    assert kiosk.languages == ["en", "zh_CN"]
    assert kiosk.account.balance.text() == "—"
    assert kiosk.sign_in.account.text() == "" and kiosk.sign_in.pin.text() == ""


def test_sign_out_goes_back_to_the_start(qtbot, kiosk):
    signed_in(qtbot, kiosk)
    qtbot.mouseClick(kiosk.account.sign_out, Qt.MouseButton.LeftButton)
    assert kiosk.stack.currentWidget() is kiosk.sign_in
    assert kiosk.who is None


def serving(hours: int = 1) -> None:
    """This process holds the bus, as a window or the collection service would."""
    BusLease.create(
        bus=Bus.select().first(),
        owner=bus_lease.OWNER,
        kind="gui",
        expires_at=utcnow() + dt.timedelta(hours=hours),
    )


def test_without_a_collection_service_it_says_so_and_offers_no_switch(qtbot, kiosk):
    signed_in(qtbot, kiosk)
    page = kiosk.account
    assert page.notice.isVisibleTo(page) and page.notice.text()
    assert not page.switch_off.isVisibleTo(page) and not page.switch_on.isVisibleTo(page)
    assert page.power_hint.text()  # the reason, in words


def test_switch_off_asks_once_more_then_on_again(qtbot, kiosk, site):
    serving()
    signed_in(qtbot, kiosk)
    assert not kiosk.account.notice.isVisibleTo(kiosk.account)
    page = kiosk.account
    assert page.switch_off.isVisibleTo(page) and not page.switch_on.isVisibleTo(page)
    qtbot.mouseClick(page.switch_off, Qt.MouseButton.LeftButton)
    assert page.confirm.isVisibleTo(page)
    assert not site.status(site.meter_ids[0]).relay_open  # nothing before the second tap
    qtbot.mouseClick(page.confirm_yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: site.status(site.meter_ids[0]).relay_open, timeout=10_000)
    site.remember_status(site.meter_ids[0])
    kiosk.load_account()
    qtbot.waitUntil(lambda: page.switch_on.isVisibleTo(page), timeout=10_000)
    qtbot.mouseClick(page.switch_on, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not site.status(site.meter_ids[0]).relay_open, timeout=10_000)


def test_the_settings_page_sets_the_exit_pin_for_admins_only(qtbot, database):
    page = KioskPage(ADMIN)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.idle.value() == 60, timeout=5000)
    assert not page.pin_set
    page.pin.setText("13579")
    page.again.setText("13579")
    page.save.click()
    qtbot.waitUntil(lambda: page.result.text() != "", timeout=10_000)
    assert not kiosk_exit.exit_pin_set()  # five digits: refused, with the reason on the page
    page.pin.setText("135791")
    page.again.setText("135791")
    page.idle.setValue(90)
    page.save.click()
    qtbot.waitUntil(lambda: page.pin_set, timeout=10_000)
    assert kiosk_exit.ExitGuard().check("135791")
    assert settings.get("kiosk.idle_s") == 90
    looker = KioskPage(CASHIER)
    qtbot.addWidget(looker)
    assert not looker.save.isEnabled() and not looker.pin.isEnabled()
