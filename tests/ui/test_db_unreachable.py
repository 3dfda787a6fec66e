"""The GUI while the site's PostgreSQL server does not answer: it says so, refuses money
operations, and comes back by itself.

Why a sale can never run twice: on a PC that does not own the meter's bus, a sale is a
job row written on the server (``RemoteBus.submit``), and the bus owner writes the
sale's pending ledger entry on the server before it touches the meter. A sale attempted
while the server is gone fails at that first write: no job row exists, so no bus owner
can ever run it, and no ledger entry or meter credit follows. Nothing is kept to be
sent later, and the statement that failed is not sent again (app/models/pg.py).
"""

from __future__ import annotations

import dataclasses
import json
from concurrent.futures import Future

import pytest
from PySide6.QtCore import Qt

from app.models import LedgerEntry, MeterState, pg
from app.models.bus_control import BusJob
from app.models.site import utcnow
from app.services import bus_jobs, db_health
from app.ui.cashier.actions import launch
from app.ui.cashier.db_refusal import RefusedDialog
from app.ui.cashier.sale_dialog import SaleDialog
from app.ui.shell.db_status import DbStatusLabel
from tests.services.test_db_health import Outage
from tests.ui.cashier_fixtures import CASHIER, CashierSite, cashier_site

pytestmark = [
    pytest.mark.parametrize("database", ["postgresql"], indirect=True),
    pytest.mark.allow_log_warnings,  # the outage is logged
]


def remember_status(site, meter_id: int, online: bool = True) -> None:
    """``CashierSite.remember_status`` without SQLite's INSERT OR REPLACE (shared fixture)."""
    status = site.env.status(meter_id)
    MeterState.delete().where(MeterState.meter == meter_id).execute()
    MeterState.create(
        meter=meter_id,
        updated_at=utcnow(),
        online=online,
        status_json=json.dumps(dataclasses.asdict(status)),
    )


@pytest.fixture
def site(database, master_key, tmp_path, monkeypatch):
    monkeypatch.setattr(CashierSite, "remember_status", remember_status)
    with cashier_site(master_key, tmp_path) as site:
        yield site


@pytest.fixture
def health(database):
    """The health check, not started: the test runs its checks when it wants them."""
    monitor = db_health.DbHealth(database)
    db_health._monitor = monitor
    yield monitor
    db_health._monitor = None


def test_indicator_goes_down_and_comes_back(qtbot, site, health, database):
    label = DbStatusLabel(health)
    qtbot.addWidget(label)
    assert label.up and database.where in label.text()
    outage = Outage(database)
    outage.begin()
    try:
        health.check()
        label.refresh()
        assert not label.up and "unreachable since" in label.text()
        assert "refused" in label.text() and "cannot reach" in label.toolTip()
    finally:
        outage.end()
    health.check()
    label.refresh()
    assert label.up


def test_sale_dialog_refuses_to_open_while_down(qtbot, site, health, database):
    outage = Outage(database)
    outage.begin()
    try:
        health.check()
        dialog = launch("sale", None, site, CASHIER, site.meter_ids[0])
        qtbot.addWidget(dialog)
        assert isinstance(dialog, RefusedDialog) and dialog.isVisible()
        assert dialog.error.template == pg.UNREACHABLE
        assert "cannot reach the database server" in dialog.informativeText()
    finally:
        outage.end()


class StubWatcher:
    def watch(self, job_id: int, future: Future) -> None:
        raise AssertionError("no job row may exist to watch")


def test_sale_during_outage_moves_no_money_and_leaves_no_job_row(qtbot, site, health, database):
    """The server goes away after the form was filled in and before the health check saw it."""
    m = site.meter_ids[0]
    balance = site.status(m).balance
    remote = bus_jobs.RemoteBus(1, StubWatcher())
    site.worker_for = lambda _meter_id: remote
    dialog = SaleDialog(site, CASHIER, m)
    dialog.auto_preview = False
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.amount_edit, "50")
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    entries = LedgerEntry.select().count()
    outage = Outage(database)
    outage.begin()
    try:
        assert db_health.refusal() is None  # not noticed yet: the write itself fails
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
        assert dialog.outcome == "refused"
        assert dialog.error.template == pg.UNREACHABLE
        assert "database server does not answer" in dialog.outcome_title.text()
        assert "cannot reach the database server" in dialog.outcome_text.text()
    finally:
        outage.end()
    assert BusJob.select().count() == 0 and LedgerEntry.select().count() == entries
    assert site.status(m).balance == balance


def test_sale_confirm_refused_once_the_check_saw_it_down(qtbot, site, health, database):
    dialog = SaleDialog(site, CASHIER, site.meter_ids[0])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.amount_edit, "50")
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    outage = Outage(database)
    outage.begin()
    try:
        health.check()
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    finally:
        outage.end()
    assert dialog.outcome == "refused" and dialog.error.template == pg.UNREACHABLE
    assert site.worker.jobs == []  # nothing was handed to the bus
