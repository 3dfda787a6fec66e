"""What a bus worker reports, as frozen dataclasses (sent to the UI by signal).

The worker calls a ``WorkerListener``; ``qt_bridge`` turns those calls into Qt
signals for the GUI, tests use a plain recording listener.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from app import settings
from app.messages import Message
from app.serial_io.meter_data import CommStats, MeterStatus


@dataclass(frozen=True)
class MeterRef:
    """What the worker needs to know of one meter on its bus."""

    meter_id: int
    address: int
    serial: str = ""
    profile: str = "default"
    circuit: int = 0  # 1.. on a multi-circuit meter (several meters at one address), else 0


@dataclass(frozen=True)
class BusConfig:
    bus_id: int
    name: str
    port: str  # device path, pty path, or socket://host:port
    baud: int = 9600
    parity: str = "E"
    stopbits: int = 1
    timeout_ms: int = 0  # 0: computed from baud rate and frame size
    turnaround_ms: int = 50
    time_speed: float = 1.0  # a simulated bus's meters live this much faster (demo: 30)


def _site_fields(value: Callable[[str], object]) -> dict[str, object]:
    """The poll fields a site sets (declared in ``app.settings``), read with ``value(key)``.

    The one mapping from settings to ``PollSettings``: the defaults below and
    ``from_settings`` both come through it, so no default is written twice.
    """
    return {
        "offline_after": int(value("poll.offline_after")),
        "reading_interval_s": int(value("poll.reading_interval_min")) * 60,
        "retry_max_s": float(value("poll.retry_max_s")),
        "align_readings": bool(value("poll.align_readings")),
        "freshness_target_s": int(value("poll.freshness_target_s")),
    }


_DECLARED = _site_fields(lambda key: settings.option(key).default)


@dataclass(frozen=True)
class PollSettings:
    offline_after: int = _DECLARED["offline_after"]  # missed polls before a meter is offline
    reading_interval_s: int = _DECLARED["reading_interval_s"]  # stored reading per meter
    retry_base_s: float = 10.0  # first back-off for an offline meter (not a site setting)
    retry_max_s: float = _DECLARED["retry_max_s"]  # longest back-off
    state_flush_s: float = 5.0  # how often live status rows are written (not a site setting)
    # stored readings at the clock's marks of the interval (:00 and :30), not interval after
    # the last one
    align_readings: bool = _DECLARED["align_readings"]
    freshness_target_s: int = _DECLARED["freshness_target_s"]  # a status older is late

    @classmethod
    def from_settings(cls) -> PollSettings:
        """The open site's values (needs an open database; unset keys give the defaults)."""
        return cls(**_site_fields(settings.get))


@dataclass(frozen=True)
class MeterUpdate:
    """One poll's outcome for one meter. ``status`` is None when it did not answer.

    ``error`` is why it did not answer, as a Message the UI translates (None: it did).
    """

    bus_id: int
    meter_id: int
    address: int
    online: bool
    status: MeterStatus | None
    stats: CommStats
    at: float  # time.time() of the poll
    error: Message | None = None
    flags: frozenset[str] = frozenset()  # from the contact check, e.g. PURCHASE_MISMATCH


PURCHASE_MISMATCH = "purchase_mismatch"
# The contact check judged the count and it agrees (no flag at all: no verdict, e.g. a
# job's own read or an entry still unsettled): the alarm engine ends a mismatch only on this.
PURCHASE_COUNT_OK = "purchase_count_ok"


class ContactCheck(Protocol):
    """Run in the worker thread on every valid answer (settlement, purchase-count check)."""

    def __call__(
        self, ref: MeterRef, status: MeterStatus, read_started: float | None = None
    ) -> frozenset[str]: ...


class BusState(enum.Enum):
    CONNECTING = "connecting"
    RUNNING = "running"
    PORT_ERROR = "port error"
    STOPPED = "stopped"


@dataclass(frozen=True)
class BusUpdate:
    bus_id: int
    name: str
    state: BusState
    cycle_s: float | None = None  # duration of the last full status cycle
    online: int = 0
    offline: int = 0
    message: Message | None = None  # why the port is in error
    at: float = 0.0
    served_by: str = ""  # "collector on host" when another process owns the bus


class Priority(enum.IntEnum):
    """Lower runs first: operator commands jump ahead of polling."""

    OPERATOR = 0
    BATCH = 1
    SETTLE = 2
    POLL = 3


class WorkerListener(Protocol):
    def meter_updated(self, update: MeterUpdate) -> None: ...

    def bus_updated(self, update: BusUpdate) -> None: ...
