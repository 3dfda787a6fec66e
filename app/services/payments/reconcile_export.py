"""The reconciliation report as a workbook (issue #16): the day, each provider's totals, and one
row per mismatch, through the common writer. No Qt: texts arrive through ``translate``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP
from app.messages import Message
from app.services.payments.amounts import yuan
from app.services.payments.reconcile import Report
from app.services.permissions import Actor
from app.services.xlsx_export import Column, Heading, money_column, write_xlsx

TITLE = QT_TRANSLATE_NOOP("Reconcile", "Online payments reconciliation")
DAY = QT_TRANSLATE_NOOP("Reconcile", "Statement day (China time)")
TOTALS = QT_TRANSLATE_NOOP(
    "Reconcile", "{provider}: {paid} payments {paid_yuan}, {back} refunds {back_yuan}"
)
NOT_READ = QT_TRANSLATE_NOOP("Reconcile", "Not read")
NONE_FOUND = QT_TRANSLATE_NOOP("Reconcile", "Mismatches")
HEADERS = (
    QT_TRANSLATE_NOOP("Reconcile", "Provider"),
    QT_TRANSLATE_NOOP("Reconcile", "Order number"),
    QT_TRANSLATE_NOOP("Reconcile", "Mismatch"),
    QT_TRANSLATE_NOOP("Reconcile", "Our amount (yuan)"),
    QT_TRANSLATE_NOOP("Reconcile", "Statement amount (yuan)"),
    QT_TRANSLATE_NOOP("Reconcile", "Order state"),
    QT_TRANSLATE_NOOP("Reconcile", "Provider transaction"),
    QT_TRANSLATE_NOOP("Reconcile", "Sale entry"),
)
MONEY_COLUMNS = (3, 4)


def notes(report: Report, tr: Callable[[str], str], describe=Message.text) -> list[tuple[str, str]]:
    """The lines above the table: the day, each provider's totals, what could not be read."""
    out = [(tr(DAY), f"{report.day:%Y-%m-%d}")]
    for name, (count, fen) in report.paid.items():
        back, back_fen = report.refunded.get(name, (0, 0))
        text = tr(TOTALS).format(
            provider=name, paid=count, paid_yuan=yuan(fen), back=back, back_yuan=yuan(back_fen)
        )
        out.append((name, text))
    for why in report.failed.values():
        out.append((tr(NOT_READ), describe(why)))
    out.append((tr(NONE_FOUND), str(len(report.mismatches))))
    return out


def cells(report: Report, tr: Callable[[str], str]) -> list[list]:
    return [
        [m.provider, m.order_no, tr(m.kind), m.ours, m.theirs, m.state, m.provider_txn, m.entry_id]
        for m in report.mismatches
    ]


def export_report(
    actor: Actor,
    path: Path | str,
    report: Report,
    translate: Callable[[str], str] = lambda s: s,
    describe: Callable[[Message], str] = Message.text,
) -> int:
    """Write ``report`` to ``path``; how many mismatch rows."""
    tr = translate
    columns = [
        money_column(tr(h)) if i in MONEY_COLUMNS else Column(tr(h)) for i, h in enumerate(HEADERS)
    ]
    body = cells(report, tr)
    heading = Heading(tr(TITLE), notes(report, tr, describe), actor.name)
    return write_xlsx(
        path, heading, columns, body, len(body), translate=lambda _context, text: tr(text)
    )
