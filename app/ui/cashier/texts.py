"""What the cashier reads: labels for payment methods, kinds and states, and outcome texts.

Kept apart from the dialog machinery so the sales records window, the tenant
pages and every money dialog name a payment method or ledger state the same
way (one "Cashier" translation context) without pulling in the dialog itself.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.errors import (
    CommError,
    ConfigError,
    InsufficientBalance,
    MeterRejected,
    PermissionDenied,
    ValidationError,
)
from app.services.billing import MoneyResult
from app.services.ledger import LedgerConflict
from app.services.money import format_fen_grouped
from app.ui.cashier.db_refusal import is_unreachable
from app.ui.support.error_text import error_text

CONFIRMED, FAILED, UNCERTAIN, REFUSED = "confirmed", "failed", "uncertain", "refused"
PARTIAL = "partial"  # several meters, some done and some not

PAYMENT_LABELS = {
    "cash": QT_TRANSLATE_NOOP("Cashier", "Cash"),
    "card": QT_TRANSLATE_NOOP("Cashier", "Bank card"),
    "wechat": QT_TRANSLATE_NOOP("Cashier", "WeChat Pay"),
    "alipay": QT_TRANSLATE_NOOP("Cashier", "Alipay"),
    "bank_transfer": QT_TRANSLATE_NOOP("Cashier", "Bank transfer"),
}
KIND_LABELS = {
    "open": QT_TRANSLATE_NOOP("Cashier", "Open account"),
    "sale": QT_TRANSLATE_NOOP("Cashier", "Sale"),
    "refund": QT_TRANSLATE_NOOP("Cashier", "Refund"),
    "correction": QT_TRANSLATE_NOOP("Cashier", "Correction"),
    "transfer_out": QT_TRANSLATE_NOOP("Cashier", "Transfer out"),
    "transfer_in": QT_TRANSLATE_NOOP("Cashier", "Transfer in"),
    "close": QT_TRANSLATE_NOOP("Cashier", "Close account"),
}
STATE_LABELS = {
    "pending": QT_TRANSLATE_NOOP("Cashier", "Pending"),
    "confirmed": QT_TRANSLATE_NOOP("Cashier", "Confirmed"),
    "failed": QT_TRANSLATE_NOOP("Cashier", "Failed"),
    "uncertain": QT_TRANSLATE_NOOP("Cashier", "Uncertain"),
}


# Said on the form, before anything is sent, from the balance read when the dialog opened.
REFUND_OVER_BALANCE = QT_TRANSLATE_NOOP(
    "Errors",
    "The meter holds {balance} now: a refund of {amount} is more than that. "
    "Enter at most {balance}.",
)
CORRECTION_OVER_BALANCE = QT_TRANSLATE_NOOP(
    "Errors",
    "The meter holds {balance} now: reversing this sale takes back {amount}, more than that. "
    "Choose another sale, or refund at most {balance}.",
)


def over_balance(template: str, amount_fen: int, balance_fen: int) -> InsufficientBalance:
    """The early refusal, with both figures as the cashier reads them."""
    return InsufficientBalance(
        template, amount=format_fen_grouped(amount_fen), balance=format_fen_grouped(balance_fen)
    )


def ctr(text: str) -> str:
    return QCoreApplication.translate("Cashier", text)


def payment_label(key: str) -> str:
    return ctr(PAYMENT_LABELS[key]) if key in PAYMENT_LABELS else key


def kind_label(key: str) -> str:
    return ctr(KIND_LABELS[key]) if key in KIND_LABELS else key


def state_label(key: str) -> str:
    return ctr(STATE_LABELS[key]) if key in STATE_LABELS else key


def money(fen: int | None) -> str:
    return "—" if fen is None else format_fen_grouped(fen)


def describe_error(exc: BaseException) -> tuple[str, str]:
    """(headline, explanation) for an error a cashier can meet; the service's sentence kept."""
    detail = error_text(exc)
    if isinstance(exc, MeterRejected):
        head = QCoreApplication.translate(
            "Cashier", "The meter refused the command. No money was taken."
        )
    elif isinstance(exc, CommError):
        head = QCoreApplication.translate(
            "Cashier", "The meter does not answer. Nothing was sent and no money moved."
        )
    elif isinstance(exc, InsufficientBalance):
        head = QCoreApplication.translate(
            "Cashier", "Refused: the meter's balance does not cover this. No money moved."
        )
    elif isinstance(exc, LedgerConflict):
        head = QCoreApplication.translate(
            "Cashier", "An earlier operation on this meter is still undecided. Nothing was sent."
        )
    elif isinstance(exc, PermissionDenied):
        head = QCoreApplication.translate(
            "Cashier", "You are not allowed to do this. Nothing was sent."
        )
    elif is_unreachable(exc):
        head = QCoreApplication.translate(
            "Cashier", "The database server does not answer. Nothing was sent and no money moved."
        )
    elif isinstance(exc, ConfigError):
        head = QCoreApplication.translate(
            "Cashier", "The meter's bus is not running. Nothing was sent."
        )
    elif isinstance(exc, ValidationError):
        head = QCoreApplication.translate("Cashier", "Not accepted. Nothing was sent.")
    else:
        head = QCoreApplication.translate("Cashier", "Refused. Nothing was sent.")
    return head, detail


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


LONG_RUN = 16  # characters without a break opportunity after which a value may wrap
ZERO_WIDTH_SPACE = "\u200b"
REASON_MAX_CHARS = 100  # a reason is a note on a receipt and in the log, not a letter


def breakable(text: str) -> str:
    """``text`` with a zero-width break opportunity every LONG_RUN characters of a long run.

    A rich-text label wraps only at word boundaries: one long run (a pasted code,
    "xxxxxxxx…", a path) would widen the value column past the dialog and squeeze
    the labels to one character a line. Chinese text breaks between characters
    already; spaces are kept as they are.
    """
    out: list[str] = []
    run = 0
    for ch in text:
        run = 0 if ch.isspace() else run + 1
        if run > LONG_RUN:
            out.append(ZERO_WIDTH_SPACE)
            run = 1
        out.append(ch)
    return "".join(out)


def details_table(rows: list[tuple[str, str]], big: tuple[str, ...] = ()) -> str:
    """A label/value table; values whose label is in ``big`` are printed large (the amount).

    Labels never wrap (a label read one character a line is unreadable); values
    wrap, long runs included, so the table keeps to the width of its dialog.
    """
    cells = []
    for k, v in rows:
        value = f"<b>{esc(breakable(v))}</b>"
        if k in big:
            value = f"<span style='font-size:x-large'>{value}</span>"
        cells.append(
            f"<tr><td style='padding-right:12px; white-space:nowrap'>{esc(k)}</td>"
            f"<td width='100%'>{value}</td></tr>"
        )
    return f"<table cellspacing='2' width='100%'>{''.join(cells)}</table>"


def money_result_text(result: MoneyResult, failed_head: str = "") -> tuple[str, str, str]:
    """How a MoneyResult reads to the cashier."""
    rows = [
        (QCoreApplication.translate("Cashier", "Amount"), money(result.amount_fen)),
        (QCoreApplication.translate("Cashier", "Receipt no."), result.receipt_no or "—"),
    ]
    if result.state == CONFIRMED:
        rows += [
            (QCoreApplication.translate("Cashier", "Balance after"), money(result.balance_after)),
            (
                QCoreApplication.translate("Cashier", "Purchase count"),
                "—" if result.purchase_count is None else str(result.purchase_count),
            ),
        ]
        return (
            CONFIRMED,
            QCoreApplication.translate("Cashier", "Done: the meter confirmed it."),
            details_table(rows),
        )
    if result.state == UNCERTAIN:
        head = QCoreApplication.translate("Cashier", "The meter did not confirm.")
        text = QCoreApplication.translate(
            "Cashier",
            "The operation will be settled automatically when the meter answers. "
            "Do not sell again, and do not take or pay out the money until it is settled.",
        )
        return UNCERTAIN, head, f"<p>{esc(text)}</p>" + details_table(rows)
    why = error_text(result.message) or QCoreApplication.translate(
        "Cashier", "the meter did not apply the command"
    )
    head = failed_head or QCoreApplication.translate("Cashier", "Failed: no money moved.")
    return FAILED, head, f"<p>{esc(why)}</p>" + details_table(rows)


def meter_text(summary) -> str:
    """ "M007 1F-07": how a form names the meter (a ``MeterSummary``)."""
    return f"{summary.number} {summary.location}".strip()


def tenant_text(summary) -> str:
    """ "Shop (000012)", or a dash for a meter without an account."""
    if not summary.opened:
        return "—"
    return f"{summary.tenant_name} ({summary.account_no})"
