"""Benchmark: ``python main.py verify`` on a site whose ledger has N entries (default 1,000,000).

A real site (database, master key, keyed chains, witness) gets N sales with
two transitions each, built by bulk inserts with correct keyed hashes (through
the service it would take an fsync per entry). The headline is the real
subcommand as a user runs it, start-up included (target < 30 s); the
in-process check of the same chains is printed beside it. Then ``main.py
verify`` on a fresh demo site, whose 60 opened meters are read over their
simulated bus, shows what the meter part costs. Run: ``python bench/verify.py [N]``.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.models import Building, Bus, LedgerHead, Meter, close_database, db
from app.paths import SitePaths
from app.services import chain_witness
from app.services.audit import verify_log_chain
from app.services.demo_site import create_demo_site
from app.services.ledger import (
    ENTRY_HASH_FIELDS,
    GENESIS,
    TRANSITION_HASH_FIELDS,
    chain_hash,
)
from app.services.ledger_verify import verify_ledger
from app.services.new_site import create_site


def build(n: int) -> None:
    bus = Bus.create(name="b", port="x", building=Building.create(name="B"))
    meters = [Meter.create(number=f"M{i}", bus=bus, address=i).id for i in range(1, 91)]
    t0 = dt.datetime(2025, 1, 1)
    e_prev, t_prev, tid = GENESIS, GENESIS, 0
    entries, transitions = [], []
    db.execute_sql("PRAGMA synchronous = OFF")
    for eid in range(1, n + 1):
        at = t0 + dt.timedelta(seconds=eid)
        row = dict(
            id=eid, kind="sale", meter_id=meters[eid % 90], account_id=None, tenant_id=None,
            amount_fen=5000, payment_method="cash", operator_id=1, operator_name="bench",
            origin="bench:1", created_at=at, count_before=eid % 65536,
            expected_count=(eid + 1) % 65536, balance_before=0, reverses_id=None, reason="",
            estimated=0, receipt_no=f"R{eid}",
        )  # fmt: skip
        prev, e_prev = e_prev, chain_hash(e_prev, [row[f] for f in ENTRY_HASH_FIELDS])
        entries.append(
            {**row, "state": "confirmed", "settled_at": at, "balance_after": 5000,
             "prev_hash": prev, "hash": e_prev}
        )  # fmt: skip
        for frm, to, bal, cnt in ((None, "pending", None, None), ("pending", "confirmed", 5000, 1)):
            tid += 1
            tr = dict(
                id=tid, entry_id=eid, from_state=frm, to_state=to, at=at, balance_after=bal,
                purchase_count=cnt, detail="",
            )  # fmt: skip
            prev, t_prev = t_prev, chain_hash(t_prev, [tr[f] for f in TRANSITION_HASH_FIELDS])
            transitions.append({**tr, "prev_hash": prev, "hash": t_prev})
        if len(entries) >= 20_000:
            _flush(entries, transitions)
    _flush(entries, transitions)
    LedgerHead.insert(
        id=1, entry_id=n, entry_hash=e_prev, transition_id=tid, transition_hash=t_prev
    ).execute()
    chain_witness.append(chain_witness.committed_heads())  # what the writes would have witnessed


def _flush(entries: list, transitions: list) -> None:
    if not entries:
        return
    with db.atomic():
        cur = db.cursor()
        cur.executemany(
            "INSERT INTO ledger_entry (id, kind, meter_id, account_id, tenant_id, amount_fen, "
            "payment_method, operator_id, operator_name, origin, created_at, count_before, "
            "expected_count, balance_before, reverses_id, reason, estimated, receipt_no, state, "
            "settled_at, balance_after, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
            "?,?,?,?,?,?,?)",
            [
                (*(e[f] if f != "created_at" else str(e[f]) for f in ENTRY_HASH_FIELDS[:-1]),
                 e["receipt_no"], e["state"], str(e["settled_at"]), e["balance_after"],
                 e["prev_hash"], e["hash"])
                for e in entries
            ],
        )  # fmt: skip
        cur.executemany(
            "INSERT INTO ledger_transition (id, entry_id, from_state, to_state, at, "
            "balance_after, purchase_count, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (t["id"], t["entry_id"], t["from_state"], t["to_state"], str(t["at"]),
                 t["balance_after"], t["purchase_count"], t["detail"], t["prev_hash"], t["hash"])
                for t in transitions
            ],
        )  # fmt: skip
    entries.clear()
    transitions.clear()


def _timed_verify(data_dir: Path, *extra: str) -> tuple[float, str]:
    """``python main.py verify`` as a user runs it: (seconds, its last lines)."""
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "main.py", "verify", "--data-dir", str(data_dir), *extra],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
    )
    took = time.perf_counter() - t
    lines = (proc.stdout + proc.stderr).strip().splitlines()
    return took, " / ".join(lines[-3:])


def main() -> int:
    from bench.report import result

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        paths = SitePaths(Path(tmp) / "site")
        create_site(paths)  # a real site: database, master key, keyed chains, witness
        t = time.perf_counter()
        build(n)
        print(f"built {n:,} entries and {2 * n:,} transitions in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        report = verify_ledger()
        report.problems += verify_log_chain() + chain_witness.check()
        took = time.perf_counter() - t
        close_database()
        problems = len(report.problems)
        print(f"in-process check (ledger, log, witness): {took:.1f} s, {problems} problem(s)")
        for line in report.problems[:5]:
            print("  ", line)
        whole, tail = _timed_verify(paths.data_dir)
        print(f"python main.py verify on that site (start-up, chains, witness): {whole:.1f} s")
        print(f"  {tail}")
        ok = not report.problems and "Result: clean" in tail
        setup = f"{n:,} ledger entries, {2 * n:,} transitions, keyed chains, real subcommand"
        result(
            f"verify, {n:,} entries (main.py verify)",
            "< 30 s",
            f"{whole:.1f} s",
            whole < 30 and ok,
            setup,
        )

        demo = SitePaths(Path(tmp) / "demo")
        create_demo_site(demo, history=False)
        whole, tail = _timed_verify(demo.data_dir)
        print(
            f"python main.py verify on the demo site (60 opened meters over its bus): {whole:.1f} s"
        )
        print(f"  {tail}")
        result(
            "verify, demo site with meters",
            "(shown)",
            f"{whole:.1f} s",
            "Result: clean" in tail,
            "main.py verify: chains, witness, 60 opened meters read over the simulated bus "
            "(a dead meter among them is reported as not checked)",
        )
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
