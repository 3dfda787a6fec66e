"""What the bus diagnostics window shows: each bus's state and load, each meter's answers.

Read from the workers this process owns (live counters, cycle time) and from
the stored ``MeterState`` rows (last valid answer; the counters too for buses
another process serves). The line's utilisation is the wire time of one status
cycle (each meter's status reads, from ``transaction_wire_s``) over the cycle
time the worker measured: near 100 % the line is full and only a faster baud
rate or another bus helps; far below, time goes to timeouts or the host. No Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.messages import Message
from app.models import Bus, Meter, MeterState
from app.serial_io.events import BusConfig
from app.serial_io.profiles import acrel_adl400, acrel_frames
from app.serial_io.profiles.default import STATUS_BLOCK
from app.serial_io.transport import READ_REQUEST_SIZE, read_answer_size, transaction_wire_s

# Registers of each status read a poll makes, by family (one read, or ADL400's three).
STATUS_READS: dict[str, tuple[int, ...]] = {
    "default": (STATUS_BLOCK.count,),
    "acrel-ddsy1352": (acrel_frames.STATUS_COUNT,),
    "acrel-adf400l": (acrel_frames.STATUS_COUNT,),
    "acrel-adl400": tuple(b.count for b in acrel_adl400.STATUS_READS),
}


@dataclass(frozen=True)
class MeterDiag:
    meter_id: int
    number: str
    bus_id: int
    bus_name: str
    address: int
    circuit: int
    online: bool
    answers: int
    timeouts: int
    crc_errors: int
    exceptions: int
    last_response_ms: float | None
    last_valid_at: dt.datetime | None  # UTC, naive (as stored)
    last_error: Message | None

    @property
    def failures(self) -> int:
        return self.timeouts + self.crc_errors + self.exceptions


@dataclass(frozen=True)
class BusDiag:
    bus_id: int
    name: str
    port: str
    state: str  # a BusState value, or "served elsewhere" / "disabled"
    served_here: bool
    cycle_s: float | None
    wire_s: float  # the shortest possible status cycle of its enabled meters
    online: int
    offline: int

    @property
    def utilisation(self) -> float | None:
        """Wire time over measured cycle (0..1), None before a cycle was measured."""
        if not self.cycle_s:
            return None
        return min(self.wire_s / self.cycle_s, 1.0)


SERVED_ELSEWHERE = "served elsewhere"
DISABLED = "disabled"


def status_wire_s(config: BusConfig, profile: str) -> float:
    """Wire time of one meter's status poll at the bus's line settings."""
    reads = STATUS_READS.get(profile, STATUS_READS["default"])
    return sum(transaction_wire_s(config, READ_REQUEST_SIZE, read_answer_size(n)) for n in reads)


def collect(site) -> tuple[list[BusDiag], list[MeterDiag]]:
    """Every bus and every enabled meter, failing and slowest first (needs the database)."""
    from app.services.site import bus_config

    owned = site.owned_workers()
    states = {s.meter_id: s for s in MeterState.select()}
    buses: list[BusDiag] = []
    meters: list[MeterDiag] = []
    for bus in Bus.select().order_by(Bus.name):
        config = bus_config(bus)
        worker = owned.get(bus.id)
        rows = list(
            Meter.select().where((Meter.bus == bus.id) & Meter.enabled).order_by(Meter.address)
        )
        wire = sum(status_wire_s(config, m.profile) for m in rows)
        bus_meters = [_meter(m, bus, worker, states.get(m.id)) for m in rows]
        meters.extend(bus_meters)
        online = sum(1 for m in bus_meters if m.online)
        if worker is not None:
            state = worker.state.value
            cycle = worker.scheduler.last_cycle_s
        else:
            state = SERVED_ELSEWHERE if bus.enabled else DISABLED
            cycle = None
        buses.append(BusDiag(bus.id, bus.name, bus.port, state, worker is not None, cycle, wire,
                             online, len(bus_meters) - online))  # fmt: skip
    meters.sort(key=attention_order)
    return buses, meters


def attention_order(m: MeterDiag) -> tuple:
    """Offline first, then most failures, then slowest answer."""
    return (m.online, -m.failures, -(m.last_response_ms or 0.0), m.bus_name, m.address)


def _meter(m: Meter, bus: Bus, worker, state: MeterState | None) -> MeterDiag:
    last_valid = state.updated_at if state is not None else None
    if worker is not None:
        s = worker.stats(m.id)
        return MeterDiag(m.id, m.number, bus.id, bus.name, m.address, m.circuit,
                         worker.is_online(m.id), s.answers, s.timeouts, s.crc_errors,
                         s.exceptions, s.last_response_ms, last_valid, s.last_error)  # fmt: skip
    if state is None:
        return MeterDiag(m.id, m.number, bus.id, bus.name, m.address, m.circuit, False,
                         0, 0, 0, 0, None, None, None)  # fmt: skip
    return MeterDiag(m.id, m.number, bus.id, bus.name, m.address, m.circuit, state.online,
                     state.answers, state.timeouts, state.crc_errors, state.exceptions,
                     state.last_response_ms, last_valid,
                     Message.from_json(state.last_error) if state.last_error else None)  # fmt: skip
