"""A site for batch tests: two buses, real bus workers over in-process simulators.

Each bus's ``GatedBus`` can hold the first protected write (a command) until
the test lets it go, so a batch can be caught with one meter's command
running and the rest not started. Accounts and stored states are written
directly where a test needs tenants and balances.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field

from app.models import Account, Building, Bus, Meter, Tenant
from app.serial_io.events import BusConfig, MeterRef, PollSettings
from app.serial_io.loopback import LoopbackBus
from app.serial_io.meter_data import MeterStatus
from app.serial_io.poll_store import PollStore
from app.serial_io.worker import BusWorker
from tests.billing_helpers import store_state
from tests.sim_helpers import make_sim_bus

SETTINGS = PollSettings(retry_base_s=0.1, retry_max_s=0.3, state_flush_s=0.05)


class GatedBus(LoopbackBus):
    """``hold()``: the next write waits (``started`` set) until ``release()``."""

    def __init__(self, sim) -> None:
        super().__init__(sim)
        self.started = threading.Event()
        self._gate: threading.Event | None = None  # the next write waits on it
        self._held: threading.Event | None = None  # the write waiting now
        self.writes_to: list[int] = []

    def hold(self) -> None:
        self._gate = threading.Event()

    def release(self) -> None:
        for gate in (self._gate, self._held):
            if gate is not None:
                gate.set()

    def write_registers(self, address: int, start: int, values: list[int]) -> None:
        gate, self._gate = self._gate, None
        if gate is not None:
            self._held = gate
            self.started.set()
            gate.wait(10)
        self.writes_to.append(address)
        return super().write_registers(address, start, values)


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.updates = []

    def meter_updated(self, update) -> None:
        with self.lock:
            self.updates.append(update)

    def bus_updated(self, update) -> None:
        pass


@dataclass
class BatchSite:
    sims: dict[int, object]  # bus id -> SimBus
    lines: dict[int, GatedBus]  # bus id -> its bus as the worker sees it
    workers: dict[int, BusWorker]
    meters: dict[int, tuple[int, int]] = field(default_factory=dict)  # id -> (bus id, address)
    recorder: Recorder = field(default_factory=Recorder)

    def worker_for(self, meter_id: int):
        return self.workers[self.meters[meter_id][0]]

    def sim_meter(self, meter_id: int):
        bus_id, address = self.meters[meter_id]
        return self.sims[bus_id].meter(address)

    def ids(self, bus_id: int | None = None) -> list[int]:
        return sorted(m for m, (b, _a) in self.meters.items() if bus_id in (None, b))

    def stop(self) -> None:
        for w in self.workers.values():
            w.stop()


def make_batch_site(
    master_key: bytes, per_bus=(4, 3), dead: dict[int, str] | None = None, poll=True
) -> BatchSite:
    """Buses of ``per_bus`` meters each (numbers M001...); ``dead``: bus index -> "2,4"."""
    building = Building.create(name="Tower A")
    site = BatchSite({}, {}, {})
    number = 0
    for index, n in enumerate(per_bus, start=1):
        faults = f"dead={dead[index]}" if dead and index in dead else None
        sim = make_sim_bus(master_key, addresses=range(1, n + 1), faults=faults)
        bus = Bus.create(name=f"bus{index}", port=f"loop{index}", parity="N", building=building)
        refs = []
        for a in range(1, n + 1):
            number += 1
            serial = sim.meter(a).identity.serial
            m = Meter.create(
                number=f"M{number:03d}", bus=bus, address=a, serial=serial, building=building
            )
            refs.append(MeterRef(m.id, a, serial))
            site.meters[m.id] = (bus.id, a)
        line = GatedBus(sim)
        worker = BusWorker(
            BusConfig(bus.id, bus.name, bus.port, parity="N", turnaround_ms=0),
            refs, master_key, listener=site.recorder, settings=SETTINGS,
            store=PollStore(), bus_factory=lambda _c, b=line: b, poll=poll,
        )  # fmt: skip
        site.sims[bus.id], site.lines[bus.id], site.workers[bus.id] = sim, line, worker
        worker.start()
    return site


def give_tenant(meter_id: int, name: str, balance: int, no: str) -> None:
    """An open account and a stored state with ``balance`` fen (what the grid shows)."""
    tenant = Tenant.create(account_no=no, name=name)
    Account.create(tenant=tenant, meter=meter_id)
    status = json.dumps(MeterStatus(balance=balance).to_dict())
    store_state(meter_id, status, online=True)
