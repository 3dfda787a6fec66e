"""Batch figures (a benchmark, not a test): a batch trip on a paced bus, and sales meanwhile.

    .venv/bin/python bench/batch.py [--buses 1] [--meters 247] [--sales 10] [--site-dir DIR]
    .venv/bin/python bench/batch.py --buses 4 --meters 247     # 988 meters on 4 buses

A real site (``bench/poll_site.build_site``: ``create_site``, a tenth of the
meters opened), its buses served by ``python main.py simulate --tcp --pace``
processes (9600 8N1, the answer at the byte rate, turnaround 50 ms) and this
process owning them through ``Site.start`` (bus workers polling, supervisor,
job watcher) exactly as the window does. One batch trips every meter
(``batches.start`` -> each bus's batch lane), a poll every 2 s between its jobs.
Meanwhile a cashier sells onto opened meters through ``billing.submit_sale``
(operator lane) every ``--every`` seconds; each sale's latency from submit to
the confirmed result is measured.

Figures: the batch's wall time against its wire-time limit (the transactions a
trip takes on the default profile, counted by running one: status read, the
protected frame, the confirming read-back (which the grid gets as a poll), each
from the frame sizes at 9600
8N1 with the turnaround), as a share per bus (target >= 80%); the same limit
counting the polls made between batch jobs (the bus's busy share); sale latency
(target < 1 s).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.poll_site import PASSWORD, Simulators, build_site, reuse_site
from bench.report import machine_load, result

TURNAROUND_MS = 50


class Recorder:
    """A RegisterBus in front of another that notes each transaction's (request, answer) bytes."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.sizes: list[tuple[int, int]] = []

    def read_registers(self, address, start, count):
        self.sizes.append((8, 5 + 2 * count))
        return self.inner.read_registers(address, start, count)

    def write_registers(self, address, start, values):
        self.sizes.append((9 + 2 * len(values), 8))
        return self.inner.write_registers(address, start, values)


def trip_transactions() -> list[tuple[int, int]]:
    """The frames one batch trip puts on the wire (default profile), by running it once."""
    from app.serial_io.commands import RelayCommand
    from app.serial_io.events import MeterRef
    from app.serial_io.loopback import LoopbackBus
    from app.serial_io.profiles import get_profile
    from tests.sim_helpers import make_sim_bus

    master = bytes(range(32))
    sim = make_sim_bus(master, addresses=[1])
    bus = Recorder(LoopbackBus(sim))
    ref = MeterRef(1, 1, sim.meter(1).identity.serial)
    profile = get_profile("default")
    keys = profile.meter_keys(master, ref.serial)
    fresh = profile.read_status(bus, ref)  # the job's first read
    profile.relay(bus, ref, keys, RelayCommand.TRIP, fresh)  # frame + read-back (the grid's)
    return bus.sizes


def wire_s(sizes: list[tuple[int, int]]) -> float:
    from app.serial_io.events import BusConfig
    from app.serial_io.wire_time import transaction_wire_s

    cfg = BusConfig(1, "wire", "x", baud=9600, parity="N", turnaround_ms=TURNAROUND_MS)
    return sum(transaction_wire_s(cfg, req, ans) for req, ans in sizes)


class Polls:
    """The listener: counts poll updates per bus while the batch runs."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.by_bus: dict[int, int] = {}
        self.counting = False

    def meter_updated(self, update) -> None:
        if self.counting:
            with self.lock:
                self.by_bus[update.bus_id] = self.by_bus.get(update.bus_id, 0) + 1

    def bus_updated(self, update) -> None:
        pass


class Tee:
    """The site's listener: counts polls and hands every update to the Qt bridge."""

    def __init__(self, polls, signals) -> None:
        self.polls, self.signals = polls, signals

    def meter_updated(self, update) -> None:
        self.polls.meter_updated(update)
        self.signals.meter_updated(update)

    def bus_updated(self, update) -> None:
        self.signals.bus_updated(update)

    def __getattr__(self, name: str):  # the window connects to the bridge's signals
        return getattr(self.signals, name)


def gui_app():
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def run_with_window(site, work) -> float:
    """Run ``work`` in a thread while the real main window shows the grid; the longest
    lateness of a 10 ms heartbeat on the GUI thread, in ms (bench/grid.py's measure)."""
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer

    from app.ui.shell import gc_guard
    from app.ui.shell.main_window import MainWindow

    app = gui_app()
    gc_guard.install(app)  # as the program does: cycles collected on the GUI thread
    window = MainWindow(site)
    window.resize(1500, 950)
    window.show()
    gc_guard.freeze_startup()  # as run_gui does once the window shows
    done = threading.Event()
    worst = [0.0]
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    started = threading.Event()  # the window's first paint and grid load are not the batch's

    def beat() -> None:
        now = clock.elapsed()
        if started.is_set():
            worst[0] = max(worst[0], now - last[0] - 10)
        last[0] = now
        if done.is_set():
            app.quit()

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(beat)
    timer.start(10)
    thread = threading.Thread(target=lambda: (work(), done.set()), daemon=True)

    def begin() -> None:  # two seconds after the window showed: painted, grid loaded
        started.set()
        thread.start()

    QTimer.singleShot(2000, begin)
    app.exec()
    thread.join()
    window.close()
    return worst[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--buses", type=int, default=1)
    ap.add_argument("--meters", type=int, default=247)
    ap.add_argument("--every", type=float, default=2.0, help="seconds between sales")
    ap.add_argument("--site-dir", help="keep (and reuse) the built site here")
    ap.add_argument(
        "--gui", action="store_true", help="run the main window meanwhile; its longest stall"
    )
    args = ap.parse_args()

    from app.models import Account, Meter
    from app.paths import SitePaths
    from app.services import batches, billing
    from app.services.auth import AuthService
    from app.services.site import Site

    data = Path(args.site_dir or tempfile.mkdtemp(prefix="pem-bench-batch-"))
    data.mkdir(parents=True, exist_ok=True)
    buses = reuse_site(data, args.buses, args.meters)
    t0 = time.monotonic()
    if buses is None:
        buses = build_site(data, args.buses, args.meters, opened_share=0.1)
        print(f"site built in {time.monotonic() - t0:.0f} s: {data}")
    sims = Simulators(data, buses, pace=True, turnaround_ms=TURNAROUND_MS)
    polls = Polls()
    listener = polls
    if args.gui:
        from app.ui.support.qt_bridge import BusSignals

        gui_app()
        listener = Tee(polls, BusSignals())
    site = Site(SitePaths(data)).open().start(listener=listener, poll=True, role="gui")
    try:
        admin = AuthService().login("admin", PASSWORD)
        opened = [a.meter_id for a in Account.select().where(Account.closed_at.is_null())]
        meter_ids = [m.id for m in Meter.select().order_by(Meter.id)]
        bus_of = {m.id: m.bus_id for m in Meter.select(Meter.id, Meter.bus)}
        time.sleep(2.0)  # the workers connect and start polling
        per_job = trip_transactions()
        job_s, poll_s = wire_s(per_job), wire_s(per_job[:1])
        n_bus = args.meters
        limit = job_s * n_bus
        print(f"{args.buses} bus(es) x {n_bus} meters, paced 9600 8N1, turnaround "
              f"{TURNAROUND_MS} ms; load {machine_load()}")  # fmt: skip
        print(f"a trip: {len(per_job)} transactions, wire limit {job_s * 1000:.0f} ms a meter, "
              f"{limit:.1f} s a bus")  # fmt: skip

        def work() -> None:
            polls.counting = True
            start = time.monotonic()
            batch_id = batches.start(admin, "trip", meter_ids, worker_for=site.worker_for)
            submitted = time.monotonic() - start
            latencies: list[float] = []
            sales_on: dict[int, int] = {}  # bus id -> sales made on it during the batch
            next_sale = time.monotonic() + 1.0
            i = 0
            while not batches.progress(batch_id).finished:
                if time.monotonic() >= next_sale and opened:
                    meter = opened[i % len(opened)]
                    i += 1
                    bus_id = bus_of[meter]
                    sales_on[bus_id] = sales_on.get(bus_id, 0) + 1
                    t = time.monotonic()
                    sale = billing.submit_sale(site.worker_for(meter), admin, meter, 100, "cash")
                    ok = sale.result(30).ok
                    latencies.append(time.monotonic() - t)
                    if not ok:
                        print(f"   sale on meter {meter} not confirmed")
                    next_sale = time.monotonic() + args.every
                time.sleep(0.05)
            wall = time.monotonic() - start
            polls.counting = False
            p = batches.progress(batch_id)
            share = limit / wall
            # Per bus: its updates are the 2 each trip makes, the 2 each sale on it makes,
            # and the polls between batch jobs; a sale is two status reads and a frame.
            sale_s = 2 * poll_s + wire_s(per_job[1:2])
            shares = []
            for bus_id, updates in polls.by_bus.items():
                sold = sales_on.get(bus_id, 0)
                between_b = max(0, updates - 2 * n_bus - 2 * sold)
                shares.append((limit + between_b * poll_s + sold * sale_s) / wall)
            busy = min(shares) if shares else 0.0
            print(f"batch of {len(meter_ids)}: done {p.total('done')}, failed {p.total('failed')}; "
                  f"submitted in {submitted:.2f} s, finished in {wall:.1f} s")  # fmt: skip
            print(f"   batch share of the wire: {share:.0%} (limit {limit:.1f} s a bus); with the "
                  f"polls and sales beside it the least busy bus was {busy:.0%}")  # fmt: skip
            setup = (f"{args.buses}x{n_bus} default meters, paced 9600 8N1, turnaround "
                     f"{TURNAROUND_MS} ms, real Site, a poll every 2 s in the batch")  # fmt: skip
            # The target is the bus's utilisation during the batch: the batch's own frames,
            # the polls between its jobs and the cashier's sales all share the line.
            result(f"bus utilisation during a batch trip, {len(meter_ids)} meters on "
                   f"{args.buses} bus(es)", ">= 80% of wire",
                   f"least busy bus {busy:.0%} ({wall:.1f} s); the batch alone {share:.0%} "
                   f"(limit {limit:.1f} s) with {len(latencies)} sales beside it",
                   busy >= 0.8, setup)  # fmt: skip
            if latencies:
                latencies.sort()
                med = statistics.median(latencies) * 1000
                print(f"   {len(latencies)} sales during the batch: median {med:.0f} ms, "
                      f"max {latencies[-1] * 1000:.0f} ms")  # fmt: skip
                result(f"sale during a batch ({len(meter_ids)} meters)", "< 1 s",
                       f"median {med:.0f} ms, max {latencies[-1] * 1000:.0f} ms",
                       latencies[-1] < 1.0, setup)  # fmt: skip

        if args.gui:
            stall_ms = run_with_window(site, work)
            print(f"   GUI thread (MainWindow on the real Qt bridge): longest stall "
                  f"{stall_ms:.0f} ms during the batch")  # fmt: skip
            result(f"GUI stall during a batch ({len(meter_ids)} meters)", "< 50 ms",
                   f"{stall_ms:.0f} ms", stall_ms < 50,
                   "offscreen Qt, MainWindow fed by the bus workers' updates")  # fmt: skip
        else:
            work()
    finally:
        site.stop()
        sims.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
