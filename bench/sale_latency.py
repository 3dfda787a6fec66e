"""Benchmark: a sale's latency from submit to confirmed entry on a busy, paced 9600 bus.

90 simulated meters behind a TCP server that paces bytes at 9600 baud (8N1)
with a 30 ms turnaround; the real bus worker polls them continuously, and
sales are submitted at random moments of the poll cycle. Target: < 1 s (the
operator lane jumps the poll queue, so a sale waits for at most one poll
transaction in flight). Run: ``python bench/sale_latency.py [SALES]``.

``--via-collector``: the same paced bus, but a real ``main.py collector``
process owns and polls it, and this process (like a second window or a
``sell``) owns no port: every sale is a job row the collector runs, so the
figure includes the job table round trip (issue #6, one owner per bus).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.models import Building, Bus, Meter, open_database
from app.serial_io.events import BusConfig, MeterRef
from app.serial_io.meter_data import MeterIdentity
from app.serial_io.simulator.bus import SimBus
from app.serial_io.simulator.load import LoadProfile
from app.serial_io.simulator.meter import SimMeter
from app.serial_io.simulator.server import TcpServer
from app.serial_io.worker import BusWorker
from app.services import accounts, billing
from app.services.permissions import Actor, Role

MASTER = bytes(range(32))
ADMIN = Actor(1, "bench", Role.ADMIN)


def _report(took: list[float], figure: str, setup: str) -> None:
    from bench.report import result

    took.sort()
    p95 = took[max(0, int(len(took) * 0.95) - 1)]
    median = statistics.median(took) * 1000
    print(
        f"sale latency over {len(took)} sales: median {median:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {took[-1] * 1000:.0f} ms"
    )
    print(f"target < 1 s: {'met' if took[-1] < 1.0 else 'NOT met'}")
    measured = f"median {median:.0f} ms, max {took[-1] * 1000:.0f} ms"
    result(figure, "< 1 s", measured, took[-1] < 1.0, setup)


def via_collector(sales: int) -> int:
    """Sales as job rows run by a real collector process that polls 90 paced meters."""
    import subprocess

    from app.models import close_database
    from app.paths import SitePaths
    from app.services.auth import AuthService
    from app.services.new_site import create_site
    from app.services.site import Site

    meters = [
        SimMeter(a, MeterIdentity(f"BEN{a:09d}"), load=LoadProfile(kind="constant", base_w=0))
        for a in range(1, 91)
    ]
    server = TcpServer(
        SimBus(meters, MASTER, speed=0), pace=True, baud=9600, parity="N", turnaround_ms=30
    )
    server.start()
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        paths = SitePaths(Path(tmp) / "site")
        paths.data_dir.mkdir()
        paths.key_file.write_text(MASTER.hex() + "\n")
        create_site(paths)
        AuthService().create_first_admin("bench", "bench-pass-1")
        bus = Bus.create(name="b1", port=server.url, parity="N", building=Building.create(name="B"))
        for a in range(1, 91):
            Meter.create(number=f"M{a:03d}", bus=bus, address=a, serial=f"BEN{a:09d}")
        close_database()
        collector = subprocess.Popen(
            [sys.executable, "main.py", "collector", "--data-dir", str(paths.data_dir)],
            cwd=root, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            print(collector.stdout.readline().strip())
            site = Site(paths).open().start(poll=False, role="gui", takeover=False)
            try:
                assert not site.owned_workers(), "the collector should own the bus"
                ids = [m.id for m in Meter.select().order_by(Meter.address)][:sales]
                t = time.perf_counter()
                for meter_id in ids:
                    accounts.open_account(
                        site.worker_for, ADMIN, accounts.TenantInfo(f"T{meter_id}"), [meter_id],
                        timeout=30,
                    )  # fmt: skip
                print(f"opened {sales} accounts as job rows in {time.perf_counter() - t:.1f} s")
                rng = random.Random(1)
                took = []
                for meter_id in ids:
                    time.sleep(rng.uniform(0.0, 0.3))  # land anywhere in the poll cycle
                    t = time.perf_counter()
                    worker = site.worker_for(meter_id)
                    result = billing.sell(worker, ADMIN, meter_id, 5000, "cash", timeout=30)
                    took.append(time.perf_counter() - t)
                    assert result.ok, result
            finally:
                site.stop()
        finally:
            collector.terminate()
            collector.wait(20)
            server.stop()
    print("via collector job rows (collector polls 90 meters at 9600 baud, paced):")
    _report(
        took,
        "sale latency, job row to a collector",
        f"{len(took)} sales as job rows run by a main.py collector polling 90 paced meters, "
        "9600 8N1, 30 ms turnaround",
    )
    return 0


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sales = int(args[0]) if args else 20
    if "--via-collector" in sys.argv:
        return via_collector(sales)
    meters = [
        SimMeter(a, MeterIdentity(f"BEN{a:09d}"), load=LoadProfile(kind="constant", base_w=0))
        for a in range(1, 91)
    ]
    sim = SimBus(meters, MASTER, speed=0)
    server = TcpServer(sim, pace=True, baud=9600, parity="N", turnaround_ms=30)
    server.start()
    with tempfile.TemporaryDirectory() as tmp:
        open_database(Path(tmp) / "bench.db", create=True)
        from app.services.chain_rekey import open_chains

        open_chains(MASTER, Path(tmp) / "master.key")
        bus = Bus.create(name="b1", port=server.url, parity="N", building=Building.create(name="B"))
        ids = [Meter.create(number=f"M{a:03d}", bus=bus, address=a, serial=f"BEN{a:09d}").id
               for a in range(1, 91)]  # fmt: skip
        refs = [MeterRef(i, a, f"BEN{a:09d}") for i, a in zip(ids, range(1, 91), strict=True)]
        worker = BusWorker(
            BusConfig(1, "b1", server.url, parity="N", turnaround_ms=30), refs, MASTER
        )
        worker.start()
        try:
            t = time.perf_counter()
            for meter_id in ids[:sales]:
                accounts.open_account(
                    lambda _m: worker, ADMIN, accounts.TenantInfo(f"T{meter_id}"), [meter_id],
                    timeout=30,
                )  # fmt: skip
            print(f"opened {sales} accounts in {time.perf_counter() - t:.1f} s (polling on)")
            rng = random.Random(1)
            took = []
            for meter_id in ids[:sales]:
                time.sleep(rng.uniform(0.0, 0.3))  # land anywhere in the poll cycle
                t = time.perf_counter()
                result = billing.sell(worker, ADMIN, meter_id, 5000, "cash", timeout=30)
                took.append(time.perf_counter() - t)
                assert result.ok, result
        finally:
            worker.stop()
            server.stop()
    _report(
        took,
        "sale latency, window owns the bus",
        f"{len(took)} sales, real bus worker polling 90 paced meters, 9600 8N1, 30 ms turnaround",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
