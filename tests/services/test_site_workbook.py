"""Issue #11 part 3: the template, a clean import, re-import, a changed file, the round trip."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from app.errors import ValidationError
from app.models import Building, Bus, Gateway, Meter, SystemLog
from app.services import site_workbook as sw
from app.services.site_workbook import layout
from app.services.site_workbook.preview import CHANGED, NEW
from tests.services.workbook_helpers import ADMIN, CASHIER_ACTOR, meter, site_rows, write_book


def _import(path):
    preview = sw.preview_file(path)
    assert preview.ok, preview.lines()
    sw.apply_preview(preview, ADMIN)
    return preview


def test_template_has_every_sheet_bilingual_headers_lists_and_frozen_header(tmp_path, database):
    path = tmp_path / "t.xlsx"
    sw.write_template(path)
    book = load_workbook(path)
    for sheet in layout.SHEETS:
        ws = book[sheet.title]
        assert [c.value for c in ws[1]] == [c.header for c in sheet.columns]
        assert ws.freeze_panes == "A2"
    assert "电表编号 Meter number" in [c.value for c in book["电表 Meters"][1]]
    assert book[layout.LISTS_TITLE].sheet_state == "hidden"
    assert layout.INSTRUCTIONS_TITLE in book.sheetnames
    lists = {dv.formula1 for dv in book["总线 Buses"].data_validations.dataValidation}
    assert '"N,E,O"' in lists  # parity
    assert any("Lists" in f for f in lists)  # profile names
    assert any("Buildings" in f for f in lists)  # building names
    meters = {dv.formula1 for dv in book["电表 Meters"].data_validations.dataValidation}
    assert '"yes,no"' in meters
    assert sw.preview_file(path).nothing_to_change  # an empty template imports as nothing


def test_import_creates_the_site_with_gateway_ports_and_alarms_in_fen(tmp_path, database):
    _import(write_book(tmp_path / "a.xlsx", site_rows(3)))
    bus1 = Bus.get(Bus.name == "Bus 1")
    assert bus1.gateway.name == "GW1" and bus1.port == "socket://192.168.1.50:4001"
    assert bus1.building.name == "Tower A" and bus1.parity == "N"
    m = Meter.get(Meter.number == "M002")
    assert (m.bus.name, m.address, m.alarm1, m.alarm2, m.profile) == (
        "Bus 2",
        2,
        2000,
        500,
        "default",
    )
    assert Building.select().count() == 1 and Gateway.select().count() == 1
    rows = list(SystemLog.select().where(SystemLog.action == "site.import"))
    assert len(rows) == 1 and "meters" in rows[0].detail


def test_reimporting_the_same_file_says_nothing_to_change_and_writes_nothing(tmp_path, database):
    path = write_book(tmp_path / "a.xlsx", site_rows(3))
    _import(path)
    logged = SystemLog.select().count()
    again = sw.preview_file(path)
    assert again.nothing_to_change and not again.changes
    assert again.unchanged["meters"] == 3
    outcome = sw.apply_preview(again, ADMIN)
    assert outcome.applied.nothing
    assert SystemLog.select().count() == logged


def test_a_changed_file_updates_what_changed_and_names_the_fields(tmp_path, database):
    _import(write_book(tmp_path / "a.xlsx", site_rows(3)))
    rows = site_rows(4)
    rows["meters"][0] = meter(1, location="Roof", alarm1="30.50")
    preview = sw.preview_file(write_book(tmp_path / "b.xlsx", rows))
    assert [(c.key, c.kind, c.fields) for c in preview.changes] == [
        ("M001", CHANGED, ("location", "alarm1")),
        ("M004", NEW, ()),
    ]
    sw.apply_preview(preview, ADMIN)
    m = Meter.get(Meter.number == "M001")
    assert (m.location, m.alarm1) == ("Roof", 3050)
    change = SystemLog.get(SystemLog.action == "meter.change")
    assert "'1F' -> 'Roof'" in change.detail and "2000 -> 3050" in change.detail


def test_two_meters_swap_addresses_in_one_import(tmp_path, database):
    _import(write_book(tmp_path / "a.xlsx", site_rows(2)))
    rows = site_rows(2)
    rows["meters"] = [meter(1, address=2), meter(2, address=1)]
    _import(write_book(tmp_path / "b.xlsx", rows))
    assert Meter.get(Meter.number == "M001").address == 2
    assert Meter.get(Meter.number == "M002").address == 1


def test_export_import_into_an_empty_site_export_again_gives_the_same_cells(
    tmp_path, database, monkeypatch
):
    rows = site_rows(5)
    extra = dict(profile="acrel-adf400l", circuit=3, ct_ratio=50, overload_w=4000)
    extra.update(tariff="shop", enabled="no", serial="A1B2C3D4E5F6")
    rows["meters"].append(meter(6, bus="Bus 1", **extra))
    _import(write_book(tmp_path / "a.xlsx", rows))
    first = tmp_path / "first.xlsx"
    sw.export_config(first)

    from app.models import close_database, open_database
    from app.services.chain_rekey import open_chains
    from tests.conftest import MASTER

    close_database()
    empty = tmp_path / "empty"
    empty.mkdir()
    open_database(empty / "site.db", create=True)
    open_chains(MASTER, empty / "master.key")
    assert Meter.select().count() == 0
    _import(first)
    second = tmp_path / "second.xlsx"
    sw.export_config(second)
    assert _cells(first) == _cells(second)
    assert Meter.select().count() == 6 and _cells(first)["电表 Meters"][1][0] == "M001"


def _cells(path) -> dict[str, list[list]]:
    book = load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book}


def test_apply_refuses_a_preview_with_problems_and_one_made_stale(tmp_path, database):
    rows = site_rows(1)
    rows["meters"].append(meter(2, address=0))
    bad = sw.preview_file(write_book(tmp_path / "bad.xlsx", rows))
    with pytest.raises(ValidationError, match="problem"):
        sw.apply_preview(bad, ADMIN)
    assert Meter.select().count() == 0
    good = sw.preview_file(write_book(tmp_path / "good.xlsx", site_rows(2)))
    _import(write_book(tmp_path / "first.xlsx", site_rows(1)))  # the site moved on meanwhile
    with pytest.raises(Exception, match="check the file again"):
        sw.apply_preview(good, ADMIN)
    assert Meter.select().count() == 1


def test_a_cashier_may_not_import_the_site(tmp_path, database):
    from app.errors import PermissionDenied

    preview = sw.preview_file(write_book(tmp_path / "a.xlsx", site_rows(1)))
    with pytest.raises(PermissionDenied):
        sw.apply_preview(preview, CASHIER_ACTOR)
    assert Meter.select().count() == 0
