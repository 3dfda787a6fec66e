"""The batch dialog and the grid's batch menu: progress, cancel, results, export, retry."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QWidget

from app.services import batches
from app.ui.control.batch_actions import BatchActions, confirmation_text
from app.ui.control.batch_dialog import BatchDialog
from tests.billing_helpers import CASHIER, MAINTENANCE
from tests.services.batch_env import give_tenant, make_batch_site


@pytest.fixture
def site(database, master_key):
    s = make_batch_site(master_key, per_bus=(4, 3), dead={1: "2"})
    yield s
    s.stop()


def _cells(table, col):
    return [table.item(r, col).text() for r in range(table.rowCount())]


@pytest.mark.allow_log_warnings
def test_progress_then_results_then_retry_the_failed_ones(qtbot, site, tmp_path):
    batch_id = batches.start(MAINTENANCE, "trip", site.ids(), worker_for=site.worker_for)
    dialog = BatchDialog(batch_id, MAINTENANCE, site.worker_for)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.results_now is not None, timeout=15000)
    assert _cells(dialog.bus_table, 0) == ["bus1", "bus2"]
    assert _cells(dialog.bus_table, 1) == ["3", "3"] and _cells(dialog.bus_table, 2) == ["1", "0"]
    assert "Done 6, failed 1" in dialog.heading.text() and not dialog.timer.isActive()
    assert _cells(dialog.result_table, 3).count("failed") == 1
    assert "confirmed: the relay is open (no power)" in _cells(dialog.result_table, 4)
    assert dialog.retry_button.isEnabled() and not dialog.cancel_button.isEnabled()

    out = tmp_path / "results.xlsx"
    dialog.export(str(out))
    qtbot.waitUntil(lambda: out.exists() and "written" in dialog.heading.text(), timeout=5000)
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "Batch results" and ws["B3"].value == "Trip"
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=7)]
    assert [r[0] for r in rows] == [f"M00{i}" for i in range(1, 8)]
    assert rows[1][3] == "failed" and rows[0][3] == "ok"

    site.sims[1].faults.dead.clear()
    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.children_dialogs), timeout=5000)
    again = dialog.children_dialogs[0]
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.results_now is not None, timeout=15000)
    assert [r.state for r in again.results_now] == ["ok"] and again.batch_id != batch_id


def test_cancel_from_the_dialog_stops_what_has_not_started(qtbot, database, master_key):
    site = make_batch_site(master_key, per_bus=(5,))
    try:
        line = site.lines[1]
        line.hold()
        batch_id = batches.start(MAINTENANCE, "trip", site.ids(), worker_for=site.worker_for)
        dialog = BatchDialog(batch_id, MAINTENANCE, site.worker_for)
        qtbot.addWidget(dialog)
        assert line.started.wait(10)
        qtbot.waitUntil(lambda: dialog.progress_now is not None, timeout=5000)
        assert "running" in dialog.heading.text()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "cancelled 4" in dialog.heading.text(), timeout=5000)
        line.release()
        qtbot.waitUntil(lambda: dialog.results_now is not None, timeout=15000)
        assert [r.state for r in dialog.results_now] == ["ok"] + ["cancelled"] * 4
        assert not dialog.retry_button.isEnabled()  # nothing failed
    finally:
        site.stop()


class FakeSite:
    def __init__(self, site) -> None:
        self.worker_for = site.worker_for


def test_the_menu_offers_what_the_meters_can_do_to_maintenance_only(qtbot, site):
    window = QWidget()
    qtbot.addWidget(window)
    actions = BatchActions(window, FakeSite(site), MAINTENANCE)
    menu = QMenu()
    actions.add_to_menu(site.ids()[:3], menu)
    sub = menu.actions()[0].menu()
    names = [a.objectName() for a in sub.actions()]
    assert names[:4] == ["batch.trip", "batch.close", "batch.keep_power_on", "batch.keep_power_off"]
    actions.actor = CASHIER
    empty = QMenu()
    actions.add_to_menu(site.ids()[:3], empty)
    assert empty.actions() == []
    actions.actor = MAINTENANCE
    one = QMenu()
    actions.add_to_menu(site.ids()[:1], one)  # one meter: relay_actions' own entries
    assert one.actions() == []


def test_the_question_names_tenants_and_a_confirmed_batch_opens_its_dialog(qtbot, site):
    a, b = site.ids()[2:4]
    give_tenant(a, "Tea House", 5000, "A001")
    text = confirmation_text(batches.describe("trip", [a, b]))
    assert "Trip on 2 meters (1 tenants)?" in text and "M003 Tea House" in text
    assert "still have credit" in text
    window = QWidget()
    qtbot.addWidget(window)
    actions = BatchActions(window, FakeSite(site), MAINTENANCE)
    actions.ask("close", [a, b], answer=True)
    qtbot.waitUntil(lambda: bool(actions.dialogs), timeout=5000)
    dialog = actions.dialogs[0]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.results_now is not None, timeout=15000)
    assert [r.state for r in dialog.results_now] == ["ok", "ok"]
