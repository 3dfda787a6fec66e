"""What a tenant's SMS says: templates per kind and language, their fields, and their length.

The templates are site settings (``sms.template.<kind>.<lang>``, declared in
``app/settings.py``) so that a site can word them its own way; the settings
page previews them with a sample tenant. ``render`` fills the ``{field}``s;
``check_template`` refuses a field the program does not know (a typo would
otherwise reach every tenant as "{balanse}").

``measure`` says how the modem will carry a text: GSM 7-bit when every
character is in the GSM alphabet (160 characters in one SMS, 153 per part of a
long one, the extension characters such as ``€`` or ``[`` taking two), else
UCS2 (70 in one SMS, 67 per part), which every Chinese text is.
"""

from __future__ import annotations

import datetime as dt
import math
import string
from dataclasses import dataclass

from app import settings
from app.errors import QT_TRANSLATE_NOOP, InvalidField

ALARM1, ALARM2, ARREARS, BALANCE_REPLY, REFUSAL = (
    "alarm1",
    "alarm2",
    "arrears",
    "balance_reply",
    "refusal",
)
KINDS = (ALARM1, ALARM2, ARREARS, BALANCE_REPLY, REFUSAL)
LANGUAGES = ("zh_CN", "en")
# Spelled out so every declared key is read by name (tests/test_declared_once.py).
TEMPLATE_KEYS = {
    (ALARM1, "zh_CN"): "sms.template.alarm1.zh_CN",
    (ALARM1, "en"): "sms.template.alarm1.en",
    (ALARM2, "zh_CN"): "sms.template.alarm2.zh_CN",
    (ALARM2, "en"): "sms.template.alarm2.en",
    (ARREARS, "zh_CN"): "sms.template.arrears.zh_CN",
    (ARREARS, "en"): "sms.template.arrears.en",
    (BALANCE_REPLY, "zh_CN"): "sms.template.balance_reply.zh_CN",
    (BALANCE_REPLY, "en"): "sms.template.balance_reply.en",
    (REFUSAL, "zh_CN"): "sms.template.refusal.zh_CN",
    (REFUSAL, "en"): "sms.template.refusal.en",
}
FIELDS = (
    "site",  # site.name
    "site_phone",  # site.phone
    "tenant",  # the tenant's name
    "account",  # account number
    "shop",
    "meter",  # meter number
    "balance",  # yuan, 12.34
    "days_left",  # whole days, or UNKNOWN when the forecast cannot tell
    "last_recharge",  # yuan of the last sale, or "-"
    "last_recharge_at",  # local date of it, or "-"
)
UNKNOWN = "?"  # days left when the forecast cannot tell (too little history)
NONE = "-"

UNKNOWN_FIELD = QT_TRANSLATE_NOOP("Errors", "SMS text: unknown field {{{field}}}; use {fields}")
BAD_BRACES = QT_TRANSLATE_NOOP("Errors", "SMS text: a brace without its pair")
EMPTY = QT_TRANSLATE_NOOP("Errors", "SMS text: it must not be empty")

GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = set("^{}\\[~]|€\f")  # each sent as escape + character: two septets
GSM7_SINGLE, GSM7_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67


def template_key(kind: str, language: str) -> str:
    return TEMPLATE_KEYS[(kind, language)]


def template(kind: str, language: str | None = None) -> str:
    """The stored template of ``kind`` in ``language`` (default: ``sms.language``)."""
    return str(settings.get(template_key(kind, language or sms_language())))


def sms_language() -> str:
    return str(settings.get("sms.language"))


def fields_used(text: str) -> list[str]:
    """The ``{field}`` names in ``text``; a lone brace is refused (``InvalidField``)."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        raise InvalidField("template", BAD_BRACES) from None
    return [name for _lit, name, _spec, _conv in parsed if name is not None]


def check_template(text: str) -> None:
    """Refuse an empty text, a lone brace, or a field not in ``FIELDS``."""
    if not text.strip():
        raise InvalidField("template", EMPTY)
    for name in fields_used(text):
        if name not in FIELDS:
            raise InvalidField("template", UNKNOWN_FIELD, field=name, fields=", ".join(FIELDS))


class _Fill(dict):
    def __missing__(self, key: str) -> str:  # a field the caller has no value for
        return NONE


def render(text: str, values: dict[str, object]) -> str:
    """``text`` with its fields filled; a field without a value shows as ``-``.

    Days left the forecast cannot tell take their clause with them ("余额8.00元，
    预计可用{days_left}天，请及时充值" says "余额8.00元，请及时充值"), rather
    than telling the tenant "预计可用?天"; so does an unset site phone ("电话" with
    no number after it).

    A template that no longer parses (edited by hand in the database) is sent as
    it is rather than not at all.
    """
    if values.get("days_left") == UNKNOWN:
        text = drop_clause(text, "days_left")
    if not str(values.get("site_phone", NONE)).strip():  # no number set: no "电话" ending bare
        text = drop_clause(text, "site_phone")
    try:
        return string.Formatter().vformat(text, (), _Fill({k: str(v) for k, v in values.items()}))
    except (ValueError, IndexError, AttributeError):
        return text


_CLAUSE_ENDS = "，,；;。！!"


def _is_end(text: str, i: int) -> bool:
    """A clause ends at ``text[i]``: a comma, semicolon or stop (a '.' only before a space)."""
    c = text[i]
    return c in _CLAUSE_ENDS or (c == "." and (i + 1 == len(text) or text[i + 1] == " "))


def drop_clause(text: str, field: str) -> str:
    """``text`` without the clause that holds ``{field}``: from the punctuation before it
    up to the one after it (kept). A template that is nothing but that clause is kept."""
    token = "{" + field + "}"
    at = text.find(token)
    if at < 0:
        return text
    before = next((i for i in range(at - 1, -1, -1) if _is_end(text, i)), None)
    after = next((i for i in range(at + len(token), len(text)) if _is_end(text, i)), None)
    if before is not None:
        if after is None:  # the last clause: a full stop before it stays
            return text[: before + 1] if text[before] in "。.！!" else text[:before]
        return text[:before] + text[after:]
    if after is not None:
        return text[after + 1 :].lstrip()
    return text


@dataclass(frozen=True)
class SmsLength:
    encoding: str  # "GSM-7" or "UCS2"
    units: int  # septets (GSM-7) or UTF-16 code units (UCS2)
    parts: int  # SMS it takes (1 for an empty text)
    per_part: int  # units one part holds for a text of this length


def is_gsm7(text: str) -> bool:
    return all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in text)


def measure(text: str) -> SmsLength:
    """Encoding, length and number of SMS parts of ``text`` as the modem will send it.

    A long GSM-7 text is split so that an escape pair never straddles two
    parts (a part may then hold 152); UCS2 keeps a surrogate pair together.
    """
    if is_gsm7(text):
        units = [2 if c in GSM7_EXTENSION else 1 for c in text]
        single, part = GSM7_SINGLE, GSM7_PART
        encoding = "GSM-7"
    else:
        units = [2 if ord(c) > 0xFFFF else 1 for c in text]
        single, part = UCS2_SINGLE, UCS2_PART
        encoding = "UCS2"
    total = sum(units)
    if total <= single:
        return SmsLength(encoding, total, 1, single)
    parts, used = 1, 0
    for size in units:
        if used + size > part:
            parts, used = parts + 1, 0
        used += size
    return SmsLength(encoding, total, parts, part)


def meter_values(
    tenant, meter_id: int, balance_fen: int | None, now: dt.datetime
) -> dict[str, object]:
    """Every field for an SMS to ``tenant`` about ``meter_id`` (balance in fen, None: unknown).

    Days left come from ``credit_forecast`` (its "cannot tell" shows as
    ``UNKNOWN``), the last recharge from the ledger's last confirmed sale.
    """
    from app.models import LedgerEntry, Meter
    from app.models.ledger import EntryKind, EntryState
    from app.services import credit_forecast
    from app.services.money import format_fen
    from app.services.schedule_times import local_zone, to_local

    meter = Meter.get_or_none(Meter.id == meter_id)
    days = credit_forecast.forecast(meter_id, now).days
    last = (
        LedgerEntry.select()
        .where(
            (LedgerEntry.meter == meter_id)
            & (LedgerEntry.kind == EntryKind.SALE.value)
            & (LedgerEntry.state == EntryState.CONFIRMED.value)
        )
        .order_by(LedgerEntry.id.desc())
        .first()
    )
    return {
        **site_values(),
        "tenant": tenant.name,
        "account": tenant.account_no,
        "shop": tenant.shop,
        "meter": meter.number if meter else NONE,
        "balance": format_fen(balance_fen) if balance_fen is not None else NONE,
        "days_left": UNKNOWN if days is None else str(max(0, math.floor(days))),
        "last_recharge": format_fen(last.amount_fen) if last else NONE,
        "last_recharge_at": f"{to_local(last.created_at, local_zone()):%Y-%m-%d}" if last else NONE,
    }


def site_values() -> dict[str, object]:
    return {"site": settings.get("site.name"), "site_phone": settings.get("site.phone")}
