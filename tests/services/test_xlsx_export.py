"""The common .xlsx writer, opened again with openpyxl and checked cell by cell."""

from __future__ import annotations

import datetime as dt
import os
import zipfile

import openpyxl
import pytest
from openpyxl.worksheet._writer import ALL_TEMP_FILES

from app.errors import PemError
from app.services import xlsx_export
from app.services.xlsx_export import (
    Column,
    ExportCancelled,
    Heading,
    energy_column,
    money_column,
    period_note,
    text_width,
    time_column,
    write_xlsx,
)

NOW = dt.datetime(2026, 3, 1, 9, 30, 0)
AT = dt.datetime(2026, 2, 28, 23, 59, 58)
COLUMNS = [
    Column("Meter"),
    Column("Tenant"),
    time_column("At"),
    money_column("Amount"),
    energy_column("Energy"),
    Column("Count"),
]
HEADING = Heading("Sales", [period_note(dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
                            ("Filter", "一号楼")], "cashier1", NOW)  # fmt: skip


def test_every_cell_number_format_and_the_frame_around_the_table(tmp_path):
    out = tmp_path / "s.xlsx"
    rows = [("M001", "张记面馆", AT, 12345, 98765, 3), ("M002", None, None, -50, None, 0)]
    assert write_xlsx(out, HEADING, COLUMNS, rows) == 2
    ws = openpyxl.load_workbook(out).active
    assert ws.title == "Sales" and ws["A1"].value == "Sales" and ws["A1"].font.bold
    top = [c.value for c in ws[2]][:4]
    assert top == ["Exported", NOW, "Operator", "cashier1"]
    assert ws["B2"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert (ws["A3"].value, ws["B3"].value) == ("Period", "2026-02-01 – 2026-02-28")
    assert (ws["A4"].value, ws["B4"].value) == ("Filter", "一号楼")
    assert all(c.value is None for c in ws[5])
    assert HEADING.header_row == 6
    assert [c.value for c in ws[6]] == ["Meter", "Tenant", "At", "Amount", "Energy", "Count"]
    assert all(c.font.bold for c in ws[6])
    assert ws.freeze_panes == "A7" and ws.auto_filter.ref == "A6:F8"
    m1, tenant, at, amount, energy, count = ws[7]
    assert (m1.value, tenant.value, at.value) == ("M001", "张记面馆", AT)
    assert at.number_format == "yyyy-mm-dd hh:mm:ss"
    assert amount.value == 123.45 and isinstance(amount.value, float)
    assert amount.number_format == "#,##0.00" and energy.number_format == "#,##0.00"
    assert energy.value == 987.65 and count.value == 3 and count.data_type == "n"
    second = ws[8]
    assert second[1].value is None and second[2].value is None
    assert second[3].value == -0.5 and second[3].number_format == "#,##0.00"
    assert second[4].value is None and second[5].value == 0
    assert ws.max_row == 8
    # widths: the Chinese name counts two columns a character, a money figure its shown digits
    assert ws.column_dimensions["B"].width == text_width("张记面馆") + 2 == 10
    assert ws.column_dimensions["C"].width == 21 and ws.column_dimensions["D"].width == 8


def test_an_empty_table_still_has_its_header_and_filter(tmp_path):
    out = tmp_path / "e.xlsx"
    assert write_xlsx(out, Heading("Nothing", now=NOW), COLUMNS, []) == 0
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[4]][:2] == ["Meter", "Tenant"]
    assert ws["C2"].value is None  # no operator, no label
    assert ws.freeze_panes == "A5" and ws.auto_filter.ref == "A4:F4"


def test_a_title_that_is_no_sheet_name_is_cleaned(tmp_path):
    out = tmp_path / "t.xlsx"
    write_xlsx(out, Heading("Sales 2026/03: [all]" + "x" * 40, now=NOW), COLUMNS, [])
    wb = openpyxl.load_workbook(out)
    assert wb.active.title == "Sales 2026_03_ _all_xxxxxxxxxxx"
    assert wb.active["A1"].value.startswith("Sales 2026/03: [all]")


def test_translated_labels_and_progress_with_totals(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_export, "PROGRESS_EVERY", 10)
    seen = []
    zh = {"Exported": "导出时间", "Operator": "操作员"}
    rows = [(f"M{i}", "", None, i, i, i) for i in range(25)]
    write_xlsx(tmp_path / "p.xlsx", HEADING, COLUMNS, iter(rows), total=25,
               progress=lambda d, t: seen.append((d, t)),
               translate=lambda _ctx, s: zh.get(s, s))  # fmt: skip
    assert seen == [(0, 25), (10, 25), (20, 25), (25, 25)]
    ws = openpyxl.load_workbook(tmp_path / "p.xlsx").active
    assert (ws["A2"].value, ws["C2"].value) == ("导出时间", "操作员")
    assert ws.max_row == 6 + 25


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir())


def test_cancel_leaves_no_file_and_an_older_file_as_it_was(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_export, "PROGRESS_EVERY", 10)
    out = tmp_path / "c.xlsx"
    rows = ((f"M{i}", "", None, i, i, i) for i in range(1000))
    with pytest.raises(ExportCancelled, match="cancelled"):
        write_xlsx(out, HEADING, COLUMNS, rows, cancelled=lambda: True)
    assert _leftovers(tmp_path) == []
    # stopped at the first check after the rows sampled for the widths, not at the end
    assert next(rows)[0] == f"M{xlsx_export.SAMPLE_ROWS}"
    assert not [p for p in ALL_TEMP_FILES if os.path.exists(p)]  # openpyxl's sheet XML too
    out.write_bytes(b"an older export")
    with pytest.raises(ExportCancelled):
        write_xlsx(out, HEADING, COLUMNS, [("M1", "", None, 1, 1, 1)], cancelled=lambda: True)
    assert out.read_bytes() == b"an older export" and _leftovers(tmp_path) == ["c.xlsx"]


def test_a_failure_half_way_leaves_no_file(tmp_path):
    def rows():
        yield ("M1", "", None, 1, 1, 1)
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        write_xlsx(tmp_path / "f.xlsx", HEADING, COLUMNS, rows())
    assert _leftovers(tmp_path) == []
    with pytest.raises(ValueError):  # a row of the wrong length is a bug, said, and no file
        write_xlsx(tmp_path / "f.xlsx", HEADING, COLUMNS, [("M1",)])
    assert _leftovers(tmp_path) == []


def test_a_bad_folder_is_said_before_a_row_is_read(tmp_path):
    def rows():
        raise AssertionError("read")
        yield

    with pytest.raises(PemError, match=r"cannot write .*nowhere"):
        write_xlsx(tmp_path / "nowhere" / "x.xlsx", HEADING, COLUMNS, rows())


def test_awkward_values_come_back_as_written(tmp_path):
    """The body is written as XML text: escapes, spaces, control characters, booleans, dates."""
    out = tmp_path / "a.xlsx"
    columns = [Column("Text"), Column("Flag"), Column("When"), Column("Day"), money_column("Fen")]
    rows = [
        ("a & b <c> \"d\" 'e'", True, AT, dt.date(2026, 2, 28), 1),
        ("  padded ", False, dt.datetime(2026, 1, 1, 0, 0, 0, 500000), None, -12345678901),
        ("bell\x07 tab\tend", None, None, None, 0),
        (dt.timedelta(hours=27, minutes=30), None, None, None, None),  # a duration: [h]:mm:ss
    ]
    write_xlsx(out, Heading("Odd", now=NOW), columns, rows)
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    first, second, third = ws[5], ws[6], ws[7]
    assert first[0].value == "a & b <c> \"d\" 'e'" and first[1].value is True
    assert first[2].value == AT and first[2].number_format == "yyyy-mm-dd hh:mm:ss"
    assert first[3].value == dt.datetime(2026, 2, 28) and first[3].number_format == "yyyy-mm-dd"
    assert first[4].value == 0.01
    assert second[0].value == "  padded " and second[1].value is False
    assert second[2].value == dt.datetime(2026, 1, 1, 0, 0, 0, 500000)
    assert second[4].value == -123456789.01
    assert third[0].value == "bell tab\tend" and third[4].value == 0
    assert ws["A8"].value == dt.timedelta(hours=27, minutes=30)
    assert ws["A8"].number_format == "[h]:mm:ss"
    assert ws.auto_filter.ref == "A4:E8"
    with zipfile.ZipFile(out) as z:  # the workbook's name for the filter's range, too
        assert "'Odd'!$A$4:$E$8</definedName>" in z.read("xl/workbook.xml").decode()
