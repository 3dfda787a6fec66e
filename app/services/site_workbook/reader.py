"""Opening a workbook and reading its sheets into rows of raw cell values.

Whatever can be said about a file before its values mean anything is said
here: not an .xlsx at all (a renamed .csv, a text file), password protected
(Excel encrypts into an OLE2 container, not a zip), a missing sheet or column,
a column twice, merged cells, formulas and dates where values belong, empty
rows in the middle. Columns are matched by their header, in whatever order
they come (a note says the order differs); a column the template does not
have is ignored with a note.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import ValidationError
from app.messages import Message
from app.services.site_workbook import layout
from app.services.site_workbook.preview import (
    DATE_NOT_NUMBER,
    DOUBLE_COLUMN,
    ENCRYPTED,
    FORMULA,
    MERGED,
    MISSING_COLUMN,
    MISSING_SHEET,
    NOT_XLSX,
    NOTE_BLANK_ROWS,
    NOTE_EXTRA_COLUMN,
    NOTE_REORDERED,
    UNREADABLE,
    Problem,
)

BAD = object()  # a cell already reported (a formula, a date): its value is not checked again
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # encrypted .xlsx and old .xls files


class WorkbookUnusable(ValidationError):
    """The file cannot be read as a workbook at all (exit 2 on the command line)."""


@dataclass
class SheetRows:
    """One sheet's rows: (Excel row number, {column key: raw value}) for present columns."""

    sheet: layout.Sheet
    present: tuple[str, ...] = ()
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


@dataclass
class BookRows:
    sheets: dict[str, SheetRows] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)


def open_book(path: str | Path):
    """The workbook in ``path`` (formulas kept as formulas), or ``WorkbookUnusable``."""
    import openpyxl

    p = Path(path)
    try:
        with p.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise WorkbookUnusable(UNREADABLE, file=p.name, reason=reason) from None
    if head == OLE2_MAGIC:
        raise WorkbookUnusable(ENCRYPTED, file=p.name)
    if not zipfile.is_zipfile(p):
        raise WorkbookUnusable(NOT_XLSX, file=p.name)
    try:
        return openpyxl.load_workbook(p, data_only=False)
    except Exception:  # a zip that is no workbook: openpyxl raises many kinds
        raise WorkbookUnusable(NOT_XLSX, file=p.name) from None


def read_book(path: str | Path) -> BookRows:
    """Every sheet the layout knows, read into raw rows; problems and notes collected."""
    book = open_book(path)
    out = BookRows()
    titles = {layout.words(ws.title): ws for ws in book.worksheets}
    for sheet in layout.SHEETS:
        ws = next((titles[t] for t in layout.names_of(sheet.zh, sheet.en) if t in titles), None)
        if ws is None:
            if not sheet.optional:
                out.problems.append(
                    Problem("", 0, "", Message(MISSING_SHEET, {"sheet": sheet.title}))
                )
            continue
        out.sheets[sheet.key] = _read_sheet(ws, sheet, out)
    book.close()
    return out


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _match_headers(ws, sheet: layout.Sheet, out: BookRows) -> dict[int, layout.Column]:
    by_name = {n: c for c in sheet.columns for n in layout.names_of(c.zh, c.en)}
    found: dict[int, layout.Column] = {}
    header = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
    for index, text in enumerate(header):
        if _is_blank(text):
            continue
        column = by_name.get(layout.words(text))
        if column is None:
            out.notes.append(Message(NOTE_EXTRA_COLUMN, {"sheet": sheet.title, "column": text}))
        elif column in found.values():
            out.problems.append(
                Problem(sheet.title, 1, column.header, Message(DOUBLE_COLUMN, {"column": text}))
            )
        else:
            found[index] = column
    for column in sheet.columns:
        if column.required and column not in found.values():
            message = Message(MISSING_COLUMN, {"column": column.header})
            out.problems.append(Problem(sheet.title, 1, column.header, message))
    order = [sheet.columns.index(c) for _i, c in sorted(found.items())]
    if order != sorted(order):
        out.notes.append(Message(NOTE_REORDERED))
    return found


def _read_sheet(ws, sheet: layout.Sheet, out: BookRows) -> SheetRows:
    columns = _match_headers(ws, sheet, out)
    result = SheetRows(sheet, tuple(c.key for c in columns.values()))
    for merged in ws.merged_cells.ranges:
        out.problems.append(
            Problem(sheet.title, merged.min_row, "", Message(MERGED, {"cells": merged.coord}))
        )
    blank: list[int] = []
    for number, values in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        if all(_is_blank(values[i]) for i in columns if i < len(values)):
            blank.append(number)
            continue
        row: dict[str, Any] = {}
        for index, column in columns.items():
            value = values[index] if index < len(values) else None
            row[column.key] = BAD if _cell_problem(sheet, number, column, value, out) else value
        result.rows.append((number, row))
    last = result.rows[-1][0] if result.rows else 0
    inside = [n for n in blank if n < last]
    if inside:
        out.notes.append(Message(NOTE_BLANK_ROWS, {"sheet": sheet.title, "rows": _spans(inside)}))
    return result


def _cell_problem(sheet, number: int, column: layout.Column, value: Any, out: BookRows) -> bool:
    """A formula, or a date where no date belongs: reported, and the value not used."""
    if (isinstance(value, str) and value.startswith("=")) or type(value).__name__ in (
        "ArrayFormula",
        "DataTableFormula",
    ):
        text = str(getattr(value, "text", value))
        message = Message(FORMULA, {"field": column.header, "formula": text[:40]})
    elif isinstance(value, dt.datetime | dt.date | dt.time) and column.kind != layout.DATE:
        message = Message(DATE_NOT_NUMBER, {"field": column.header, "value": str(value)})
    else:
        return False
    out.problems.append(Problem(sheet.title, number, column.header, message))
    return True


def _spans(numbers: list[int]) -> str:
    """[3, 4, 5, 9] as "3-5, 9"."""
    parts, start = [], numbers[0]
    for prev, cur in zip(numbers, [*numbers[1:], None], strict=True):
        if cur != prev + 1:
            parts.append(str(start) if start == prev else f"{start}-{prev}")
            start = cur
    return ", ".join(parts)
