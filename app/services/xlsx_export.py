"""The one .xlsx writer behind every export: reports, record lists, readings (issue #14).

openpyxl (write-only mode) writes the workbook with what stands above the
table; the table's body is then streamed into the sheet's XML as text straight
from an iterable of rows (``_RowText``, each column's style looked up once), so
an export of a million ledger entries takes no more memory than one of ten and
some 10-20 us a row: rows are serialised as they come, never held. On top: the title, the
time of the export and who made it, then the caller's notes (the period, the
filters), an empty row, and a bold header that is frozen and carries an
autofilter. Money columns take integer fen and show yuan with two decimals;
energy columns take the meter's integer hundredths of a kWh and show kWh.
Column widths fit Chinese text (a CJK character is two columns wide), judged
from the header and the first rows, since the widths are written before them.

The file appears only when it is complete: the workbook is written to a
hidden ``.part`` file beside it and renamed at the end. A failure, or a cancel
asked through ``cancelled()`` (checked every ``PROGRESS_EVERY`` rows, when
``progress(done, total)`` is called too), removes the part file and leaves an
existing file of that name as it was. No Qt here: texts arrive translated,
and the writer's own labels through ``translate(context, text)``.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP, PemError

CONTEXT = "XlsxExport"
CANNOT_WRITE = QT_TRANSLATE_NOOP("Errors", "cannot write {path}: {reason}")
CANCELLED = QT_TRANSLATE_NOOP("Errors", "export cancelled: no file was written")

EXPORTED = QT_TRANSLATE_NOOP("XlsxExport", "Exported")
OPERATOR = QT_TRANSLATE_NOOP("XlsxExport", "Operator")
PERIOD = QT_TRANSLATE_NOOP("XlsxExport", "Period")

MONEY = "#,##0.00"  # yuan, from fen
ENERGY = "#,##0.00"  # kWh, from hundredths
WHEN = "yyyy-mm-dd hh:mm:ss"
DAY = "yyyy-mm-dd"
HOURS = "[h]:mm:ss"  # a duration: hours beyond 24 stay hours; read back as a timedelta
FIRST_HEADER_ROW = 4  # title, time and operator, an empty row: the header row with no notes
SAMPLE_ROWS = 200  # rows looked at for the column widths before any is written
PROGRESS_EVERY = 500
MAX_WIDTH = 60

Translate = Callable[[str, str], str]  # (context, text), as QCoreApplication.translate
Progress = Callable[[int, "int | None"], None]  # (rows written, rows in all or None)


def english(_context: str, text: str) -> str:
    return text


class ExportCancelled(PemError):
    """The operator cancelled an export; nothing was written."""

    def __init__(self) -> None:
        super().__init__(CANCELLED)


@dataclass(frozen=True)
class Column:
    """A column's header (translated), the format of its numbers, and the unit divisor.

    ``divisor``: a stored integer is divided by it (fen -> yuan: 100) before it
    is written, so the cell holds the number a person reads. Text, None and
    booleans are written as they are.
    """

    header: str
    number_format: str | None = None
    divisor: int = 1


def money_column(header: str) -> Column:
    return Column(header, MONEY, 100)


def energy_column(header: str) -> Column:
    return Column(header, ENERGY, 100)


def time_column(header: str) -> Column:
    return Column(header, WHEN)


@dataclass(frozen=True)
class Heading:
    """What stands above the table. ``notes``: (label, value) rows, translated."""

    title: str
    notes: Sequence[tuple[str, str]] = ()
    operator: str = ""
    now: dt.datetime | None = None  # local time of the export; default: now

    @property
    def header_row(self) -> int:
        return FIRST_HEADER_ROW + len(self.notes)


def period_note(start: dt.date, end: dt.date, translate: Translate = english) -> tuple[str, str]:
    """The (label, value) note of a period of days, both included."""
    return translate(CONTEXT, PERIOD), f"{start:%Y-%m-%d} – {end:%Y-%m-%d}"


def text_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: a wide (CJK) character counts two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def write_xlsx(
    path: Path | str,
    heading: Heading,
    columns: Sequence[Column],
    rows: Iterable[Sequence],
    total: int | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    translate: Translate = english,
) -> int:
    """Write ``rows`` (one value per column; None is an empty cell) to ``path``; how many.

    Raises ``PemError`` when the file cannot be written, ``ExportCancelled``
    when ``cancelled()`` turned true; in both cases no file is left behind.
    """
    path = Path(path)
    try:  # made first: a bad folder is said before a row is read
        fd, part = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            count = _fill(fh, heading, columns, rows, total, progress, cancelled, translate)
        os.replace(part, path)
    except BaseException as exc:
        Path(part).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise
    return count


def _cannot_write(path: Path, exc: OSError) -> PemError:
    return PemError(CANNOT_WRITE, path=str(path), reason=exc.strerror or str(exc))


def _fill(fh, heading, columns, rows, total, progress, cancelled, translate) -> int:
    """openpyxl writes the package with what stands above the table (small, in memory); the
    table's body is then streamed into the sheet's XML as text (``_RowText``), a few us a row."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    rows = iter(rows)
    sample = list(itertools.islice(rows, SAMPLE_ROWS))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_sheet_name(heading.title))
    header_row = heading.header_row
    last = _letter(len(columns) - 1)
    try:
        for i, width in enumerate(_widths(columns, sample)):
            ws.column_dimensions[_letter(i)].width = width
        ws.freeze_panes = f"A{header_row + 1}"
        _write_top(ws, heading, columns, translate, WriteOnlyCell, Font)
        row_text = _RowText(ws, columns, header_row + 1, WriteOnlyCell)
        ws.auto_filter.ref = f"A{header_row}:{last}{_UNKNOWN_END}"
        skeleton = io.BytesIO()
        wb.save(skeleton)
    except BaseException:
        _discard(ws)
        raise
    done = 0
    if progress:
        progress(0, total)
    sheet = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(skeleton) as src, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as out:
        head, tail = src.read(sheet).decode().split("</sheetData>")
        with out.open(sheet, "w") as body:
            body.write(head.encode())
            chunk: list[str] = []
            for values in itertools.chain(sample, rows):
                chunk.append(row_text(values))
                done += 1
                if done % PROGRESS_EVERY == 0:
                    body.write("".join(chunk).encode())
                    chunk = []
                    if cancelled and cancelled():
                        raise ExportCancelled()
                    if progress:
                        progress(done, total)
            if cancelled and cancelled():
                raise ExportCancelled()
            end = str(header_row + done)
            body.write(("".join(chunk) + "</sheetData>" + _end(tail, last, end)).encode())
        for info in src.infolist():
            if info.filename != sheet:
                text = src.read(info)
                if info.filename == "xl/workbook.xml":
                    text = _end(text.decode(), last, end).encode()
                out.writestr(info, text)
    if progress:
        progress(done, total)
    return done


_UNKNOWN_END = 1048575  # the autofilter's last row, put right once the rows are counted


def _end(xml: str, last: str, end: str) -> str:
    return xml.replace(f"{last}{_UNKNOWN_END}", f"{last}{end}").replace(
        f"${last}${_UNKNOWN_END}", f"${last}${end}"
    )


def _write_top(ws, heading: Heading, columns, translate, cell_type, font_type) -> None:
    title = cell_type(ws, heading.title)
    title.font = font_type(bold=True, size=14)
    ws.append([title])
    stamp = cell_type(ws, (heading.now or dt.datetime.now()).replace(microsecond=0))
    stamp.number_format = WHEN
    top = [translate(CONTEXT, EXPORTED), stamp]
    if heading.operator:
        top += [translate(CONTEXT, OPERATOR), heading.operator]
    ws.append(top)
    for label, value in heading.notes:
        ws.append([label, value])
    ws.append([])
    bold = font_type(bold=True)
    header = []
    for column in columns:
        cell = cell_type(ws, column.header)
        cell.font = bold
        header.append(cell)
    ws.append(header)


class _RowText:
    """A row of values as the sheet's XML text: each column's style looked up once.

    openpyxl makes a cell object per value and writes it through several
    calls (some 20 us a cell, most of an export's time); a table's body needs
    none of that. Cells as openpyxl writes them: inline strings, numbers with
    the column's style, dates as serial numbers; None and "" leave the cell out.
    """

    def __init__(self, ws, columns: Sequence[Column], first_row: int, cell_type) -> None:
        def style(number_format: str | None) -> str:
            if number_format is None:
                return ""
            cell = cell_type(ws)
            cell.number_format = number_format
            return f' s="{cell.style_id}"'

        self.plan = [(_letter(i), style(c.number_format), c.divisor) for i, c in enumerate(columns)]
        self.when, self.day, self.hours = style(WHEN), style(DAY), style(HOURS)
        self.row = first_row

    def __call__(self, values: Sequence) -> str:
        if len(values) != len(self.plan):
            raise ValueError(f"a row of {len(values)} values for {len(self.plan)} columns")
        r = str(self.row)
        self.row += 1
        cells = [f'<row r="{r}">']
        for (letter, s, divisor), value in zip(self.plan, values, strict=True):
            if value is None or value == "":
                continue
            kind = type(value)
            if kind is str:
                cells.append(f'<c r="{letter}{r}" t="inlineStr"><is>{_text(value)}</is></c>')
            elif kind is bool:
                cells.append(f'<c r="{letter}{r}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, dt.date):
                s = s or (self.when if isinstance(value, dt.datetime) else self.day)
                cells.append(f'<c r="{letter}{r}"{s}><v>{_serial(value)!r}</v></c>')
            elif isinstance(value, dt.timedelta):
                days = value.total_seconds() / 86400
                cells.append(f'<c r="{letter}{r}"{s or self.hours}><v>{days!r}</v></c>')
            elif isinstance(value, int | float | Decimal):
                if divisor != 1:
                    value = value / divisor
                shown = repr(value) if isinstance(value, float) else str(value)
                cells.append(f'<c r="{letter}{r}"{s}><v>{shown}</v></c>')
            else:  # anything else as the text it shows
                cells.append(f'<c r="{letter}{r}" t="inlineStr"><is>{_text(str(value))}</is></c>')
        cells.append("</row>")
        return "".join(cells)


_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")  # not allowed in XML 1.0
_EPOCH = dt.datetime(1899, 12, 30)


def _text(value: str) -> str:
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("", value)
    if "&" in value or "<" in value or ">" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if value != value.strip():
        return f'<t xml:space="preserve">{value}</t>'
    return f"<t>{value}</t>"


def _serial(value: dt.date) -> float:
    """Excel's day number (1900 system, dates from 1900-03-01)."""
    if not isinstance(value, dt.datetime):
        return float((value - _EPOCH.date()).days)
    delta = value.replace(tzinfo=None) - _EPOCH
    return delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400


def _widths(columns: Sequence[Column], sample: list[Sequence]) -> list[int]:
    widths = [text_width(c.header) for c in columns]
    for values in sample:
        for i, (column, value) in enumerate(zip(columns, values, strict=True)):
            widths[i] = max(widths[i], _shown_width(column, value))
    return [min(w + 2, MAX_WIDTH) for w in widths]


def _shown_width(column: Column, value) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 19
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, int | float) and not isinstance(value, bool):
        shown = value / column.divisor
        return len(f"{shown:,.2f}") if column.number_format else len(str(shown))
    return text_width(str(value))


def _sheet_name(title: str) -> str:
    """A title as a sheet name: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in title).strip("'")
    return cleaned[:31] or "Sheet"


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _discard(ws) -> None:
    """Close a write-only sheet given up half way and remove its temporary XML."""
    try:
        ws.close()
    except Exception:  # already closed, or never begun: nothing to remove
        return
    writer = getattr(ws, "_writer", None)
    if writer is not None and isinstance(writer.out, str):
        try:
            writer.cleanup()
        except (OSError, ValueError):
            pass
