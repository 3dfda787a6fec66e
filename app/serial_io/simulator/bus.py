"""The simulated RS485 bus: meters by address, a clock, faults and a state file.

``SimBus.handle(request) -> response | None`` is the whole meter side of the
wire, usable in-process without any port. Before any answer to an accepted
protected command the state file is written (temp file, fsync, os.replace),
so killing the simulator after it answered can never lose a credit (state_file.py).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP, ConfigError
from app.serial_io.simulator import rtu
from app.serial_io.simulator.device import SimDevice
from app.serial_io.simulator.faults import Faults
from app.serial_io.simulator.meter import SimMeter
from app.serial_io.simulator.personalities import get_personality
from app.serial_io.simulator.state_file import read_state, write_state
from app.serial_io.site_keys import SiteKeys, as_site_keys

log = logging.getLogger(__name__)


class SimClock:
    """Bus time in unix seconds: real time x ``speed`` from ``start``; speed 0 = manual."""

    def __init__(self, speed: float = 1.0, start: float | None = None) -> None:
        if speed < 0:
            raise ValueError("speed must not be negative")
        self.speed = speed
        self._origin_sim = time.time() if start is None else float(start)
        self._origin_real = time.monotonic()

    def now(self) -> float:
        return self._origin_sim + (time.monotonic() - self._origin_real) * self.speed

    def set(self, sim_time: float) -> None:
        self._origin_sim = float(sim_time)
        self._origin_real = time.monotonic()

    def advance(self, seconds: float) -> None:
        """Jump forward (tests drive a manual clock with this)."""
        self.set(self.now() + seconds)


@dataclass(frozen=True)
class Answer:
    """What goes back on the wire, and how long after the request (fault ``late``)."""

    data: bytes
    delay_ms: int = 0


class SimBus:
    """Meters (and multi-circuit devices) by address, each answered by its family's personality.

    ``keys``: the site master key (bytes) or a ``SiteKeys`` with the makers'
    site keys too (the Acrel families need ``vendor_key("acrel")``; without
    it they refuse every write as undecipherable).
    """

    def __init__(
        self,
        meters: list[SimMeter | SimDevice],
        keys: bytes | SiteKeys,
        speed: float = 1.0,
        start_time: float | None = None,
        state_file: str | Path | None = None,
        faults: Faults | None = None,
        seed: int = 0,
        save_every_s: float = 900.0,
    ) -> None:
        self.meters: dict[int, SimMeter | SimDevice] = {}
        self.keys = as_site_keys(keys)
        master_key = self.keys.master
        self._master_key = master_key
        for m in meters:
            get_personality(m.profile)  # ConfigError for a family the simulator lacks
            if m.address in self.meters:
                raise ConfigError(
                    QT_TRANSLATE_NOOP("Errors", "two simulated meters share address {address}"),
                    address=m.address,
                )
            m.set_master_key(master_key)
            self.meters[m.address] = m
        self.faults = faults or Faults()
        self.rng = random.Random(seed)
        self.state_file = Path(state_file) if state_file else None
        self.save_every_s = save_every_s
        self.lock = threading.RLock()
        self.requests = 0  # requests addressed to a meter here (tests and stats)
        self._boot_index: dict[int, int] = {}
        saved_time = read_state(self.state_file, self.meters) if self.state_file else None
        if start_time is None and saved_time is not None:
            # Real meters keep running while the simulator is off: resume at the later of
            # the saved sim time and now (a manual clock, speed 0, resumes where it stopped).
            start_time = saved_time if speed == 0 else max(saved_time, time.time())
        self.clock = SimClock(speed, start_time)
        now = self.clock.now()
        for m in self.meters.values():
            m.advance(now)
        self._last_save = now

    # ---- time ----
    def now(self) -> float:
        return self.clock.now()

    def advance_all(self, to_time: float | None = None) -> None:
        with self.lock:
            t = self.now() if to_time is None else to_time
            for m in self.meters.values():
                m.advance(t)

    def meter(self, address: int, circuit: int | None = None):
        """The meter (or multi-circuit device) at ``address``; with ``circuit``, that circuit."""
        found = self.meters[address]
        if circuit is None:
            return found
        if not isinstance(found, SimDevice):
            raise IndexError(f"meter {address} has no circuits")
        return found.circuit(circuit)

    def circuit(self, address: int, circuit: int) -> SimMeter:
        """Circuit ``circuit`` (1-based) of the multi-circuit device at ``address``."""
        return self.meter(address, circuit)

    @property
    def parity(self) -> str:
        """The line parity the meters here expect: their families' default, the most common."""
        votes: dict[str, int] = {}
        for m in self.meters.values():
            p = get_personality(m.profile).parity
            votes[p] = votes.get(p, 0) + 1
        return max(sorted(votes), key=votes.__getitem__) if votes else "E"

    def put_meter(self, meter: SimMeter) -> SimMeter | None:
        """Install ``meter`` at its address (a meter replacement); returns the one it replaced."""
        with self.lock:
            meter.set_master_key(self._master_key)
            meter.advance(self.now())
            old = self.meters.get(meter.address)
            self.meters[meter.address] = meter
            return old

    # ---- the wire ----
    def handle(self, request: bytes) -> bytes | None:
        """Answer one complete RTU request frame (with CRC); None = silence."""
        answer = self.answer_frame(request)
        return None if answer is None else answer.data

    def answer_frame(self, request: bytes) -> Answer | None:
        parsed = rtu.parse_request(request)
        return None if parsed is None else self.answer(parsed)

    def answer(self, request: rtu.Request) -> Answer | None:
        with self.lock:
            now = self.now()
            if request.address == 0:
                self._broadcast(request, now)
                return None
            meter = self.meters.get(request.address)
            if meter is None or request.address in self.faults.dead:
                return None
            if self._rebooting(meter, now):
                return None
            self.requests += 1
            meter.advance(now)
            data, accepted_write = self._serve(meter, request)
            if accepted_write:
                self.save_state(now)  # before the answer leaves
            else:
                self.save_if_due(now)
            return self._apply_faults(data)

    def _serve(self, meter: SimMeter | SimDevice, req: rtu.Request) -> tuple[bytes, bool]:
        return get_personality(meter.profile).serve(self, meter, req)

    def _broadcast(self, req: rtu.Request, now: float) -> None:
        """Broadcast reads are ignored; a family that acts on broadcasts gets them."""
        for meter in self.meters.values():
            if meter.address in self.faults.dead or self._rebooting(meter, now):
                continue
            get_personality(meter.profile).broadcast(self, meter, req, now)

    def _rebooting(self, meter: SimMeter, now: float) -> bool:
        period = self.faults.reboot.get(meter.address)
        if not period:
            return False
        index = int(now // period)
        if self._boot_index.setdefault(meter.address, index) != index:
            self._boot_index[meter.address] = index
            meter.advance(index * period)
            meter.reboot()
            log.info("meter %d rebooted", meter.address)
        return now - index * period < self.faults.reboot_silent_s

    def _apply_faults(self, data: bytes) -> Answer | None:
        f, rng = self.faults, self.rng
        if not f.any:
            return Answer(data)
        if f.lost and rng.random() < f.lost:
            return None
        if f.crc and rng.random() < f.crc:
            data = data[:-1] + bytes([data[-1] ^ (1 + rng.randrange(255))])
        if f.garbage and rng.random() < f.garbage:
            junk = bytes(rng.randrange(256) for _ in range(1 + rng.randrange(8)))
            data = junk + data if rng.random() < 0.5 else junk
        delay = f.late_ms if f.late and rng.random() < f.late else 0
        return Answer(data, delay)

    # ---- state file ----
    def save_state(self, now: float | None = None) -> None:
        """Write every meter's non-volatile state atomically (no-op without a file)."""
        if not self.state_file:
            return
        with self.lock:
            now = self.now() if now is None else now
            for m in self.meters.values():
                m.advance(now)
            write_state(self.state_file, self.meters, now)
            self._last_save = now

    def save_if_due(self, now: float | None = None) -> bool:
        """Save if ``save_every_s`` sim seconds passed since the last save (energy moves on)."""
        with self.lock:
            now = self.now() if now is None else now
            if self.state_file and now - self._last_save >= self.save_every_s:
                self.save_state(now)
                return True
            return False
