"""Issue #11 "bad input gets a clear error and nothing changes": each case is named, and a
refused file leaves the database file's bytes as they were."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from openpyxl import load_workbook

from app.errors import ValidationError
from app.models import Meter
from app.services import site_rules
from app.services import site_workbook as sw
from app.services.site_workbook import preview as pv
from tests.services.workbook_helpers import ADMIN, db_bytes, meter, site_rows, write_book


@pytest.fixture
def site(tmp_path, database):
    """A site with three meters already imported; the test's file comes on top of it."""
    preview = sw.preview_file(write_book(tmp_path / "base.xlsx", site_rows(3)))
    sw.apply_preview(preview, ADMIN)
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return tmp_path


def refused(folder, path, template: str, sheet: str = "", row: int = 0, column: str = ""):
    """The file's preview names ``template`` (where given: at sheet, row, column); applying
    it is refused; the database files are byte for byte what they were."""
    before = db_bytes(folder)
    preview = sw.preview_file(path)
    hits = [p for p in preview.problems if p.message.template == template]
    assert hits, preview.lines()
    if sheet:
        assert (hits[0].sheet, hits[0].row) == (sheet, row), hits
    if column:
        assert hits[0].column == column, hits
    with pytest.raises(ValidationError, match="nothing was written"):
        sw.apply_preview(preview, ADMIN)
    assert db_bytes(folder) == before
    return preview


def unusable(folder, path, template: str) -> None:
    before = db_bytes(folder)
    with pytest.raises(sw.WorkbookUnusable) as err:
        sw.preview_file(path)
    assert err.value.template == template
    assert db_bytes(folder) == before


def test_a_renamed_csv_and_a_text_file_are_not_workbooks(site):
    csv = site / "meters.xlsx"
    csv.write_text("number,bus,address\nM009,Bus 2,9\n")
    unusable(site, csv, pv.NOT_XLSX)
    text = site / "notes.txt"
    text.write_text("hello")
    unusable(site, text, pv.NOT_XLSX)


def test_a_password_protected_workbook_is_named_as_such(site):
    locked = site / "locked.xlsx"  # Excel encrypts an .xlsx into an OLE2 compound file
    locked.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504)
    unusable(site, locked, pv.ENCRYPTED)


def test_a_missing_sheet_and_a_missing_column(site):
    rows = site_rows(1)
    del rows["gateways"]
    refused(site, write_book(site / "a.xlsx", rows), pv.MISSING_SHEET)
    headers = {"meters": ["number", "bus", "location"]}
    refused(site, write_book(site / "b.xlsx", site_rows(1), headers), pv.MISSING_COLUMN,
            "电表 Meters", 1, "通信地址 Address")  # fmt: skip


def test_reordered_columns_are_read_by_their_headers_with_a_note(site):
    rows = site_rows(4)
    keys = ["location", "address", "bus", "number", "alarm1", "alarm2", "building", "enabled"]
    preview = sw.preview_file(write_book(site / "a.xlsx", rows, {"meters": keys}))
    assert preview.ok, preview.lines()
    assert any(n.template == pv.NOTE_REORDERED for n in preview.notes)
    assert [(c.key, c.kind) for c in preview.changes] == [("M004", pv.NEW)]
    sw.apply_preview(preview, ADMIN)
    m = Meter.get(Meter.number == "M004")
    assert (m.address, m.location, m.bus.name) == (4, "4F", "Bus 2")


def test_headers_in_one_language_only_are_matched(site):
    from openpyxl import Workbook

    path = write_book(site / "a.xlsx", site_rows(3))
    book = load_workbook(path)
    ws = book["电表 Meters"]
    for cell in ws[1]:
        cell.value = cell.value.split(" ", 1)[1].upper()  # "METER NUMBER"
    book.save(path)
    assert isinstance(book, Workbook)
    assert sw.preview_file(path).nothing_to_change


def test_merged_cells_are_refused(site):
    path = write_book(site / "a.xlsx", site_rows(3))
    book = load_workbook(path)
    book["电表 Meters"].merge_cells("F2:F3")
    book.save(path)
    refused(site, path, pv.MERGED, "电表 Meters", 2)


def test_a_formula_is_refused_even_one_excel_would_compute(site):
    rows = site_rows(4)
    rows["meters"][3]["address"] = "=2+2"
    refused(site, write_book(site / "a.xlsx", rows), pv.FORMULA, "电表 Meters", 5,
            "通信地址 Address")  # fmt: skip


def test_numbers_stored_as_text_and_full_width_digits_are_numbers(site):
    rows = site_rows(3)
    rows["meters"] += [meter(4, address="4"), meter(5, address=" １２ ", alarm1="２０.５")]
    preview = sw.preview_file(write_book(site / "a.xlsx", rows))
    assert preview.ok, preview.lines()
    sw.apply_preview(preview, ADMIN)
    assert Meter.get(Meter.number == "M004").address == 4
    assert Meter.get(Meter.number == "M005").address == 12
    assert Meter.get(Meter.number == "M005").alarm1 == 2050


def test_chinese_numerals_are_not_a_number(site):
    rows = site_rows(3)
    rows["meters"].append(meter(4, address="十二"))
    refused(site, write_book(site / "a.xlsx", rows), site_rules.NOT_A_NUMBER, "电表 Meters", 5)


def test_a_date_where_a_number_belongs(site):
    rows = site_rows(3)
    rows["meters"].append(meter(4, address=dt.datetime(2024, 1, 5)))
    refused(site, write_book(site / "a.xlsx", rows), pv.DATE_NOT_NUMBER, "电表 Meters", 5)


def test_empty_rows_in_the_middle_are_skipped_with_a_note(site):
    rows = site_rows(3)
    rows["meters"] = [rows["meters"][0], {}, {}, rows["meters"][1], rows["meters"][2]]
    preview = sw.preview_file(write_book(site / "a.xlsx", rows))
    assert preview.nothing_to_change, preview.lines()
    blank = [n for n in preview.notes if n.template == pv.NOTE_BLANK_ROWS]
    assert blank and blank[0].params["rows"].endswith("3-4")


def test_duplicate_meter_numbers_name_both_rows(site):
    rows = site_rows(3)
    rows["meters"].append(meter(2, address=9))
    p = refused(site, write_book(site / "a.xlsx", rows), pv.TWICE_IN_FILE, "电表 Meters", 5)
    assert "also in row 3" in p.problems[0].text()


@pytest.mark.parametrize("address", [0, 248])
def test_address_outside_1_to_247(site, address):
    rows = site_rows(3)
    rows["meters"].append(meter(4, address=address))
    refused(site, write_book(site / "a.xlsx", rows), site_rules.ADDRESS_RANGE, "电表 Meters", 5,
            "通信地址 Address")  # fmt: skip


def test_an_unknown_bus_and_an_unknown_profile(site):
    rows = site_rows(3)
    rows["meters"].append(meter(4, bus="Bus 9"))
    refused(
        site, write_book(site / "a.xlsx", rows), pv.UNKNOWN_REF["bus"], "电表 Meters", 5, "总线 Bus"
    )
    rows = site_rows(3)
    rows["meters"].append(meter(4, profile="acme-9000"))
    refused(site, write_book(site / "b.xlsx", rows), site_rules.UNKNOWN_PROFILE, "电表 Meters", 5)


def test_a_port_name_that_is_not_a_port(site):
    rows = site_rows(3)
    rows["buses"] = [*rows["buses"], {"name": "Bus 3", "port": "USB port 1", "baud": 9600,
                                       "parity": "N"}]  # fmt: skip
    refused(site, write_book(site / "a.xlsx", rows), site_rules.BAD_PORT, "总线 Buses", 4,
            "串口 Port")  # fmt: skip


def test_a_gateway_port_beyond_the_gateway_and_a_bus_without_port(site):
    rows = site_rows(3)
    rows["buses"] = [*rows["buses"], {"name": "Bus 3", "gateway": "GW1", "gateway_port": 9,
                                       "baud": 9600, "parity": "N"}]  # fmt: skip
    refused(site, write_book(site / "a.xlsx", rows), pv.GATEWAY_PORT_RANGE, "总线 Buses", 4)
    rows["buses"][-1] = {"name": "Bus 3", "baud": 9600, "parity": "N"}
    refused(site, write_book(site / "b.xlsx", rows), pv.PORT_OR_GATEWAY, "总线 Buses", 4)


def test_a_meter_on_the_address_of_a_meter_already_on_the_site(site):
    rows = site_rows(0)
    rows["meters"] = [meter(7, address=2)]  # M002 holds Bus 2 address 2, and is not in the file
    p = refused(site, write_book(site / "a.xlsx", rows), pv.SAME_PLACE, "电表 Meters", 2)
    assert p.problems[0].message.params["other"] == "M002"


def test_every_problem_of_the_file_is_listed_at_once(site):
    rows = site_rows(3)
    rows["meters"] += [meter(4, address=0), meter(5, bus="nowhere"), meter(6, alarm1="abc")]
    preview = sw.preview_file(write_book(site / "a.xlsx", rows))
    assert [p.row for p in preview.problems] == [5, 6, 7]


def test_ten_thousand_rows_are_read_and_checked_quickly(site):
    rows = site_rows(0)
    rows["buses"] = [{"name": f"Bus {b}", "port": f"/dev/ttyUSB{b}", "baud": 9600, "parity": "N"}
                     for b in range(50)]  # fmt: skip
    rows["meters"] = [meter(i, bus=f"Bus {i // 200}", address=i % 200 + 1) for i in range(10_000)]
    path = write_book(site / "big.xlsx", rows)
    start = time.monotonic()
    preview = sw.preview_file(path)
    took = time.monotonic() - start
    assert preview.ok, preview.lines()[:5]
    assert preview.count("meters", pv.NEW) == 10_000 - 3 and took < 20, took


@pytest.mark.parametrize("amount", ["1e999999", "1e-999999999"])
def test_an_amount_beyond_decimal_range_is_not_money(site, amount):
    """Decimal overflows a huge exponent (a traceback) and underflows a tiny one to 0."""
    from app.services.site_workbook import checks

    rows = site_rows(3)
    rows["meters"].append(meter(4, alarm1=amount))
    refused(site, write_book(site / "a.xlsx", rows), checks.NOT_MONEY, "电表 Meters", 5)


def test_a_number_of_thousands_of_digits_is_refused_by_name(site):
    """int() refuses more than 4300 digits with a ValueError: the rule refuses it first."""
    rows = site_rows(3)
    rows["meters"].append(meter(4, address="9" * 5000))
    preview = sw.preview_file(write_book(site / "a.xlsx", rows))
    assert not preview.ok
    assert any(p.sheet == "电表 Meters" and p.row == 5 for p in preview.problems)
