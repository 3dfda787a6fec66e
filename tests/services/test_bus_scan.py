"""Bus scan against the in-process simulator: dead, moved, new and clashing meters; cancel.

The configured bus is scanned through a real ``BusWorker`` (one probe job an
address) whose port is a ``LoopbackBus`` onto a ``SimBus``; "two meters on
one address" is a loopback that garbles that address's answers.
"""

from __future__ import annotations

import threading
import time

import pytest

from app.errors import InvalidField, PermissionDenied
from app.models import Bus, Meter, SystemLog
from app.serial_io.address_probe import CLASH_TRIES, Outcome, probe_address
from app.serial_io.events import BusConfig, Priority
from app.serial_io.loopback import LoopbackBus
from app.serial_io.simulator import default_serial
from app.serial_io.worker import BusWorker
from app.services import bus_scan
from app.services.bus_scan import Configured, Status, add_found, compare, scan_bus, scan_port
from tests.billing_helpers import CASHIER, MAINTENANCE
from tests.sim_helpers import make_sim_bus

CONFIG = BusConfig(bus_id=1, name="bus1", port="loop://", parity="N")


class GarbleSim:
    """A SimBus whose answers from ``clash`` addresses arrive damaged (``noisy``: once).

    Counts requests per address (an absent address must cost one) and can be
    slowed down (``delay_s`` a request) to test cancelling.
    """

    def __init__(self, sim, clash=(), noisy=(), delay_s=0.0) -> None:
        self.sim, self.clash, self.noisy, self.delay_s = sim, set(clash), set(noisy), delay_s
        self.requests: dict[int, int] = {}

    def handle(self, request: bytes) -> bytes:
        address = request[0]
        self.requests[address] = self.requests.get(address, 0) + 1
        if self.delay_s:
            time.sleep(self.delay_s)
        answer = self.sim.handle(request)
        if answer and (address in self.clash or address in self.noisy):
            self.noisy.discard(address)
            answer = answer[:3] + bytes([answer[3] ^ 0x5A]) + answer[4:]  # the CRC fails
        return answer


def GarbleBus(sim, **faults) -> LoopbackBus:
    port = LoopbackBus(GarbleSim(sim, **faults))
    port.requests = port.sim.requests
    return port


def _worker(port, meters=()) -> BusWorker:
    worker = BusWorker(CONFIG, list(meters), bytes(range(32)), bus_factory=lambda c: port,
                       poll=False)  # fmt: skip
    worker.start()
    return worker


@pytest.fixture
def site_bus(database):
    return Bus.create(name="bus1", port="/dev/ttyUSB0", parity="N")


def test_absent_address_costs_one_request_not_one_per_family(master_key):
    port = GarbleBus(make_sim_bus(master_key, addresses=[1]))
    probe = probe_address(port, 7)
    assert probe.outcome == Outcome.SILENT.value
    assert port.requests == {7: 1}


def test_clashing_needs_damage_on_two_tries_noise_once_is_an_answer(master_key):
    port = GarbleBus(make_sim_bus(master_key, addresses=[3, 4]), clash=[3], noisy=[4])
    clash = probe_address(port, 3)
    assert clash.outcome == Outcome.CLASHING.value and clash.damaged == 2
    assert port.requests[3] == 2 <= CLASH_TRIES
    noisy = probe_address(port, 4)
    assert noisy.outcome == Outcome.ANSWER.value and noisy.damaged == 1
    assert noisy.serial == default_serial(4)


def test_scan_through_the_worker_finds_new_missing_moved_and_clashing(site_bus, master_key):
    # On the wire: 1 (ok), 2 and 3 (their serials swapped against the database), 5 (new),
    # 6 (two meters on one address). Configured: 1, 2, 3 and 4 (4 is dead).
    sim = make_sim_bus(master_key, addresses=[1, 2, 3, 5, 6])
    rows = {
        1: default_serial(1),
        2: default_serial(3),  # the meter recorded at 2 is the one now at 3
        3: default_serial(2),
        4: default_serial(4),
    }
    for address, serial in rows.items():
        Meter.create(number=f"M{address:03d}", bus=site_bus, address=address, serial=serial)
    port = GarbleBus(sim, clash=[6])
    worker = _worker(port)
    try:
        scan = scan_bus(worker, site_bus.id, 1, 10)
        result = scan.start().result(timeout=30)
    finally:
        worker.stop()
    got = {(r.address, r.status) for r in result.rows}
    assert got == {
        (1, Status.OK),
        (2, Status.MOVED),
        (3, Status.MOVED),
        (4, Status.MISSING),
        (5, Status.NEW),
        (6, Status.CLASHING),
    }
    moved = {
        r.address: (r.number, r.configured_address) for r in result.rows if r.status is Status.MOVED
    }
    assert moved == {2: ("M003", 3), 3: ("M002", 2)}
    assert result.scanned == list(range(1, 11)) and not result.cancelled
    assert result.counts["new"] == 1


def test_probe_jobs_are_batch_jobs_one_per_address(site_bus, master_key):
    sim = make_sim_bus(master_key, addresses=[1])
    labels = []

    class Recording:
        def __init__(self, inner):
            self.inner = inner

        def submit(self, fn, priority=Priority.OPERATOR, label=""):
            labels.append((priority, label, fn.kind))
            return self.inner.submit(fn, priority, label)

    worker = _worker(GarbleBus(sim))
    try:
        scan_bus(Recording(worker), site_bus.id, 1, 4).run()
    finally:
        worker.stop()
    assert labels == [(Priority.BATCH, f"scan address {a}", "probe") for a in range(1, 5)]


def test_cancel_stops_within_one_address(site_bus, master_key):
    sim = make_sim_bus(master_key, addresses=[1])
    port = GarbleBus(sim, delay_s=0.02)  # every request 20 ms: 247 addresses take ~5 s
    worker = _worker(port)
    try:
        scan = scan_bus(worker, site_bus.id)
        future = scan.start()
        time.sleep(0.15)
        asked = scan.progress.done
        scan.cancel()
        cancelled_at = time.monotonic()
        result = future.result(timeout=5)
        took = time.monotonic() - cancelled_at
    finally:
        worker.stop()
    assert result.cancelled
    assert len(result.scanned) <= asked + 1  # the address being probed, no more
    assert took < 0.5
    assert sum(port.requests.values()) <= len(result.scanned) + 4  # one family probe each + 1


def test_bare_port_scan_opens_and_closes_its_own_port(master_key):
    sim = make_sim_bus(master_key, addresses=[2, 4])
    closed = threading.Event()

    port = GarbleBus(sim)
    port.close = closed.set
    result = scan_port(CONFIG, 1, 5, bus_factory=lambda c: port).start().result(5)
    assert [r.address for r in result.rows] == [2, 4]
    assert all(r.status is Status.NEW for r in result.rows)
    assert closed.is_set()


def test_port_scan_timeout_is_computed_from_the_line_speed():
    slow = bus_scan.answer_timeout_s(BusConfig(0, "x", "/dev/ttyS0", baud=2400))
    fast = bus_scan.answer_timeout_s(BusConfig(0, "x", "/dev/ttyS0", baud=115200))
    assert 0.1 < fast < slow < 0.2  # turnaround 50 ms + slack 60 ms + the bytes at that speed
    assert bus_scan.answer_timeout_s(BusConfig(0, "x", "/dev/x", timeout_ms=500)) > 0.5


def test_multi_circuit_device_is_one_row_a_circuit():
    from app.serial_io.address_probe import Probe

    device = Probe(9, Outcome.ANSWER.value, profile="acrel-adf400l", circuits=3)
    configured = [Configured(1, "A1", 9, 1, "", "acrel-adf400l")]
    rows = compare([device], configured, [9])
    assert [(r.circuit, r.status) for r in rows] == [
        (1, Status.OK),
        (2, Status.NEW),
        (3, Status.NEW),
    ]


def test_add_found_numbers_by_pattern_and_logs_each(site_bus, master_key):
    sim = make_sim_bus(master_key, addresses=[5, 7])
    result = scan_port(CONFIG, 1, 8, bus_factory=lambda c: GarbleBus(sim)).run()
    ids = add_found(MAINTENANCE, site_bus.id, result.rows, "B1-{address:03d}")
    meters = [Meter.get_by_id(i) for i in ids]
    assert [(m.number, m.address, m.serial) for m in meters] == [
        ("B1-005", 5, default_serial(5)),
        ("B1-007", 7, default_serial(7)),
    ]
    assert SystemLog.select().where(SystemLog.action == "config.meter.add").count() == 2
    # the site's defaults for new meters, as the settings window's own "add" gives them
    assert {(m.alarm1, m.alarm2) for m in meters} == {(2000, 500)}


def test_add_found_refuses_a_clash_and_writes_nothing(site_bus, master_key):
    Meter.create(number="M005", bus=site_bus, address=100)
    sim = make_sim_bus(master_key, addresses=[5, 7])
    result = scan_port(CONFIG, 1, 8, bus_factory=lambda c: GarbleBus(sim)).run()
    before = Meter.select().count()
    with pytest.raises(InvalidField, match="M005"):
        add_found(MAINTENANCE, site_bus.id, result.rows)
    assert Meter.select().count() == before
    with pytest.raises(PermissionDenied):
        add_found(CASHIER, site_bus.id, result.rows)
    with pytest.raises(InvalidField):
        add_found(MAINTENANCE, site_bus.id, result.rows, "M{nope}")
