"""Benchmark: importing a site of 5,000 meters on 40 buses from Excel (issue #11, target < 10 s).

A workbook like a large real site (8 gateways of 5 serial ports, one bus per
port, 125 meters per bus, every column filled) is written first (not timed).
Then the real subcommand runs as a user runs it, in a subprocess, start-up
included: ``import --dry-run`` (read + check + compare: the preview alone),
``import`` into an empty data folder (the preview, creating the site, and the
one transaction that writes it: the headline), and the same file again into
that site (nothing to change). Run: ``python bench/import_site.py [METERS]``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.report import result  # noqa: E402

GATEWAYS, PORTS = 8, 5
TARGET_S = 10.0
PASSWORD = "Bench-admin-1"


def build_book(path: Path, meters: int) -> None:
    from openpyxl import Workbook

    from app.services.site_workbook import layout

    rows = {
        "buildings": [{"name": "Tower A", "address": "1 Bench Road"}],
        "gateways": [
            {"name": f"GW{g}", "host": f"10.0.0.{10 + g}", "port_count": PORTS,
             "first_tcp_port": 4001, "building": "Tower A"}
            for g in range(1, GATEWAYS + 1)
        ],
        "buses": [
            {"name": f"GW{g}-P{p}", "gateway": f"GW{g}", "gateway_port": p, "baud": 9600,
             "parity": "N", "stopbits": 1, "timeout_ms": 0, "turnaround_ms": 50,
             "profile": "default", "building": "Tower A"}
            for g in range(1, GATEWAYS + 1) for p in range(1, PORTS + 1)
        ],
    }  # fmt: skip
    buses = [b["name"] for b in rows["buses"]]
    per_bus = -(-meters // len(buses))
    rows["meters"] = [
        {"number": f"M{i:05d}", "bus": buses[i // per_bus], "address": i % per_bus + 1,
         "building": "Tower A", "location": f"{i // 40 + 1}F-{i % 40 + 1:02d}",
         "profile": "default", "phases": 1, "ct_ratio": 1, "pt_ratio": 1, "alarm1": 20,
         "alarm2": 5, "overload_w": 6000, "tariff": "flat", "enabled": "yes"}
        for i in range(meters)
    ]  # fmt: skip
    book = Workbook()
    book.remove(book.active)
    for sheet in layout.SHEETS[:4]:
        ws = book.create_sheet(sheet.title)
        ws.append([c.header for c in sheet.columns])
        for row in rows[sheet.key]:
            ws.append([row.get(c.key) for c in sheet.columns])
    book.save(path)


def timed(*args: str, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )
    took = time.monotonic() - start
    if done.returncode != 0:
        sys.exit(
            f"{args[0]} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        )
    return took, done


def main() -> int:
    meters = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    work = Path(tempfile.mkdtemp(prefix="pem-bench-import-"))
    book = work / "site.xlsx"
    start = time.monotonic()
    build_book(book, meters)
    buses = GATEWAYS * PORTS
    size = book.stat().st_size // 1024
    print(f"workbook: {meters} meters on {buses} buses ({GATEWAYS} gateways x {PORTS} ports), "
          f"{size} KiB, written in {time.monotonic() - start:.1f} s")  # fmt: skip
    data = work / "site"
    dry, out = timed("import", str(book), "--data-dir", str(data), "--dry-run")
    print(f"import --dry-run (preview: read + check + compare): {dry:.2f} s")
    full, out = timed(
        "import", str(book), "--data-dir", str(data), env={"PEM_ADMIN_PASSWORD": PASSWORD}
    )
    print(f"import into an empty folder (preview + new site + one transaction): {full:.2f} s")
    print("  " + out.stdout.strip().splitlines()[-1])
    again, out = timed("import", str(book), "--data-dir", str(data), "--operator", "admin",
                       env={"PEM_PASSWORD": PASSWORD})  # fmt: skip
    assert "nothing to change" in out.stdout, out.stdout[-500:]
    print(f"the same file again (nothing to change): {again:.2f} s")
    setup = f"{meters} meters, {buses} buses, subprocess incl. start-up"
    result("Excel import preview (dry run)", f"< {TARGET_S:.0f} s", f"{dry:.2f} s",
           dry < TARGET_S, setup)  # fmt: skip
    result("Excel import into an empty site, with the preview", f"< {TARGET_S:.0f} s",
           f"{full:.2f} s", full < TARGET_S, setup)  # fmt: skip
    result("Excel re-import, nothing to change", f"< {TARGET_S:.0f} s", f"{again:.2f} s",
           again < TARGET_S, setup)  # fmt: skip
    return 0 if full < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
