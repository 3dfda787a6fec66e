"""The meter reading export, opened again with openpyxl and checked cell by cell."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from app.errors import PemError
from app.models import Account, Building, Bus, Meter, MeterState, ParamSync, Tenant
from app.serial_io.meter_data import MeterStatus
from app.services.readings_export import HEADER_ROW, export_readings
from app.services.xlsx_export import text_width
from tests.billing_helpers import CASHIER, MAINTENANCE

BOTH_DATABASES = True

NOW = dt.datetime(2026, 3, 1, 9, 30, 0)


@pytest.fixture
def meters(database):
    b = Building.create(name="一号楼")
    bus = Bus.create(name="bus1", port="sim://1", parity="N", building=b)
    m1 = Meter.create(number="M001", bus=bus, address=1, serial="S1", building=b, location="A-101")
    m2 = Meter.create(number="M002", bus=bus, address=2, serial="S2", building=b)
    m10 = Meter.create(number="M010", bus=bus, address=10, serial="S10", building=b)
    t = Tenant.create(account_no="A001", name="张记面馆")
    Account.create(tenant=t, meter=m1)
    status = MeterStatus(balance=12345, energy_total=98765, voltage_a=2203, current_a=512,
                         power=1130, purchase_count=3, prepaid_mode=True)  # fmt: skip
    at = dt.datetime(2026, 3, 1, 1, 2, 3)  # naive UTC, as the store writes it
    MeterState.create(meter=m1, online=True, status_json=json.dumps(status.to_dict()),
                      updated_at=at)  # fmt: skip
    MeterState.create(meter=m2, online=False, status_json="")
    ParamSync.create(meter=m1, wanted_json="{}", in_sync=True)
    ParamSync.create(meter=m10, wanted_json="{}", in_sync=False)
    return m1, m2, m10, at


def test_the_workbook_holds_every_meter_cell_by_cell(meters, tmp_path):
    at = meters[3]
    out = tmp_path / "readings.xlsx"
    assert export_readings(MAINTENANCE, out, now=NOW) == 3
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "Meter readings" and ws["A1"].font.bold
    assert (ws["A2"].value, ws["B2"].value) == ("Exported", NOW)
    assert (ws["A3"].value, ws["B3"].value) == ("Filter", "all meters")
    header = [c.value for c in ws[HEADER_ROW]]
    assert header[:10] == [
        "Meter", "Building", "Bus", "Address", "Location", "Tenant", "State",
        "Last contact", "Balance (yuan)", "Energy (kWh)",
    ]  # fmt: skip
    assert header[-1] == "Parameters in sync"
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:T{HEADER_ROW + 3}"
    row = {h: c for h, c in zip(header, ws[HEADER_ROW + 1], strict=True)}
    local = dt.datetime.fromtimestamp(at.replace(tzinfo=dt.UTC).timestamp())
    assert row["Meter"].value == "M001" and row["Building"].value == "一号楼"
    assert row["Tenant"].value == "张记面馆" and row["State"].value == "normal"
    assert row["Location"].value == "A-101" and row["Address"].value == 1
    assert row["Last contact"].value == local
    assert row["Last contact"].number_format == "yyyy-mm-dd hh:mm:ss"
    balance = row["Balance (yuan)"]
    assert balance.value == 123.45 and balance.number_format == "#,##0.00"
    assert row["Energy (kWh)"].value == 987.65
    assert row["Voltage A (V)"].value == 220.3 and row["Current A (A)"].value == 5.12
    assert row["Power (W)"].value == 1130 and row["Purchases"].value == 3
    assert (row["Relay open"].value, row["Prepaid mode"].value) == ("no", "yes")
    assert row["Parameters in sync"].value == "yes"
    second = [c.value for c in ws[HEADER_ROW + 2]]
    assert second[0] == "M002" and second[6] == "offline" and second[8] is None
    assert second[-1] == "unknown"  # never compared
    third = [c.value for c in ws[HEADER_ROW + 3]]
    assert third[0] == "M010" and third[-1] == "no"  # natural order: M010 after M002
    assert ws.column_dimensions["F"].width >= text_width("张记面馆") + 2 == 10


def test_a_translator_gives_chinese_headers_and_a_filter_is_named(meters, tmp_path):
    out = tmp_path / "r.xlsx"
    zh = {"Meter readings": "抄表数据", "Meter": "电表", "all meters": "全部电表"}
    export_readings(MAINTENANCE, out, translate=lambda _context, s: zh.get(s, s), now=NOW,
                    filter_text="一号楼")  # fmt: skip
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "抄表数据" and ws["A5"].value == "电表" and ws["B3"].value == "一号楼"


def test_a_cashier_may_export_and_a_bad_folder_is_said(meters, tmp_path):
    assert export_readings(CASHIER, tmp_path / "c.xlsx") == 3
    with pytest.raises(PemError, match="cannot write"):
        export_readings(MAINTENANCE, tmp_path / "no" / "such" / "dir.xlsx")
