"""The site: database, master key, simulators of a demo site, and one bus worker per bus.

``Site`` is what the GUI and every subcommand open; it wires the layers so that
nothing else needs to know where the database, the key file or the ports are.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP, ConfigError, PemError
from app.logconfig import add_file_log
from app.models import Bus, Meter, close_database, open_database
from app.models.db import check_database_file
from app.paths import SitePaths
from app.serial_io.events import BusConfig, MeterRef, PollSettings, WorkerListener
from app.serial_io.site_keys import SiteKeys, load_site_keys
from app.services.chain_rekey import open_chains

log = logging.getLogger(__name__)


class Site:
    def __init__(self, paths: SitePaths) -> None:
        self.paths = paths
        self.master_key: bytes = b""
        self.site_keys: SiteKeys | None = None  # the master key and the makers' site keys
        self.listener: WorkerListener | None = None
        self.workers: dict[int, object] = {}  # bus id -> BusWorker (owned) or RemoteBus
        self._meter_bus: dict[int, int] = {}
        self._bus_names: dict[int, str] = {}
        self._simulators: dict[int, object] = {}  # bus id -> RunningSimulator
        self._supervisor = None
        self._watcher = None
        self.role = "gui"
        self._poll = True

    # ---- lifecycle ----
    def open(self) -> Site:
        """Open an existing site; never create one (only ``new_site.create_site`` does).

        The database file is looked at first (no site there is said as such),
        then the key, before SQLite touches anything: a site whose key is
        missing is refused with nothing written.
        """
        check_database_file(self.paths.db)
        self.master_key = load_site_keys(self.paths.key_file).master
        open_database(self.paths.db)
        open_chains(self.master_key, self.paths.key_file)
        # A site made before a maker's family existed gets that maker's key now (only made,
        # never replaced: meters set to it would refuse any other).
        self.site_keys = load_site_keys(self.paths.key_file, create_vendor=True)
        add_file_log(self.paths.logs)
        return self

    def start(
        self,
        listener: WorkerListener | None = None,
        poll: bool = True,
        role: str = "gui",
        takeover: bool = True,
    ) -> Site:
        """Own every enabled bus nobody else owns (simulator, worker); hand the rest job rows.

        ``role`` names this process in the lease (collector, gui, cli). With
        ``takeover`` the supervisor takes a bus over when its owner stops.
        """
        from app.services.bus_jobs import JobWatcher, RemoteBus
        from app.services.bus_lease import try_acquire
        from app.services.bus_supervisor import BusSupervisor

        self.listener, self.role, self._poll = listener, role, poll
        self._watcher = JobWatcher()
        self._watcher.start()
        for bus in Bus.select().where(Bus.enabled):
            self._bus_names[bus.id] = bus.name
            for ref in self.meter_refs(bus.id):
                self._meter_bus[ref.meter_id] = bus.id
            if try_acquire(bus.id, role):
                self._own(bus.id)
            else:
                log.info("bus %s is served by another process: operations go as job rows", bus.name)
                self.workers[bus.id] = RemoteBus(bus.id, self._watcher)
        self._supervisor = BusSupervisor(self, takeover)
        self._supervisor.start()
        from app.services import batches

        batches.attach(self.worker_for)  # batches started here go to these workers
        return self

    def _own(self, bus_id: int) -> None:
        """Serve a bus this process holds the lease of: its simulator (demo) and its worker."""
        from app.serial_io.worker import BusWorker
        from app.services.bus_jobs import mark_lost
        from app.services.bus_lease import still_mine
        from app.services.contact_checks import ContactChecks
        from app.services.demo_sim import start_simulator_for

        mark_lost([bus_id])
        bus = Bus.get_by_id(bus_id)
        if bus.simulated:
            sim = start_simulator_for(bus, self.paths, self.site_keys)
            if sim is not None:
                self._simulators[bus_id] = sim
            bus = Bus.get_by_id(bus.id)  # the simulator may have moved its port
        worker = BusWorker(
            bus_config(bus),
            self.meter_refs(bus.id),
            self.site_keys,
            listener=self.listener,
            settings=self.poll_settings(),
            store=self._poll_store(),
            poll=self._poll,
            contact=ContactChecks(),
            fence=lambda: still_mine(bus_id),
        )
        worker.start()
        self.workers[bus.id] = worker
        log.info("bus %s: served by this process (%s)", bus.name, self.role)

    def take_over(self, bus_id: int) -> None:
        """The supervisor won the lease of a bus whose owner stopped: serve it from now on."""
        self._own(bus_id)

    def give_up(self, bus_id: int) -> None:
        """Our lease is gone: stop touching the port; operations go as job rows again."""
        from app.services.bus_jobs import RemoteBus

        worker = self.workers.get(bus_id)
        self.workers[bus_id] = RemoteBus(bus_id, self._watcher)
        if worker is not None and not isinstance(worker, RemoteBus):
            worker.stop()
        sim = self._simulators.pop(bus_id, None)
        if sim is not None:
            sim.stop()

    def owned_workers(self) -> dict[int, object]:
        from app.services.bus_jobs import RemoteBus

        return {b: w for b, w in list(self.workers.items()) if not isinstance(w, RemoteBus)}

    def remote_bus_ids(self) -> list[int]:
        from app.services.bus_jobs import RemoteBus

        return [b for b, w in list(self.workers.items()) if isinstance(w, RemoteBus)]

    def bus_name(self, bus_id: int) -> str:
        return self._bus_names.get(bus_id, str(bus_id))

    def _poll_store(self):
        from app.serial_io.poll_store import PollStore

        return PollStore()

    def stop(self) -> None:
        """Workers first (their queued jobs go back to the rows), then leases, then simulators."""
        from app.services import batches
        from app.services.bus_lease import release

        batches.detach(self.worker_for)
        if self._supervisor is not None:
            self._supervisor.stop()
            self._supervisor = None
        owned = list(self.owned_workers())
        for worker in self.workers.values():
            worker.stop()
        self.workers.clear()
        for bus_id in owned:
            try:
                release(bus_id)
            except Exception:  # the lease lapses by itself; the next owner takes over then
                log.exception("bus %s: releasing the lease failed", bus_id)
        for sim in self._simulators.values():
            sim.stop()
        self._simulators.clear()
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None
        close_database()

    # ---- queries the GUI and commands use ----
    def poll_settings(self) -> PollSettings:
        return PollSettings.from_settings()

    @staticmethod
    def meter_refs(bus_id: int) -> list[MeterRef]:
        q = Meter.select().where((Meter.bus == bus_id) & Meter.enabled).order_by(Meter.address)
        return [MeterRef(m.id, m.address, m.serial, m.profile, m.circuit) for m in q]

    def bus_configs(self) -> list[BusConfig]:
        """Every bus; a simulated one says how much faster its meters' time runs."""
        return [
            replace(bus_config(b), time_speed=self._time_speed(b))
            for b in Bus.select().order_by(Bus.id)
        ]

    def _time_speed(self, bus: Bus) -> float:
        if not bus.simulated:
            return 1.0
        from app.services.demo_sim import SimConfig

        desc = Path(bus.sim_state)
        try:
            speed = SimConfig.load(desc if desc.is_absolute() else self.paths.data_dir / desc).speed
        except PemError:  # an unreadable description: its simulator says so when it starts
            return 1.0
        return speed if speed > 0 else 1.0

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
            raise ConfigError(
                QT_TRANSLATE_NOOP("Errors", "meter {meter_id} is on no running bus"),
                meter_id=meter_id,
            ) from None

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


def open_site(
    paths: SitePaths,
    listener: WorkerListener | None = None,
    poll: bool = True,
    role: str = "gui",
) -> Site:
    """Open the site in ``paths`` and start its buses; never create one.

    A folder without a site is ``NoSite`` (exit 2 in the subcommands; the GUI
    asks whether to create a new site there).
    """
    return Site(paths).open().start(listener, poll=poll, role=role)
