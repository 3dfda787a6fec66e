"""Open and close accounts, replace meters, tenant queries: through the simulated meters."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import MeterOffline, PermissionDenied, ValidationError
from app.models import Account, LedgerEntry, Reading, Tenant
from app.services import accounts, billing, ledger, ledger_verify
from app.services.accounts import TenantInfo
from app.services.permissions import SYSTEM
from tests.billing_helpers import ADMIN, CASHIER, MAINTENANCE, make_env

BOTH_DATABASES = True


@pytest.fixture
def env(database, master_key):
    return make_env(master_key, n_meters=3)


def test_open_account_with_first_sale_on_two_meters(env):
    m1, m2 = env.meter_ids[:2]
    env.sim_meter(m1).purchase_count = 9  # an old meter: opening resets its counter
    env.sim_meter(m1).prepaid_mode = False
    info = TenantInfo("Li's Noodles", shop="B1-07", phone="13800000000", pin="2468")
    tenant, outcomes = accounts.open_account(
        env.worker_for, CASHIER, info, [m1, m2], tariff="flat", first_sale_fen=8000,
        payment_method="wechat",
    )  # fmt: skip
    sale = outcomes[m1]
    assert sale.ok and sale.balance_after == 8000 and sale.purchase_count == 1
    assert outcomes[m2] is None
    assert env.status(m1).prepaid_mode and env.status(m1).purchase_count == 1
    assert tenant.account_no == "000001" and tenant.pin_hash.startswith("scrypt$")
    assert accounts.check_pin(tenant, "2468") and not accounts.check_pin(tenant, "1357")
    kinds = [e.kind for e in LedgerEntry.select().order_by(LedgerEntry.id)]
    assert kinds == ["open", "sale", "open"]
    assert ledger.expected_purchase_count(m1) == 1 and ledger.expected_purchase_count(m2) == 0
    assert [m.number for m in accounts.tenant_meters(SYSTEM, tenant.id)] == ["M001", "M002"]
    assert accounts.search_tenants(SYSTEM, "noodle") == [tenant]
    assert accounts.search_tenants(SYSTEM, "M002") == [tenant]
    assert accounts.search_tenants(SYSTEM, "nobody") == []
    assert [e.kind for e in accounts.tenant_history(SYSTEM, tenant.id)] == ["open", "sale", "open"]


def test_open_refusals(env):
    m1, m2, m3 = env.meter_ids
    with pytest.raises(PermissionDenied):
        accounts.open_account(env.worker_for, MAINTENANCE, TenantInfo("X"), [m1])
    with pytest.raises(ValidationError, match="PIN"):
        accounts.create_tenant(ADMIN, TenantInfo("X", pin="12"))
    env.sim_meter(m2).balance = 500  # somebody's money is still on it
    env.bus.offline = False
    _t, outcomes = accounts.open_account(env.worker_for, ADMIN, TenantInfo("Y"), [m2])
    assert isinstance(outcomes[m2], ValidationError) and "5.00" in str(outcomes[m2])
    env.bus.offline = True
    _t, outcomes = accounts.open_account(env.worker_for, ADMIN, TenantInfo("Z"), [m3])
    assert isinstance(outcomes[m3], MeterOffline)
    env.bus.offline = False
    assert Account.select().count() == 0 and LedgerEntry.select().count() == 0
    w, _ = accounts.open_account(env.worker_for, ADMIN, TenantInfo("W"), [m1])
    with pytest.raises(ValidationError, match="already has an open account"):
        accounts.submit_open_meter(env.worker, ADMIN, w.id, m1)  # (ids rolled back: not 1 on PG)


def test_close_account_refunds_trips_and_unlinks(env):
    m1 = env.meter_ids[0]
    tenant, _ = accounts.open_account(
        env.worker_for, CASHIER, TenantInfo("Shop"), [m1], first_sale_fen=4321
    )
    result = accounts.close_account(env.worker, CASHIER, m1)
    assert result.ok and result.kind == "close" and result.amount_fen == 4321
    assert result.balance_after == 0
    status = env.status(m1)
    assert status.forced_trip and status.balance == 0
    assert Account.active_for(m1) is None
    assert Tenant.get_by_id(tenant.id).closed_at is not None
    assert accounts.search_tenants(SYSTEM, "Shop") == []
    closed = accounts.search_tenants(SYSTEM, "Shop", include_closed=True)
    assert closed == [Tenant.get_by_id(tenant.id)]
    with pytest.raises(ValidationError, match="no open account"):
        billing.sell(env.worker, CASHIER, m1, 100, "cash")
    assert ledger_verify.verify_ledger().problems == []


def test_close_account_in_arrears_refunds_nothing(env):
    m1 = env.meter_ids[0]
    accounts.open_account(env.worker_for, CASHIER, TenantInfo("Shop"), [m1])
    env.sim_meter(m1).balance = -250
    result = accounts.close_account(env.worker, CASHIER, m1)
    assert result.ok and result.amount_fen == 0 and result.balance_before == -250
    entry = LedgerEntry.get_by_id(result.entry_id)
    assert entry.expected_count is None  # no command went to the meter
    assert env.status(m1).purchase_count == 0


def test_replace_live_meter_moves_the_balance(env):
    old, new = env.meter_ids[:2]
    tenant, _ = accounts.open_account(
        env.worker_for, CASHIER, TenantInfo("Shop"), [old], first_sale_fen=9000
    )
    env.sim_meter(old).balance -= 1234  # energy used since
    out, into = accounts.replace_meter(env.worker_for, CASHIER, old, new)
    assert (out.kind, out.amount_fen, out.state) == ("transfer_out", 7766, "confirmed")
    assert (into.kind, into.amount_fen, into.balance_after) == ("transfer_in", 7766, 7766)
    assert env.status(old).balance == 0 and env.status(new).balance == 7766
    assert Account.active_for(old) is None and Account.active_for(new).tenant_id == tenant.id
    assert Tenant.get_by_id(tenant.id).closed_at is None
    assert ledger.expected_purchase_count(new) == env.status(new).purchase_count == 1
    assert ledger_verify.verify_ledger().problems == []


def test_replace_dead_meter_is_estimated_and_admin_only(env):
    old, new = env.meter_ids[:2]
    accounts.open_account(env.worker_for, CASHIER, TenantInfo("Shop"), [old], first_sale_fen=5000)
    Reading.create(
        meter=old, taken_at=dt.datetime(2024, 1, 1), energy_total=0, energy_sharp=0,
        energy_peak=0, energy_flat=0, energy_valley=0, balance=4400, purchase_count=1,
        power=0, relay_open=False,
    )  # fmt: skip
    env.sim.faults.dead.add(env.refs[old].address)
    with pytest.raises(PermissionDenied):
        accounts.replace_meter(env.worker_for, CASHIER, old, new, estimated=True)
    out, into = accounts.replace_meter(env.worker_for, ADMIN, old, new, estimated=True)
    entry = LedgerEntry.get_by_id(out.entry_id)
    assert entry.estimated and entry.amount_fen == 4400 and entry.expected_count is None
    assert into.ok and env.status(new).balance == 4400
    assert ledger_verify.verify_ledger().problems == []


def test_meter_with_credit_left_is_not_opened_and_says_how_much(env):
    m2 = env.meter_ids[1]
    env.sim_meter(m2).balance = 123_405  # someone's 1234.05 yuan
    _t, outcomes = accounts.open_account(env.worker_for, ADMIN, TenantInfo("B"), [m2])
    assert isinstance(outcomes[m2], ValidationError)
    assert "still holds 1234.05;" in str(outcomes[m2])
    assert Account.active_for(m2) is None


def test_open_account_downloads_the_alarm_thresholds_and_keeps_the_tariff(env):
    m1 = env.meter_ids[0]
    prices_before = env.sim_meter(m1).params.prices
    fut = accounts.submit_open_meter(
        env.worker, CASHIER, accounts.create_tenant(CASHIER, TenantInfo("Wang")).id, m1,
        alarm1=5000, alarm2=1500, first_sale_fen=4000, payment_method="cash",
    )  # fmt: skip
    assert fut.result().ok
    params = env.sim_meter(m1).params
    assert (params.alarm1, params.alarm2) == (5000, 1500) and params.prices == prices_before
    status = env.status(m1)  # 40.00 left: below alarm 1 (50.00), above alarm 2 (15.00)
    assert status.alarm1 and not status.alarm2


def test_open_account_refused_when_the_meter_ignores_the_thresholds(env, monkeypatch):
    from app.serial_io.commands import Command
    from app.serial_io.profiles.default import DefaultProfile

    send = DefaultProfile.send_command

    def lose_params(self, bus, ref, keys, code, *args, **kw):  # lost on the line
        if code != Command.WRITE_PARAMS:
            send(self, bus, ref, keys, code, *args, **kw)

    monkeypatch.setattr(DefaultProfile, "send_command", lose_params)
    env.sim_meter(env.meter_ids[1]).prepaid_mode = False  # a factory-fresh meter
    tenant = accounts.create_tenant(CASHIER, TenantInfo("Zhao"))
    fut = accounts.submit_open_meter(
        env.worker, CASHIER, tenant.id, env.meter_ids[1], alarm1=9000, alarm2=100
    )
    with pytest.raises(MeterOffline, match="alarm thresholds"):
        fut.result()
    assert Account.active_for(env.meter_ids[1]) is None
    assert not env.status(env.meter_ids[1]).prepaid_mode  # not switched on: power stays on
