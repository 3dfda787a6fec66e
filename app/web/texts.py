"""The mobile site's own words, Chinese first, English on request.

The portal process has no Qt, so its page texts are not in the Qt translation
files: they live here as one small table per language, looked up by key from
the templates (``t("balance")``). A service's ``Message`` (a refusal, a wrong
PIN) is translated from the "Errors" context of the program's Qt translation
file, read as plain XML, so the site says what the kiosk says.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache

from app.messages import Message
from app.resources import resource_path

LANGS = ("zh_CN", "en")
DEFAULT_LANG = "zh_CN"

EN = {
    "title": "Tenant service",
    "lang_other": "中文",
    "sign_in": "Sign in",
    "account": "Account or shop number",
    "pin": "PIN",
    "sign_out": "Sign out",
    "my_meters": "My meters",
    "balance": "Balance",
    "read_at": "read {at}",
    "never_read": "not read yet",
    "metering_only": "metering only",
    "days_left": "About {days} days of credit left",
    "online": "online",
    "offline": "offline",
    "power_on": "Power on",
    "power_off": "Power off",
    "switch_off": "Switch power off",
    "switch_on": "Switch power back on",
    "refresh": "Read balance now",
    "usage": "Usage, last 30 days",
    "usage_none": "No usage recorded yet.",
    "monthly": "Monthly totals",
    "month": "Month",
    "energy": "Energy (kWh)",
    "cost": "Cost (yuan)",
    "days_missing": "{n} days missing",
    "recharges": "Recharges",
    "recharges_none": "No recharges yet.",
    "sms": "Messages",
    "sms_none": "No messages.",
    "change_pin": "Change PIN",
    "old_pin": "Current PIN",
    "new_pin": "New PIN (4 to 8 digits)",
    "new_pin_again": "New PIN again",
    "pin_mismatch": "The two new PINs differ.",
    "pin_changed": "PIN changed. Please sign in with the new PIN.",
    "save": "Save",
    "back": "Back",
    "details": "Usage and details",
    "buy": "Buy credit",
    "buy_for": "Buy credit for meter {number}",
    "buy_off": "Online purchase is not offered at this site.",
    "amount_pick": "Amount",
    "other_amount": "Other amount (yuan)",
    "limits": "From ¥{low} to ¥{high}",
    "pay_with": "Pay with",
    "wechat": "WeChat Pay",
    "alipay": "Alipay",
    "pay_now": "Go to payment",
    "bad_amount": "Please choose or type an amount.",
    "order": "Order {no}",
    "order_amount": "Amount",
    "order_meter": "Meter",
    "order_state": "State",
    "receipt": "Receipt",
    "open_payment": "Open the payment page",
    "refreshing": "This page refreshes itself every few seconds.",
    "st_created": "Being placed",
    "st_paying": "Waiting for your payment",
    "st_paid": "Paid, crediting the meter",
    "st_crediting": "Paid, crediting the meter",
    "st_credited": "Credited",
    "st_refund_pending": "Could not be credited: refunding",
    "st_refunded": "Refunded",
    "st_closed": "Closed, not paid",
    "read_only": "Read only: the collection service is not running, balances are the last known.",
    "sent_off": "Power switched off.",
    "sent_on": "Power switched back on.",
    "sent_read": "Balance read.",
    "pending": "Sent to the meter; it is still working, refresh in a moment.",
    "failed": "The meter did not answer: {reason}",
    "read_too_soon": "The balance was read a moment ago; try again in a minute.",
    "signed_out": "Signed out.",
    "expired": "Your session ended; please sign in again.",
    "bad_form": "The form was out of date; please try again.",
    "too_many": "Too many requests; wait a minute.",
    "not_found": "Not found.",
    "kind_sale": "Recharge",
    "kind_refund": "Refund",
    "kind_correction": "Correction",
    "kind_transfer_in": "Transfer in",
    "kind_transfer_out": "Transfer out",
    "kind_online": "Online recharge",
    "when": "Time",
    "meter": "Meter",
    "amount": "Amount",
    "in": "received",
    "out": "sent",
    "kwh": "kWh",
    "yuan": "¥{amount}",
}

ZH = {
    "title": "租户服务",
    "lang_other": "English",
    "sign_in": "登录",
    "account": "账号或铺位号",
    "pin": "密码",
    "sign_out": "退出",
    "my_meters": "我的电表",
    "balance": "余额",
    "read_at": "{at} 读取",
    "never_read": "尚未读取",
    "metering_only": "仅计量",
    "days_left": "预计还可用约 {days} 天",
    "online": "在线",
    "offline": "离线",
    "power_on": "已通电",
    "power_off": "已断电",
    "switch_off": "断开电源",
    "switch_on": "恢复供电",
    "refresh": "立即读取余额",
    "usage": "近 30 天用电",
    "usage_none": "暂无用电记录。",
    "monthly": "月度合计",
    "month": "月份",
    "energy": "电量（千瓦时）",
    "cost": "电费（元）",
    "days_missing": "缺 {n} 天",
    "recharges": "充值记录",
    "recharges_none": "暂无充值记录。",
    "sms": "短信",
    "sms_none": "暂无短信。",
    "change_pin": "修改密码",
    "old_pin": "当前密码",
    "new_pin": "新密码（4 到 8 位数字）",
    "new_pin_again": "再次输入新密码",
    "pin_mismatch": "两次输入的新密码不一致。",
    "pin_changed": "密码已修改，请用新密码登录。",
    "save": "保存",
    "back": "返回",
    "details": "用电详情",
    "buy": "在线充值",
    "buy_for": "为电表 {number} 充值",
    "buy_off": "本站未开通在线充值。",
    "amount_pick": "金额",
    "other_amount": "其他金额（元）",
    "limits": "¥{low} 至 ¥{high}",
    "pay_with": "支付方式",
    "wechat": "微信支付",
    "alipay": "支付宝",
    "pay_now": "去支付",
    "bad_amount": "请选择或输入金额。",
    "order": "订单 {no}",
    "order_amount": "金额",
    "order_meter": "电表",
    "order_state": "状态",
    "receipt": "收据",
    "open_payment": "打开支付页面",
    "refreshing": "本页每隔几秒自动刷新。",
    "st_created": "正在下单",
    "st_paying": "等待您付款",
    "st_paid": "已付款，正在充值到电表",
    "st_crediting": "已付款，正在充值到电表",
    "st_credited": "已充值",
    "st_refund_pending": "无法充值：正在退款",
    "st_refunded": "已退款",
    "st_closed": "已关闭，未付款",
    "read_only": "只读：集抄服务未运行，余额为最近一次读取的数据。",
    "sent_off": "已断开电源。",
    "sent_on": "已恢复供电。",
    "sent_read": "余额已读取。",
    "pending": "指令已发往电表，仍在执行，请稍后刷新。",
    "failed": "电表未应答：{reason}",
    "read_too_soon": "刚刚读取过余额，请一分钟后再试。",
    "signed_out": "已退出。",
    "expired": "登录已过期，请重新登录。",
    "bad_form": "页面已过期，请重试。",
    "too_many": "请求过于频繁，请稍候一分钟。",
    "not_found": "未找到。",
    "kind_sale": "充值",
    "kind_refund": "退款",
    "kind_correction": "更正",
    "kind_transfer_in": "转入",
    "kind_transfer_out": "转出",
    "kind_online": "在线充值",
    "when": "时间",
    "meter": "电表",
    "amount": "金额",
    "in": "收到",
    "out": "发出",
    "kwh": "千瓦时",
    "yuan": "¥{amount}",
}

TABLES = {"en": EN, "zh_CN": ZH}


def text(lang: str, key: str, **params) -> str:
    """The page text ``key`` in ``lang`` (English when missing), with ``params`` filled in."""
    words = TABLES.get(lang, ZH).get(key) or EN[key]
    return words.format(**params) if params else words


@cache
def _error_translations() -> dict[str, str]:
    """English template -> Chinese, from the "Errors" context of the Qt translation file."""
    found: dict[str, str] = {}
    try:
        root = ET.parse(resource_path("i18n", "pem_zh_CN.ts")).getroot()
    except (OSError, ET.ParseError):
        return found
    for context in root.iter("context"):
        if context.findtext("name") != "Errors":
            continue
        for message in context.iter("message"):
            source, translation = message.find("source"), message.find("translation")
            if source is None or translation is None or not translation.text:
                continue
            if translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            found[source.text or ""] = translation.text
    return found


def message_text(lang: str, message: Message) -> str:
    """A service's message in ``lang``: its Chinese template when there is one."""
    if lang != "zh_CN":
        return message.text()
    template = _error_translations().get(message.template)
    if template is None:
        return message.text()
    return Message(template, message.params).text()
