"""Billing test kit: an in-process simulated bus with fault switches and a synchronous worker.

``FakeWorker.submit`` runs the job at once on the calling thread with a link
over ``SimBus.handle`` (real RTU frames, real protected commands), so the
billing code under test is exactly what the bus worker would run. The
switches on ``SimRegisterBus`` lose a request or an answer at chosen steps.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field

from app.errors import NO_ANSWER, MeterOffline
from app.models import Building, Bus, Meter
from app.serial_io.events import MeterRef, Priority
from app.serial_io.loopback import LoopbackBus
from app.serial_io.meter_data import MeterIdentity, MeterStatus
from app.serial_io.profiles import get_profile
from app.serial_io.simulator.bus import SimBus
from app.serial_io.simulator.load import LoadProfile
from app.serial_io.simulator.meter import SimMeter
from app.services.permissions import Actor, Role

CASHIER = Actor(2, "cashier1", Role.CASHIER)
ADMIN = Actor(1, "admin", Role.ADMIN)
MAINTENANCE = Actor(3, "fixer", Role.MAINTENANCE)


class SimRegisterBus(LoopbackBus):
    """``LoopbackBus`` with fault switches.

    - ``offline``: every request goes unanswered (and unheard);
    - ``drop_writes``: the next N writes never reach the meter;
    - ``lose_write_answers``: the next N writes reach the meter, the answer is lost;
    - ``lose_reads``: the next N reads go unanswered;
    - ``lose_reads_after_write``: after the next write, N reads go unanswered.
    """

    def __init__(self, sim: SimBus) -> None:
        super().__init__(sim)
        self.offline = False
        self.drop_writes = 0
        self.lose_write_answers = 0
        self.lose_reads = 0
        self.lose_reads_after_write = 0
        self.writes = 0
        self.reads = 0

    def read_registers(self, address: int, start: int, count: int) -> list[int]:
        self.reads += 1
        if self.offline or self.lose_reads:
            self.lose_reads = max(0, self.lose_reads - 1)
            raise MeterOffline(NO_ANSWER, address)
        return super().read_registers(address, start, count)

    def write_registers(self, address: int, start: int, values: list[int]) -> None:
        self._write(address, lambda: super(SimRegisterBus, self).write_registers(
            address, start, values))  # fmt: skip

    def transact(self, address: int, function: int, payload: bytes, answer_length) -> bytes:
        """A vendor-function write (a credit on the Acrel meters): the same switches."""
        return self._write(address, lambda: super(SimRegisterBus, self).transact(
            address, function, payload, answer_length))  # fmt: skip

    def _write(self, address: int, send):
        self.writes += 1
        if self.lose_reads_after_write:
            self.lose_reads, self.lose_reads_after_write = self.lose_reads_after_write, 0
        if self.offline or self.drop_writes:
            self.drop_writes = max(0, self.drop_writes - 1)
            raise MeterOffline(NO_ANSWER, address)
        answer = send()  # BadFrame unless the meter echoes it
        if self.lose_write_answers:
            self.lose_write_answers -= 1
            raise MeterOffline(NO_ANSWER, address)
        return answer


class FakeLink:
    """The job's view of the bus, like ``app.serial_io.worker.MeterLink``."""

    def __init__(self, bus: SimRegisterBus, refs: dict[int, MeterRef], master: bytes) -> None:
        self.bus = bus
        self._refs = refs
        self._master = master
        self.published: list[tuple[int, MeterStatus]] = []  # statuses a job reported as polls

    def meter(self, meter_id: int) -> MeterRef:
        return self._refs[meter_id]

    def profile(self, ref: MeterRef):
        return get_profile(ref.profile)

    def keys(self, ref: MeterRef):
        return self.profile(ref).meter_keys(self._master, ref.serial)

    def read_status(self, ref: MeterRef) -> MeterStatus:
        return self.profile(ref).read_status(self.bus, ref)

    def publish(self, ref: MeterRef, status: MeterStatus) -> None:
        self.published.append((ref.meter_id, status))


class FakeWorker:
    """Runs each job at once on the caller's thread; records (priority, label)."""

    def __init__(self, link: FakeLink) -> None:
        self.link = link
        self.jobs: list[tuple[Priority, str]] = []

    def submit(self, fn, priority: Priority = Priority.OPERATOR, label: str = "") -> Future:
        self.jobs.append((priority, label))
        future: Future = Future()
        try:
            future.set_result(fn(self.link))
        except Exception as exc:  # the future carries it, as the real worker's does
            future.set_exception(exc)
        return future


@dataclass
class BillingEnv:
    sim: SimBus
    bus: SimRegisterBus
    worker: FakeWorker
    meter_ids: list[int]
    master: bytes
    refs: dict[int, MeterRef] = field(default_factory=dict)

    def worker_for(self, meter_id: int) -> FakeWorker:
        return self.worker

    def sim_meter(self, meter_id: int) -> SimMeter:
        return self.sim.meter(self.refs[meter_id].address)

    def status(self, meter_id: int) -> MeterStatus:
        return self.sim_meter(meter_id).status()


def serial_for(address: int) -> str:
    return f"SIM{address:09d}"


def make_env(
    master: bytes, n_meters: int = 2, balances: dict[int, int] | None = None
) -> BillingEnv:
    """Building, bus and meters in the (open) database, and a frozen-clock simulator."""
    building = Building.create(name="Tower A")
    bus_row = Bus.create(name="bus1", port="sim://bus1", parity="N", building=building)
    sims, refs, ids = [], {}, []
    for i in range(1, n_meters + 1):
        serial = serial_for(i)
        m = Meter.create(number=f"M{i:03d}", bus=bus_row, address=i, serial=serial)
        ids.append(m.id)
        refs[m.id] = MeterRef(m.id, i, serial)
        sims.append(
            SimMeter(
                i,
                MeterIdentity(serial),
                load=LoadProfile(kind="constant", base_w=0),
                balance=(balances or {}).get(i, 0),
            )
        )
    sim = SimBus(sims, master, speed=0, start_time=1_700_000_000)
    bus = SimRegisterBus(sim)
    worker = FakeWorker(FakeLink(bus, refs, master))
    return BillingEnv(sim, bus, worker, ids, master, refs)


def open_meter(env: BillingEnv, meter_id: int, name: str = "Shop", first_sale_fen: int = 0):
    """Open an account on one meter through the real accounts service."""
    from app.services.accounts import TenantInfo, open_account

    tenant, outcomes = open_account(
        env.worker_for,
        ADMIN,
        TenantInfo(name=name, pin="1234"),
        [meter_id],
        first_sale_fen=first_sale_fen,
    )
    outcome = outcomes[meter_id]
    if isinstance(outcome, Exception):
        raise outcome
    return tenant, outcome


def store_state(meter_id: int, status_json: str, **fields) -> None:
    """The meter's stored state row, inserted or overwritten (both databases: PostgreSQL has
    no INSERT OR REPLACE)."""
    from app.models import MeterState

    columns = [MeterState.status_json, *(getattr(MeterState, name) for name in fields)]
    MeterState.insert(meter=meter_id, status_json=status_json, **fields).on_conflict(
        conflict_target=[MeterState.meter], preserve=columns
    ).execute()
