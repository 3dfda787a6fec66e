"""Meter reading export: every meter's current state in one .xlsx workbook (issue #12).

What the grid shows, as of the last answers stored (``MeterState``), with the
tenant, the colour state, the last contact and whether the meter's parameters
are in sync with the database (``ParamSync.in_sync``; "unknown" when the
program never compared them). openpyxl's write-only mode keeps a site of
thousands of meters small in memory. Title, time and the filters used on top,
a frozen header with an autofilter, number formats for money and energy, and
column widths that fit Chinese text (a CJK character is two columns wide).

Headers and words are marked ``QT_TRANSLATE_NOOP("ReadingsExport", ...)``; the
window passes a translator, the command line writes English. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP, PemError
from app.models import ParamSync
from app.services.grid_data import GridRow, load_grid_rows
from app.services.meter_profiles import profile_named
from app.services.meter_state import classify
from app.services.permissions import Actor, Permission, require

CONTEXT = "ReadingsExport"
CANNOT_WRITE = QT_TRANSLATE_NOOP("Errors", "cannot write {path}: {reason}")

TITLE = QT_TRANSLATE_NOOP("ReadingsExport", "Meter readings")
EXPORTED = QT_TRANSLATE_NOOP("ReadingsExport", "Exported")
FILTER = QT_TRANSLATE_NOOP("ReadingsExport", "Filter")
ALL_METERS = QT_TRANSLATE_NOOP("ReadingsExport", "all meters")
YES = QT_TRANSLATE_NOOP("ReadingsExport", "yes")
NO = QT_TRANSLATE_NOOP("ReadingsExport", "no")
UNKNOWN = QT_TRANSLATE_NOOP("ReadingsExport", "unknown")
STATES = {
    "unopened": QT_TRANSLATE_NOOP("ReadingsExport", "not opened"),
    "normal": QT_TRANSLATE_NOOP("ReadingsExport", "normal"),
    "alarm1": QT_TRANSLATE_NOOP("ReadingsExport", "alarm 1"),
    "alarm2": QT_TRANSLATE_NOOP("ReadingsExport", "alarm 2"),
    "arrears": QT_TRANSLATE_NOOP("ReadingsExport", "arrears"),
    "offline": QT_TRANSLATE_NOOP("ReadingsExport", "offline"),
    "waiting": QT_TRANSLATE_NOOP("ReadingsExport", "waiting"),
    "metering": QT_TRANSLATE_NOOP("ReadingsExport", "metering only"),
}

MONEY = "#,##0.00"
ENERGY = "#,##0.00"
ONE_DECIMAL = "0.0"
TWO_DECIMALS = "0.00"
WHEN = "yyyy-mm-dd hh:mm:ss"


@dataclass(frozen=True)
class Column:
    header: str  # marked
    value: Callable[[GridRow, dict], object]
    number_format: str | None = None


def _st(field: str, scale: float | None = None):
    def get(row: GridRow, _extra: dict):
        if row.status is None:
            return None
        value = getattr(row.status, field)
        return value / scale if scale else value

    return get


def _flag(field: str):
    def get(row: GridRow, extra: dict):
        if row.status is None:
            return None
        return extra["tr"](YES if getattr(row.status, field) else NO)

    return get


COLUMNS = (
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "Meter"), lambda r, _e: r.number),
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "Building"), lambda r, _e: r.building or ""),
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "Bus"), lambda r, _e: r.bus_name),
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "Address"), lambda r, _e: r.address),
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "Location"), lambda r, _e: r.location or ""),
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "Tenant"), lambda r, _e: r.tenant or ""),
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "State"), lambda r, e: e["state"]),
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "Last contact"), lambda r, e: e["at"], WHEN),
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "Balance (yuan)"), _st("balance", 100), MONEY),
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "Energy (kWh)"), _st("energy_total", 100), ENERGY),
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "Purchases"), _st("purchase_count")),
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "Power (W)"), _st("power")),
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "Voltage A (V)"), _st("voltage_a", 10), ONE_DECIMAL),
    Column(
        QT_TRANSLATE_NOOP("ReadingsExport", "Current A (A)"), _st("current_a", 100), TWO_DECIMALS
    ),
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "Relay open"), _flag("relay_open")),
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "Prepaid mode"), _flag("prepaid_mode")),
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "Keep power"), _flag("keep_power")),
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "Forced trip"), _flag("forced_trip")),
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "Tariff"), lambda r, _e: r.tariff),
    Column(QT_TRANSLATE_NOOP("ReadingsExport", "Parameters in sync"), lambda r, e: e["sync"]),
)
HEADER_ROW = 5  # title, time, filter, an empty row above it


def text_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: a wide (CJK) character counts two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _when(unix: float | None) -> dt.datetime | None:
    if unix is None:
        return None
    return dt.datetime.fromtimestamp(unix).replace(microsecond=0)  # local time, as on screen


def export_readings(
    actor: Actor,
    path: Path | str,
    rows: list[GridRow] | None = None,
    filter_text: str = "",
    translate: Callable[[str], str] = lambda s: s,
    now: dt.datetime | None = None,
) -> int:
    """Write ``rows`` (default: every enabled meter) to ``path``; how many meters."""
    require(actor, Permission.VIEW)
    rows = load_grid_rows() if rows is None else rows
    sync = {p.meter_id: p.in_sync for p in ParamSync.select(ParamSync.meter, ParamSync.in_sync)}
    tr = translate
    headers = [tr(c.header) for c in COLUMNS]
    body = []
    for row in rows:
        prepaid = profile_named(row.profile).prepaid
        state = classify(row.tenant is not None, row.online, row.status, row.alarm1, row.alarm2,
                         prepaid)  # fmt: skip
        in_sync = sync.get(row.meter_id)
        extra = {
            "tr": tr,
            "state": tr(STATES[state.value]),
            "at": _when(row.updated_at),
            "sync": tr(UNKNOWN if in_sync is None else YES if in_sync else NO),
        }
        body.append([c.value(row, extra) for c in COLUMNS])
    formats = [c.number_format for c in COLUMNS]
    write_table(path, tr(TITLE), [(tr(FILTER), filter_text or tr(ALL_METERS))], headers, body,
                formats, tr, now)  # fmt: skip
    return len(body)


def write_table(
    path: Path | str,
    title: str,
    notes: list[tuple[str, str]],
    headers: list[str],
    body: list[list],
    formats: list[str | None],
    translate: Callable[[str], str] = lambda s: s,
    now: dt.datetime | None = None,
) -> None:
    """One sheet: title, export time and ``notes`` rows on top, then a frozen, filtered table."""
    try:  # opened first: a bad folder is said before any sheet is begun
        fh = open(path, "wb")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise PemError(CANNOT_WRITE, path=str(path), reason=exc.strerror or str(exc)) from None
    with fh:
        _fill(fh, title, notes, headers, body, formats, translate, now)


def _fill(fh, title, notes, headers, body, formats, translate, now) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    header_row = 4 + len(notes)  # title, time, the notes and an empty row above it
    widths = [text_width(h) for h in headers]
    for values in body:
        for i, v in enumerate(values):
            shown = (
                19 if isinstance(v, dt.datetime) else text_width(str(v if v is not None else ""))
            )
            widths[i] = max(widths[i], shown)
    for i, w in enumerate(widths):
        ws.column_dimensions[_letter(i)].width = min(w + 2, 60)
    ws.freeze_panes = f"A{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{_letter(len(headers) - 1)}{header_row + len(body)}"
    title_cell = WriteOnlyCell(ws, title)
    title_cell.font = Font(bold=True, size=14)
    ws.append([title_cell])
    stamp = WriteOnlyCell(ws, (now or dt.datetime.now()).replace(microsecond=0))
    stamp.number_format = WHEN
    ws.append([translate(EXPORTED), stamp])
    for label, value in notes:
        ws.append([label, value])
    ws.append([])
    bold = Font(bold=True)
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(ws, h)
        cell.font = bold
        header_cells.append(cell)
    ws.append(header_cells)
    for values in body:
        out = []
        for fmt, v in zip(formats, values, strict=True):
            if fmt and v is not None:
                cell = WriteOnlyCell(ws, v)
                cell.number_format = fmt
                out.append(cell)
            else:
                out.append(v)
        ws.append(out)
    wb.save(fh)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
