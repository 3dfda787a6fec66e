"""Polling figures (a benchmark, not a test): cycle time vs wire time, CPU per transaction.

    .venv/bin/python bench/poll.py [--meters 247] [--cycles 2] [--skip-dead] [--skip-cpu]

1. A paced 9600 8E1 bus (the simulator's PtyServer with pace=True, turnaround
   20 ms, 11 bits a byte; the client uses parity N because a pty carries no
   parity): the full status cycle against the wire-time limit from the frame
   sizes (request 8 bytes, answer 5+80, turnaround, two 3.5-character gaps).
   Modbus addresses stop at 247, so one line holds 247 meters; the figure for
   256 (a full gateway) is scaled from it.
2. The same with 10% dead meters, once they are offline (target <= 1.25x healthy).
3. Unpaced, the host CPU per transaction (time.process_time of this process;
   the simulator runs in a child process so its CPU is not counted).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.serial_io.events import BusConfig, MeterRef, PollSettings
from app.serial_io.transport import transaction_wire_s
from app.serial_io.worker import BusWorker

MASTER = bytes(range(32))
TURNAROUND_MS = 20


def _serve(conn, n: int, pace: bool, dead: list[int]) -> None:
    from app.serial_io.simulator import PtyServer
    from tests.sim_helpers import make_sim_bus

    faults = "dead=" + ",".join(map(str, dead)) if dead else None
    bus = make_sim_bus(MASTER, addresses=range(1, n + 1), faults=faults)
    server = PtyServer(bus, pace=pace, baud=9600, parity="E", turnaround_ms=TURNAROUND_MS)
    server.start()
    conn.send(server.port)
    conn.recv()  # until the parent says stop
    server.stop()


class Sim:
    def __init__(self, n: int, pace: bool, dead: list[int] = ()) -> None:
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, n, pace, list(dead)), daemon=True)
        self.proc.start()
        self.port = self.conn.recv()

    def stop(self) -> None:
        self.conn.send("stop")
        self.proc.join(10)


class CycleListener:
    def __init__(self) -> None:
        self.cycles: list[float] = []
        self.event = threading.Event()
        self.polls = 0

    def meter_updated(self, update) -> None:
        self.polls += 1

    def bus_updated(self, update) -> None:
        new = update.cycle_s is not None and (not self.cycles or update.cycle_s != self.cycles[-1])
        if new and update.state.value == "running":
            self.cycles.append(update.cycle_s)
            self.event.set()


def measure(n: int, cycles: int, pace: bool, dead: list[int] = (), skip: int = 0):
    sim = Sim(n, pace, dead)
    listener = CycleListener()
    config = BusConfig(1, "bench", sim.port, baud=9600, parity="N", turnaround_ms=TURNAROUND_MS)
    refs = [MeterRef(a, a) for a in range(1, n + 1)]
    worker = BusWorker(config, refs, MASTER, listener=listener, settings=PollSettings())
    worker.start()
    try:
        while len(listener.cycles) < skip + cycles:
            listener.event.wait(1)
            listener.event.clear()
    finally:
        worker.stop()
        sim.stop()
    return listener.cycles[skip:], worker


def cpu_per_poll(n: int, seconds: float) -> tuple[float, int]:
    sim = Sim(n, pace=False)
    listener = CycleListener()
    config = BusConfig(1, "cpu", sim.port, baud=115200, parity="N", turnaround_ms=0)
    worker = BusWorker(config, [MeterRef(a, a) for a in range(1, n + 1)], MASTER, listener)
    worker.start()
    time.sleep(1.0)  # warm up
    polls0, cpu0 = listener.polls, time.process_time()
    time.sleep(seconds)
    polls, cpu = listener.polls - polls0, time.process_time() - cpu0
    worker.stop()
    sim.stop()
    return cpu / max(polls, 1), polls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meters", type=int, default=247)
    parser.add_argument("--cycles", type=int, default=2)
    parser.add_argument("--skip-dead", action="store_true")
    parser.add_argument("--skip-cpu", action="store_true")
    args = parser.parse_args()
    n = args.meters

    wire = BusConfig(1, "wire", "x", baud=9600, parity="E", turnaround_ms=TURNAROUND_MS)
    per = transaction_wire_s(wire, 8, 85)
    request_s = 8 * 11 / 9600
    limit = per * n
    print(f"wire-time limit per status transaction at 9600 8E1: {per * 1000:.1f} ms")
    print(f"  (request 8 B {request_s * 1000:.1f} ms + answer 85 B + {TURNAROUND_MS} ms turnaround"
          " + 2 x 3.5-char gaps)")  # fmt: skip

    cycles, worker = measure(n, args.cycles, pace=True)
    best = min(cycles)
    print(f"healthy bus, {n} meters: cycles {', '.join(f'{c:.2f}' for c in cycles)} s;"
          f" limit {limit:.2f} s")  # fmt: skip
    print(f"bus utilization: {limit / best * 100:.0f}%")
    print(f"  per transaction: {best / n * 1000:.1f} ms measured vs {per * 1000:.1f} ms wire;"
          f" 256 meters would take {best / n * 256:.1f} s a cycle")  # fmt: skip
    stats = worker.stats(1)
    print(f"  meter 1: {stats.answers} answers, last response {stats.last_response_ms:.1f} ms")

    if not args.skip_dead:
        dead = list(range(1, n + 1, 10))
        dead_cycles, _ = measure(n, args.cycles, pace=True, dead=dead, skip=3)
        worst = max(dead_cycles)
        print(f"10% dead ({len(dead)} meters), after they went offline: cycles "
              f"{', '.join(f'{c:.2f}' for c in dead_cycles)} s = {worst / best:.2f}x healthy"
              " (target <= 1.25x)")  # fmt: skip

    if not args.skip_cpu:
        cpu, polls = cpu_per_poll(min(n, 32), 5.0)
        print(f"unpaced: host CPU {cpu * 1000:.2f} ms per transaction over {polls} polls"
              " (target <= 2 ms)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
