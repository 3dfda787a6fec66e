"""Sales, refunds and corrections against the in-process simulator: to the fen, every refusal."""

from __future__ import annotations

import pytest

from app import settings
from app.errors import (
    InsufficientBalance,
    MeterOffline,
    MeterRejected,
    PermissionDenied,
    ValidationError,
)
from app.models import LedgerEntry, LedgerTransition, SystemLog
from app.serial_io.commands import Result
from app.services import billing, ledger
from app.services.ledger import LedgerConflict
from tests.billing_helpers import CASHIER, MAINTENANCE, make_env, open_meter

BOTH_DATABASES = True


@pytest.fixture
def env(database, master_key):
    env = make_env(master_key)
    open_meter(env, env.meter_ids[0])
    return env


def test_sale_confirms_and_moves_exactly_the_amount(env):
    m = env.meter_ids[0]
    result = billing.sell(env.worker, CASHIER, m, 5000, "alipay")
    assert result.ok and result.state == "confirmed"
    assert (result.balance_before, result.balance_after, result.purchase_count) == (0, 5000, 1)
    assert env.status(m).balance == 5000
    result = billing.sell(env.worker, CASHIER, m, 1, "cash")
    assert (result.balance_after, result.purchase_count) == (5001, 2)
    entry = LedgerEntry.get_by_id(result.entry_id)
    assert (entry.kind, entry.payment_method, entry.operator_name) == ("sale", "cash", "cashier1")
    assert (entry.count_before, entry.expected_count) == (1, 2)
    assert entry.receipt_no and entry.settled_at is not None
    assert ledger.expected_purchase_count(m) == 2 == env.status(m).purchase_count
    assert ledger.net_credit_since_open(m) == 5001
    actions = [r.action for r in SystemLog.select().order_by(SystemLog.id)]
    assert actions.count("sale") == 2


def test_refund_and_correction_to_the_fen(env):
    m = env.meter_ids[0]
    billing.sell(env.worker, CASHIER, m, 12345, "wechat")
    small = billing.sell(env.worker, CASHIER, m, 100, "card")
    refund = billing.refund(env.worker, CASHIER, m, 45, "cash", reason="overpaid")
    assert refund.ok and refund.balance_after == 12400
    fix = billing.correct(env.worker, CASHIER, small.entry_id, "sold twice")
    assert fix.ok and fix.balance_after == 12300 and fix.amount_fen == 100
    assert env.status(m).balance == 12300
    assert ledger.net_credit_since_open(m) == 12300
    assert ledger.expected_purchase_count(m) == 4 == env.status(m).purchase_count


def test_correction_refused_when_balance_no_longer_covers_it(env):
    m = env.meter_ids[0]
    sale = billing.sell(env.worker, CASHIER, m, 10000, "cash")
    billing.refund(env.worker, CASHIER, m, 1, "cash")
    with pytest.raises(
        InsufficientBalance, match=r"100\.00 is more than the meter.s balance of 99\.99"
    ):
        billing.correct(env.worker, CASHIER, sale.entry_id, "wrong meter")
    assert env.status(m).balance == 9999
    failed = LedgerEntry.select().where(LedgerEntry.kind == "correction")
    assert not failed.exists()  # refused before anything was written


def test_correction_reverses_once(env):
    m = env.meter_ids[0]
    sale = billing.sell(env.worker, CASHIER, m, 2000, "cash")
    billing.sell(env.worker, CASHIER, m, 500, "cash")
    fix = billing.correct(env.worker, CASHIER, sale.entry_id, "wrong amount")
    assert fix.ok and fix.balance_after == 500
    assert LedgerEntry.get_by_id(fix.entry_id).reverses_id == sale.entry_id
    with pytest.raises(LedgerConflict, match="already been reversed"):
        billing.correct(env.worker, CASHIER, sale.entry_id, "again")
    with pytest.raises(ValidationError, match="not a sale"):
        billing.correct(env.worker, CASHIER, fix.entry_id, "reverse the reversal")
    with pytest.raises(ValidationError, match="reason"):
        billing.correct(env.worker, CASHIER, sale.entry_id, "  ")


def test_refund_larger_than_balance_is_refused_with_figures(env):
    m = env.meter_ids[0]
    billing.sell(env.worker, CASHIER, m, 1000, "cash")
    with pytest.raises(
        InsufficientBalance, match=r"10\.01 is more than the meter.s balance of 10\.00"
    ):
        billing.refund(env.worker, CASHIER, m, 1001)
    assert env.status(m).balance == 1000


def test_limits_roles_and_input(env):
    m = env.meter_ids[0]
    settings.put("sale.max_fen", 10000)
    with pytest.raises(ValidationError, match=r"single-sale limit of 100\.00"):
        billing.sell(env.worker, CASHIER, m, 10001, "cash")
    assert billing.sell(env.worker, CASHIER, m, 10000, "cash").ok
    with pytest.raises(PermissionDenied):
        billing.sell(env.worker, MAINTENANCE, m, 100, "cash")
    with pytest.raises(PermissionDenied):
        billing.refund(env.worker, MAINTENANCE, m, 100)
    for bad in (0, -5, 1.5, True):
        with pytest.raises(ValidationError):
            billing.sell(env.worker, CASHIER, m, bad, "cash")
    with pytest.raises(ValidationError, match="payment method"):
        billing.sell(env.worker, CASHIER, m, 100, "bitcoin")
    with pytest.raises(ValidationError, match="no open account"):
        billing.sell(env.worker, CASHIER, env.meter_ids[1], 100, "cash")
    assert env.status(m).balance == 10000


def test_offline_meter_refused_nothing_written(env):
    m = env.meter_ids[0]
    before = LedgerEntry.select().count()
    env.bus.offline = True
    with pytest.raises(MeterOffline):
        billing.sell(env.worker, CASHIER, m, 100, "cash")
    assert LedgerEntry.select().count() == before
    env.bus.offline = False
    assert env.status(m).balance == 0


def test_meter_rejecting_the_frame_fails_the_entry(env, master_key):
    m = env.meter_ids[0]
    env.sim_meter(m).set_master_key(bytes(32))  # the meter holds other keys
    with pytest.raises(MeterRejected) as info:
        billing.sell(env.worker, CASHIER, m, 100, "cash")
    assert info.value.result == Result.BAD_MAC
    entry = LedgerEntry.select().order_by(LedgerEntry.id.desc()).get()
    assert (entry.kind, entry.state) == ("sale", "failed")
    last = entry.transitions.order_by(LedgerTransition.id.desc()).first()
    assert "MAC" in last.detail
    assert env.status(m).balance == 0
    env.sim_meter(m).set_master_key(master_key)
    assert billing.sell(env.worker, CASHIER, m, 100, "cash").purchase_count == 1


def test_counter_rolls_over_at_65535(env):
    m = env.meter_ids[0]
    env.sim_meter(m).purchase_count = 65534
    # the ledger's count is only checked, not used: the command carries what the meter holds
    r1 = billing.sell(env.worker, CASHIER, m, 100, "cash")
    r2 = billing.sell(env.worker, CASHIER, m, 100, "cash")
    r3 = billing.refund(env.worker, CASHIER, m, 50)
    assert [r1.purchase_count, r2.purchase_count, r3.purchase_count] == [65535, 0, 1]
    e2 = LedgerEntry.get_by_id(r2.entry_id)
    assert (e2.count_before, e2.expected_count, e2.state) == (65535, 0, "confirmed")
    assert env.status(m).balance == 150
    # 65535 + 2 confirmed since open, modulo 65536: the meter was tampered to 65534
    assert ledger.expected_purchase_count(m) == 3
