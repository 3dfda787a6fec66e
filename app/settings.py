"""Every site setting declared once, with its type, default and range.

Values live in the ``setting`` table; reading an undeclared key or storing a
value of the wrong type is an error, so a typo cannot silently become a new
setting.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import QT_TRANSLATE_NOOP, ValidationError

TEMPLATE_MAX = 400  # an SMS template: six parts of Chinese at most
# The SMS a tenant gets, per kind and language ({field}s: app/services/sms_text.py).
SMS_TEMPLATES = {
    "sms.template.alarm1.zh_CN": "【{site}】{tenant}：电表{meter}余额{balance}元，"
    "预计可用{days_left}天，请及时充值。电话{site_phone}",
    "sms.template.alarm1.en": "{site}: {tenant}, meter {meter} has {balance} yuan left, "
    "about {days_left} days. Please recharge. Tel {site_phone}",
    "sms.template.alarm2.zh_CN": "【{site}】{tenant}：电表{meter}余额仅剩{balance}元，"
    "预计{days_left}天后用完，请尽快充值以免停电。电话{site_phone}",
    "sms.template.alarm2.en": "{site}: {tenant}, meter {meter} has only {balance} yuan left, "
    "about {days_left} days. Recharge soon to keep the power on. Tel {site_phone}",
    "sms.template.arrears.zh_CN": "【{site}】{tenant}：电表{meter}已欠费，余额{balance}元，"
    "将被断电，请立即充值。电话{site_phone}",
    "sms.template.arrears.en": "{site}: {tenant}, meter {meter} is in arrears ({balance} yuan) "
    "and will be switched off. Please recharge now. Tel {site_phone}",
    "sms.template.balance_reply.zh_CN": "【{site}】{tenant}：电表{meter}余额{balance}元，"
    "预计可用{days_left}天，最近充值{last_recharge}（{last_recharge_at}）。",
    "sms.template.balance_reply.en": "{site}: {tenant}, meter {meter}: {balance} yuan, about "
    "{days_left} days left; last recharge {last_recharge} ({last_recharge_at}).",
    "sms.template.refusal.zh_CN": "【{site}】抱歉，本号码未在本系统登记，无法查询余额。"
    "如有疑问请致电{site_phone}。",
    "sms.template.refusal.en": "{site}: sorry, this number is not on file, so we cannot "
    "give a balance. Please call {site_phone}.",
}

NOT_WHOLE = QT_TRANSLATE_NOOP("Errors", "{key} must be a whole number")
NOT_TEXT = QT_TRANSLATE_NOOP("Errors", "{key} must be text")
TOO_SMALL = QT_TRANSLATE_NOOP("Errors", "{key} must be at least {minimum}")
TOO_LARGE = QT_TRANSLATE_NOOP("Errors", "{key} must be at most {maximum}")
NOT_A_CHOICE = QT_TRANSLATE_NOOP("Errors", "{key} must be one of {choices}")
NOT_YES_NO = QT_TRANSLATE_NOOP("Errors", "{key} must be yes or no")
TOO_LONG = QT_TRANSLATE_NOOP("Errors", "{key} must be at most {length} characters")


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: object
    doc: str
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] | None = None
    max_length: int | None = None  # text options: what fits on a receipt line

    def parse(self, raw: str) -> object:
        if self.type is bool:
            return raw in ("1", "true", "True", "yes")
        value = self.type(raw)
        self.check(value)
        return value

    def check(self, value: object) -> None:
        if self.type is bool:
            if not isinstance(value, bool):
                raise ValidationError(NOT_YES_NO, key=self.key)
            return
        if self.type is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValidationError(NOT_WHOLE, key=self.key)
        if self.type is str and not isinstance(value, str):
            raise ValidationError(NOT_TEXT, key=self.key)
        if self.max_length is not None and len(value) > self.max_length:  # type: ignore[arg-type]
            raise ValidationError(TOO_LONG, key=self.key, length=self.max_length)
        if self.minimum is not None and value < self.minimum:
            raise ValidationError(TOO_SMALL, key=self.key, minimum=self.minimum)
        if self.maximum is not None and value > self.maximum:
            raise ValidationError(TOO_LARGE, key=self.key, maximum=self.maximum)
        if self.choices is not None and value not in self.choices:
            raise ValidationError(NOT_A_CHOICE, key=self.key, choices=", ".join(self.choices))


OPTIONS: dict[str, Option] = {
    o.key: o
    for o in (
        Option(
            "site.name",
            str,
            "Prepaid Energy Manager",
            "site name on receipts and reports",
            max_length=60,
        ),
        Option("poll.offline_after", int, 3, "missed polls before a meter is offline", 1, 20),
        Option("poll.reading_interval_min", int, 30, "minutes between stored readings", 1, 1440),
        Option("poll.retry_max_s", int, 600, "longest back-off for an offline meter", 10, 86400),
        Option("sale.max_fen", int, 1_000_000, "maximum single sale, fen", 1, 100_000_000),
        Option("receipt.layout", str, "80mm", "receipt paper", choices=("58mm", "80mm", "A4")),
        Option("tariff.default", str, "flat", "tariff offered first when opening an account"),
        Option("ui.language", str, "zh_CN", "interface language", choices=("zh_CN", "en")),
        Option("site.phone", str, "", "phone number printed on receipts", max_length=40),
        Option(
            "receipt.header",
            str,
            "",
            "line printed under the site name on receipts",
            max_length=120,
        ),
        Option("meter.alarm1_fen", int, 2000, "alarm 1 of a new meter, fen", 0, 100_000_000),
        Option("meter.alarm2_fen", int, 500, "alarm 2 of a new meter, fen", 0, 100_000_000),
        Option(
            "meter.overload_w",
            int,
            0,
            "overload threshold of a new meter, W (0: none)",
            0,
            10_000_000,
        ),
        Option("poll.align_readings", bool, True, "stored readings at the clock's interval marks"),
        Option("poll.freshness_target_s", int, 60, "target age of a meter's status, s", 5, 3600),
        Option("config.version", int, 0, "bumped by every site change; bus owners re-read", 0),
        # ---- alarms and SMS (issue #13) ----
        Option(
            "alarm.clear_margin_fen",
            int,
            500,
            "a balance alarm clears only above its threshold plus this, fen",
            0,
            10_000_000,
        ),
        Option("alarm.offline_polls", int, 3, "missed polls before an offline alarm", 1, 100),
        Option(
            "credit.warn_days", int, 3, "grid filter: credit runs out within this many days", 1, 60
        ),
        Option("sms.enabled", bool, True, "send alarm SMS to tenants"),
        Option("sms.language", str, "zh_CN", "language of tenants' SMS", choices=("zh_CN", "en")),
        Option("sms.quiet_start", str, "22:00", "no SMS from this time (HH:MM)", max_length=5),
        Option("sms.quiet_end", str, "08:00", "until this time (HH:MM)", max_length=5),
        Option("sms.daily_cap", int, 5, "most SMS a phone number gets in a day", 1, 100),
        Option("sms.max_attempts", int, 5, "tries before an SMS is given up", 1, 50),
        Option("sms.retry_base_s", int, 60, "first wait before an SMS is tried again, s", 1, 86400),
        Option(
            "sms.query_keywords",
            str,
            "YE,余额",
            "words a tenant texts for the balance",
            max_length=60,
        ),
        Option("sms.query_per_hour", int, 3, "balance queries answered per number an hour", 1, 60),
        Option("sms.reply_unknown", bool, False, "answer unknown numbers with a polite refusal"),
        *(
            Option(
                key, str, text, "SMS text " + key[len("sms.template.") :], max_length=TEMPLATE_MAX
            )
            for key, text in SMS_TEMPLATES.items()
        ),
        Option(
            "modem.port",
            str,
            "",
            "GSM modem serial port or socket:// URL (empty: none)",
            max_length=200,
        ),
        Option("modem.baud", int, 115200, "GSM modem baud rate", 1200, 921600),
        Option("modem.pin", str, "", "SIM PIN, if the SIM asks for one", max_length=8),
        Option("modem.mode", str, "auto", "SMS mode", choices=("auto", "pdu", "text")),
        # ---- tenant self-service (issue #15) ----
        Option("tenant.self_control", bool, True, "tenants may switch their own power off and on"),
        Option(
            "tenant.live_read_s",
            int,
            60,
            "a tenant's live balance read at most this often, s",
            10,
            3600,
        ),
        Option(
            "portal.listen",
            str,
            "0.0.0.0:8080",
            "where the mobile site listens (host:port)",
            max_length=80,
        ),
        Option(
            "portal.in_collector", bool, False, "the collection service also serves the mobile site"
        ),
        Option(
            "portal.cert_file",
            str,
            "",
            "HTTPS certificate (PEM) of the mobile site (empty: plain HTTP behind a proxy)",
            max_length=400,
        ),
        Option("portal.key_file", str, "", "its private key (PEM)", max_length=400),
        Option(
            "kiosk.exit_pin_hash",
            str,
            "",
            "hash of the PIN that leaves the kiosk (set in settings)",
            max_length=200,
        ),
        Option(
            "kiosk.idle_s",
            int,
            60,
            "the kiosk goes back to its start screen after this, s",
            15,
            3600,
        ),
        # ---- online self-purchase (issue #16) ----
        Option("pay.enabled", bool, False, "tenants may buy credit online (WeChat Pay, Alipay)"),
        Option("pay.providers", str, "wechat,alipay", "providers offered", max_length=40),
        Option("pay.min_fen", int, 1000, "smallest online purchase, fen", 1, 100_000_000),
        Option("pay.max_fen", int, 100_000, "largest online purchase, fen", 1, 100_000_000),
        Option("pay.presets", str, "5000,10000,20000,50000", "amounts offered, fen", max_length=80),
        Option(
            "pay.notify_base",
            str,
            "",
            "this site's public address the providers notify (https://...)",
            max_length=200,
        ),
        Option(
            "pay.query_after_s",
            int,
            60,
            "ask the provider about an order without a notification after, s",
            10,
            3600,
        ),
        Option("pay.close_after_s", int, 900, "close an unpaid order after, s", 60, 86400),
        Option(
            "pay.credit_deadline_s",
            int,
            3600,
            "refund a paid order not credited within, s",
            60,
            604800,
        ),
        Option("pay.test_mode", bool, True, "use the providers' sandbox (or the local fakes)"),
        # ---- archiving and backups (issue #14) ----
        Option(
            "archive.keep_days",
            int,
            180,
            "raw readings older than this move to the archive",
            7,
            36500,
        ),
        Option("archive.start_hour", int, 2, "hour of the night the archiver runs", 0, 23),
        Option(
            "backup.folder",
            str,
            "",
            "where daily backups go (empty: the site's backups folder)",
            max_length=400,
        ),
        Option("backup.hour", int, 3, "hour of the night the daily backup is made", 0, 23),
        Option("backup.keep_daily", int, 7, "daily backups kept", 1, 365),
        Option("backup.keep_monthly", int, 12, "monthly backups kept", 0, 240),
    )
}


def option(key: str) -> Option:
    try:
        return OPTIONS[key]
    except KeyError:
        raise KeyError(f"undeclared setting {key!r}") from None


def get(key: str):
    """The stored value, or the declared default (needs an open database)."""
    from app.models import SettingRow

    opt = option(key)
    row = SettingRow.get_or_none(SettingRow.key == key)
    return opt.default if row is None else opt.parse(row.value)


def put(key: str, value) -> None:
    from app.models import SettingRow

    opt = option(key)
    opt.check(value)
    SettingRow.insert(key=key, value=str(value)).on_conflict(
        conflict_target=[SettingRow.key], update={SettingRow.value: str(value)}
    ).execute()
