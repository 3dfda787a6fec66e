"""Polling figures (a benchmark, not a test): bus utilisation, dead meters, host CPU per poll.

    .venv/bin/python bench/poll.py [--buses 1] [--meters 125] [--windows 5] [--window-s 6]
                                   [--modes unpaced,paced] [--site-dir DIR] [--skip-wire]
                                   [--skip-dead] [--skip-cpu] [--json FILE]
    .venv/bin/python bench/poll.py --buses 40 --window-s 10   # 5,000 meters at once
    .venv/bin/python bench/poll.py --profile acrel-ddsy1352   # a family's wire figure only

1. Wire (a pty simulator in a child process, paced at 9600 8E1, 11 bits a
   byte; the client uses parity N because a pty carries no parity): the full
   status cycle of 247 meters against the wire-time limit from the frame sizes
   (request 8 bytes, answer 5+80, turnaround, two 3.5-character gaps), median
   and worst of several cycles. Modbus addresses stop at 247, so one line holds
   247 meters; the figure for 256 (a full gateway) is scaled from it. With
   ``--profile NAME`` the simulator serves that family's personality at its
   factory line settings (acrel-ddsy1352: 9600 8N1, a 48-register status
   block: 8 bytes out, 101 back) and the limit is computed from the requests
   the profile's own status read makes.
2. The same with 10% dead meters, once they are offline (target <= 1.25x healthy).
3. Host CPU of the whole per-poll work, as the program does it: a real site
   database (``create_site``) with accounts opened on two meters in three,
   ``Site.start`` wiring one ``BusWorker`` per bus with its ``PollStore`` and
   ``ContactChecks`` (and the bus supervisor and job watcher beside them);
   the simulated gateways are ``python main.py simulate --tcp PORT`` processes,
   one per bus, so their CPU is not counted. CPU is ``time.process_time`` of
   this process over windows of ``--window-s`` seconds; the figure is CPU per
   transaction, median and worst of the windows, paced (9600 8N1, the answer
   at the byte rate) and unpaced (the answer in one piece). The turnaround is
   the program's default, 50 ms (``BusConfig.turnaround_ms``), on both sides.
   Beside it: the CPU of the bus worker threads alone and of the bus
   supervisor (a fixed cost, some 33 wake-ups a second whatever the number of
   buses: on one bus it is over half of the per-transaction figure), and how
   often the workers slept and woke per transaction (each wake-up costs 40-130
   us of CPU on this virtual machine). The first cycle (connecting, every
   meter's first stored reading, the caches) is measured apart from the windows.
   With ``--buses 40`` (5,000 meters: 125 a bus) it also gives each bus's
   share of its wire limit (worst cycle after the first) and the total CPU as
   a share of one core. ``--site-dir`` keeps the built site for the next run.

Other sessions may load the machine; the load average is printed beside the
figures so a loaded run can be told apart.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.serial_io.events import BusConfig, MeterRef, PollSettings
from app.serial_io.site_keys import SiteKeys
from app.serial_io.transport import transaction_wire_s
from app.serial_io.worker import BusWorker
from bench.poll_site import Simulators, build_site, reuse_site
from bench.report import result

MASTER = bytes(range(32))
KEYS = SiteKeys(MASTER, {"acrel": bytes(range(16))})
TURNAROUND_MS = BusConfig.turnaround_ms  # the program's default: 50 ms
CPU_GOAL_MS = 2.0
SHARE_GOAL = 0.90  # of the wire limit, every bus
CORE_GOAL = 0.50  # of one core, all buses
WAKES = "wakes"  # thread_cpu_s: the bus workers' sleeps, counted, not seconds


def thread_cpu_s() -> dict[str, float]:
    """CPU seconds of each live thread of this process, by name (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    out: dict[str, float] = {}
    for t in threading.enumerate():
        try:
            stat = Path(f"/proc/self/task/{t.native_id}/stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        kind = "bus workers" if t.name.startswith("bus-") and t.name != "bus-supervisor" else t.name
        out[kind] = out.get(kind, 0.0) + (int(fields[11]) + int(fields[12])) / tick
        if kind == "bus workers":  # how often they slept and woke (each wake costs CPU)
            status = Path(f"/proc/self/task/{t.native_id}/status").read_text()
            waits = int(status.split("voluntary_ctxt_switches:")[1].split()[0])
            out[WAKES] = out.get(WAKES, 0.0) + waits
    return out


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


# ---------------------------------------------------------------- 1, 2: the wire
def _serve(conn, n: int, pace: bool, dead: list[int], profile: str = "default") -> None:
    from app.serial_io.profiles import get_profile
    from app.serial_io.simulator import PtyServer
    from app.serial_io.simulator.site_file import make_family_meters
    from tests.sim_helpers import make_sim_bus

    faults = "dead=" + ",".join(map(str, dead)) if dead else None
    meters = None
    if profile != "default":  # that family's personality, its factory line settings
        meters = make_family_meters(profile, list(range(1, n + 1)), utc_offset=0)
    bus = make_sim_bus(KEYS, addresses=range(1, n + 1), meters=meters, faults=faults)
    parity = get_profile(profile).line.parity
    server = PtyServer(bus, pace=pace, baud=9600, parity=parity, turnaround_ms=TURNAROUND_MS)
    server.start()
    conn.send(server.port)
    conn.recv()  # until the parent says stop
    server.stop()


class PtySim:
    def __init__(self, n: int, pace: bool, dead: list[int] = (), profile: str = "default") -> None:
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(
            target=_serve, args=(child, n, pace, list(dead), profile), daemon=True
        )
        self.proc.start()
        self.port = self.conn.recv()

    def stop(self) -> None:
        self.conn.send("stop")
        self.proc.join(10)


class Counter:
    """The listener: counts polls, and collects each bus's completed cycle times."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.polls = 0
        self.answers = 0
        self.mismatches = 0
        self.cycles: dict[int, list[float]] = {}
        self.event = threading.Event()

    def meter_updated(self, update) -> None:
        with self.lock:
            self.polls += 1
            self.answers += update.status is not None
            self.mismatches += bool(update.flags)

    def bus_updated(self, update) -> None:
        if update.cycle_s is None or update.state.value != "running":
            return
        with self.lock:
            seen = self.cycles.setdefault(update.bus_id, [])
            if not seen or update.cycle_s != seen[-1]:
                seen.append(update.cycle_s)
                self.event.set()


def wire_cycles(
    n: int, cycles: int, dead: list[int] = (), skip: int = 1, profile: str = "default"
) -> list[float]:
    sim = PtySim(n, True, dead, profile)
    counter = Counter()
    config = BusConfig(1, "bench", sim.port, baud=9600, parity="N", turnaround_ms=TURNAROUND_MS)
    refs = [MeterRef(a, a, f"{a:012d}", profile) for a in range(1, n + 1)]
    worker = BusWorker(config, refs, KEYS, listener=counter, settings=PollSettings())
    worker.start()
    try:
        while len(counter.cycles.get(1, [])) < skip + cycles:
            counter.event.wait(1)
            counter.event.clear()
    finally:
        worker.stop()
        sim.stop()
    return counter.cycles[1][skip:]


class _SizeRecorder:
    """A RegisterBus that only notes the requests a profile's status read makes."""

    def __init__(self) -> None:
        self.reads: list[int] = []

    def read_registers(self, address: int, start: int, count: int) -> list[int]:
        self.reads.append(count)
        return [0] * count


def status_reads(profile: str) -> list[int]:
    """Registers in each request of one status read of ``profile`` (48 for a DDSY1352)."""
    from app.serial_io.profiles import get_profile

    recorder = _SizeRecorder()
    get_profile(profile).read_status(recorder, MeterRef(1, 1, "000000000001", profile))
    return recorder.reads


def _limit_s(n: int, parity: str, profile: str = "default") -> float:
    wire = BusConfig(1, "wire", "x", baud=9600, parity=parity, turnaround_ms=TURNAROUND_MS)
    return sum(transaction_wire_s(wire, 8, 5 + 2 * c) for c in status_reads(profile)) * n


def wire_section(n: int, cycles: int, skip_dead: bool, out: dict, profile="default") -> None:
    from app.serial_io.profiles import get_profile

    parity = get_profile(profile).line.parity
    reads = status_reads(profile)
    limit = _limit_s(n, parity, profile)
    line = f"9600 8{parity}1 paced pty"
    print(f"1. wire: {n} {profile} meters ({'+'.join(map(str, reads))}-register status"
          f" read), {line}, turnaround {TURNAROUND_MS} ms; {_load()}")  # fmt: skip
    per_ms = limit / n * 1000
    print(f"   wire-time limit {per_ms:.1f} ms a status transaction, {limit:.2f} s a cycle")
    healthy = wire_cycles(n, cycles, profile=profile)
    med, worst = statistics.median(healthy), max(healthy)
    print(f"   cycles {', '.join(f'{c:.2f}' for c in healthy)} s")
    print(f"   bus utilisation: median {limit / med * 100:.0f}%, worst {limit / worst * 100:.0f}%"
          f" of the wire limit; 256 meters: {med / n * 256:.1f} s a cycle")  # fmt: skip
    out["utilisation_median"], out["utilisation_worst"] = limit / med, limit / worst
    name = f"bus utilisation, {n} meters" + ("" if profile == "default" else f" ({profile})")
    result(
        name,
        ">= 90%",
        f"median {limit / med:.0%}, worst {limit / worst:.0%}",
        limit / worst >= 0.9,
        f"{line}, turnaround {TURNAROUND_MS} ms, {cycles} cycles",
    )
    if skip_dead:
        return
    dead = list(range(1, n + 1, 10))
    slow = wire_cycles(n, cycles, dead=dead, skip=3)
    ratio = max(slow) / med
    print(f"2. 10% dead ({len(dead)} meters), once offline: cycles"
          f" {', '.join(f'{c:.2f}' for c in slow)} s; worst {ratio:.2f}x healthy"
          " (target <= 1.25x)")  # fmt: skip
    out["dead_ratio_worst"] = ratio
    result("cycle with 10% dead meters", "<= 1.25x", f"worst {ratio:.2f}x", ratio <= 1.25,
           f"{len(dead)} of {n} meters dead, once offline")  # fmt: skip


# ---------------------------------------------------------------- 3: CPU, the real site
def cpu_run(data_dir: Path, buses, pace: bool, windows: int, window_s: float) -> dict:
    """Start the site's buses against simulators; CPU per poll over several windows."""
    from app.paths import SitePaths
    from app.services.site import Site

    sims = Simulators(data_dir, buses, pace, TURNAROUND_MS)
    counter = Counter()
    site = Site(SitePaths(data_dir)).open()
    try:
        cpu0, wall0 = time.process_time(), time.monotonic()
        site.start(counter, role="bench")
        # The first cycle (connecting, every meter's first stored reading, the contact
        # check's caches filled) is measured apart: the windows are the steady state.
        deadline = wall0 + 2 * _limit_s(buses[0].meters, "N") + 30
        while time.monotonic() < deadline:
            with counter.lock:
                if all(counter.cycles.get(b.bus_id) for b in buses):
                    break
            time.sleep(0.2)
        first_core = (time.process_time() - cpu0) / (time.monotonic() - wall0)
        per_tx, per_core = [], []
        by_thread: dict[str, float] = {}
        total_polls = 0
        for _ in range(windows):
            with counter.lock:
                polls0 = counter.polls
            cpu0, wall0, sim0 = time.process_time(), time.monotonic(), sims.cpu_s()
            threads0 = thread_cpu_s()
            time.sleep(window_s)
            cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
            with counter.lock:
                polls = counter.polls - polls0
            threads1 = thread_cpu_s()
            for name, used in threads1.items():
                by_thread[name] = by_thread.get(name, 0.0) + used - threads0.get(name, 0.0)
            total_polls += polls
            per_tx.append(cpu / max(polls, 1))
            per_core.append(cpu / wall)
            sim_core = (sims.cpu_s() - sim0) / wall
        with counter.lock:
            cycles = {b: list(c) for b, c in counter.cycles.items()}
            mismatches, answers, polls = counter.mismatches, counter.answers, counter.polls
    finally:
        site.stop()
        sims.stop()
    return {
        "per_tx": per_tx,
        "per_core": per_core,
        "cycles": cycles,
        "answers": answers,
        "polls": polls,
        "mismatches": mismatches,
        "sim_core": sim_core,
        "first_core": first_core,
        "thread_ms_per_tx": {k: v * 1000 / max(total_polls, 1) for k, v in by_thread.items()},
    }


def cpu_section(args, out: dict) -> None:
    n, nbuses = args.meters, args.buses
    with tempfile.TemporaryDirectory(prefix="pem-bench-") as tmp:
        data_dir = args.site_dir or Path(tmp)
        t0 = time.monotonic()
        buses = reuse_site(data_dir, nbuses, n) or build_site(data_dir, nbuses, n, 2 / 3)
        print(f"3. CPU of the whole per-poll work: site database, {nbuses} bus(es) x {n} meters,"
              f" accounts on every 2nd... (built in {time.monotonic() - t0:.0f} s)"
              .replace("every 2nd...", "2 of 3 meters"))  # fmt: skip
        print("   Site.start: BusWorker + PollStore + ContactChecks per bus, supervisor, job"
              f" watcher; gateways: main.py simulate --tcp, 9600 8N1, turnaround {TURNAROUND_MS} ms"
              f" both sides; {args.windows} windows of {args.window_s:.0f} s")  # fmt: skip
        limit = _limit_s(n, "N")
        for label, pace in (("unpaced", False), ("paced", True)):
            if label not in args.modes.split(","):
                continue
            r = cpu_run(data_dir, buses, pace, args.windows, args.window_s)
            med, worst = statistics.median(r["per_tx"]) * 1000, max(r["per_tx"]) * 1000
            core_med, core_worst = statistics.median(r["per_core"]), max(r["per_core"])
            ok = "met" if worst <= CPU_GOAL_MS else "NOT met"
            print(f"   {label}: CPU per transaction median {med:.2f} ms, worst {worst:.2f} ms"
                  f" (goal <= {CPU_GOAL_MS:.0f} ms: {ok}); {r['polls']} polls,"
                  f" {r['answers']} answers, {r['mismatches']} count mismatches;"
                  f" {_load()}")  # fmt: skip
            windows = ", ".join(f"{c:.0%}" for c in r["per_core"])
            print(f"     polling process: {core_med:.0%} of one core, worst window {core_worst:.0%}"
                  f" (windows {windows}; first cycle, from the start {r['first_core']:.0%});"
                  f" simulators {r['sim_core']:.0%}")  # fmt: skip
            per = dict(r["thread_ms_per_tx"])
            wakes = per.pop(WAKES, 0.0) / 1000
            threads = sorted(per.items(), key=lambda kv: -kv[1])
            parts = [f"{name} {ms:.2f} ms" for name, ms in threads if ms >= 0.005]
            print("     of which, per transaction: " + ", ".join(parts)
                  + f"; the bus workers slept and woke {wakes:.1f} times")  # fmt: skip
            out[f"cpu_ms_{label}_median"], out[f"cpu_ms_{label}_worst"] = med, worst
            result(
                f"CPU a poll, {label}, {nbuses} bus(es) x {n}",
                "<= 2 ms",
                f"median {med:.2f}, worst {worst:.2f} ms",
                worst <= CPU_GOAL_MS,
                f"whole per-poll work (Site.start: worker, poll store, contact check), "
                f"turnaround {TURNAROUND_MS} ms, {args.windows} windows of {args.window_s:g} s",
            )
            out[f"threads_ms_{label}"] = r["thread_ms_per_tx"]
            out[f"core_{label}_median"], out[f"core_{label}_worst"] = core_med, core_worst
            if pace:
                shares = []
                for bus in buses:
                    cycles = r["cycles"].get(bus.bus_id, [])[1:]  # the first began cold
                    shares.append(limit / max(cycles) if cycles else 0.0)
                low = min(shares)
                print(f"     wire limit {limit:.2f} s a cycle; every bus's worst cycle: lowest"
                      f" share {low * 100:.0f}%, median {statistics.median(shares) * 100:.0f}%"
                      f" (goal >= {SHARE_GOAL * 100:.0f}% each)")  # fmt: skip
                out["bus_share_lowest"], out["bus_share_median"] = low, statistics.median(shares)
                if nbuses > 1:
                    both = low >= SHARE_GOAL and core_worst < CORE_GOAL
                    verdict = "met" if both else "NOT met"
                    goal = f"every bus >= {SHARE_GOAL:.0%}, < {CORE_GOAL:.0%} of a core"
                    print(f"     {nbuses} buses at once: {verdict} ({goal})")
                    result(
                        f"{nbuses} buses at once",
                        f">= {SHARE_GOAL:.0%} each, < {CORE_GOAL:.0%} core",
                        f"lowest {low:.0%}, CPU {core_worst:.0%}",
                        both,
                        f"{nbuses} x {n} meters, paced 9600 8N1 gateways in other processes",
                    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buses", type=int, default=1, help="buses in the CPU section")
    parser.add_argument("--meters", type=int, default=125, help="meters a bus (CPU section)")
    parser.add_argument("--wire-meters", type=int, default=247)
    parser.add_argument(
        "--profile",
        default="default",
        help="the wire section on this meter family's personality only (e.g. acrel-ddsy1352)",
    )
    parser.add_argument("--cycles", type=int, default=3, help="cycles in the wire sections")
    parser.add_argument("--windows", type=int, default=5)
    parser.add_argument("--window-s", type=float, default=6.0)
    parser.add_argument("--modes", default="unpaced,paced")
    parser.add_argument("--skip-wire", action="store_true")
    parser.add_argument("--skip-dead", action="store_true")
    parser.add_argument("--skip-cpu", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--site-dir", type=Path, help="build the site here and reuse it on the next run"
    )
    args = parser.parse_args()
    out: dict = {"buses": args.buses, "meters": args.meters, "turnaround_ms": TURNAROUND_MS}
    if args.buses > 1:  # the scale section: the wire sections are the one-bus figures
        args.skip_wire = True
    if args.profile != "default":  # a family's wire figure; the CPU section is the default's
        args.skip_cpu, args.skip_dead = True, True
    if not args.skip_wire:
        wire_section(args.wire_meters, args.cycles, args.skip_dead, out, args.profile)
    if not args.skip_cpu:
        cpu_section(args, out)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
