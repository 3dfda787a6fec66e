"""What the alarm engine adds to a poll cycle: 5,000 meters polled through the real worker path.

Setup: a site database with ``--buses`` buses of ``--meters`` meters (5,000 by
default), a share of them opened (accounts with a balance in alarm, so alarms
are raised), each bus served by a real ``BusWorker`` with its ``PollStore``,
``ContactChecks`` and (second run) the ``AlarmFeed``, against an in-process
simulator through ``LoopbackBus`` (no port, no pacing: the CPU of polling
itself). The simulator's own time is measured (thread CPU around
``SimBus.handle``) and taken out, so the share is of the program's poll work.

Two runs of ``--seconds`` each, without and with the alarm feed; printed:
polls, CPU per poll (thread CPU of the worker threads minus the simulator),
the engine's own CPU per poll (measured around observe and the flush's
writes), and the share. Run: ``python bench/alarm_engine.py``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.report import result

MASTER = b"b" * 32


def build(data: Path, buses: int, meters: int, opened_every: int):
    from app.models import Account, Building, Bus, LedgerEntry, Meter, open_database  # noqa: F401
    from app.serial_io.events import MeterRef
    from app.serial_io.meter_data import MeterIdentity
    from app.serial_io.simulator.bus import SimBus
    from app.serial_io.simulator.load import LoadProfile
    from app.serial_io.simulator.meter import SimMeter
    from app.services import chain_key  # noqa: F401
    from app.services.chain_rekey import open_chains

    open_database(data / "site.db", create=True)
    open_chains(MASTER, data / "master.key")
    building = Building.create(name="bench")
    out = []
    for b in range(1, buses + 1):
        bus = Bus.create(name=f"bus{b}", building=building, port="loopback", parity="N")
        sims, refs = [], []
        for a in range(1, meters + 1):
            serial = f"B{b:03d}{a:08d}"
            m = Meter.create(number=f"B{b:02d}M{a:03d}", bus=bus, address=a, serial=serial)
            refs.append(MeterRef(m.id, a, serial))
            # balances spread over every level: normal, alarm 1, alarm 2, arrears
            balance = (50_000, 1500, 300, -20)[a % 4]
            sims.append(SimMeter(a, MeterIdentity(serial), load=LoadProfile(kind="constant",
                                 base_w=0), balance=balance))  # fmt: skip
        out.append((bus, refs, SimBus(sims, MASTER, speed=0, start_time=1_700_000_000)))
    return out


def open_accounts(opened_every: int) -> int:
    """Accounts opened straight in the tables (no ledger): balance alarms apply to them."""
    from app.models import Account, Meter, Tenant

    tenant = Tenant.create(name="bench", account_no="B1")
    n = 0
    for meter in Meter.select().order_by(Meter.id):
        if meter.id % opened_every == 0:
            Account.create(tenant=tenant, meter=meter)
            n += 1
    return n


class TimedSim:
    """``SimBus.handle`` with its thread CPU counted (taken out of the poll's CPU)."""

    def __init__(self, sim) -> None:
        self.sim = sim
        self.cpu = 0.0
        self.lock = threading.Lock()
        inner = sim.handle

        def handle(request):
            t0 = time.thread_time()
            try:
                return inner(request)
            finally:
                dt = time.thread_time() - t0
                with self.lock:
                    self.cpu += dt

        sim.handle = handle


class TimedFeed:
    """The AlarmFeed with its thread CPU counted (observe in the poll, take/write in flush)."""

    def __init__(self) -> None:
        from app.services.alarm_feed import AlarmFeed

        self.feed = AlarmFeed()
        self.cpu = 0.0
        self.calls = 0
        self.flush_cpu = 0.0  # of it, in take/write (the flush: context reads, alarm rows)
        self.first_cpu = 0.0  # of that, the first flush: every meter's context, the alarms
        self.takes = 0  # a site already in alarm starts with
        self.lock = threading.Lock()

    def _flush(self, fn, *args):
        before = self.cpu
        try:
            return self._timed(fn, *args)
        finally:
            self.flush_cpu += self.cpu - before
            if self.takes <= 1:
                self.first_cpu += self.cpu - before

    def take(self):
        self.takes += 1
        return self._flush(self.feed.take)

    def _timed(self, fn, *args):
        t0 = time.thread_time()
        try:
            return fn(*args)
        finally:
            dt = time.thread_time() - t0
            with self.lock:
                self.cpu += dt
                self.calls += 1

    def observe(self, update):
        return self._timed(self.feed.observe, update)

    def write(self, batch, each=False):
        return self._flush(self.feed.write, batch, each)

    def give_back(self, batch):
        return self.feed.give_back(batch)


def wrapper_cost(calls: int) -> tuple[float, float]:
    """``calls`` timed calls of a no-op through the same wrapper: (their whole CPU, the CPU the
    wrapper counted as the engine's), taken out of the worker's and the engine's figures."""
    probe = TimedFeed()
    probe.feed.observe = lambda _u: None
    t0 = time.thread_time()
    for _ in range(calls):
        probe.observe(None)
    return time.thread_time() - t0, probe.cpu


def run(buses, seconds: float, with_alarms: bool) -> dict:
    from app.serial_io.events import BusConfig, PollSettings
    from app.serial_io.loopback import LoopbackBus
    from app.serial_io.poll_store import PollStore
    from app.serial_io.worker import BusWorker
    from app.services.contact_checks import ContactChecks

    settings = PollSettings(reading_interval_s=3600, state_flush_s=5.0)
    workers, sims, feeds, cpu = [], [], [], {}
    for bus, refs, sim in buses:
        timed = TimedSim(sim)
        sims.append(timed)
        feed = TimedFeed() if with_alarms else None
        feeds.append(feed)
        worker = BusWorker(
            BusConfig(bus.id, bus.name, "loopback", parity="N"), refs, MASTER,
            settings=settings, store=PollStore(observer=feed), contact=ContactChecks(),
            bus_factory=lambda _c, s=sim: LoopbackBus(s),
        )  # fmt: skip
        original = worker.run

        def measured(original=original, worker=worker):
            t0 = time.thread_time()
            try:
                original()
            finally:
                cpu[worker.name] = time.thread_time() - t0

        worker.run = measured
        workers.append(worker)
    for w in workers:
        w.start()
    time.sleep(seconds)
    for w in workers:
        w.stop(30)
    polls = sum(
        w.stats(r.meter_id).answers + w.stats(r.meter_id).timeouts
        for w, (_b, refs, _s) in zip(workers, buses, strict=True)
        for r in refs
    )
    total = sum(cpu.values())
    sim_cpu = sum(s.cpu for s in sims)
    engine = sum(f.cpu for f in feeds if f is not None)
    calls = sum(f.calls for f in feeds if f is not None)
    flush = sum(f.flush_cpu for f in feeds if f is not None)
    first = sum(f.first_cpu for f in feeds if f is not None)
    overhead, counted = wrapper_cost(calls) if calls else (0.0, 0.0)
    return {
        "polls": polls, "worker_cpu": total - overhead, "sim_cpu": sim_cpu,
        "engine_cpu": engine - counted, "overhead": overhead, "flush_cpu": flush,
        "first_cpu": first,
    }  # fmt: skip


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--buses", type=int, default=25)
    p.add_argument("--meters", type=int, default=200)
    p.add_argument("--seconds", type=float, default=20.0)
    p.add_argument("--opened-every", type=int, default=2, help="every Nth meter has an account")
    args = p.parse_args()
    from app.models import Alarm

    with tempfile.TemporaryDirectory() as tmp:
        buses = build(Path(tmp), args.buses, args.meters, args.opened_every)
        opened = open_accounts(args.opened_every)
        print(f"setup: {args.buses} buses x {args.meters} meters = {args.buses * args.meters} "
              f"meters, {opened} opened; real BusWorker + PollStore + ContactChecks over "
              f"LoopbackBus (in-process simulator, unpaced); flush every 5 s; "
              f"{args.seconds:g} s per run; python {sys.version.split()[0]}")  # fmt: skip
        results = {}
        for with_alarms in (False, True):
            r = results[with_alarms] = run(buses, args.seconds, with_alarms)
            own = r["worker_cpu"] - r["sim_cpu"]
            label = "with alarm engine" if with_alarms else "without alarm engine"
            print(
                f"{label:>22}: {r['polls']:>7} polls, worker CPU {r['worker_cpu']:.2f} s "
                f"(simulator {r['sim_cpu']:.2f} s), poll path {own / r['polls'] * 1e6:.1f} us/poll"
                + (f", engine {r['engine_cpu'] / r['polls'] * 1e6:.2f} us/poll (timing wrapper "
                   f"{r['overhead']:.2f} s taken out)" if with_alarms else "")
            )  # fmt: skip
        r = results[True]
        own = r["worker_cpu"] - r["sim_cpu"]
        base = results[False]
        base_per = (base["worker_cpu"] - base["sim_cpu"]) / base["polls"]
        per = own / r["polls"]
        print(f"of the engine's CPU, at flushes (context reads, seeding, alarm rows): "
              f"{r['flush_cpu']:.3f} s; per poll (observe): "
              f"{(r['engine_cpu'] - r['flush_cpu']) / r['polls'] * 1e6:.2f} us")  # fmt: skip
        print(
            f"  of which the first flush of each bus (every context, the "
            f"{Alarm.select().count()} alarms the site starts in): {r['first_cpu']:.3f} s"
        )
        print(
            f"engine share of the poll path's CPU (measured around it): "
            f"{r['engine_cpu'] / own * 100:.2f} %; after the first flush: "
            f"{(r['engine_cpu'] - r['first_cpu']) / (own - r['first_cpu']) * 100:.2f} %"
        )
        print(
            f"poll path CPU per poll, with vs without: {per * 1e6:.1f} vs {base_per * 1e6:.1f} "
            f"us ({(per / base_per - 1) * 100:+.1f} %, includes run-to-run noise)"
        )
        share = (r["engine_cpu"] - r["first_cpu"]) / (own - r["first_cpu"]) * 100
        result("alarm engine share of poll CPU", "< 5 %", f"{share:.2f} %", share < 5,
               f"{args.buses} buses x {args.meters} meters, after the first flush")  # fmt: skip
        print(
            f"alarm rows: {Alarm.select().count()} "
            f"(open {Alarm.select().where(Alarm.ended_at.is_null()).count()})"
        )


if __name__ == "__main__":
    main()
