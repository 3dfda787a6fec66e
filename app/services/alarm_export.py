"""The alarm report as an .xlsx workbook (issue #13): the window's "Export…" and the CLI.

One row an alarm (newest first), as ``alarm_report`` gives them: meter,
building, tenant, kind, level, start, end, duration (a time cell Excel sums as
hours), the balance at entry, acknowledged by/at and the note, and what the SMS
side did. The period and filters are written on top. Words are marked in the
"AlarmReport" context; the window passes a translator, the command line writes
English. Written by ``xlsx_export.write_xlsx``: the balance is a money
column (fen shown as yuan), the operator stands on top. No Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP
from app.messages import Message
from app.services.alarm_report import (
    KIND_LABELS,
    LEVEL_LABELS,
    SMS_LABELS,
    AlarmFilter,
    AlarmRow,
    all_alarms,
)
from app.services.permissions import Actor
from app.services.xlsx_export import HOURS, Column, Heading, money_column, time_column, write_xlsx

TITLE = QT_TRANSLATE_NOOP("AlarmReport", "Alarm report")
PERIOD = QT_TRANSLATE_NOOP("AlarmReport", "Period")
FILTERS = QT_TRANSLATE_NOOP("AlarmReport", "Filters")
WHOLE_HISTORY = QT_TRANSLATE_NOOP("AlarmReport", "all alarms")
NO_FILTER = QT_TRANSLATE_NOOP("AlarmReport", "none")

HEADERS = (
    QT_TRANSLATE_NOOP("AlarmReport", "Meter"),
    QT_TRANSLATE_NOOP("AlarmReport", "Building"),
    QT_TRANSLATE_NOOP("AlarmReport", "Tenant"),
    QT_TRANSLATE_NOOP("AlarmReport", "Account no."),
    QT_TRANSLATE_NOOP("AlarmReport", "Kind"),
    QT_TRANSLATE_NOOP("AlarmReport", "Level"),
    QT_TRANSLATE_NOOP("AlarmReport", "Start"),
    QT_TRANSLATE_NOOP("AlarmReport", "End"),
    QT_TRANSLATE_NOOP("AlarmReport", "Duration"),
    QT_TRANSLATE_NOOP("AlarmReport", "Balance at start (yuan)"),
    QT_TRANSLATE_NOOP("AlarmReport", "Detail"),
    QT_TRANSLATE_NOOP("AlarmReport", "Acknowledged by"),
    QT_TRANSLATE_NOOP("AlarmReport", "Acknowledged at"),
    QT_TRANSLATE_NOOP("AlarmReport", "Note"),
    QT_TRANSLATE_NOOP("AlarmReport", "SMS"),
    QT_TRANSLATE_NOOP("AlarmReport", "SMS sent at"),
)
TIMES, DURATION, BALANCE = (6, 7, 12, 15), 8, 9  # the columns that are not text
STILL_OPEN = QT_TRANSLATE_NOOP("AlarmReport", "still open")
CURRENT_ONLY = QT_TRANSLATE_NOOP("AlarmReport", "current only")
PAST_ONLY = QT_TRANSLATE_NOOP("AlarmReport", "ended only")
ACKED_ONLY = QT_TRANSLATE_NOOP("AlarmReport", "acknowledged")
UNACKED_ONLY = QT_TRANSLATE_NOOP("AlarmReport", "not acknowledged")
BUILDING_IS = QT_TRANSLATE_NOOP("AlarmReport", "building {name}")


def period_text(flt: AlarmFilter, tr: Callable[[str], str] = lambda s: s) -> str:
    if flt.date_from is None and flt.date_to is None:
        return tr(WHOLE_HISTORY)
    start = flt.date_from.isoformat() if flt.date_from else "…"
    end = flt.date_to.isoformat() if flt.date_to else "…"
    return f"{start} – {end}"


def filter_text(
    flt: AlarmFilter, building: str = "", tr: Callable[[str], str] = lambda s: s
) -> str:
    parts = [tr(KIND_LABELS.get(k, k)) for k in flt.kinds]
    parts += [tr(LEVEL_LABELS.get(v, str(v))) for v in flt.levels]
    if building:
        parts.append(tr(BUILDING_IS).format(name=building))
    if flt.acknowledged is not None:
        parts.append(tr(ACKED_ONLY if flt.acknowledged else UNACKED_ONLY))
    if flt.state:
        parts.append(tr(CURRENT_ONLY if flt.state == "current" else PAST_ONLY))
    return ", ".join(parts) or tr(NO_FILTER)


def _cells(row: AlarmRow, tr: Callable[[str], str], describe: Callable[[Message], str]) -> list:
    return [
        row.meter_no,
        row.building,
        row.tenant_name,
        row.account_no,
        tr(KIND_LABELS.get(row.kind, row.kind)),
        tr(LEVEL_LABELS.get(row.level, str(row.level))),
        row.started_at,
        row.ended_at if row.ended_at else tr(STILL_OPEN),
        row.duration,
        row.value,
        describe(row.detail) if row.detail else "",
        row.acked_by,
        row.acked_at,
        row.ack_note,
        tr(SMS_LABELS.get(row.sms_state, row.sms_state)) if row.sms_state else "",
        row.sms_at,
    ]


def export_alarms(
    actor: Actor,
    path: Path | str,
    flt: AlarmFilter,
    building: str = "",
    translate: Callable[[str], str] = lambda s: s,
    describe: Callable[[Message], str] = Message.text,
    now: dt.datetime | None = None,
) -> int:
    """Write the alarms ``flt`` takes to ``path``; how many. ``building`` names the filter's."""
    tr = translate
    body = [_cells(r, tr, describe) for r in all_alarms(actor, flt)]
    notes = [(tr(PERIOD), period_text(flt, tr)), (tr(FILTERS), filter_text(flt, building, tr))]
    return write_xlsx(path, Heading(tr(TITLE), notes, actor.name, now), columns(tr), body,
                      len(body), translate=lambda _context, text: tr(text))  # fmt: skip


def columns(tr: Callable[[str], str]) -> list[Column]:
    out = []
    for i, header in enumerate(HEADERS):
        if i in TIMES:
            out.append(time_column(tr(header)))
        elif i == DURATION:
            out.append(Column(tr(header), HOURS))
        elif i == BALANCE:
            out.append(money_column(tr(header)))
        else:
            out.append(Column(tr(header)))
    return out
