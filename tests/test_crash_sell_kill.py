"""``main.py sell`` killed with SIGKILL at random moments while a collector polls the same meter.

Issue #6: the crash test must be able to see a confirmed sale lost by a poller
in another process. Each round starts the real ``sell`` subprocess and kills
it after a random delay (seeded; the seed is printed, set ``PEM_KILL_SEED`` to
replay a run); about one round in eight kills the collector instead, so a bus
owner dying in the middle of a job is exercised too, and a new collector is
started. At the end the ledger is settled by a collector and then checked
*independently of the program's own verify*: the simulated meter's purchase
count and balance, read from the simulator's state file, must equal what the
confirmed ledger entries say, and nothing may stay unsettled.
"""

from __future__ import annotations

import json
import os
import random
import signal
import time

import pytest

from app.models import LedgerEntry, close_database, open_database
from app.models.ledger import EntryKind, EntryState
from app.services import ledger
from tests.site_procs import kill_all, make_site, read_line_with, wait_or_kill
from tests.waiting import wait_for

pytestmark = pytest.mark.slow

ROUNDS = int(os.environ.get("PEM_KILL_ROUNDS", "50"))


def _confirmed_credits(meter_id: int) -> tuple[int, int]:
    """(count, fen) of confirmed credit commands since the account was opened."""
    opened = ledger.last_open_entry(meter_id)
    rows = LedgerEntry.select().where(
        (LedgerEntry.meter == meter_id)
        & (LedgerEntry.id > opened.id)
        & (LedgerEntry.state == EntryState.CONFIRMED.value)
        & LedgerEntry.expected_count.is_null(False)
    )
    count = fen = 0
    for entry in rows:
        count += 1
        fen += EntryKind(entry.kind).sign * entry.amount_fen
    return count, fen


def test_sell_killed_at_random_moments_never_loses_or_doubles_money(tmp_path, master_key):
    seed = int(os.environ.get("PEM_KILL_SEED", str(random.SystemRandom().randrange(10**6))))
    print(f"PEM_KILL_SEED={seed}")
    rng = random.Random(seed)
    real = make_site(tmp_path, master_key)
    collector = real.collector()
    procs = [collector]
    try:
        read_line_with(collector, "serving 1 bus(es)")
        outcomes: dict[str, int] = {}
        for i in range(ROUNDS):
            amount = f"{1 + i}.{rng.randrange(100):02d}"  # distinct: a double shows in the sum
            proc = real.sell(amount)
            procs.append(proc)
            time.sleep(rng.uniform(0.05, 0.8))  # start-up, login, job row, owner's run, read-back
            if rng.random() < 0.125:
                collector.kill()  # the owner dies instead, maybe in the middle of the job
                collector.wait(5)
                collector = real.collector()
                procs.append(collector)
                read_line_with(collector, "bus(es)")
                victim = "collector"
            else:
                proc.kill()
                victim = "sell"
            key = f"{victim}:{'finished' if wait_or_kill(proc, 60) == 0 else 'killed'}"
            outcomes[key] = outcomes.get(key, 0) + 1
        print(f"outcomes: {outcomes}")

        # Let the collector settle whatever a killed owner left undecided.
        def settled() -> bool:
            open_database(real.data_dir / "site.db")
            try:
                return not ledger.unsettled()
            finally:
                close_database()

        wait_for(settled, timeout=60, what="every entry settled by the collector")
        collector.send_signal(signal.SIGTERM)
        collector.wait(20)
    finally:
        kill_all(procs)
        real.stop()

    open_database(real.data_dir / "site.db")
    try:
        meter_id = LedgerEntry.select().first().meter_id
        count, fen = _confirmed_credits(meter_id)
        meter = json.loads(real.state_file.read_text())["meters"]["1"]
        assert meter["purchase_count"] == count, (seed, meter, count)
        assert meter["balance"] == fen, (seed, meter, fen)  # no load: balance is exactly the sum
        assert not ledger.unsettled()
        failed = LedgerEntry.select().where(LedgerEntry.state == EntryState.FAILED.value).count()
        print(f"confirmed credits {count} ({fen} fen), failed {failed}")
    finally:
        close_database()
