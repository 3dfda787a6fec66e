"""The record lists as workbooks: sales records, tenants, the system log (issue #14).

Each ``*_job`` returns the job ``export_runner.start_export`` runs on the pool:
it captures plain data only (the filter, rows already loaded, headers the
window translated) and reads its rows through the services, which check the
actor's permission as the windows do. Cells say what the window says, through
the same label functions (``QCoreApplication.translate`` is thread-safe);
money stays a number (fen, shown as yuan by ``xlsx_export``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.services.audit import LogFilter, count_log, iter_log
from app.services.permissions import Actor
from app.services.sales_records import (
    RecordFilter,
    RecordRow,
    TenantRow,
    count_records,
    iter_records,
)
from app.services.xlsx_export import (
    Column,
    Heading,
    money_column,
    period_note,
    time_column,
    write_xlsx,
)
from app.ui.cashier.texts import kind_label, payment_label, state_label
from app.ui.records.system_log_texts import action_text, message_text, result_text, role_text
from app.ui.support.export_runner import Job

CONTEXT = "RecordExports"
FILTER = QT_TRANSLATE_NOOP("RecordExports", "Filter")
NO_FILTER = QT_TRANSLATE_NOOP("RecordExports", "none")


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def filter_note(parts: Iterable[str]) -> tuple[str, str]:
    """The "Filter" row above a table: the filters in force, or "none"."""
    shown = [p for p in parts if p]
    return tr(FILTER), "; ".join(shown) or tr(NO_FILTER)


def sales_job(
    actor: Actor, flt: RecordFilter, title: str, headers: Sequence[str], filters: list[str]
) -> Job:
    """The window's 10 columns (date ... operator) for every entry ``flt`` matches."""
    notes = [filter_note(filters)]
    if flt.date_from and flt.date_to:
        notes.insert(0, period_note(flt.date_from, flt.date_to, QCoreApplication.translate))
    h = headers
    kinds = [time_column(h[0]), *map(Column, h[1:6]), money_column(h[6]), money_column(h[7]),
             Column(h[8]), Column(h[9])]  # fmt: skip

    def job(path, progress, cancelled) -> int:
        total = count_records(actor, flt)
        labels = _Labels()
        rows = (_sales_cells(r, labels) for r in iter_records(actor, flt))
        heading = Heading(title, notes, actor.name)
        return write_xlsx(path, heading, kinds, rows, total, progress, cancelled,
                          QCoreApplication.translate)  # fmt: skip

    return job


class _Labels:
    """The window's words for kinds, states and payments, translated once per export."""

    def __init__(self) -> None:
        self.kinds: dict[tuple, str] = {}
        self.states: dict[str, str] = {}
        self.payments: dict[str, str] = {"": ""}

    def kind(self, rec: RecordRow) -> str:
        key = (rec.kind, rec.reversed, rec.estimated)
        if key not in self.kinds:
            kind = kind_label(rec.kind)
            if rec.reversed:
                kind += " " + QCoreApplication.translate("SalesRecordsModel", "(reversed)")
            if rec.estimated:
                kind += " " + QCoreApplication.translate("SalesRecordsModel", "(estimated)")
            self.kinds[key] = kind
        return self.kinds[key]

    def state(self, state: str) -> str:
        if state not in self.states:
            self.states[state] = state_label(state)
        return self.states[state]

    def payment(self, method: str) -> str:
        if method not in self.payments:
            self.payments[method] = payment_label(method)
        return self.payments[method]


def _sales_cells(rec: RecordRow, labels: _Labels) -> tuple:
    tenant = f"{rec.tenant_name} ({rec.account_no})" if rec.account_no else ""
    return (rec.at, rec.receipt_no, labels.kind(rec), labels.state(rec.state), rec.meter_no,
            tenant, rec.signed_fen, rec.balance_after, labels.payment(rec.payment_method),
            rec.operator)  # fmt: skip


def tenants_job(
    actor: Actor, rows: list[TenantRow], title: str, headers: Sequence[str], filters: list[str]
) -> Job:
    """The tenants the window shows, in its order (account no ... status)."""
    closed = QCoreApplication.translate("TenantTableModel", "closed")
    active = QCoreApplication.translate("TenantTableModel", "active")
    cells = [(t.account_no, t.name, t.shop, t.phone, t.meters, closed if t.closed else active)
             for t in rows]  # fmt: skip

    def job(path, progress, cancelled) -> int:
        heading = Heading(title, [filter_note(filters)], actor.name)
        return write_xlsx(path, heading, [Column(h) for h in headers], cells, len(cells),
                          progress, cancelled, QCoreApplication.translate)  # fmt: skip

    return job


def log_job(
    actor: Actor, flt: LogFilter, title: str, headers: Sequence[str], filters: list[str]
) -> Job:
    """Every log row ``flt`` matches that ``actor`` may read, newest first."""
    columns = [time_column(headers[0]), *(Column(h) for h in headers[1:])]

    def job(path, progress, cancelled) -> int:
        total = count_log(actor, flt)
        rows = (
            (_local(e.at), e.operator_name, role_text(e.role), action_text(e.action),
             message_text(e.target), result_text(e.result), message_text(e.detail))
            for e in iter_log(actor, flt)
        )  # fmt: skip
        heading = Heading(title, [filter_note(filters)], actor.name)
        return write_xlsx(path, heading, columns, rows, total, progress, cancelled,
                          QCoreApplication.translate)  # fmt: skip

    return job


def _local(utc_naive: dt.datetime) -> dt.datetime:
    return utc_naive.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None, microsecond=0)
