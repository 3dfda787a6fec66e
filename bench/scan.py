"""Bus scan figure (a benchmark, not a test): 247 addresses at 9600 baud, 200 of them absent.

    .venv/bin/python bench/scan.py [--present 47] [--json FILE]

A paced simulator (``python main.py simulate --pace --baud 9600 --parity E``,
answers at the byte rate of 8E1, 11 bits a byte) serves meters at addresses
1..47 on a pseudo-terminal; the real ``python main.py scan --port LINK``
subcommand scans 1-247 with the program's default line settings (turnaround
50 ms, the answer timeout computed from the line speed; parity N on the
client because a pty carries no parity bit). Then it scans 48-247 alone, where
nothing answers, for the cost of one absent address, compared with the answer
timeout the transport computes (``bus_scan.answer_timeout_s``). Both times are
the scan's own (``scanned ... in X s`` on stderr), without the interpreter's start.

Goal (issue #11): the full scan in under 60 s; an absent address costs one
timeout computed from the line speed, not a fixed second.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.serial_io.events import BusConfig  # noqa: E402
from app.services.bus_scan import answer_timeout_s  # noqa: E402
from bench.report import result  # noqa: E402

GOAL_S = 60.0
TOTAL = 247


def _scan(link: str, first: int, last: int) -> tuple[float, int, float]:
    """(scan seconds as the command reports them, answers, wall seconds)."""
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "main.py", "scan", "--port", link, "--parity", "N",
         "--from", str(first), "--to", str(last), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    wall = time.monotonic() - started
    found = json.loads(proc.stdout) if proc.returncode == 0 else []
    match = re.search(r"answered in ([\d.]+) s", proc.stderr)
    if proc.returncode not in (0, 1) or match is None:
        raise SystemExit(f"scan failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return float(match.group(1)), len(found), wall


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--present", type=int, default=47, help="meters at addresses 1..N")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    absent = TOTAL - args.present
    with tempfile.TemporaryDirectory(prefix="pem-bench-scan-") as tmp:
        link = Path(tmp) / "line"
        sim = subprocess.Popen(
            [sys.executable, "main.py", "simulate", "--meters", f"1-{args.present}",
             "--link", str(link), "--pace", "--baud", "9600", "--parity", "E",
             "--speed", "0", "--key-file", str(Path(tmp) / "master.key")],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            first_line = sim.stdout.readline().strip()
            if not first_line:
                raise SystemExit(f"the simulator did not start: {sim.stderr.read()[-2000:]}")
            full_s, answered, wall = _scan(str(link), 1, TOTAL)
            empty_s, _, _ = _scan(str(link), args.present + 1, TOTAL)
        finally:
            sim.terminate()
            sim.wait(10)
    config = BusConfig(0, "bench", str(link), baud=9600, parity="N")
    timeout_s = answer_timeout_s(config)
    per_absent = empty_s / absent
    print(f"full scan of {TOTAL} addresses ({args.present} meters, {absent} absent) at 9600 baud:")
    print(f"  {full_s:.1f} s in the scan ({wall:.1f} s with the interpreter), {answered} answered")
    print(f"  {absent} absent addresses alone: {empty_s:.1f} s, {per_absent * 1000:.0f} ms each")
    print(f"  computed answer timeout of the line: {timeout_s * 1000:.0f} ms")
    ok_full = full_s < GOAL_S and answered == args.present
    ok_absent = per_absent < 1.5 * timeout_s
    result(
        "bus scan, 247 addresses at 9600 baud (200 absent)",
        f"< {GOAL_S:.0f} s",
        f"{full_s:.1f} s",
        ok_full,
        f"paced pty simulator 8E1, {args.present} meters, client turnaround 50 ms",
    )
    result(
        "bus scan, cost of an absent address",
        f"one computed timeout ({timeout_s * 1000:.0f} ms), < 1.5x",
        f"{per_absent * 1000:.0f} ms",
        ok_absent,
        "9600 baud, timeout from the line speed",
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "full_s": full_s,
                    "answered": answered,
                    "absent_each_s": per_absent,
                    "timeout_s": timeout_s,
                }
            )
        )
    return 0 if ok_full and ok_absent else 1


if __name__ == "__main__":
    sys.exit(main())
