"""On every answer: uncertain sales settle, and a purchase count the ledger cannot explain is
a mismatch alarm (once), shown on the grid through the update's flags."""

from __future__ import annotations

import pytest

from app.messages import Message
from app.models import LedgerEntry, SystemLog
from app.serial_io.events import PURCHASE_COUNT_OK, PURCHASE_MISMATCH, BusConfig, MeterRef
from app.serial_io.loopback import LoopbackBus
from app.serial_io.worker import BusWorker
from app.services import billing
from app.services.contact_checks import ContactChecks
from tests.billing_helpers import CASHIER, make_env, open_meter


@pytest.fixture
def env(database, master_key):
    env = make_env(master_key, n_meters=2)
    open_meter(env, env.meter_ids[0], first_sale_fen=5000)
    return env


def poll(env, checks, meter_id):
    """One poll exactly as the worker's scan makes it (driven from the test thread)."""
    worker = BusWorker(
        BusConfig(1, "bus1", "loopback"),
        [MeterRef(r.meter_id, r.address, r.serial) for r in env.refs.values()],
        env.master,
        bus_factory=lambda _c: LoopbackBus(env.sim),
        contact=checks,
    )
    return worker._poll_ref(env.refs[meter_id])


def alarms():
    return [
        (r.result, str(Message.from_json(r.detail) or ""))
        for r in SystemLog.select().where(SystemLog.action == "alarm.purchase_count_mismatch")
    ]


@pytest.mark.allow_log_warnings
def test_unrecorded_recharge_is_a_mismatch_alarm_once_and_clears(env):
    checks = ContactChecks()
    meter_id = env.meter_ids[0]
    assert poll(env, checks, meter_id).flags == frozenset({PURCHASE_COUNT_OK})
    sim = env.sim_meter(meter_id)
    sim.purchase_count += 1  # a recharge the ledger never saw
    first = poll(env, checks, meter_id)
    second = poll(env, checks, meter_id)
    assert PURCHASE_MISMATCH in first.flags and PURCHASE_MISMATCH in second.flags
    # logged once, not once per poll
    assert alarms() == [("alarm", "purchase count: meter 2, ledger 1")]
    sim.purchase_count -= 1
    assert poll(env, checks, meter_id).flags == frozenset({PURCHASE_COUNT_OK})
    assert [a[0] for a in alarms()] == ["alarm", "cleared"]


def test_unopened_meter_is_never_a_mismatch(env):
    env.sim_meter(env.meter_ids[1]).purchase_count = 7
    assert poll(env, ContactChecks(), env.meter_ids[1]).flags == frozenset()


def test_uncertain_sale_settles_on_next_contact(env):
    meter_id = env.meter_ids[0]
    env.bus.lose_write_answers = 1
    env.bus.lose_reads_after_write = 5  # the read-back is lost too: uncertain
    result = billing.sell(env.worker, CASHIER, meter_id, 2000, "cash")
    assert result.state == "uncertain"
    update = poll(env, ContactChecks(), meter_id)
    entry = LedgerEntry.get_by_id(result.entry_id)
    assert entry.state == "confirmed"  # the meter's count had advanced
    assert update.flags == frozenset({PURCHASE_COUNT_OK})  # and then it agrees with the ledger
