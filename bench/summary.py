"""``make bench``: run every benchmark and print one table: figure, goal, measured, met.

Each benchmark runs as its own process (a clean interpreter, as a user starts
the program) and reports its headline figures with ``bench.report.result``.
The load average at each figure is printed beside it: a figure from a busy
machine is marked as such rather than quoted as a quiet one.

Run: ``python bench/summary.py [NAME ...]`` (default: all, in the order below).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# name -> the command line after the interpreter (each prints BENCH-RESULT lines)
BENCHES = {
    "poll": ["bench/poll.py"],
    "poll_40_buses": ["bench/poll.py", "--buses", "40", "--skip-wire", "--modes", "paced"],
    "poll_ddsy1352": ["bench/poll.py", "--profile", "acrel-ddsy1352"],
    "scan": ["bench/scan.py"],
    "import_site": ["bench/import_site.py"],
    "batch_1_bus": ["bench/batch.py", "--buses", "1", "--meters", "247"],
    "batch_4_buses_gui": ["bench/batch.py", "--buses", "4", "--meters", "247", "--gui"],
    "grid": ["bench/grid.py"],
    "sale_latency": ["bench/sale_latency.py"],
    "sale_latency_collector": ["bench/sale_latency.py", "--via-collector"],
    "verify": ["bench/verify.py"],
    "startup": ["bench/startup.py", "3"],
    "alarm_engine": ["bench/alarm_engine.py"],
    "sms_drain": ["bench/sms_drain.py"],
    "reports_quick": ["bench/reports.py", "--quick"],
    "export_rows": ["bench/export_rows.py"],
    "archive": ["bench/archive.py"],
    "portal": ["bench/portal.py"],
    "multi_pc": ["bench/multi_pc.py"],
}


def run(name: str) -> tuple[list[dict], float, int]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, *BENCHES[name]], cwd=ROOT, env=env, capture_output=True, text=True
    )
    took = time.perf_counter() - t
    sys.stdout.write(proc.stdout)
    if proc.returncode != 0:
        sys.stdout.write(proc.stderr[-2000:])
    rows = [
        json.loads(line.split(" ", 1)[1])
        for line in proc.stdout.splitlines()
        if line.startswith("BENCH-RESULT ")
    ]
    return rows, took, proc.returncode


def main() -> int:
    names = sys.argv[1:] or list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHES)}")
        return 2
    table: list[tuple[str, dict]] = []
    failed = []
    for name in names:
        print(f"==== {name} ({' '.join(BENCHES[name])})", flush=True)
        rows, took, code = run(name)
        print(f"==== {name}: {took:.0f} s, exit {code}", flush=True)
        if code != 0 or not rows:
            failed.append(name)
        table += [(name, row) for row in rows]
    width = max((len(r["figure"]) for _n, r in table), default=10)
    print()
    print(f"{'figure':<{width}}  {'goal':<14}  {'measured':<22}  met   load")
    print("-" * (width + 52))
    for _name, r in table:
        met = "yes" if r["met"] else "NO"
        cells = f"{r['goal']:<14}  {r['measured']:<22}  {met:<4}"
        print(f"{r['figure']:<{width}}  {cells}  {r['load']}")
    print()
    for _name, r in table:
        if r.get("setup"):
            print(f"- {r['figure']}: {r['setup']}")
    if failed:
        print(f"\nbenchmarks that did not finish cleanly: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
