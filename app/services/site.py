"""The site: database, master key, simulators of a demo site, and one bus worker per bus.

``Site`` is what the GUI and every subcommand open; it wires the layers so that
nothing else needs to know where the database, the key file or the ports are.
"""

from __future__ import annotations

import logging
import tempfile
from concurrent.futures import Future
from pathlib import Path

from app import settings
from app.errors import ConfigError
from app.logconfig import add_file_log
from app.models import Bus, Meter, close_database, open_database
from app.paths import SitePaths, default_data_dir
from app.serial_io.events import BusConfig, MeterRef, PollSettings, WorkerListener
from app.serial_io.security import load_or_create_master_key
from app.services.chain_rekey import open_chains

log = logging.getLogger(__name__)


class Site:
    def __init__(self, paths: SitePaths) -> None:
        self.paths = paths
        self.master_key: bytes = b""
        self.listener: WorkerListener | None = None
        self.workers: dict[int, object] = {}  # bus id -> BusWorker
        self._meter_bus: dict[int, int] = {}
        self._simulators: list = []

    # ---- lifecycle ----
    def open(self) -> Site:
        open_database(self.paths.db)
        self.master_key = load_or_create_master_key(self.paths.key_file)
        open_chains(self.master_key, self.paths.key_file)
        add_file_log(self.paths.logs)
        return self

    def start(self, listener: WorkerListener | None = None, poll: bool = True) -> Site:
        """Start demo simulators and one bus worker per enabled bus."""
        from app.serial_io.worker import BusWorker
        from app.services.contact_checks import ContactChecks
        from app.services.demo_sim import start_simulator_for

        self.listener = listener
        poll_settings = self.poll_settings()
        for bus in Bus.select().where(Bus.enabled):
            if bus.simulated:
                sim = start_simulator_for(bus, self.paths, self.master_key)
                if sim is not None:
                    self._simulators.append(sim)
                bus = Bus.get_by_id(bus.id)  # the simulator may have moved its port
            refs = self.meter_refs(bus.id)
            for ref in refs:
                self._meter_bus[ref.meter_id] = bus.id
            worker = BusWorker(
                bus_config(bus),
                refs,
                self.master_key,
                listener=listener,
                settings=poll_settings,
                store=self._poll_store(),
                poll=poll,
                contact=ContactChecks(),
            )
            worker.start()
            self.workers[bus.id] = worker
        return self

    def _poll_store(self):
        from app.serial_io.poll_store import PollStore

        return PollStore()

    def stop(self) -> None:
        for worker in self.workers.values():
            worker.stop()
        self.workers.clear()
        for sim in self._simulators:
            sim.stop()
        self._simulators.clear()
        close_database()

    # ---- queries the GUI and commands use ----
    def poll_settings(self) -> PollSettings:
        return PollSettings(
            offline_after=settings.get("poll.offline_after"),
            reading_interval_s=settings.get("poll.reading_interval_min") * 60,
            retry_max_s=float(settings.get("poll.retry_max_s")),
        )

    @staticmethod
    def meter_refs(bus_id: int) -> list[MeterRef]:
        q = Meter.select().where((Meter.bus == bus_id) & Meter.enabled).order_by(Meter.address)
        return [MeterRef(m.id, m.address, m.serial, m.profile) for m in q]

    def bus_configs(self) -> list[BusConfig]:
        return [bus_config(b) for b in Bus.select().order_by(Bus.id)]

    def grid_rows(self):
        from app.services.grid_data import load_grid_rows

        return load_grid_rows()

    @property
    def signals(self):
        return self.listener

    def worker_for(self, meter_id: int):
        try:
            return self.workers[self._meter_bus[meter_id]]
        except KeyError:
            raise ConfigError(f"meter {meter_id} is on no running bus") from None

    def request_poll(self, meter_id: int) -> Future:
        return self.worker_for(meter_id).poll_now(meter_id)


def bus_config(bus: Bus) -> BusConfig:
    return BusConfig(
        bus_id=bus.id,
        name=bus.name,
        port=bus.port,
        baud=bus.baud,
        parity=bus.parity,
        stopbits=bus.stopbits,
        timeout_ms=bus.timeout_ms,
        turnaround_ms=bus.turnaround_ms,
    )


def site_paths(args) -> SitePaths:
    """Paths from the global options; ``--demo`` without a folder gets a fresh temporary one."""
    data_dir = getattr(args, "data_dir", None)
    if data_dir:
        folder = Path(data_dir)
    elif getattr(args, "demo", False):
        folder = Path(tempfile.mkdtemp(prefix="pem-demo-"))
    else:
        folder = default_data_dir()
    db = getattr(args, "db", None)
    return SitePaths(folder, Path(db) if db else None)


def open_site(args, listener: WorkerListener | None = None, poll: bool = True) -> Site:
    """Open (and for ``--demo`` first create) the site and start its buses."""
    paths = site_paths(args)
    if getattr(args, "demo", False) and not paths.db.exists():
        from app.services.demo_site import create_demo_site

        print(f"creating the demo site in {paths.data_dir} (about 10 s) ...", flush=True)
        create_demo_site(paths)
        print("demo logins: admin / admin-demo-1, cashier / cashier-demo-1, "
              "maint / maint-demo-1", flush=True)  # fmt: skip
    site = Site(paths).open()
    return site.start(listener, poll=poll)
