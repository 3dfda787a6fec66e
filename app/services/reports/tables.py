"""The reports as tables: one header, typed cells and a number format per column, shared by the
report windows and the .xlsx export, so the file shows what the window shows.

Money cells are yuan (fen / 100) and energy cells kWh (0.01 kWh / 100); the
last row of every table is the total. Headers are marked for translation
(context ``Reports``); callers pass a translator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP
from app.services.permissions import Actor
from app.services.reports import energy as en
from app.services.reports import sales as sa
from app.services.reports.period import Period
from app.services.xlsx_export import ENERGY, EXPORTED, MONEY, Column, Heading, write_xlsx

MONEY_KIND, ENERGY_KIND, TEXT_KIND, COUNT_KIND, PERCENT_KIND = "money", "energy", "text", "n", "%"
FORMATS = {MONEY_KIND: MONEY, ENERGY_KIND: ENERGY, PERCENT_KIND: "0.0", COUNT_KIND: "0"}

SALES_TITLE = QT_TRANSLATE_NOOP("Reports", "Sales report")
ENERGY_TITLE = QT_TRANSLATE_NOOP("Reports", "Energy report")
PERIOD = QT_TRANSLATE_NOOP("Reports", "Period")
GROUPED_BY = QT_TRANSLATE_NOOP("Reports", "Grouped by")
ONLY_CONFIRMED = QT_TRANSLATE_NOOP(
    "Reports", "Confirmed entries only; {count} entries not yet settled are not counted"
)
TOTAL = QT_TRANSLATE_NOOP("Reports", "Total")
NO_NAME = QT_TRANSLATE_NOOP("Reports", "(none)")
# The ledger records no payment method for account-closing refunds and transfers.
NO_METHOD = QT_TRANSLATE_NOOP("Reports", "not recorded (account closes, transfers)")
NO_TENANT = QT_TRANSLATE_NOOP("Reports", "(no tenant: metering only)")
METHOD_LABELS = {
    "cash": QT_TRANSLATE_NOOP("Reports", "Cash"),
    "card": QT_TRANSLATE_NOOP("Reports", "Bank card"),
    "wechat": QT_TRANSLATE_NOOP("Reports", "WeChat Pay"),
    "alipay": QT_TRANSLATE_NOOP("Reports", "Alipay"),
    "bank_transfer": QT_TRANSLATE_NOOP("Reports", "Bank transfer"),
}
COMPARED = QT_TRANSLATE_NOOP("Reports", "Compared with")
STEP = QT_TRANSLATE_NOOP("Reports", "Step")


@dataclass(frozen=True)
class Table:
    headers: list[str]
    kinds: list[str]
    body: list[list]  # the last row is the total
    records: list  # the report row behind each body row (the drill-down reads it)

    def columns(self) -> list[Column]:
        """The workbook's columns: the body holds yuan and kWh already, so no divisor."""
        return [Column(h, FORMATS.get(k)) for h, k in zip(self.headers, self.kinds, strict=True)]


def _yuan(fen: int | None) -> float | None:
    return None if fen is None else fen / 100


SALES_COLUMNS = (
    (QT_TRANSLATE_NOOP("Reports", "Sales"), sa.SALES),
    (QT_TRANSLATE_NOOP("Reports", "Refunds"), sa.REFUNDS),
    (QT_TRANSLATE_NOOP("Reports", "Corrections"), sa.CORRECTIONS),
    (QT_TRANSLATE_NOOP("Reports", "Transfers out"), sa.TRANSFERS_OUT),
    (QT_TRANSLATE_NOOP("Reports", "Transfers in"), sa.TRANSFERS_IN),
    (QT_TRANSLATE_NOOP("Reports", "Net"), "net"),
)
ENTRIES = QT_TRANSLATE_NOOP("Reports", "Entries")


def sales_label(grouping: str, label: object, tr: Callable[[str], str] = lambda s: s) -> str:
    """A group's name as shown: payment methods in words, "(none)" for an empty one."""
    if grouping == sa.METHOD and label in METHOD_LABELS:
        return tr(METHOD_LABELS[label])
    if grouping == sa.METHOD and not label:
        return tr(NO_METHOD)
    return str(label) if label else tr(NO_NAME)


def sales_table(
    report: sa.SalesReport, grouping: str, tr: Callable[[str], str] = lambda s: s
) -> Table:
    """One grouping of the sales report, with its total row."""
    headers = [tr(sa.GROUPING_TITLES[grouping])] + [tr(h) for h, _ in SALES_COLUMNS] + [tr(ENTRIES)]
    kinds = [TEXT_KIND] + [MONEY_KIND] * len(SALES_COLUMNS) + [COUNT_KIND]
    rows = report.groups.get(grouping, [])
    body = []
    for row in [*rows, report.total]:
        label = tr(TOTAL) if row is report.total else sales_label(grouping, row.label, tr)
        figures = [_yuan(getattr(row, attr)) for _, attr in SALES_COLUMNS]
        body.append([label, *figures, row.entries])
    return Table(headers, kinds, body, [*rows, report.total])


ENERGY_COLUMNS = (
    (QT_TRANSLATE_NOOP("Reports", "Energy (kWh)"), "total", ENERGY_KIND),
    (QT_TRANSLATE_NOOP("Reports", "Sharp (kWh)"), "sharp", ENERGY_KIND),
    (QT_TRANSLATE_NOOP("Reports", "Peak (kWh)"), "peak", ENERGY_KIND),
    (QT_TRANSLATE_NOOP("Reports", "Flat (kWh)"), "flat", ENERGY_KIND),
    (QT_TRANSLATE_NOOP("Reports", "Valley (kWh)"), "valley", ENERGY_KIND),
    (QT_TRANSLATE_NOOP("Reports", "Cost (yuan)"), "cost", MONEY_KIND),
    (QT_TRANSLATE_NOOP("Reports", "Days"), "days", COUNT_KIND),
    (QT_TRANSLATE_NOOP("Reports", "Days with gaps"), "incomplete", COUNT_KIND),
    (QT_TRANSLATE_NOOP("Reports", "Days missing"), "missing", COUNT_KIND),
    (QT_TRANSLATE_NOOP("Reports", "Counter resets"), "resets", COUNT_KIND),
)
RANK = QT_TRANSLATE_NOOP("Reports", "Rank")
DATE = QT_TRANSLATE_NOOP("Reports", "Date")
PREVIOUS = QT_TRANSLATE_NOOP("Reports", "Month before (kWh)")
CHANGE = QT_TRANSLATE_NOOP("Reports", "Change (%)")


def _energy_cell(row: en.EnergyRow, attr: str, kind: str):
    value = getattr(row, attr)
    if attr == "cost" and row.no_cost and row.no_cost == row.days:
        return None  # no day of it had a tariff: unknown, not free
    if kind == MONEY_KIND:
        return _yuan(value)
    return value / 100 if kind == ENERGY_KIND else value


def energy_table(report: en.EnergyReport, tr: Callable[[str], str] = lambda s: s) -> Table:
    """The energy report's rows (ranked for a whole period, with the month before), and total."""
    whole = report.step == en.TOTAL
    headers, kinds = [], []
    if whole:
        headers.append(tr(RANK))
        kinds.append(COUNT_KIND)
    else:
        headers.append(tr(DATE))
        kinds.append(TEXT_KIND)
    headers.append(tr(en.GROUPING_TITLES[report.grouping]))
    kinds.append(TEXT_KIND)
    headers += [tr(h) for h, _, _ in ENERGY_COLUMNS]
    kinds += [k for _, _, k in ENERGY_COLUMNS]
    compared = report.compared is not None
    if compared:
        headers += [tr(PREVIOUS), tr(CHANGE)]
        kinds += [ENERGY_KIND, PERCENT_KIND]
    body = []
    none = tr(NO_TENANT) if report.grouping == en.TENANT else tr(NO_NAME)
    for row in [*report.rows, report.total]:
        is_total = row is report.total
        first = "" if is_total else (row.rank if whole else row.bucket)
        label = tr(TOTAL) if is_total else (row.label or none)
        cells = [first, label] + [_energy_cell(row, a, k) for _, a, k in ENERGY_COLUMNS]
        if compared:
            pct = row.change_percent
            prev = None if row.previous is None else row.previous / 100
            cells += [prev, None if pct is None else round(pct, 1)]
        body.append(cells)
    return Table(headers, kinds, body, [*report.rows, report.total])


def sales_notes(report: sa.SalesReport, grouping: str, tr=lambda s: s) -> list[tuple[str, str]]:
    return [
        (tr(PERIOD), report.period.text()),
        (tr(GROUPED_BY), tr(sa.GROUPING_TITLES[grouping])),
        ("", tr(ONLY_CONFIRMED).format(count=report.unsettled)),
    ]


def energy_notes(report: en.EnergyReport, tr=lambda s: s) -> list[tuple[str, str]]:
    notes = [
        (tr(PERIOD), report.period.text()),
        (tr(GROUPED_BY), tr(en.GROUPING_TITLES[report.grouping])),
        (tr(STEP), tr(en.STEP_TITLES[report.step])),
    ]
    if report.compared is not None:
        notes.append((tr(COMPARED), report.compared.text()))
    return notes


def write_report(
    path: Path | str,
    title: str,
    notes: list[tuple[str, str]],
    table: Table,
    exported: str = "Exported",
) -> int:
    """One report table to ``path`` (texts already translated, so any thread may write it);
    how many rows, the total excluded."""
    labels = {EXPORTED: exported}
    write_xlsx(path, Heading(title, notes), table.columns(), table.body, len(table.body),
               translate=lambda _context, text: labels.get(text, text))  # fmt: skip
    return len(table.body) - 1


def export_sales(actor: Actor, path: Path | str, period: Period, grouping: str = sa.DAY) -> int:
    """Write one grouping of the period's sales report to ``path`` (English)."""
    report = sa.sales_report(actor, period)
    table = sales_table(report, grouping)
    return write_report(path, SALES_TITLE, sales_notes(report, grouping), table)


def export_energy(
    actor: Actor, path: Path | str, period: Period, grouping: str = en.METER, step: str = en.TOTAL
) -> int:
    """Write the period's energy report to ``path`` (English)."""
    report = en.energy_report(actor, period, grouping, step)
    return write_report(path, ENERGY_TITLE, energy_notes(report), energy_table(report))
