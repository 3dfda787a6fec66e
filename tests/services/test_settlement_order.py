"""Issue #6 finding 1: a poller must never settle another process's sale from a reading that
could have been taken before that sale's command reached the meter.

The order that lost a confirmed sale: the poller's read starts (old purchase count), the
selling process sends its credit and is killed, then the poller's contact check sees the
seller gone and decided "failed" from the old count, although the meter kept the money.
"""

from __future__ import annotations

import os
import socket

import pytest

from app.messages import Message
from app.models import LedgerEntry, SystemLog
from app.models.ledger import EntryKind
from app.serial_io.events import BusConfig, MeterRef
from app.serial_io.loopback import LoopbackBus
from app.serial_io.worker import BusWorker
from app.services import ledger, settlement
from app.services.contact_checks import ContactChecks
from tests.billing_helpers import make_env, open_meter

BOTH_DATABASES = True

HOST = socket.gethostname()
DEAD = f"{HOST}:999999999"  # above any pid_max: no such process


@pytest.fixture
def env(database, master_key):
    env = make_env(master_key, n_meters=1)
    open_meter(env, env.meter_ids[0], first_sale_fen=1000)
    return env


def _foreign_pending(meter_id: int, count_before: int, amount: int) -> LedgerEntry:
    """A pending sale as another, still running process (the test runner's parent) writes it."""
    entry = ledger.append_entry(
        EntryKind.SALE,
        meter_id,
        amount,
        count_before=count_before,
        expected_count=count_before + 1,
    )
    LedgerEntry.update(origin=f"{HOST}:{os.getppid()}").where(LedgerEntry.id == entry.id).execute()
    return LedgerEntry.get_by_id(entry.id)


class SellerLandsThenDies:
    """Contact check that first lets the 'other process' credit the meter and die.

    This forces the losing order: the poll's read has already been taken (old
    count) when the seller's command lands and the seller disappears.
    """

    def __init__(self, env, entry_id: int, amount: int) -> None:
        self.env, self.entry_id, self.amount = env, entry_id, amount
        self.checks = ContactChecks()
        self.landed = False

    def __call__(self, ref, status, read_started=None):
        if not self.landed:
            self.landed = True
            sim = self.env.sim_meter(ref.meter_id)
            sim.purchase_count += 1  # the credit the seller sent reaches the meter ...
            sim.balance += self.amount
            LedgerEntry.update(origin=DEAD).where(LedgerEntry.id == self.entry_id).execute()
        return self.checks(ref, status, read_started)  # ... and the seller is killed


def _worker(env, contact) -> BusWorker:
    return BusWorker(
        BusConfig(1, "bus1", "loopback"),
        [MeterRef(r.meter_id, r.address, r.serial) for r in env.refs.values()],
        env.master,
        bus_factory=lambda _c: LoopbackBus(env.sim),
        contact=contact,
    )


def test_reading_taken_before_the_send_never_settles_a_credited_sale_as_failed(env, monkeypatch):
    monkeypatch.setattr(settlement, "SETTLE_GRACE_S", 0.0)
    m = env.meter_ids[0]
    before = env.status(m).purchase_count
    entry = _foreign_pending(m, before, 500)
    contact = SellerLandsThenDies(env, entry.id, 500)
    worker = _worker(env, contact)

    stale = worker._poll_ref(env.refs[m])  # read old count, then the seller lands and dies
    assert stale.status.purchase_count == before
    assert LedgerEntry.get_by_id(entry.id).state == "pending"  # not "failed" from a stale read

    worker._poll_ref(env.refs[m])  # a read begun after the seller was seen gone decides
    settled = LedgerEntry.get_by_id(entry.id)
    assert settled.state == "confirmed"
    assert env.status(m).purchase_count == before + 1
    row = SystemLog.select().where(SystemLog.action == "settle").get()
    assert row.result == "confirmed" and f"entry {entry.id}" in str(Message.from_json(row.detail))


def test_grace_keeps_a_read_started_right_after_the_death_from_deciding(env):
    m = env.meter_ids[0]
    entry = _foreign_pending(m, env.status(m).purchase_count, 500)
    LedgerEntry.update(origin=DEAD).where(LedgerEntry.id == entry.id).execute()
    seen = settlement.observe(m)
    assert seen is not None
    fresh = LedgerEntry.get_by_id(entry.id)
    assert not settlement.may_settle_from(fresh, seen)  # bytes may still be on the wire
    assert not settlement.may_settle_from(fresh, None)  # a read of unknown start never does
    assert settlement.may_settle_from(fresh, seen + settlement.SETTLE_GRACE_S)


def test_a_pending_entry_of_a_dead_writer_not_credited_fails_after_a_later_read(env, monkeypatch):
    monkeypatch.setattr(settlement, "SETTLE_GRACE_S", 0.0)
    m = env.meter_ids[0]
    before = env.status(m).purchase_count
    entry = _foreign_pending(m, before, 500)
    LedgerEntry.update(origin=DEAD).where(LedgerEntry.id == entry.id).execute()
    worker = _worker(env, ContactChecks())
    worker._poll_ref(env.refs[m])
    assert LedgerEntry.get_by_id(entry.id).state == "pending"  # first seen gone: wait one read
    worker._poll_ref(env.refs[m])
    assert LedgerEntry.get_by_id(entry.id).state == "failed"
    assert env.status(m).purchase_count == before
