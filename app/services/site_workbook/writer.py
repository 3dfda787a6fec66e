"""Writing the workbook: the empty template, and the current site in the same template.

Each sheet has one header row "中文 English", frozen, with columns wide enough
for Chinese; the cells offer Excel's lists where Excel can: parity, the meter
families (from a hidden "Lists" sheet), yes/no, and the buildings, gateways
and buses typed in their own sheets (the list follows what is typed there).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from app.errors import QT_TRANSLATE_NOOP, ConfigError
from app.serial_io import profiles
from app.services.site_workbook import layout
from app.services.site_workbook.snapshot import Objects, current_site

CANNOT_WRITE = QT_TRANSLATE_NOOP("Errors", "cannot use {file}: {reason}")  # main.py's sentence
LIST_ROWS = 2000  # how far down the validation lists reach beyond the data
INSTRUCTIONS = (
    ("如何填写", "How to fill in"),
    ("每个工作表第一行是表头，请勿修改表头文字；列的顺序可以调整。",
     "Row 1 of each sheet is its header: keep the header texts; columns may be reordered."),
    ("楼宇、通讯管理机、总线、电表按名称或编号匹配：再次导入同一文件不会改变任何内容。",
     "Buildings, gateways, buses and meters are matched by name or number: importing the "
     "same file again changes nothing."),
    ("通讯管理机上的总线：填写通讯管理机名称和串口号（1 起），串口列可留空。",
     "A bus on a gateway: give the gateway and its serial port number (from 1); the port "
     "may stay blank."),
    ("直连总线：串口填写 COM3 或 /dev/ttyUSB0。",
     "A bus on the PC's own port: the port is COM3 or /dev/ttyUSB0."),
    ("通信地址 1-247；多回路电表（如 ADF400L）每个回路一行，回路从 1 起。",
     "Address 1-247; a multi-circuit meter (ADF400L) has one row per circuit, from 1."),
    ("报警金额以元为单位，如 20.00。请勿使用公式或合并单元格。",
     "Alarm amounts are in yuan, e.g. 20.00. No formulas and no merged cells."),
    ("租户表（可选）用于接管正在运行的项目：导入时读取电表余额和购电次数，不充值。",
     "The tenants sheet (optional) takes over a running site: each meter's balance and "
     "purchase count are read when importing; no credit is sent."),
    ("导入前会先显示预览：所有问题都列出后才能导入，导入在一个事务中完成。",
     "Import shows a preview first: nothing is written until the file has no problems, "
     "then everything is written at once."),
)  # fmt: skip


def write_template(path: str | Path) -> None:
    """The empty template (``template --out``, the "Excel template…" menu entry)."""
    _write(path, {})


def export_config(path: str | Path) -> dict[str, int]:
    """The open site's buildings, gateways, buses and meters in the template; counts back."""
    site = current_site()
    _write(path, site)
    return {key: len(objects) for key, objects in site.items()}


def cell_value(column: layout.Column, value: Any) -> Any:
    """What a checked value looks like in its cell (the reader reads it back the same)."""
    if column.kind == layout.MONEY:
        return Decimal(value) / 100
    if column.kind == layout.YES_NO:
        return "yes" if value else "no"
    if value == "" or value is None:
        return None
    return value


def _write(path: str | Path, site: dict[str, Objects]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    lists = _lists_sheet(book)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for sheet in layout.SHEETS:
        ws = book.create_sheet(sheet.title)
        for index, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=1, column=index, value=column.header)
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            ws.column_dimensions[get_column_letter(index)].width = column.width
        ws.row_dimensions[1].height = 32
        ws.freeze_panes = "A2"
        objects = list(site.get(sheet.key, {}).values())
        for number, obj in enumerate(objects, start=2):
            for index, column in enumerate(sheet.columns, start=1):
                value = cell_value(column, obj.get(column.key))
                if value is not None:
                    cell = ws.cell(row=number, column=index, value=value)
                    if column.kind == layout.MONEY:
                        cell.number_format = "0.00"
        _validations(ws, sheet, len(objects) + LIST_ROWS, lists)
    _instructions(book)
    book.move_sheet(lists, offset=len(book.worksheets))
    try:
        book.save(path)
    except OSError as exc:  # a folder that is not there, a file open in Excel
        reason = exc.strerror or type(exc).__name__
        raise ConfigError(CANNOT_WRITE, file=str(path), reason=reason) from None


def _lists_sheet(book):
    ws = book.create_sheet(layout.LISTS_TITLE)
    ws.sheet_state = "hidden"
    for row, name in enumerate(profiles.names(), start=1):
        ws.cell(row=row, column=1, value=name)
    return ws


def _sheet_ref(sheet: layout.Sheet, last: int) -> str:
    return f"'{sheet.title}'!$A$2:$A${last}"


def _validations(ws, sheet: layout.Sheet, last: int, lists) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    n_profiles = len(profiles.names())
    sources = {
        layout.PARITY: '"N,E,O"',
        layout.YES_NO: '"yes,no"',
        layout.PROFILE: f"'{lists.title}'!$A$1:$A${n_profiles}",
        layout.BUILDING: _sheet_ref(layout.BUILDINGS, last),
    }
    by_key = {"gateway": _sheet_ref(layout.GATEWAYS, last)}
    if sheet.key == "meters":
        by_key["bus"] = _sheet_ref(layout.BUSES, last)
    if sheet.key == "tenants":
        by_key["meter"] = _sheet_ref(layout.METERS, last)
    for index, column in enumerate(sheet.columns, start=1):
        source = by_key.get(column.key) or sources.get(column.kind)
        if source is None:
            continue
        dv = DataValidation(type="list", formula1=source, allow_blank=True)
        # A typed value outside a list that follows another sheet is still checked on import.
        dv.showErrorMessage = column.kind in (layout.PARITY, layout.YES_NO, layout.PROFILE)
        letter = get_column_letter(index)
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)


def _instructions(book) -> None:
    from openpyxl.styles import Alignment, Font

    ws = book.create_sheet(layout.INSTRUCTIONS_TITLE)
    ws.column_dimensions["A"].width = 70
    ws.column_dimensions["B"].width = 90
    for row, (zh, en) in enumerate(INSTRUCTIONS, start=1):
        for col, text in ((1, zh), (2, en)):
            cell = ws.cell(row=row, column=col, value=text)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if row == 1:
                cell.font = Font(bold=True)
