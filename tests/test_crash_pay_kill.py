"""The payment service killed with SIGKILL at random moments while it credits paid orders.

Issue #16: money paid online is credited exactly once or refunded, never lost,
never twice. Paid orders are written; the payment service (its own process,
the bus owned by a collector, sales as job rows) is killed after a random
delay, round after round (one round in six the collector dies instead); then
one runs to the end. Checked independently of the program: the simulated
meter's balance (its state file) equals the sum of the credited orders, each
credited order has exactly one confirmed sale (its reason the order number),
none stays open, and the ledger verifies. ``PEM_KILL_SEED`` replays a run.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from app.models import Account, LedgerEntry, close_database, open_database
from app.models.payments import OrderState, PayOrder
from app.models.site import utcnow
from tests.site_procs import ROOT, kill_all, make_site, read_line_with
from tests.waiting import wait_for

pytestmark = pytest.mark.slow

ROUNDS = int(os.environ.get("PEM_PAY_KILL_ROUNDS", "12"))
ORDERS = 8


def _runner(real) -> subprocess.Popen:
    log = open(real.data_dir.parent / "pay-runner.err", "a")  # noqa: SIM115
    return subprocess.Popen(
        [sys.executable, "-m", "tests.pay_runner", str(real.data_dir)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True,
    )  # fmt: skip


def _write_orders(real) -> None:
    open_database(real.data_dir / "site.db")
    try:
        account = Account.select().where(Account.closed_at.is_null()).get()
        for i in range(ORDERS):
            PayOrder.create(
                order_no=f"PEMKILL{i:04d}",
                tenant=account.tenant_id,
                meter=account.meter_id,
                amount=1000 + 37 * i,  # distinct: a double shows in the sum
                provider="wechat",
                channel="phone",
                state=OrderState.PAID,
                paid_amount=1000 + 37 * i,
                paid_at=utcnow(),
                next_check_at=utcnow(),
            )
    finally:
        close_database()


def _all_finished(real) -> bool:
    open_database(real.data_dir / "site.db")
    try:
        return not PayOrder.select().where(PayOrder.state.in_(OrderState.OPEN)).exists()
    finally:
        close_database()


def test_pay_service_killed_at_random_moments_credits_once(tmp_path, master_key):
    seed = int(os.environ.get("PEM_KILL_SEED", str(random.SystemRandom().randrange(10**6))))
    print(f"PEM_KILL_SEED={seed}")
    rng = random.Random(seed)
    real = make_site(tmp_path, master_key)
    _write_orders(real)
    collector = real.collector()
    procs = [collector]
    try:
        read_line_with(collector, "serving 1 bus(es)")
        for _ in range(ROUNDS):
            runner = _runner(real)
            procs.append(runner)
            read_line_with(runner, "pay service up", timeout=60)
            time.sleep(rng.uniform(0.0, 1.5))
            if rng.random() < 1 / 6:
                collector.kill()
                collector.wait(5)
                collector = real.collector()
                procs.append(collector)
                read_line_with(collector, "bus(es)")
            runner.kill()
            runner.wait(10)
        runner = _runner(real)
        procs.append(runner)
        wait_for(lambda: _all_finished(real), timeout=120, what="every order credited or refunded")
        runner.kill()
        collector.send_signal(signal.SIGTERM)
        collector.wait(20)
    finally:
        kill_all(procs)
        real.stop()

    open_database(real.data_dir / "site.db")
    try:
        from app.services import ledger
        from app.services.ledger_verify import verify_ledger

        credited_fen = 0
        for order in PayOrder.select():
            confirmed = LedgerEntry.select().where(
                (LedgerEntry.reason == order.order_no) & (LedgerEntry.state == "confirmed")
            )
            if order.state == OrderState.CREDITED:
                assert confirmed.count() == 1 and order.entry_id == confirmed.get().id, seed
                credited_fen += order.amount
            else:
                assert order.state == OrderState.REFUNDED and confirmed.count() == 0, seed
        meter = real.meter_state()
        assert meter["balance"] == credited_fen, (seed, meter, credited_fen)
        assert not ledger.unsettled()
        print(f"credited {credited_fen} fen of {ORDERS} orders")
    finally:
        close_database()
    # the chains need the key: checked with it installed
    from app.services import chain_key
    from app.services.chain_rekey import open_chains

    open_database(real.data_dir / "site.db")
    try:
        open_chains(master_key, real.data_dir / "master.key")
        assert verify_ledger().problems == []
    finally:
        chain_key.uninstall()
        close_database()
