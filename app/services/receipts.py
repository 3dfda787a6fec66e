"""What a receipt says, independent of paper and printer.

Every layout (58 mm, 80 mm thermal, A4) prints the same lines, built here once
so a reprint or a PDF carries exactly what the cashier's printout carried.
Labels are English source strings marked with ``QT_TRANSLATE_NOOP`` (so
``pyside6-lupdate`` collects them into the "receipt" context) plus a built-in
Simplified Chinese table: a receipt's language is the site's choice and must not
depend on whether a translation file happens to be installed.  No Qt here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from app.services.money import amount_in_words, format_fen_grouped

log = logging.getLogger(__name__)

CONTEXT = "receipt"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marker for lupdate; returns the source text unchanged."""
    return text


KIND_TITLES: dict[str, str] = {
    "sale": QT_TRANSLATE_NOOP("receipt", "Electricity sale receipt"),
    "refund": QT_TRANSLATE_NOOP("receipt", "Refund receipt"),
    "correction": QT_TRANSLATE_NOOP("receipt", "Sale correction receipt"),
    "close": QT_TRANSLATE_NOOP("receipt", "Account closing receipt"),
    "transfer_in": QT_TRANSLATE_NOOP("receipt", "Balance transfer-in receipt"),
    "transfer_out": QT_TRANSLATE_NOOP("receipt", "Balance transfer-out receipt"),
    "open": QT_TRANSLATE_NOOP("receipt", "Account opening receipt"),
}
KINDS = tuple(KIND_TITLES)

AMOUNT_LABELS: dict[str, str] = {
    "sale": QT_TRANSLATE_NOOP("receipt", "Amount paid"),
    "refund": QT_TRANSLATE_NOOP("receipt", "Amount refunded"),
    "correction": QT_TRANSLATE_NOOP("receipt", "Amount reversed"),
    "close": QT_TRANSLATE_NOOP("receipt", "Balance refunded"),
    "transfer_in": QT_TRANSLATE_NOOP("receipt", "Amount transferred in"),
    "transfer_out": QT_TRANSLATE_NOOP("receipt", "Amount transferred out"),
    "open": QT_TRANSLATE_NOOP("receipt", "Amount paid"),
}

PAYMENT_METHODS: dict[str, str] = {
    "cash": QT_TRANSLATE_NOOP("receipt", "Cash"),
    "card": QT_TRANSLATE_NOOP("receipt", "Bank card"),
    "wechat": QT_TRANSLATE_NOOP("receipt", "WeChat Pay"),
    "alipay": QT_TRANSLATE_NOOP("receipt", "Alipay"),
    "bank_transfer": QT_TRANSLATE_NOOP("receipt", "Bank transfer"),
}

LABELS: dict[str, str] = {
    "receipt_no": QT_TRANSLATE_NOOP("receipt", "Receipt no."),
    "at": QT_TRANSLATE_NOOP("receipt", "Date and time"),
    "tenant": QT_TRANSLATE_NOOP("receipt", "Tenant"),
    "account_no": QT_TRANSLATE_NOOP("receipt", "Account no."),
    "meter": QT_TRANSLATE_NOOP("receipt", "Meter no."),
    "payment_method": QT_TRANSLATE_NOOP("receipt", "Payment method"),
    "words": QT_TRANSLATE_NOOP("receipt", "In words"),
    "balance_after": QT_TRANSLATE_NOOP("receipt", "Balance after"),
    "purchase_count": QT_TRANSLATE_NOOP("receipt", "Purchase count"),
    "reference": QT_TRANSLATE_NOOP("receipt", "Reverses receipt"),
    "notes": QT_TRANSLATE_NOOP("receipt", "Notes"),
    "operator": QT_TRANSLATE_NOOP("receipt", "Operator"),
    "copy": QT_TRANSLATE_NOOP("receipt", "COPY"),
    "signature": QT_TRANSLATE_NOOP("receipt", "Customer signature"),
    "keep": QT_TRANSLATE_NOOP("receipt", "Please keep this receipt."),
    "yuan": QT_TRANSLATE_NOOP("receipt", "CNY"),
    "phone": QT_TRANSLATE_NOOP("receipt", "Phone"),
}

# Built-in Simplified Chinese (kept in step with resources/i18n by lupdate/lrelease).
ZH_CN: dict[str, str] = {
    "Electricity sale receipt": "售电收据",
    "Refund receipt": "退电收据",
    "Sale correction receipt": "冲正凭证",
    "Account closing receipt": "销户收据",
    "Balance transfer-in receipt": "余额转入凭证",
    "Balance transfer-out receipt": "余额转出凭证",
    "Account opening receipt": "开户凭证",
    "Amount paid": "购电金额",
    "Amount refunded": "退电金额",
    "Amount reversed": "冲正金额",
    "Balance refunded": "退还余额",
    "Amount transferred in": "转入金额",
    "Amount transferred out": "转出金额",
    "Cash": "现金",
    "Bank card": "银行卡",
    "WeChat Pay": "微信支付",
    "Alipay": "支付宝",
    "Bank transfer": "银行转账",
    "Receipt no.": "收据编号",
    "Date and time": "日期时间",
    "Tenant": "户名",
    "Account no.": "户号",
    "Meter no.": "表号",
    "Payment method": "支付方式",
    "In words": "大写金额",
    "Balance after": "剩余金额",
    "Purchase count": "购电次数",
    "Reverses receipt": "原收据编号",
    "Notes": "备注",
    "Operator": "操作员",
    "COPY": "副本 COPY",
    "Customer signature": "客户签名",
    "Please keep this receipt.": "请妥善保管此收据。",
    "CNY": "元",
    "Phone": "电话",
}


def localize(source: str, lang: str) -> str:
    """The receipt-language text for an English source label."""
    if lang.startswith("zh"):
        return ZH_CN.get(source, source)
    return source


def receipt_number(entry_id: int, at: datetime) -> str:
    """ "20261124-0000123": the entry's (UTC) date and its ledger id, short enough to read out.

    The ledger stamps this on every entry when it writes it
    (``app.services.ledger.receipt_number``, same scheme, checked by a test); this
    copy is only for rows written without one.
    """
    if entry_id < 0:
        raise ValueError("ledger entry ids are positive")
    return f"{at:%Y%m%d}-{entry_id:07d}"


@dataclass(frozen=True)
class ReceiptData:
    """One money movement as printed.  ``amount_fen`` is printed as its magnitude;
    the kind says the direction (a refund of 50.00 prints "Amount refunded 50.00")."""

    site_name: str
    receipt_no: str
    kind: str
    at: datetime
    tenant_name: str
    account_no: str
    meter_no: str
    amount_fen: int
    balance_after_fen: int | None
    purchase_count: int | None
    operator: str
    payment_method: str = ""
    copy: bool = False
    reference: str = ""
    notes: str = ""
    header: str = ""  # the site's line under its name (receipt.header)
    phone: str = ""  # the site's phone number (site.phone)

    def __post_init__(self) -> None:
        if self.kind not in KIND_TITLES:
            raise ValueError(f"unknown receipt kind {self.kind!r}")
        if isinstance(self.amount_fen, bool) or not isinstance(self.amount_fen, int):
            raise TypeError("amount_fen is integer fen")


@dataclass(frozen=True)
class ReceiptLine:
    key: str
    source: str  # English source label (for Qt translation lookups)
    label: str  # label in the receipt language
    value: str
    emphasis: bool = False
    wide: bool = False  # long value: layouts may put it below its label


@dataclass(frozen=True)
class ReceiptText:
    lang: str
    site_name: str
    title: str
    copy_mark: str  # "" on an original
    lines: tuple[ReceiptLine, ...]
    footer: tuple[str, ...] = field(default_factory=tuple)
    header: str = ""  # under the site name ("" : none)
    phone: str = ""  # "Phone: 0571-..." under the header ("" : none)

    def plain(self) -> str:
        """All of it as plain text (logs, tests, a text-only printer)."""
        out = [self.site_name, *(t for t in (self.header, self.phone) if t), self.title]
        if self.copy_mark:
            out.append(self.copy_mark)
        out += [f"{line.label}: {line.value}" for line in self.lines]
        out += list(self.footer)
        return "\n".join(out)


def payment_method_text(method: str, lang: str) -> str:
    source = PAYMENT_METHODS.get(method)
    return localize(source, lang) if source else method


def receipt_lines(data: ReceiptData, lang: str = "zh_CN") -> ReceiptText:
    """The receipt's text in ``lang`` ("zh_CN" or "en"), shared by all layouts."""

    def line(key: str, value: str, source: str | None = None, **kw) -> ReceiptLine:
        src = source or LABELS[key]
        return ReceiptLine(key, src, localize(src, lang), value, **kw)

    amount = abs(data.amount_fen)
    currency = localize(LABELS["yuan"], lang)
    money = (
        (lambda f: f"{format_fen_grouped(f)} {currency}")
        if lang.startswith("zh")
        else (lambda f: f"{currency} {format_fen_grouped(f)}")
    )
    lines = [
        line("receipt_no", data.receipt_no),
        line("at", f"{data.at:%Y-%m-%d %H:%M:%S}"),
        line("tenant", data.tenant_name),
        line("account_no", data.account_no),
        line("meter", data.meter_no),
    ]
    if data.payment_method:
        lines.append(line("payment_method", payment_method_text(data.payment_method, lang)))
    lines.append(line("amount", money(amount), AMOUNT_LABELS[data.kind], emphasis=True))
    lines.append(line("words", amount_in_words(amount, lang), wide=True))
    if data.balance_after_fen is not None:
        lines.append(line("balance_after", money(data.balance_after_fen)))
    if data.purchase_count is not None:
        lines.append(line("purchase_count", str(data.purchase_count)))
    if data.reference:
        lines.append(line("reference", data.reference))
    if data.notes:
        lines.append(line("notes", data.notes, wide=True))
    lines.append(line("operator", data.operator))
    footer = (
        localize(LABELS["signature"], lang) + ": ",
        localize(LABELS["keep"], lang),
    )
    phone = f"{localize(LABELS['phone'], lang)}: {data.phone}" if data.phone else ""
    return ReceiptText(
        lang=lang,
        site_name=data.site_name,
        header=data.header,
        phone=phone,
        title=localize(KIND_TITLES[data.kind], lang),
        copy_mark=localize(LABELS["copy"], lang) if data.copy else "",
        lines=tuple(lines),
        footer=footer,
    )


def local_time(utc_naive: datetime) -> datetime:
    """Ledger times are naive UTC; receipts show the site PC's local time."""
    if utc_naive.tzinfo is None:
        utc_naive = utc_naive.replace(tzinfo=UTC)
    return utc_naive.astimezone().replace(tzinfo=None)


def receipt_for_entry(
    entry,
    site_name: str | None = None,
    copy: bool = False,
    header: str = "",
    phone: str = "",
) -> ReceiptData:
    """ReceiptData from a ledger entry (``app.models.ledger.LedgerEntry`` or alike).

    Read by attribute so the receipt stays printable from any row that has the
    ledger's fields; without ``site_name`` the site's lines come from the
    settings (``site.name``, ``receipt.header``, ``site.phone``; needs the open
    database), with it from the arguments; the purchase count is the one the
    deciding transition saw, else the count the command carried.
    """
    if site_name is None:
        from app import settings

        site_name = str(settings.get("site.name"))
        header, phone = str(settings.get("receipt.header")), str(settings.get("site.phone"))
    at = local_time(entry.created_at)
    tenant = getattr(entry, "tenant", None)
    count = None
    transitions = getattr(entry, "transitions", None)
    if transitions is not None:
        ordered = sorted(transitions, key=lambda t: t.id)
        counts = [t.purchase_count for t in ordered if t.purchase_count is not None]
        count = counts[-1] if counts else None
    if count is None:
        count = getattr(entry, "expected_count", None)
    reverses = getattr(entry, "reverses", None)
    reference = ""
    if reverses is not None:
        reference = reverses.receipt_no or receipt_number(
            reverses.id, local_time(reverses.created_at)
        )
    return ReceiptData(
        site_name=site_name,
        receipt_no=entry.receipt_no or receipt_number(entry.id, entry.created_at),
        kind=str(entry.kind),
        at=at,
        tenant_name=tenant.name if tenant is not None else "",
        account_no=tenant.account_no if tenant is not None else "",
        meter_no=entry.meter.number,
        amount_fen=entry.amount_fen,
        balance_after_fen=entry.balance_after,
        purchase_count=count,
        operator=entry.operator_name,
        payment_method=entry.payment_method,
        copy=copy,
        reference=reference,
        notes=getattr(entry, "reason", "") or "",
        header=header,
        phone=phone,
    )
