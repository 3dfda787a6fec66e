"""The site: database, master key, simulators of a demo site, and one bus worker per bus.

``Site`` is what the GUI and every subcommand open; it wires the layers so that
nothing else needs to know where the database, the key file or the ports are.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
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
from app.services.bus_share import BusChoice, serves_buses
from app.services.chain_rekey import open_chains

log = logging.getLogger(__name__)

# Processes that run the site's schedules (each due run is claimed by one of them only):
# the window and the collection service, not a one-off command such as ``sell``.
SCHEDULE_ROLES = ("gui", "collector")


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
        self._refs: dict[int, tuple[MeterRef, ...]] = {}  # what each owned worker was given
        self._config_lock = threading.RLock()  # apply_config against the supervisor's hand-overs
        self._schedules = None  # the ScheduleRunner of a process that serves the site
        self._services: list = []  # site-wide services this process runs (SMS, night jobs)
        self.role = "gui"
        self._poll = True
        self._serve = True  # False: never owns a bus (the tenants' kiosk and mobile site)
        self._only: BusChoice | None = None  # serve only these buses (a collector's share)
        self._servable: set[int] = set()  # the buses _only lets this process own

    # ---- lifecycle ----
    def open(self) -> Site:
        """Open an existing site; never create one (only ``new_site.create_site`` does).

        The database file is looked at first (no site there is said as such),
        then the key, before SQLite touches anything: a site whose key is
        missing is refused with nothing written.
        """
        database = self.paths.database
        if not self.paths.on_server:
            check_database_file(database)
        self.master_key = load_site_keys(self.paths.key_file).master
        open_database(database)
        open_chains(self.master_key, self.paths.key_file)
        from app.services import reading_store
        from app.services.payments import credentials

        credentials.use_site(self.master_key, self.paths.key_file)  # the payment clients' keys

        reading_store.use_archive(self.paths)  # reports read the yearly archive files too
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
        serve: bool = True,
        only: BusChoice | None = None,
    ) -> Site:
        """Own every enabled bus nobody else owns (simulator, worker); hand the rest job rows.

        ``role`` names this process in the lease (collector, gui, cli). With
        ``takeover`` the supervisor takes a bus over when its owner stops. Without
        ``serve`` no bus is ever owned here: every one gets job rows (``RemoteBus``).
        """
        from app.services.bus_jobs import JobWatcher, RemoteBus
        from app.services.bus_lease import try_acquire
        from app.services.bus_supervisor import BusSupervisor

        self.listener, self.role, self._poll, self._serve = listener, role, poll, serve
        self._only = only
        self._watcher = JobWatcher()
        self._watcher.start()
        # A list, not the live cursor: a query still being read keeps a read transaction open,
        # and BEGIN IMMEDIATE (the lease) on that connection is refused at once, without the
        # busy wait, whenever another process wrote since the read began.
        for bus in list(Bus.select().where(Bus.enabled)):
            self._bus_names[bus.id] = bus.name
            for ref in self.meter_refs(bus.id):
                self._meter_bus[ref.meter_id] = bus.id
            if self._may_serve(bus) and try_acquire(bus.id, role):
                self._own(bus.id)
            else:
                log.info("bus %s is served by another process: operations go as job rows", bus.name)
                self.workers[bus.id] = RemoteBus(bus.id, self._watcher)
        self._supervisor = BusSupervisor(self, takeover and serve)
        self._supervisor.start()
        from app.services import batches

        batches.attach(self.worker_for)  # batches started here go to these workers
        if role in SCHEDULE_ROLES:
            from app.services.schedule_runner import ScheduleRunner

            self._schedules = ScheduleRunner().start()
        if role in SCHEDULE_ROLES and serve:
            # The modem, the night jobs and the payment service belong to a PC that serves
            # buses: on a PostgreSQL site an operator PC's window has no modem port.
            from app.services.site_services import start_services

            self._services = start_services(self)
        return self

    def _own(self, bus_id: int) -> None:
        """Serve a bus this process holds the lease of: its simulator (demo) and its worker."""
        from app.services.bus_jobs import mark_lost
        from app.services.demo_sim import start_simulator_for

        mark_lost([bus_id])
        bus = Bus.get_by_id(bus_id)
        if bus.simulated:
            sim = start_simulator_for(bus, self.paths, self.site_keys)
            if sim is not None:
                self._simulators[bus_id] = sim
            bus = Bus.get_by_id(bus.id)  # the simulator may have moved its port
        self._start_worker(bus)

    def _start_worker(self, bus: Bus) -> None:
        from app.serial_io.worker import BusWorker
        from app.services.bus_lease import still_mine
        from app.services.contact_checks import ContactChecks

        bus_id = bus.id
        refs = tuple(self.meter_refs(bus.id))
        self._refs[bus_id] = refs
        worker = BusWorker(
            bus_config(bus),
            refs,
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
        with self._config_lock:
            if bus_id in self.workers:  # not removed meanwhile by apply_config
                self._own(bus_id)

    def give_up(self, bus_id: int) -> None:
        """Our lease is gone: stop touching the port; operations go as job rows again."""
        from app.services.bus_jobs import RemoteBus

        with self._config_lock:
            if bus_id not in self.workers:  # removed by apply_config meanwhile
                return
            worker = self.workers.get(bus_id)
            self.workers[bus_id] = RemoteBus(bus_id, self._watcher)
            self._refs.pop(bus_id, None)
        if worker is not None and not isinstance(worker, RemoteBus):
            worker.stop()
        sim = self._simulators.pop(bus_id, None)
        if sim is not None:
            sim.stop()

    # ---- a changed site, applied without a restart ----
    def apply_config(self, bus_ids: Iterable[int] | None = None) -> None:
        """Re-read buses from the database and make the collection follow them.

        A bus whose line settings changed gets a new worker; one whose meters
        changed gets them (``set_meters``); a new bus is owned (or handed job
        rows when another process holds it); a removed or disabled bus is
        stopped and its lease given back. ``None`` re-reads every bus (the
        supervisor, when ``config.version`` moved). A bus another process owns
        is that process's to re-read; here only its names are refreshed. May
        block for a worker's stop: never call it on the GUI thread.
        """
        with self._config_lock:
            if self._watcher is None:  # not started (or stopped): nothing runs
                return
            rows = {b.id: b for b in Bus.select()}
            wanted = set(bus_ids) if bus_ids is not None else set(self.workers) | set(rows)
            for bus_id in sorted(wanted):
                bus = rows.get(bus_id)
                if bus is None or not bus.enabled:
                    self._drop_bus(bus_id)
                else:
                    self._follow_bus(bus)

    def _follow_bus(self, bus: Bus) -> None:
        from app.services.bus_jobs import RemoteBus
        from app.services.bus_lease import try_acquire

        refs = tuple(self.meter_refs(bus.id))
        self._bus_names[bus.id] = bus.name
        self._meter_bus = {m: b for m, b in self._meter_bus.items() if b != bus.id}
        self._meter_bus.update({ref.meter_id: bus.id for ref in refs})
        worker = self.workers.get(bus.id)
        if worker is None:
            if self._may_serve(bus) and try_acquire(bus.id, self.role):
                log.info("bus %s: new in the site's settings; serving it", bus.name)
                self._own(bus.id)
            else:
                self.workers[bus.id] = RemoteBus(bus.id, self._watcher)
        elif isinstance(worker, RemoteBus):
            return
        elif worker.config != bus_config(bus):
            log.info("bus %s: line settings changed; restarting its worker", bus.name)
            worker.stop()
            self._start_worker(bus)
        elif self._refs.get(bus.id) != refs:
            self._refs[bus.id] = refs
            worker.set_meters(refs)

    def _drop_bus(self, bus_id: int) -> None:
        from app.services.bus_jobs import RemoteBus
        from app.services.bus_lease import release

        worker = self.workers.pop(bus_id, None)
        self._refs.pop(bus_id, None)
        self._bus_names.pop(bus_id, None)
        self._meter_bus = {m: b for m, b in self._meter_bus.items() if b != bus_id}
        if worker is None or isinstance(worker, RemoteBus):
            return
        log.info("bus %s: removed or disabled in the site's settings; stopping it", bus_id)
        worker.stop()
        sim = self._simulators.pop(bus_id, None)
        if sim is not None:
            sim.stop()
        release(bus_id)

    def _may_serve(self, bus: Bus) -> bool:
        """May this process own ``bus`` (its role, and its share when it was given one)?"""
        if self._only is not None and self._only.takes(bus):
            self._servable.add(bus.id)
        elif self._only is not None:
            self._servable.discard(bus.id)
        return self._serve and (self._only is None or bus.id in self._servable)

    def may_take_over(self, bus_id: int) -> bool:
        """May the supervisor take this bus over when its owner stops?"""
        return self._serve and (self._only is None or bus_id in self._servable)

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
        from app.services.alarm_feed import AlarmFeed

        return PollStore(observer=AlarmFeed())

    def stop(self) -> None:
        """Workers first (their queued jobs go back to the rows), then leases, then simulators."""
        from app.services import batches
        from app.services.bus_lease import release

        if self._schedules is not None:  # no new batch once stopping has begun
            self._schedules.stop()
            self._schedules = None
        from app.services.site_services import stop_services

        stop_services(self._services)
        self._services = []
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

    def reload_poll_settings(self) -> PollSettings:
        """Read the poll settings again and hand them to every bus this process serves.

        Called where the settings were saved (this window) and by a bus owner that
        sees ``config.version`` change (another process saved them): the workers
        take them before their next poll, without a restart.
        """
        poll = self.poll_settings()
        for worker in self.owned_workers().values():
            worker.set_settings(poll)
        return poll

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
    serve: bool | None = None,
    only: BusChoice | None = None,
) -> Site:
    """Open the site in ``paths`` and start its buses; never create one.

    A folder without a site is ``NoSite`` (exit 2 in the subcommands; the GUI
    asks whether to create a new site there). ``serve`` None: ``serves_buses``.
    """
    if serve is None:
        serve = serves_buses(paths, role)
    site = Site(paths).open()
    if only is not None:
        only.check()
    return site.start(listener, poll=poll, role=role, serve=serve, only=only)
