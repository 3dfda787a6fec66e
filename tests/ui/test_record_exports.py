"""Export buttons of the record windows: the workbook cell by cell, progress, Cancel, failures."""

from __future__ import annotations

import threading

import openpyxl
import pytest

from app.errors import PemError
from app.services import billing
from app.services.accounts import TenantInfo, create_tenant
from app.services.audit import log_action
from app.services.permissions import Actor, Role
from app.services.xlsx_export import Column, Heading, write_xlsx
from app.ui.cashier.actions import launch
from app.ui.records.sales_window import SalesWindow
from app.ui.records.system_log_view import SystemLogView
from app.ui.records.tenant_list import TenantListWindow
from app.ui.support.export_runner import start_export
from tests.ui.cashier_fixtures import ADMIN, CASHIER, cashier_site

LI = Actor(7, "li", Role.CASHIER)


@pytest.fixture
def site(database, master_key, tmp_path):
    with cashier_site(master_key, tmp_path) as site:
        m = site.meter_ids[0]
        for fen in (100, 250):
            billing.sell(site.env.worker, CASHIER, m, fen, "cash")
        billing.refund(site.env.worker, CASHIER, m, 50)
        yield site


def _finish(qtbot, dialog):
    with qtbot.waitSignal(dialog.finishedExport, timeout=10000) as got:
        pass
    return got.args[0]


def _rows(ws, first):
    return [[c.value for c in r] for r in ws.iter_rows(min_row=first)]


def test_sales_records_export_every_entry_the_filters_select(qtbot, site, tmp_path):
    window = SalesWindow(site, CASHIER, launch)
    qtbot.addWidget(window)
    window.kind_combo.setCurrentIndex(window.kind_combo.findData("sale"))
    out = tmp_path / "sales"  # the suffix is added
    dialog = window.export(str(out))
    assert _finish(qtbot, dialog) == 3  # the opening's first sale and the two sales
    assert "3 rows written" in dialog.label.text()
    ws = openpyxl.load_workbook(tmp_path / "sales.xlsx").active
    assert ws["A1"].value == "Sales records" and ws["D2"].value == CASHIER.name
    assert (ws["A3"].value, ws["B3"].value) == ("Filter", "Sale")
    assert [c.value for c in ws[5]] == ["Date", "Receipt no.", "Kind", "State", "Meter", "Tenant",
                                        "Amount", "Balance after", "Payment",
                                        "Operator"]  # fmt: skip
    assert ws.freeze_panes == "A6" and ws.auto_filter.ref == "A5:J8"
    newest = ws[6]
    assert newest[2].value == "Sale" and newest[3].value == "Confirmed"
    assert newest[6].value == 2.5 and newest[6].number_format == "#,##0.00"
    assert newest[7].data_type == "n" and newest[8].value == "Cash"
    assert newest[0].number_format == "yyyy-mm-dd hh:mm:ss"
    assert [r[6] for r in _rows(ws, 6)][:2] == [2.5, 1.0]


def test_tenants_export_what_the_list_shows(qtbot, site, tmp_path):
    create_tenant(ADMIN, TenantInfo(name="赵六美发", shop="C-12", phone="13912345678"))
    window = TenantListWindow(site, CASHIER, launch)
    qtbot.addWidget(window)
    window.search_edit.setText("美发")
    dialog = window.export(str(tmp_path / "t.xlsx"))
    assert _finish(qtbot, dialog) == 1
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert ws["A1"].value == "Tenants" and ws["B3"].value == "美发"
    assert [c.value for c in ws[5]] == ["Account no.", "Name", "Shop / room", "Phone", "Meters",
                                        "Status"]  # fmt: skip
    row = [c.value for c in ws[6]]
    assert row[1:] == ["赵六美发", "C-12", "13912345678", None, "active"]
    assert ws.column_dimensions["B"].width >= 10  # four CJK characters are eight columns wide
    assert ws.max_row == 6


def test_system_log_export_holds_only_the_operators_own_rows(qtbot, database, tmp_path):
    log_action(ADMIN, "login.ok", "admin")
    for i in range(3):
        log_action(LI, "sale", f"M{i:03d}")
    view = SystemLogView(LI)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.model.loading(), timeout=5000)
    dialog = view.export(str(tmp_path / "log.xlsx"))
    assert _finish(qtbot, dialog) == 3
    ws = openpyxl.load_workbook(tmp_path / "log.xlsx").active
    assert ws["A1"].value == "System log" and ws["B3"].value == "li"  # the operator filter
    rows = _rows(ws, 6)
    assert [r[1:5] for r in rows] == [["li", "Cashier", "Sale", f"M{i:03d}"] for i in (2, 1, 0)]
    assert ws["A6"].number_format == "yyyy-mm-dd hh:mm:ss"


def _slow_job(started: threading.Event):
    def rows():
        started.set()
        for i in range(10**6):
            yield (f"M{i}", i)

    def job(path, progress, cancelled):
        return write_xlsx(path, Heading("Slow"), [Column("Meter"), Column("n")], rows(),
                          total=10**6, progress=progress, cancelled=cancelled)  # fmt: skip

    return job


def test_cancel_stops_the_export_and_leaves_no_file(qtbot, database, tmp_path):
    parent = SystemLogView(LI)
    qtbot.addWidget(parent)
    started = threading.Event()
    job = _slow_job(started)
    dialog = start_export(parent, "Export", "x.xlsx", job, tmp_path / "slow.xlsx")
    assert dialog.isVisible() and dialog.running()
    qtbot.waitUntil(lambda: dialog.bar.maximum() == 10**6 and dialog.bar.value() > 0, timeout=9000)
    assert started.is_set() and any(".part" in p.name for p in tmp_path.iterdir())
    dialog.reject()  # the Cancel button, Esc or the close box
    assert dialog.isVisible() and "Cancelling" in dialog.label.text()
    assert _finish(qtbot, dialog) is None
    assert "no file was written" in dialog.label.text()
    assert not [p.name for p in tmp_path.iterdir() if "slow" in p.name]  # nor its .part
    dialog.reject()  # now Close ends it


def test_a_failed_export_is_said_in_the_dialog(qtbot, database, tmp_path):
    parent = SystemLogView(LI)
    qtbot.addWidget(parent)

    def job(path, progress, cancelled):
        raise PemError("cannot write {path}: {reason}", path=str(path), reason="disk full")

    dialog = start_export(parent, "Export", "x.xlsx", job, tmp_path / "f.xlsx")
    assert _finish(qtbot, dialog) is None
    assert "The export failed: cannot write" in dialog.label.text()
    assert "disk full" in dialog.label.text()
