"""Tampering with the ledger in SQLite directly: verify names the row; meters against the ledger."""

from __future__ import annotations

import pytest

from app.models import dialect
from app.services import billing, ledger_verify
from tests.billing_helpers import CASHIER, make_env, open_meter

BOTH_DATABASES = True


@pytest.fixture
def env(database, master_key):
    env = make_env(master_key)
    open_meter(env, env.meter_ids[0])
    m = env.meter_ids[0]
    for amount in (1000, 2000, 3000):
        billing.sell(env.worker, CASHIER, m, amount, "cash")
    billing.refund(env.worker, CASHIER, m, 500)
    return env  # entries: 1 open, 2-4 sales, 5 refund


def _sql(statement: str, *params) -> None:
    dialect.execute(statement, params)


def _problems() -> list[str]:
    return ledger_verify.verify_ledger().problems


pytestmark = pytest.mark.allow_log_warnings  # verify logs what it finds


def test_untouched_ledger_is_clean(env):
    report = ledger_verify.verify_ledger()
    assert report.problems == []
    assert (report.entries, report.transitions) == (5, 9)


def test_edited_amount_is_named(env):
    _sql("UPDATE ledger_entry SET amount_fen = 100 WHERE id = 3")
    assert _problems() == ["ledger entry 3: contents do not match its hash (edited)"]


def test_edited_state_is_named(env):
    _sql("UPDATE ledger_entry SET state = 'failed' WHERE id = 4")
    problems = _problems()
    assert any(
        "ledger entry 4: state is failed but its history ends confirmed" in p for p in problems
    )


def test_edited_balance_after_is_named(env):
    _sql("UPDATE ledger_entry SET balance_after = 99999 WHERE id = 2")
    assert any("ledger entry 2: balance after 99999" in p for p in _problems())


def test_deleted_entry_in_the_middle_is_named(env):
    if dialect.is_postgresql():
        _sql("SET session_replication_role = replica")  # no foreign key checks (superuser)
    else:
        _sql("PRAGMA foreign_keys = OFF")
    _sql("DELETE FROM ledger_entry WHERE id = 3")
    problems = _problems()
    assert "ledger entry 3 missing between ledger entry 2 and 4 (deleted)" in problems


def test_deleted_last_entry_with_its_history_is_named(env):
    _sql("DELETE FROM ledger_transition WHERE entry_id = 5")
    _sql("DELETE FROM ledger_entry WHERE id = 5")
    problems = _problems()
    assert "ledger entry 5 missing at the end (deleted)" in problems
    assert "ledger transitions 8-9 missing at the end (deleted)" in problems


def test_inserted_entry_is_named(env):
    _sql(
        "INSERT INTO ledger_entry (id, kind, state, meter_id, amount_fen, payment_method, "
        "operator_name, origin, created_at, reason, estimated, receipt_no, prev_hash, hash) "
        "SELECT 6, 'sale', 'confirmed', meter_id, 100000, 'cash', 'x', '', created_at, '', FALSE, "
        "'', hash, hash FROM ledger_entry WHERE id = 5"
    )
    problems = _problems()
    assert "ledger entry 6: contents do not match its hash (edited)" in problems
    assert "ledger entry 6 after the recorded end (inserted)" in problems
    assert "ledger entry 6 has no state history (transitions deleted)" in problems


def test_edited_transition_is_named(env):
    _sql("UPDATE ledger_transition SET detail = 'nothing happened' WHERE id = 4")
    assert _problems() == ["ledger transition 4: contents do not match its hash (edited)"]


def test_deleted_transition_is_named(env):
    _sql("DELETE FROM ledger_transition WHERE id = 5")
    problems = _problems()
    assert "ledger transition 5 missing between ledger transition 4 and 6 (deleted)" in problems


def test_meter_differences(env):
    m = env.meter_ids[0]
    assert ledger_verify.meter_differences(m, env.status(m)) == []
    assert env.worker.submit(ledger_verify.check_meter_job(m)).result() == []
    env.sim_meter(m).purchase_count += 1
    env.sim_meter(m).balance += 10000
    diffs = ledger_verify.meter_differences(m, env.status(m))
    assert diffs == [
        "meter M001: purchase count mismatch, meter 5, ledger 4",
        "meter M001: holds 155.00, more than the 55.00 the ledger put on it since opening",
    ]
    assert ledger_verify.opened_meter_ids() == [m]
