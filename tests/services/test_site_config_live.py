"""A settings change reaches the running collection without a restart.

In this process ``Site.apply_config`` follows the database (a new meter is
polled, a removed one no longer, a changed line gets a new worker, a new bus is
served); another process (the collector) notices ``config.version`` move in its
supervisor round and re-reads its buses.
"""

from __future__ import annotations

import threading
import time

import pytest

from app.models import close_database
from app.paths import SitePaths
from app.serial_io.events import BusUpdate, MeterUpdate
from app.services import config_version, site_config
from app.services.bus_supervisor import BusSupervisor
from app.services.new_site import create_site
from app.services.permissions import SYSTEM
from app.services.site import Site
from app.services.site_config import BusInfo, MeterInfo
from tests.sim_helpers import running_tcp_sim


class Heard:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.meters: dict[int, float] = {}  # meter id -> last answer (monotonic)

    def meter_updated(self, update: MeterUpdate) -> None:
        if update.online:
            with self.lock:
                self.meters[update.meter_id] = time.monotonic()

    def bus_updated(self, update: BusUpdate) -> None:
        pass

    def wait_for(self, meter_id: int, since: float, timeout: float = 10.0) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                if self.meters.get(meter_id, 0) > since:
                    return True
            time.sleep(0.05)
        return False


@pytest.fixture
def live(tmp_path, master_key):
    paths = SitePaths(tmp_path / "site")
    create_site(paths, durable=False)
    with running_tcp_sim(master_key, n=4) as sim:
        bus = site_config.add_bus(SYSTEM, BusInfo("B1", sim.port, parity="N")).id
        first = site_config.add_meter(SYSTEM, MeterInfo("M1", bus, 1)).id
        close_database()
        heard = Heard()
        site = Site(paths).open().start(heard, poll=True, role="gui")
        try:
            yield site, heard, bus, first, sim
        finally:
            site.stop()


def test_a_new_meter_is_polled_and_a_removed_one_no_longer(live):
    site, heard, bus, first, _sim = live
    assert heard.wait_for(first, 0)
    worker = site.workers[bus]
    second = site_config.add_meter(SYSTEM, MeterInfo("M2", bus, 2)).id
    site.apply_config({bus})
    assert site.workers[bus] is worker  # only its meters changed: the same worker
    assert heard.wait_for(second, 0), "the new meter was never polled"
    assert site.worker_for(second) is worker
    site_config.remove_meter(SYSTEM, second)
    site.apply_config({bus})
    time.sleep(0.3)  # a poll already on the wire may still answer
    after = time.monotonic()
    assert heard.wait_for(first, after)
    assert not heard.wait_for(second, after, timeout=1.0), "a removed meter is still polled"


def test_a_line_change_restarts_the_worker_and_a_disabled_bus_stops(live):
    site, heard, bus, first, sim = live
    assert heard.wait_for(first, 0)
    worker = site.workers[bus]
    site_config.update_bus(SYSTEM, bus, BusInfo("B1", sim.port, parity="N", turnaround_ms=20))
    site.apply_config({bus})
    assert site.workers[bus] is not worker and not worker.is_alive()
    assert site.workers[bus].config.turnaround_ms == 20
    assert heard.wait_for(first, time.monotonic())
    site_config.update_bus(SYSTEM, bus, BusInfo("B1", sim.port, parity="N", enabled=False))
    site.apply_config({bus})
    assert bus not in site.workers


def test_a_new_bus_is_served(live, master_key):
    site, heard, _bus, _first, _sim = live
    with running_tcp_sim(master_key, n=2) as other:
        bus2 = site_config.add_bus(SYSTEM, BusInfo("B2", other.port, parity="N")).id
        meter = site_config.add_meter(SYSTEM, MeterInfo("N1", bus2, 2)).id
        site.apply_config()  # everything, as the supervisor does
        assert bus2 in site.owned_workers()
        assert heard.wait_for(meter, 0)
        site_config.update_bus(SYSTEM, bus2, BusInfo("B2", other.port, parity="N", enabled=False))
        site.apply_config({bus2})


def test_the_supervisor_follows_a_version_bumped_elsewhere(database):
    calls: list[object] = []

    class FakeSite:
        def apply_config(self, bus_ids=None):
            calls.append(bus_ids)

    supervisor = BusSupervisor(FakeSite())
    assert supervisor.follow_config() is False  # nothing moved since it started
    config_version.bump()  # what another process's change writes
    assert supervisor.follow_config() is True
    assert calls == [None]  # every bus re-read
    assert supervisor.follow_config() is False  # once per change


def test_a_failed_apply_is_tried_again(database):
    class Failing:
        tries = 0

        def apply_config(self, bus_ids=None):
            Failing.tries += 1
            if Failing.tries == 1:
                raise RuntimeError("database busy")

    supervisor = BusSupervisor(Failing())
    config_version.bump()
    with pytest.raises(RuntimeError):
        supervisor.follow_config()
    assert supervisor.follow_config() is True and Failing.tries == 2
