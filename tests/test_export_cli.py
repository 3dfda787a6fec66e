"""``main.py export readings`` with and without a period, run in process on a small site."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from app.models import Building, Bus, Meter, Reading, close_database, open_database
from app.services.reports.period import day_start_utc
from main import _subcommands, build_parser

FIRST, LAST = dt.date(2026, 3, 1), dt.date(2026, 3, 2)


def _reading(meter, at, total, relay=False):
    Reading.create(meter=meter, taken_at=at, energy_total=total, energy_sharp=1, energy_peak=2,
                   energy_flat=3, energy_valley=total - 6, balance=5050, purchase_count=2,
                   power=880, relay_open=relay)  # fmt: skip


@pytest.fixture
def site(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    open_database(folder / "site.db", create=True)
    b = Building.create(name="一号楼")
    bus = Bus.create(name="bus1", port="sim://1", parity="N", building=b)
    m10 = Meter.create(number="M10", bus=bus, address=10, serial="S10", building=b)
    m2 = Meter.create(number="M2", bus=bus, address=2, serial="S2", location="A-2")
    start = day_start_utc(FIRST)
    end = day_start_utc(LAST + dt.timedelta(days=1))
    _reading(m10, start - dt.timedelta(seconds=1), 100)  # the evening before: out
    _reading(m10, start, 1000)
    _reading(m10, end - dt.timedelta(minutes=30), 1234, relay=True)
    _reading(m2, start + dt.timedelta(hours=12), 777)
    _reading(m2, end, 999)  # the morning after: out
    close_database()
    return folder


def export(folder, *args):
    subs = _subcommands()
    parsed = build_parser(subs).parse_args(["export", "readings", *args, "--data-dir",
                                            str(folder)])  # fmt: skip
    return subs["export"].run(parsed)


def test_readings_of_a_period_meter_by_meter_cell_by_cell(site, tmp_path, capsys):
    out = tmp_path / "p.xlsx"
    assert export(site, "--from", "2026-03-01", "--to", "2026-03-02", "--out", str(out)) == 0
    assert capsys.readouterr().out.strip() == f"3 readings written to {out}"
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "Stored readings" and ws["D2"].value == "system"
    assert (ws["A3"].value, ws["B3"].value) == ("Period", "2026-03-01 – 2026-03-02")
    header = [c.value for c in ws[5]]
    assert header == ["Meter", "Building", "Location", "Read at", "Energy (kWh)", "Sharp (kWh)",
                      "Peak (kWh)", "Flat (kWh)", "Valley (kWh)", "Balance (yuan)", "Purchases",
                      "Power (W)", "Relay open"]  # fmt: skip
    assert ws.freeze_panes == "A6" and ws.auto_filter.ref == "A5:M8"
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=6)]
    assert [r[0] for r in rows] == ["M2", "M10", "M10"]  # M2 before M10, each by time
    m2 = rows[0]
    assert m2[1:4] == [None, "A-2", dt.datetime.combine(FIRST, dt.time(12))]
    assert m2[4:] == [7.77, 0.01, 0.02, 0.03, 7.71, 50.5, 2, 880, "no"]
    assert rows[1][1] == "一号楼" and rows[1][3] == dt.datetime.combine(FIRST, dt.time())
    assert rows[2][3] == dt.datetime.combine(LAST, dt.time(23, 30)) and rows[2][-1] == "yes"
    cells = ws[6]
    assert cells[3].number_format == "yyyy-mm-dd hh:mm:ss"
    assert all(c.number_format == "#,##0.00" and c.data_type == "n" for c in cells[4:10])
    assert cells[10].data_type == "n"


def test_without_a_period_the_current_state_as_before(site, tmp_path, capsys):
    out = tmp_path / "now.xlsx"
    assert export(site, "--out", str(out)) == 0
    assert capsys.readouterr().out.strip() == f"2 meters written to {out}"
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "Meter readings" and ws["A6"].value == "M2"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--from", "2026-03-01"], "give both --from and --to"),
        (["--to", "2026-03-01"], "give both --from and --to"),
        (["--from", "2026-03-02", "--to", "2026-03-01"], "ends (2026-03-01) before it starts"),
    ],
)
def test_half_a_period_or_a_reversed_one_is_exit_2_and_no_file(site, tmp_path, capsys, args,
                                                                said):  # fmt: skip
    out = tmp_path / "x.xlsx"
    assert export(site, *args, "--out", str(out)) == 2
    assert said in capsys.readouterr().err and not out.exists()


def test_a_bad_day_no_site_or_a_bad_folder_is_exit_2(site, tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        export(site, "--from", "1.3.2026", "--to", "2026-03-02", "--out", "x.xlsx")
    assert stop.value.code == 2 and "YYYY-MM-DD" in capsys.readouterr().err
    assert export(tmp_path / "none", "--out", str(tmp_path / "n.xlsx")) == 2
    assert "export:" in capsys.readouterr().err
    bad = tmp_path / "no" / "dir.xlsx"
    assert export(site, "--from", "2026-03-01", "--to", "2026-03-01", "--out", str(bad)) == 2
    assert "cannot write" in capsys.readouterr().err
