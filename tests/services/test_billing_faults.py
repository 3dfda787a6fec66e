"""Lost requests and answers at each step of a sale, and how each is settled."""

from __future__ import annotations

import os
import socket

import pytest

from app.errors import MeterOffline
from app.models import LedgerEntry
from app.models.ledger import EntryKind
from app.serial_io.events import Priority
from app.services import billing, ledger, settlement
from app.services.ledger import LedgerConflict
from tests.billing_helpers import CASHIER, make_env, open_meter


@pytest.fixture
def env(database, master_key):
    env = make_env(master_key)
    open_meter(env, env.meter_ids[0])
    return env


def _state(entry_id: int) -> str:
    return LedgerEntry.get_by_id(entry_id).state


def test_request_lost_but_read_back_answers_fails_without_money(env):
    m = env.meter_ids[0]
    env.bus.drop_writes = 1
    result = billing.sell(env.worker, CASHIER, m, 700, "cash")
    assert result.state == "failed" and env.status(m).balance == 0
    assert billing.sell(env.worker, CASHIER, m, 700, "cash").purchase_count == 1


def test_answer_lost_after_meter_applied_is_confirmed_by_read_back(env):
    m = env.meter_ids[0]
    env.bus.lose_write_answers = 1
    result = billing.sell(env.worker, CASHIER, m, 700, "cash")
    assert result.ok and result.balance_after == 700 and env.status(m).purchase_count == 1


@pytest.mark.parametrize("applied", [True, False], ids=["meter-applied", "meter-never-heard"])
def test_send_lost_and_meter_silent_is_uncertain_then_settles(env, applied):
    m = env.meter_ids[0]
    if applied:
        env.bus.lose_write_answers = 1
    else:
        env.bus.drop_writes = 1
    env.bus.lose_reads_after_write = 1
    result = billing.sell(env.worker, CASHIER, m, 700, "cash")
    assert result.state == "uncertain" and not result.ok
    assert env.status(m).balance == (700 if applied else 0)
    assert ledger.has_unsettled(m)
    futures = billing.settle_all(env.worker_for)
    assert env.worker.jobs[-1][0] == Priority.SETTLE
    [settled] = futures[0].result()
    assert settled.state == ("confirmed" if applied else "failed")
    assert _state(result.entry_id) == settled.state
    assert not ledger.has_unsettled(m)
    assert ledger.expected_purchase_count(m) == env.status(m).purchase_count


@pytest.mark.parametrize("applied", [True, False])
def test_read_back_lost_is_uncertain_and_next_sale_settles_it_first(env, applied):
    m = env.meter_ids[0]
    if not applied:
        env.bus.drop_writes = 1
        env.bus.lose_reads_after_write = 1
    else:
        env.bus.lose_reads_after_write = 1
    first = billing.sell(env.worker, CASHIER, m, 1000, "cash")
    assert first.state == "uncertain"
    second = billing.sell(env.worker, CASHIER, m, 250, "cash")
    assert second.ok
    assert _state(first.entry_id) == ("confirmed" if applied else "failed")
    assert env.status(m).balance == (1250 if applied else 250)
    assert second.balance_after == env.status(m).balance
    assert ledger.expected_purchase_count(m) == env.status(m).purchase_count


def test_uncertain_meter_still_offline_refuses_new_money(env):
    m = env.meter_ids[0]
    env.bus.lose_reads_after_write = 1
    first = billing.sell(env.worker, CASHIER, m, 1000, "cash")
    env.bus.offline = True
    count = LedgerEntry.select().count()
    with pytest.raises(MeterOffline):
        billing.sell(env.worker, CASHIER, m, 100, "cash")
    assert billing.settle_all(env.worker_for)[0].result() == []
    assert LedgerEntry.select().count() == count and _state(first.entry_id) == "uncertain"
    env.bus.offline = False
    assert billing.settle_all(env.worker_for)[0].result()[0].state == "confirmed"


def _pending(meter_id: int, origin: str, count_before: int = 0) -> LedgerEntry:
    entry = ledger.append_entry(
        EntryKind.SALE, meter_id, 300, count_before=count_before, expected_count=count_before + 1
    )
    LedgerEntry.update(origin=origin).where(LedgerEntry.id == entry.id).execute()
    return LedgerEntry.get_by_id(entry.id)


def test_pending_of_a_dead_process_is_settled_of_a_live_one_is_left(env):
    m = env.meter_ids[0]
    host = socket.gethostname()
    live = _pending(m, f"{host}:{os.getppid()}")  # the test runner's parent is alive
    assert not settlement.is_abandoned(live)
    with pytest.raises(LedgerConflict, match="still pending"):
        billing.sell(env.worker, CASHIER, m, 100, "cash")
    assert _state(live.id) == "pending"
    LedgerEntry.update(origin=f"{host}:999999999").where(LedgerEntry.id == live.id).execute()
    assert settlement.is_abandoned(LedgerEntry.get_by_id(live.id))
    assert billing.sell(env.worker, CASHIER, m, 100, "cash").ok
    assert _state(live.id) == "failed"  # the count had not advanced: no money taken


def test_two_unsettled_entries_on_one_meter_are_refused_by_the_database(env):
    m = env.meter_ids[0]
    ledger.append_entry(EntryKind.SALE, m, 100, count_before=0, expected_count=1)
    with pytest.raises(LedgerConflict):
        ledger.append_entry(EntryKind.SALE, m, 100, count_before=0, expected_count=1)


@pytest.mark.allow_log_warnings
def test_count_that_matches_nothing_stays_uncertain(env):
    m = env.meter_ids[0]
    env.bus.lose_reads_after_write = 1
    first = billing.sell(env.worker, CASHIER, m, 1000, "cash")
    env.sim_meter(m).purchase_count = 7  # someone else recharged it
    assert billing.settle_all(env.worker_for)[0].result() == []
    assert _state(first.entry_id) == "uncertain"
    with pytest.raises(LedgerConflict):
        billing.sell(env.worker, CASHIER, m, 100, "cash")
