"""Shared set-up for the cashier's dialog tests: a small site over the in-process simulator.

``AsyncWorker`` runs jobs on its own thread (like the bus worker), so a
dialog really waits for a future and hears the outcome through a queued
callback; ``hold()`` keeps jobs waiting so a test can look at the progress
page or press Enter twice. The bus is ``SimRegisterBus`` from the billing
kit, with its fault switches (offline, lost answers).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from app.models import MeterState, db
from app.models.site import utcnow
from app.paths import SitePaths
from app.serial_io.events import Priority
from tests.billing_helpers import ADMIN, CASHIER, MAINTENANCE, BillingEnv, make_env, open_meter

__all__ = [
    "ADMIN",
    "CASHIER",
    "MAINTENANCE",
    "AsyncWorker",
    "CashierSite",
    "build_site",
    "cashier_site",
]


class AsyncWorker:
    """One background thread running ``fn(link)`` jobs in order, like ``BusWorker.submit``."""

    def __init__(self, link) -> None:
        self.link = link
        self.jobs: list[tuple[Priority, str]] = []
        self.gate = threading.Event()
        self.gate.set()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="test-bus")

    def hold(self) -> None:
        self.gate.clear()

    def release(self) -> None:
        self.gate.set()

    def submit(self, fn, priority: Priority = Priority.OPERATOR, label: str = "") -> Future:
        self.jobs.append((priority, label))

        def run():
            self.gate.wait(10)
            try:
                return fn(self.link)
            finally:
                if not db.is_closed():
                    db.close()  # this thread's connection; the next job opens its own

        return self._pool.submit(run)

    def shutdown(self) -> None:
        self.gate.set()
        self._pool.shutdown(wait=True)


@dataclasses.dataclass
class CashierSite:
    """What the dialogs use of ``app.services.site.Site``: ``worker_for`` and ``paths``."""

    env: BillingEnv
    worker: AsyncWorker
    paths: SitePaths
    signals: object = None

    def worker_for(self, meter_id: int) -> AsyncWorker:
        return self.worker

    @property
    def meter_ids(self) -> list[int]:
        return self.env.meter_ids

    def status(self, meter_id: int):
        return self.env.status(meter_id)

    def remember_status(self, meter_id: int, online: bool = True) -> None:
        """Store the meter's live status as the last known one (what a poll does)."""
        status = self.env.status(meter_id)
        MeterState.insert(
            meter=meter_id,
            updated_at=utcnow(),
            online=online,
            status_json=json.dumps(dataclasses.asdict(status)),
        ).on_conflict_replace().execute()


def build_site(master_key: bytes, tmp_path, n_meters: int = 4) -> CashierSite:
    """Four meters on one bus; M001 opened for "Zhang San Store" holding 100.00."""
    env = make_env(master_key, n_meters=n_meters)
    open_meter(env, env.meter_ids[0], name="Zhang San Store", first_sale_fen=10_000)
    site = CashierSite(env, AsyncWorker(env.worker.link), SitePaths(tmp_path))
    for mid in env.meter_ids:
        site.remember_status(mid)
    return site


@contextlib.contextmanager
def cashier_site(master_key: bytes, tmp_path, n_meters: int = 4) -> Iterator[CashierSite]:
    """Use in a module's own fixture: ``with cashier_site(master_key, tmp_path) as site``."""
    site = build_site(master_key, tmp_path, n_meters)
    try:
        yield site
    finally:
        site.worker.shutdown()
