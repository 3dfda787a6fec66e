"""Meter grid under full load: 5,000 meters, every meter updated every second.

Offscreen, tile view visible. A driver thread (standing in for 40 bus
workers) emits one MeterUpdate per meter per second through a signal, the
way the bus bridge delivers them; a 10 ms QTimer heartbeat on the GUI thread
measures how late the event loop gets (its longest stall). Prints figures.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/grid.py [--meters 5000] [--seconds 10]
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.ui.shell.main_window import TABLE, TILES, MainWindow
from tests.support.preview_site import PreviewSite, sample_buses, sample_rows, sample_update

HEARTBEAT_MS = 10


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else 0.0


class Driver(threading.Thread):
    """Emits a full status update for every meter once a second, in 20 slices."""

    def __init__(self, site: PreviewSite, seconds: float) -> None:
        super().__init__(daemon=True)
        self.site, self.seconds = site, seconds
        self.sent = 0
        self.stop_flag = threading.Event()

    def run(self) -> None:
        rows = self.site.rows
        slices = 20
        per = -(-len(rows) // slices)
        start = time.monotonic()
        tick = 0
        while not self.stop_flag.is_set() and time.monotonic() - start < self.seconds:
            tick += 1
            for s in range(slices):
                at = time.time()
                for row in rows[s * per : (s + 1) * per]:
                    self.site.signals.meterUpdated.emit(sample_update(row, tick, at))
                    self.sent += 1
                due = start + (tick - 1) + (s + 1) / slices
                delay = due - time.monotonic()
                if delay > 0:
                    self.stop_flag.wait(delay)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meters", type=int, default=5000)
    ap.add_argument("--buses", type=int, default=40)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--view", choices=(TILES, TABLE), default=TILES)
    ap.add_argument(
        "--attention", action="store_true", help="state filter on (alarms, arrears, offline)"
    )
    args = ap.parse_args()

    app = QApplication(sys.argv[:1])
    rss_start = rss_mb()
    site = PreviewSite(sample_rows(args.meters, args.buses), sample_buses(args.buses))
    t0 = time.perf_counter()
    window = MainWindow(site)
    window.resize(1600, 1000)
    window.set_view_mode(args.view)
    if args.attention:  # meters move in and out of the filter with every cycle
        window.filter_bar.show_attention()
    window.show()
    app.processEvents()
    build_ms = (time.perf_counter() - t0) * 1000
    rss_loaded = rss_mb()

    flush_ms: list[float] = []
    apply_pending = window.model._apply_pending

    def timed_apply(budget_s):
        t = time.perf_counter()
        apply_pending(budget_s)
        flush_ms.append((time.perf_counter() - t) * 1000)

    window.model._apply_pending = timed_apply  # the flush timer's work, timed

    beats: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        beats.append((now - last[0]) * 1000 - HEARTBEAT_MS)
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(beat)
    driver = Driver(site, args.seconds)
    QTimer.singleShot(args.seconds * 1000 + 600, app.quit)
    heartbeat.start()
    driver.start()
    cpu0 = time.process_time()
    app.exec()
    cpu_s = time.process_time() - cpu0
    driver.stop_flag.set()
    driver.join()
    window.model.flush()
    rss_end = rss_mb()

    lateness = [max(0.0, b) for b in beats[1:]]
    shown = "attention filter" if args.attention else "no filter"
    print(
        f"meters: {args.meters} on {args.buses} buses, view: {args.view} ({shown}), "
        f"{args.seconds:.0f} s, re-filters: {window.proxy.refilters}"
    )
    print(f"window build: {build_ms:.0f} ms")
    print(
        f"updates sent: {driver.sent}, applied: {window.model.flushed_updates} "
        f"in {window.model.flushes} flushes"
    )
    if flush_ms:
        mean = sum(flush_ms) / len(flush_ms)
        print(f"flush passes: {len(flush_ms)}, mean {mean:.1f} ms, max {max(flush_ms):.1f} ms")
    print(f"heartbeats: {len(beats)} (ideal {args.seconds * 1000 / HEARTBEAT_MS:.0f})")
    p50, p99 = percentile(lateness, 0.5), percentile(lateness, 0.99)
    print(f"lateness p50: {p50:.1f} ms, p99: {p99:.1f} ms")
    print(f"longest stall: {max(lateness, default=0):.0f} ms")
    print(f"process CPU: {cpu_s:.1f} s over {args.seconds:.0f} s")
    print(f"rss before: {rss_start:.0f} MB, with grid: {rss_loaded:.0f} MB")
    print(f"rss: {rss_end:.0f} MB")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
