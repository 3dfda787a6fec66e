"""The SMS settings page: the template editor's live preview, length and parts; saving
templates and sending settings; refusals at their field; read-only for other roles."""

from __future__ import annotations

import pytest

from app import settings
from app.models import SystemLog
from app.services.permissions import Actor, Role
from app.ui.settings.settings_window import SettingsWindow
from app.ui.settings.sms_page import SmsPage

ADMIN = Actor(1, "boss", Role.ADMIN)
CASHIER = Actor(2, "cashier", Role.CASHIER)


@pytest.fixture
def page(qtbot, database):
    settings.put("site.name", "Sunny Plaza")
    settings.put("site.phone", "0755-1234567")
    p = SmsPage(ADMIN)
    qtbot.addWidget(p)
    p.show()
    return p


def _pick(page, kind: str, language: str) -> None:
    page.kind_box.setCurrentIndex(page.kind_box.findData(kind))
    page.text_language_box.setCurrentIndex(page.text_language_box.findData(language))


def _saved(qtbot, page) -> None:
    page.save()
    qtbot.waitUntil(lambda: page._pending is None, timeout=5000)


def test_preview_follows_typing_with_length_and_parts(qtbot, page):
    _pick(page, "alarm1", "en")
    page.editor.clear()
    qtbot.keyClicks(page.editor, "{site}: {tenant} has {balance} yuan, {days_left} days")
    assert page.preview.text() == "Sunny Plaza: Zhang San Store has 18.50 yuan, 5 days"
    assert page.length_label.text() == "GSM-7: 51 characters, 1 SMS (160 characters each)"
    qtbot.keyClicks(page.editor, " x" * 60)
    assert page.length_label.text() == "GSM-7: 171 characters, 2 SMS (153 characters each)"
    _pick(page, "arrears", "zh_CN")  # Chinese: UCS2, 70 per SMS
    assert "张三商店" in page.preview.text() and "-3.20" in page.preview.text()
    assert page.length_label.text().startswith("UCS2: ")
    page.editor.setPlainText("余" * 71)
    assert page.length_label.text() == "UCS2: 71 characters, 2 SMS (67 characters each)"


def test_an_unknown_field_is_said_at_once(qtbot, page):
    _pick(page, "alarm2", "en")
    qtbot.keyClicks(page.editor, " {balanse}")
    assert page.errors["template"].isVisible()
    assert "{balanse}" in page.errors["template"].text()
    qtbot.keyClick(page.editor, "\b")
    qtbot.keyClicks(page.editor, "}")  # still {balanse}: the error stays
    page.editor.setPlainText("{tenant}")
    assert not page.errors["template"].isVisible()


def test_edits_of_several_templates_save_together(qtbot, page):
    _pick(page, "alarm1", "en")
    page.editor.setPlainText("Low: {balance}")
    _pick(page, "balance_reply", "zh_CN")
    page.editor.setPlainText("余额{balance}元")
    _pick(page, "alarm1", "en")
    assert page.editor.toPlainText() == "Low: {balance}"  # kept while switching
    page.cap_spin.setValue(3)
    page.quiet_start.setTime(page.quiet_start.time().fromString("21:30", "HH:mm"))
    page.keywords_edit.setText("CX,查询")
    _saved(qtbot, page)
    assert settings.get("sms.template.alarm1.en") == "Low: {balance}"
    assert settings.get("sms.template.balance_reply.zh_CN") == "余额{balance}元"
    assert settings.get("sms.daily_cap") == 3
    assert settings.get("sms.quiet_start") == "21:30"
    assert settings.get("sms.query_keywords") == "CX,查询"
    assert page.status_label.text() == "Saved."
    assert SystemLog.select().where(SystemLog.action == "settings.change").count() == 1


def test_a_bad_template_elsewhere_is_shown_and_nothing_saved(qtbot, page):
    _pick(page, "refusal", "zh_CN")
    page.editor.setPlainText("抱歉 {nobody}")
    _pick(page, "alarm1", "en")
    page.cap_spin.setValue(4)
    page.save()
    assert page._pending is None  # refused before any saving
    assert (page.kind_box.currentData(), page.text_language_box.currentData()) == (
        "refusal",
        "zh_CN",
    )
    assert "{nobody}" in page.errors["template"].text()
    assert settings.get("sms.daily_cap") == 5


def test_undo_brings_back_the_stored_texts(qtbot, page):
    _pick(page, "alarm1", "zh_CN")
    stored = page.editor.toPlainText()
    page.editor.setPlainText("changed")
    page.revert_button.click()
    _pick(page, "alarm1", "zh_CN")
    assert page.editor.toPlainText() == stored


def test_cashier_reads_but_cannot_change(qtbot, database):
    page = SmsPage(CASHIER)
    qtbot.addWidget(page)
    assert page.editor.isReadOnly() and not page.save_button.isVisible()
    assert not page.sending_box.isEnabled()
    page.save()
    assert page._pending is None


def test_settings_window_has_the_sms_page_and_passes_the_actor_on(qtbot, database):
    window = SettingsWindow(None, CASHIER)
    qtbot.addWidget(window)
    assert window.tabs.tabText(window.tabs.indexOf(window.sms)) == "SMS"
    assert not window.sms.editable
    window.set_actor(ADMIN)
    assert window.sms.editable and not window.sms.editor.isReadOnly()
