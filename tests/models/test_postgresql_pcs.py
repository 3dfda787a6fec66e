"""Several PCs on one server: one clock, one lock, and no commit that succeeds on nothing."""

from __future__ import annotations

import datetime as dt
import threading

import psycopg
import pytest

from app.models import Building, Bus, LedgerEntry, Meter, pg, site
from app.models.base import db
from app.models.txn import write_txn
from app.serial_io.events import Priority
from app.services import bus_jobs, ledger, settlement
from app.services.job_kinds import read_balance_job

pytestmark = pytest.mark.parametrize("database", ["postgresql"], indirect=True)


@pytest.fixture
def meter(database):
    bus = Bus.create(name="bus1", port="socket://127.0.0.1:9", building=Building.create(name="B"))
    return Meter.create(number="M001", bus=bus, address=1)


@pytest.fixture
def clock_an_hour_ahead(monkeypatch):
    """This PC's own clock is an hour ahead of the server's (an offline LAN drifts)."""
    real = site.utcnow
    monkeypatch.setattr(site, "utcnow", lambda: real() + dt.timedelta(hours=1))


def _other(sql: str) -> list:
    with psycopg.connect(db.obj.database, autocommit=True) as con:
        return con.execute(sql).fetchall()


def test_a_commit_whose_connection_was_dropped_fails_and_stores_nothing(meter):
    """The connection dies inside a transaction: COMMIT must fail, never go out on a fresh
    autocommit connection where it would succeed on nothing (a claimed job row written
    twice would be a sale run twice)."""
    with pytest.raises(Exception) as err, db.atomic():
        Building.create(name="written in the lost transaction")
        (pid,) = db.execute_sql("SELECT pg_backend_pid()").fetchone()
        _other(f"SELECT pg_terminate_backend({pid}, 5000)")
    assert pg.is_connection_error(err.value)
    assert Building.select().where(Building.name.startswith("written")).count() == 0


def test_a_nested_write_block_takes_the_write_lock(meter):
    """A chain head read in a nested block of an unlocked transaction is serialised too."""
    held = threading.Event()
    with db.atomic(), write_txn():
        held.set()
        locks = _other(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
            f"AND objid = {pg.WRITE_LOCK_KEY}"
        )
    assert held.is_set() and locks == [(1,)]
    assert _other(f"SELECT count(*) FROM pg_locks WHERE objid = {pg.WRITE_LOCK_KEY}") == [(0,)]


def test_job_rows_and_entries_are_dated_by_the_server_not_by_this_pc(meter, clock_an_hour_ahead):
    server = pg.server_now(db.obj)
    job_id = bus_jobs.submit_row(
        meter.bus_id, read_balance_job(meter.id), Priority.OPERATOR, "t", 60.0
    )
    row = bus_jobs.job_row(job_id)
    assert abs((row.created_at - server).total_seconds()) < 30
    assert abs((row.start_by - server).total_seconds() - 60) < 30
    entry = ledger.append_entry(ledger.EntryKind.SALE, meter.id, 100)
    assert abs((LedgerEntry.get_by_id(entry.id).created_at - server).total_seconds()) < 30


def test_another_pcs_pending_sale_is_not_abandoned_by_a_clock_running_ahead(
    meter, clock_an_hour_ahead
):
    """A pending entry of a collector on another PC, just written: a PC whose clock runs an
    hour ahead must not settle it as abandoned (its frame may still be on the wire)."""
    entry = ledger.append_entry(ledger.EntryKind.SALE, meter.id, 100)
    LedgerEntry.update(origin="other-pc:4242").where(LedgerEntry.id == entry.id).execute()
    assert not settlement.is_abandoned(LedgerEntry.get_by_id(entry.id))
