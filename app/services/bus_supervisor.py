"""The site's one housekeeping thread: leases, job rows, take-over, and live state of others' buses.

Every ``JOB_POLL_S`` (PostgreSQL: when a row's insert notifies, else every
``job_wakeup.FALLBACK_S``) it hands queued job rows of the buses this process owns
to their workers; every ``RENEW_S`` it renews those leases (a lease that is
no longer ours stops our worker at once) and tries to take the others over
(the window or the next command takes a bus when its collector stops, a
demo bus's simulator included) and looks whether the site's settings moved
(``config.version``: a window or the import changed a bus or a meter), then
re-reads its buses (``Site.apply_config``); about once a second it turns the stored
state of buses another process polls into ``MeterUpdate`` events, so a window
without the port still shows a living grid.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time

from app.messages import Message
from app.models import Meter, MeterState
from app.serial_io.events import BusState, BusUpdate, MeterUpdate
from app.serial_io.meter_data import CommStats
from app.serial_io.poll_store import load_status
from app.services import bus_jobs, bus_lease, config_version, job_wakeup

log = logging.getLogger(__name__)

STORE_RELAY_S = 1.0


class BusSupervisor(threading.Thread):
    def __init__(self, site, takeover: bool = True) -> None:
        super().__init__(name="bus-supervisor", daemon=True)
        self.site = site
        self.takeover = takeover
        self._stopping = threading.Event()
        self._wake = threading.Event()  # a queued row's notification, or stop
        self._seen: dict[int, tuple] = {}
        self._config = config_version.VersionWatch()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        if self.is_alive():
            self.join(5.0)

    def run(self) -> None:
        next_renew = next_relay = 0.0
        fallback = job_wakeup.subscribe(job_wakeup.QUEUED, self._wake)
        while not self._stopping.is_set():
            self._wake.clear()  # before the claim: a row notified during it wakes the wait
            now = time.monotonic()
            try:
                if now >= next_renew:
                    next_renew = now + bus_lease.RENEW_S
                    self._leases()
                    self.follow_config()
                bus_jobs.claim_and_run(self.site.owned_workers())
                if now >= next_relay and self.site.listener is not None:
                    next_relay = now + STORE_RELAY_S
                    self._relay_store()
            except Exception:  # database busy or a bug: log it, keep supervising
                log.exception("bus supervisor: round failed")
                self._stopping.wait(1.0)
            if fallback is None:
                self._stopping.wait(bus_jobs.JOB_POLL_S)
            else:
                due = min(next_renew, next_relay if self.site.listener else next_renew)
                self._wake.wait(max(0.0, min(fallback, due - time.monotonic())))

    def follow_config(self) -> bool:
        """Re-read every bus when the site's settings moved since we last looked (one row read)."""
        version = self._config.moved()
        if version is None:
            return False
        log.info("site settings changed (version %d): re-reading the buses", version)
        self.site.apply_config()
        reload = getattr(self.site, "reload_poll_settings", None)
        if reload is not None:  # collection settings saved by another process
            reload()
        self._config.acted_on(version)
        return True

    def _leases(self) -> None:
        for bus_id in list(self.site.owned_workers()):
            if not bus_lease.renew(bus_id):
                log.warning("bus %s: lease lost to another process; stopping its worker", bus_id)
                self.site.give_up(bus_id)
        if self.takeover:
            for bus_id in self.site.remote_bus_ids():
                if self.site.may_take_over(bus_id) and bus_lease.try_acquire(
                    bus_id, self.site.role
                ):
                    self.site.take_over(bus_id)

    def _relay_store(self) -> None:
        """Stored state of meters on buses another process owns, as updates for the grid."""
        remote = self.site.remote_bus_ids()
        if not remote:
            return
        query = (
            MeterState.select(MeterState, Meter.id, Meter.bus, Meter.address)
            .join(Meter)
            .where(Meter.bus.in_(remote))
        )
        listener = self.site.listener
        counts = {bus_id: [0, 0] for bus_id in remote}
        for row in query:
            counts[row.meter.bus_id][0 if row.online else 1] += 1
            key = (row.updated_at, row.online, row.answers, row.timeouts, row.last_error)
            if self._seen.get(row.meter.id) == key:
                continue
            self._seen[row.meter.id] = key
            error = Message.from_json(row.last_error)
            stats = CommStats(
                answers=row.answers,
                timeouts=row.timeouts,
                crc_errors=row.crc_errors,
                exceptions=row.exceptions,
                last_response_ms=row.last_response_ms,
                last_error=error,
            )
            at = _epoch(row.updated_at) if row.updated_at else time.time()
            update = MeterUpdate(
                row.meter.bus_id,
                row.meter.id,
                row.meter.address,
                row.online,
                load_status(row.status_json) if row.online else None,
                stats,
                at,
                None if row.online else error,
            )
            listener.meter_updated(update)
        for bus_id in remote:
            holder = bus_lease.holder(bus_id)
            host = holder.owner.split(":", 1)[0] if holder else ""
            served = f"{holder.kind} on {host}" if holder else ""
            online, offline = counts[bus_id]
            state = BusState.RUNNING if holder else BusState.CONNECTING
            name = self.site.bus_name(bus_id)
            listener.bus_updated(
                BusUpdate(bus_id, name, state, None, online, offline, served_by=served)
            )


def _epoch(utc_naive) -> float:
    """A stored time (naive UTC) as seconds since the epoch; ``timestamp()`` on a naive time
    would take it for local time and age it by the zone's offset (8 h in China)."""
    return utc_naive.replace(tzinfo=dt.UTC).timestamp()
