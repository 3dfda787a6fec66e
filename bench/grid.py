"""Meter grid under full load, through the program's real update path.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/grid.py [--meters 5000] [--buses 40]
        [--seconds 10] [--repeat 3] [--view both|tiles|table]

What runs (and what does not):

* A site database generated in a temporary folder by the program's own
  ``create_site``: 2 buildings, ``--buses`` buses, ``--meters`` meters (about
  94% with an open account and tenant), opened by the real ``Site.open()``
  (database, key, ledger chains, file log).
* The real ``MainWindow(site)`` (model from ``Site.grid_rows()``, filter proxy,
  tile and table views with their delegates, legend, status bar) on the real
  Qt bridge: ``site.listener`` is a ``qt_bridge.BusSignals``, as
  ``Site.start(BusSignals())`` makes it.
* Instead of bus workers on serial lines: one plain ``threading.Thread`` per
  bus (as the bus workers are) calls ``BusSignals.meter_updated`` for each of
  its meters in turn, every meter once a second, with a full status that
  changes on every poll (balance, power, energy, states and marks moving).
  Not running: bus workers, serial ports or simulators, the poll store,
  the bus supervisor (their CPU is bench/poll.py's subject).

Headline: the longest stall of the GUI thread, repaint included. A 10 ms
precise QTimer on the GUI thread is the heartbeat; a stall is how much later
than 10 ms the next tick came. Painting happens as in the window: the views
ask for updates, Qt's paint events render into the window's backing store (on
the offscreen platform a raster image, the same painting code as on screen;
only the final copy to the screen is missing). The delegates count their
paints and the bench prints them, so a run that painted nothing shows it.
Under Xvfb (``QT_QPA_PLATFORM=xcb xvfb-run ...``) the copy to the X server is
included too.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer, qVersion

HEARTBEAT_MS = 10


def proc_status(field: str) -> float:
    """A /proc/self/status figure in MB (VmRSS: now, VmHWM: the peak)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else 0.0


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def make_site(folder: Path, meters: int, buses: int):
    """A site database with ``meters`` meters on ``buses`` buses, made by the program."""
    from app.models import Account, Building, Bus, Meter, Tenant, close_database
    from app.paths import SitePaths
    from app.services.new_site import create_site
    from tests.support.preview_site import sample_rows

    paths = SitePaths(folder)
    create_site(paths, durable=False)
    rows = sample_rows(meters, buses)
    halls = {name: Building.create(name=name).id for name in ("Mall A", "Mall B")}
    bus_ids = {}
    for b in range(1, buses + 1):
        bus = Bus.create(
            name=f"Bus {b}", building=halls["Mall A" if b % 2 else "Mall B"],
            port=f"/dev/ttyBENCH{b}", parity="N",
        )  # fmt: skip
        bus_ids[b] = bus.id
    Meter.insert_many(
        [
            {
                "id": r.meter_id,
                "number": r.number,
                "bus": bus_ids[r.bus_id],
                "address": r.address,
                "building": halls[r.building],
                "location": r.location,
                "serial": r.serial,
            }
            for r in rows
        ]
    ).execute()
    opened = [r for r in rows if r.tenant is not None]
    Tenant.insert_many(
        [{"id": r.meter_id, "account_no": f"T{r.meter_id:05d}", "name": r.tenant} for r in opened]
    ).execute()
    Account.insert_many([{"tenant": r.meter_id, "meter": r.meter_id} for r in opened]).execute()
    close_database()
    return paths


class BusDriver(threading.Thread):
    """One bus's worker, as far as the window can tell: each of its meters reports once
    a second, one after the other, through ``BusSignals.meter_updated``."""

    def __init__(self, signals, rows, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.signals, self.rows, self.stop = signals, rows, stop
        self.sent = 0

    def run(self) -> None:
        from tests.support.preview_site import sample_update

        gap = 1.0 / max(1, len(self.rows))
        due = time.monotonic()
        tick = 0
        while not self.stop.is_set():
            tick += 1
            for row in self.rows:
                self.signals.meter_updated(sample_update(row, tick, time.time()))
                self.sent += 1
                due += gap
                delay = due - time.monotonic()
                if delay > 0 and self.stop.wait(delay):
                    return


def run_phase(app, window, view: str, seconds: float, signals, rows_by_bus) -> dict:
    """Feed every meter once a second for ``seconds`` with ``view`` shown; the figures."""
    window.set_view_mode(view)
    for _ in range(5):
        app.processEvents()
    shown = window.current_view()
    if not shown.isVisible():
        raise SystemExit(f"the {view} view is not on screen: nothing would be painted")
    counters = {
        "tiles": window.tile_view.itemDelegate(),
        "table": window.table_view.itemDelegateForColumn(5),  # the state cell: one per row
    }[view]
    paints0 = getattr(counters, "paints", 0)  # counted by the delegates (0: not counted)
    flushes0, applied0 = window.model.flushes, window.model.flushed_updates
    stop = threading.Event()
    drivers = [BusDriver(signals, rows, stop) for rows in rows_by_bus]
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    from PySide6.QtCore import Qt

    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(beat)
    loop = QEventLoop()  # not app.exec()/quit(): QApplication.quit() closes the window
    done = QTimer()
    done.setSingleShot(True)
    done.timeout.connect(loop.quit)
    load0 = load_average()
    for d in drivers:
        d.start()
    heartbeat.start()
    last[0] = time.perf_counter()
    done.start(int(seconds * 1000))
    cpu0, wall0 = time.process_time(), time.perf_counter()
    loop.exec()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    heartbeat.stop()
    stop.set()
    for d in drivers:
        d.join()
    lateness = [max(0.0, g - HEARTBEAT_MS) for g in gaps[1:]]
    return {
        "view": view,
        "stall": max(lateness, default=0.0),
        "p99": percentile(lateness, 0.99),
        "p50": percentile(lateness, 0.5),
        "beats": len(gaps),
        "sent": sum(d.sent for d in drivers),
        "applied": window.model.flushed_updates - applied0,
        "flushes": window.model.flushes - flushes0,
        "paints": getattr(counters, "paints", 0) - paints0,
        "cpu": cpu / wall * 100,
        "load": f"{load0} -> {load_average()}",
        "seconds": wall,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meters", type=int, default=5000)
    ap.add_argument("--buses", type=int, default=40)
    ap.add_argument("--seconds", type=float, default=10.0, help="per run and view")
    ap.add_argument("--repeat", type=int, default=3, help="runs per view")
    ap.add_argument("--view", choices=("both", "tiles", "table"), default="both")
    args = ap.parse_args()

    from app.ui.shell.application import make_application
    from app.ui.shell.main_window import MainWindow
    from app.ui.support.qt_bridge import BusSignals

    app = make_application(sys.argv[:1])  # as main.py: collection on the GUI thread, etc.
    rss_qt = proc_status("VmRSS")
    folder = Path(tempfile.mkdtemp(prefix="pem-bench-grid-"))
    t0 = time.perf_counter()
    paths = make_site(folder, args.meters, args.buses)
    make_s = time.perf_counter() - t0

    from app.services.site import Site

    site = Site(paths).open()
    signals = BusSignals()
    site.listener = signals  # what Site.start(BusSignals()) sets; no worker is started
    t0 = time.perf_counter()
    window = MainWindow(site)
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    build_ms = (time.perf_counter() - t0) * 1000
    rss_window = proc_status("VmRSS")
    rows = site.grid_rows()
    by_bus: dict[int, list] = {}
    for row in rows:
        by_bus.setdefault(row.bus_id, []).append(row)
    rows_by_bus = [sorted(r, key=lambda x: x.address) for r in by_bus.values()]

    views = ("tiles", "table") if args.view == "both" else (args.view,)
    print(
        f"setup: {len(rows)} meters on {len(rows_by_bus)} buses from a generated site database "
        f"({make_s:.1f} s to make), real Site.open(), MainWindow, BusSignals; "
        f"{len(rows_by_bus)} plain threads call BusSignals.meter_updated, every meter once a "
        f"second; no bus workers, ports, simulators or poll store"
    )
    print(
        f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, Qt {qVersion()}, "
        f"platform {app.platformName()}, window 1600x1000, heartbeat {HEARTBEAT_MS} ms; "
        f"load average (1/5/15 min) at start {load_average()} "
        "(other sessions may share the machine)"
    )
    print(f"window build: {build_ms:.0f} ms")
    results = []
    for n in range(args.repeat):
        for view in views:
            r = run_phase(app, window, view, args.seconds, signals, rows_by_bus)
            results.append(r)
            what = "tile paints" if view == "tiles" else "table rows painted"
            print(
                f"run {n + 1} {view:5s}: longest stall {r['stall']:5.1f} ms, "
                f"p99 {r['p99']:4.1f} ms, median {r['p50']:3.1f} ms | updates sent {r['sent']}, "
                f"applied {r['applied']} in {r['flushes']} flushes, "
                f"{what} {r['paints']} ({r['paints'] / r['seconds']:.0f}/s) "
                f"| process CPU {r['cpu']:.0f}% of a core | load {r['load']}"
            )
    from bench.report import result

    for view in views:
        mine = [r for r in results if r["view"] == view]
        stalls = [r["stall"] for r in mine]
        result(
            f"GUI stall, {len(rows)} meters, {view}",
            "< 50 ms",
            f"median {statistics.median(stalls):.0f}, worst {max(stalls):.0f} ms",
            max(stalls) < 50,
            f"{len(rows_by_bus)} bus threads through BusSignals, every meter once a second, "
            f"{len(mine)} runs of {args.seconds:g} s, repaint included",
        )
        print(
            f"{view}: longest GUI stall (repaint included), median of {len(mine)} runs "
            f"{statistics.median(stalls):.0f} ms, worst {max(stalls):.0f} ms (goal < 50 ms); "
            f"p99 median {statistics.median(r['p99'] for r in mine):.1f} ms, "
            f"median lateness {statistics.median(r['p50'] for r in mine):.1f} ms"
        )
    print(
        f"memory (RSS): Python+Qt {rss_qt:.0f} MB, with site and window {rss_window:.0f} MB, "
        f"after the runs {proc_status('VmRSS'):.0f} MB, peak {proc_status('VmHWM'):.0f} MB"
    )
    result(
        "grid memory (RSS), 5,000-meter site and window",
        "(shown)",
        f"{proc_status('VmHWM'):.0f} MB peak",
        True,
        "Python+Qt, real site database and MainWindow; no workers or simulators",
    )
    window.close()
    site.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
