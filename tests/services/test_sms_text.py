"""What a tenant's SMS says when the days left cannot be told."""

from __future__ import annotations

import pytest

from app.services import sms_text
from app.settings import SMS_TEMPLATES

VALUES = {
    "site": "演示商场",
    "tenant": "张三",
    "meter": "M001",
    "balance": "8.00",
    "site_phone": "0755-1234567",
    "last_recharge": "100.00",
    "last_recharge_at": "2026-03-01",
}


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (
            "sms.template.alarm1.zh_CN",
            "【演示商场】张三：电表M001余额8.00元，请及时充值。电话0755-1234567",
        ),
        (
            "sms.template.alarm2.zh_CN",
            "【演示商场】张三：电表M001余额仅剩8.00元，请尽快充值以免停电。电话0755-1234567",
        ),
        (
            "sms.template.alarm1.en",
            "演示商场: 张三, meter M001 has 8.00 yuan left. Please recharge. Tel 0755-1234567",
        ),
        (
            "sms.template.balance_reply.en",
            "演示商场: 张三, meter M001: 8.00 yuan; last recharge 100.00 (2026-03-01).",
        ),
        (
            "sms.template.balance_reply.zh_CN",
            "【演示商场】张三：电表M001余额8.00元，最近充值100.00（2026-03-01）。",
        ),
    ],
)
def test_unknown_days_left_drop_their_clause_instead_of_a_question_mark(key, expected):
    """ "预计可用?天" tells a tenant nothing and looks broken: the clause goes."""
    text = sms_text.render(SMS_TEMPLATES[key], {**VALUES, "days_left": sms_text.UNKNOWN})
    assert text == expected
    assert "?" not in text


def test_known_days_left_are_said():
    text = sms_text.render(SMS_TEMPLATES["sms.template.alarm1.zh_CN"], {**VALUES, "days_left": "3"})
    assert "预计可用3天，" in text


def test_a_template_that_is_only_the_days_keeps_the_mark():
    assert sms_text.render("{days_left}", {"days_left": sms_text.UNKNOWN}) == "?"


@pytest.mark.parametrize(
    ("key", "ending"),
    [
        ("sms.template.alarm1.zh_CN", "预计可用3天，请及时充值。"),
        ("sms.template.alarm1.en", "about 3 days. Please recharge."),
        ("sms.template.refusal.zh_CN", "无法查询余额。"),
        ("sms.template.refusal.en", "so we cannot give a balance."),
    ],
)
def test_no_site_phone_set_drops_the_bare_tel(key, ending):
    values = {**VALUES, "days_left": "3", "site_phone": ""}
    assert sms_text.render(SMS_TEMPLATES[key], values).endswith(ending)
