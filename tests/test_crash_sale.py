"""A sale process killed at each step, against a simulator process that keeps its state.

The simulator runs as ``main.py simulate --tcp 0 --state F`` in its own
process. Each sale runs in another process (the real bus worker and billing
service over TCP) that the ``PEM_TEST_PAUSE`` hook stops at a named point;
the test kills it there with SIGKILL, then settles from this process, and
checks: nothing credited twice, no confirmed money missing, the ledger clean.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.models import Building, Bus, Meter
from app.serial_io.events import BusConfig, MeterRef
from app.serial_io.simulator.site_file import default_serial
from app.serial_io.worker import BusWorker
from app.services import accounts, billing, ledger, ledger_verify
from tests.billing_helpers import ADMIN
from tests.site_procs import start_simulator
from tests.waiting import wait_for

ROOT = Path(__file__).resolve().parents[1]

SALE_SCRIPT = """
import json, sys
from app.models import Meter, open_database
from app.serial_io.events import BusConfig, MeterRef
from app.serial_io.worker import BusWorker
from app.services import billing
from app.services.chain_rekey import open_chains
from app.services.permissions import Actor, Role

db, key, url, amount = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
open_database(db)
master = bytes.fromhex(open(key).read().strip())
open_chains(master, key)
refs = [MeterRef(m.id, m.address, m.serial) for m in Meter.select()]
worker = BusWorker(BusConfig(1, "bus1", url, parity="N"), refs, master)
worker.start()
try:
    result = billing.sell(worker, Actor(2, "kiosk", Role.CASHIER), refs[0].meter_id, amount,
                          "alipay", timeout=20)
    print(json.dumps(result.__dict__))
finally:
    worker.stop()
"""


@pytest.fixture
def simulator(tmp_path, master_key):
    key = tmp_path / "master.key"
    key.write_text(master_key.hex() + "\n")
    proc, url, _state = start_simulator(tmp_path, key)
    yield url, key
    proc.send_signal(signal.SIGTERM)
    proc.wait(10)


def _worker(url: str, master_key: bytes) -> BusWorker:
    refs = [MeterRef(m.id, m.address, m.serial) for m in Meter.select()]
    worker = BusWorker(BusConfig(1, "bus1", url, parity="N"), refs, master_key)
    worker.start()
    return worker


def _sale_process(tmp_path, key, url, amount, pause: str | None) -> subprocess.Popen:
    env = dict(os.environ)
    env.pop("PEM_TEST_PAUSE", None)
    mark = tmp_path / f"paused-{pause}"
    if pause:
        env.update(PEM_TEST_PAUSE=pause, PEM_TEST_PAUSE_MARK=str(mark))
    db = str(tmp_path / "site.db")
    return subprocess.Popen(
        [sys.executable, "-c", SALE_SCRIPT, db, str(key), url, str(amount)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


# point -> whether the meter holds the money afterwards
SCENARIOS = [
    ("before_pending", None),
    ("after_pending", False),
    ("after_send", True),
    ("after_readback", True),
]


def test_sale_killed_at_each_step_settles_exactly_once(database, tmp_path, simulator, master_key):
    url, key = simulator
    bus = Bus.create(name="bus1", port=url, parity="N", building=Building.create(name="B"))
    meter = Meter.create(number="M001", bus=bus, address=1, serial=default_serial(1))
    worker = _worker(url, master_key)
    try:
        _tenant, outcome = accounts.open_account(
            lambda _m: worker, ADMIN, accounts.TenantInfo("Crash Shop"), [meter.id], timeout=10
        )
        assert outcome[meter.id] is None
    finally:
        worker.stop()

    credited = 0
    for i, (point, applied) in enumerate(SCENARIOS):
        amount = 1000 + i  # distinct amounts: a double credit would show in the sum
        proc = _sale_process(tmp_path, key, url, amount, point)
        mark = tmp_path / f"paused-{point}"
        wait_for(mark.exists, what=f"sale to reach {point}")
        proc.kill()
        proc.wait(5)
        worker = _worker(url, master_key)
        try:
            settled = [f.result(10) for f in billing.settle_all(lambda _m, w=worker: w)]
            ref = MeterRef(meter.id, 1, meter.serial)
            status = worker.submit(lambda link, r=ref: link.read_status(r)).result(10)
        finally:
            worker.stop()
        if applied is None:
            assert settled == []  # nothing was written
        else:
            [[result]] = settled
            assert result.state == ("confirmed" if applied else "failed"), point
            assert result.amount_fen == amount
            credited += amount if applied else 0
        assert status.balance == credited, point
        assert status.purchase_count == ledger.expected_purchase_count(meter.id)
        assert not ledger.has_unsettled(meter.id)

    # a sale that is not interrupted still works, and the books balance
    proc = _sale_process(tmp_path, key, url, 500, None)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert json.loads(out)["state"] == "confirmed"
    assert json.loads(out)["balance_after"] == credited + 500
    assert ledger.net_credit_since_open(meter.id) == credited + 500
    assert ledger_verify.verify_ledger().problems == []
