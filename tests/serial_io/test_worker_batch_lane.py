"""The batch lane: a poll between two batch jobs, but an operator's job before that poll."""

from __future__ import annotations

import itertools
import threading

from app.serial_io.events import BusConfig, MeterRef, PollSettings, Priority
from app.serial_io.loopback import LoopbackBus
from app.serial_io.worker import BusWorker
from tests.sim_helpers import make_sim_bus

SETTINGS = PollSettings(retry_base_s=0.1, retry_max_s=0.3, state_flush_s=0.05)


class Order:
    """What ran on the bus, in order: ("poll", meter) or ("job", label)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seen: list[tuple[str, object]] = []

    def meter_updated(self, update) -> None:
        with self.lock:
            self.seen.append(("poll", update.meter_id))

    def bus_updated(self, update) -> None:
        pass

    def job(self, label):
        def run(_link):
            with self.lock:
                self.seen.append(("job", label))
            return label

        return run


def _worker(master_key, order, n=5):
    sim = make_sim_bus(master_key, addresses=range(1, n + 1))
    refs = [MeterRef(a, a, sim.meter(a).identity.serial) for a in range(1, n + 1)]
    config = BusConfig(1, "bus1", "loop", parity="N", turnaround_ms=0)
    return BusWorker(
        config, refs, master_key, listener=order, settings=SETTINGS,
        bus_factory=lambda _c: LoopbackBus(sim),
    )  # fmt: skip


def test_a_poll_runs_between_two_batch_jobs(master_key):
    order = Order()
    worker = _worker(master_key, order)
    worker.BATCH_POLL_GAP_S = 0.0  # every time (the jobs here take no time at all)
    gate = threading.Event()
    worker.submit(lambda _l: gate.wait(5), Priority.OPERATOR, "hold")
    futures = [worker.submit(order.job(f"b{i}"), Priority.BATCH, f"b{i}") for i in range(6)]
    worker.start()
    try:
        gate.set()
        for f in futures:
            f.result(5)
    finally:
        worker.stop()
    with order.lock:
        seen = list(order.seen)
    jobs_at = [i for i, (what, _) in enumerate(seen) if what == "job"]
    assert len(jobs_at) == 6
    for a, b in itertools.pairwise(jobs_at):
        assert any(what == "poll" for what, _ in seen[a + 1 : b]), seen  # the grid stays live


def test_polls_during_a_batch_come_at_least_once_a_gap(master_key):
    order = Order()
    worker = _worker(master_key, order)
    worker.BATCH_POLL_GAP_S = 0.05

    def slow(label):
        def run(link):
            order.job(label)(link)
            import time

            time.sleep(0.02)

        return run

    futures = [worker.submit(slow(f"b{i}"), Priority.BATCH, f"b{i}") for i in range(10)]
    worker.start()
    try:
        for f in futures:
            f.result(5)
    finally:
        worker.stop()
    with order.lock:
        seen = list(order.seen)
    last_job = max(i for i, (what, _) in enumerate(seen) if what == "job")
    between = sum(1 for what, _ in seen[:last_job] if what == "poll")
    assert 2 <= between <= 6, seen  # about one every 0.05 s of 0.2 s of jobs, not one a job


def test_an_operator_job_goes_before_the_poll_owed_after_a_batch_job(master_key):
    order = Order()
    worker = _worker(master_key, order)
    started, gate = threading.Event(), threading.Event()

    def first(_link):
        started.set()
        gate.wait(5)
        return "b0"

    batch = [worker.submit(first, Priority.BATCH, "b0")]
    batch += [worker.submit(order.job(f"b{i}"), Priority.BATCH, f"b{i}") for i in (1, 2)]
    worker.start()
    try:
        assert started.wait(5)
        sale = worker.submit(order.job("sale"), Priority.OPERATOR, "sale")
        gate.set()
        sale.result(5)
        for f in batch:
            f.result(5)
    finally:
        worker.stop()
    with order.lock:
        seen = [s for s in order.seen]
    first_after = next(s for s in seen if s != ("poll", None) and s[0] == "job")
    assert first_after == ("job", "sale"), seen
