"""Bus scan: which addresses answer, who they are, and how that compares with the site.

Two ways to reach the line. A configured bus is scanned *through its owner*:
one ``probe`` job per address in the bus worker's queue (``Priority.BATCH``),
so polls and sales still interleave and a cancel waits for one address at
most; when another process owns the bus the same job goes as a job row
(``RemoteBus``). A port no bus uses is opened by the scan itself, in its own
thread, and closed afterwards.

Each address is asked by ``serial_io.address_probe`` (silence costs one
answer timeout computed from the line speed; damaged answers on two of three
tries make an address clashing).

The comparison with the configured meters of the bus (``compare``) gives each
address a status: new, ok, missing, moved (a known serial at another address),
replaced (another serial than the one recorded), clashing, or unknown (answers,
but no family recognises it). No Qt here: the scan window polls ``progress``.
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import CancelledError as _CancelledError
from concurrent.futures import Future
from dataclasses import dataclass, field, replace

from app.errors import QT_TRANSLATE_NOOP, PemError
from app.messages import Message
from app.serial_io.address_probe import Outcome, Probe, probe_address
from app.serial_io.events import BusConfig, Priority
from app.serial_io.profiles import MeterProfile, RegisterBus

log = logging.getLogger(__name__)

FIRST_ADDRESS, LAST_ADDRESS = 1, 247

BAD_RANGE = QT_TRANSLATE_NOOP(
    "Errors", "scan addresses must satisfy 1 <= first <= last <= 247 (got {first}-{last})"
)


# ---------------------------------------------------------------- the comparison
class Status(enum.Enum):
    NEW = "new"  # answers, not configured: offer to add
    OK = "ok"  # configured here, and it answers
    MISSING = "missing"  # configured, no answer (and its serial found nowhere else)
    MOVED = "moved"  # a configured serial answers at another address
    REPLACED = "replaced"  # configured here, but another serial answers
    CLASHING = "clashing"  # garbled answers: two meters on one address?
    UNKNOWN = "unknown"  # answers, but no family recognises it


STATUS_TEXT = {
    Status.NEW: QT_TRANSLATE_NOOP("ScanStatus", "new"),
    Status.OK: QT_TRANSLATE_NOOP("ScanStatus", "ok"),
    Status.MISSING: QT_TRANSLATE_NOOP("ScanStatus", "missing"),
    Status.MOVED: QT_TRANSLATE_NOOP("ScanStatus", "moved"),
    Status.REPLACED: QT_TRANSLATE_NOOP("ScanStatus", "other serial"),
    Status.CLASHING: QT_TRANSLATE_NOOP("ScanStatus", "clashing"),
    Status.UNKNOWN: QT_TRANSLATE_NOOP("ScanStatus", "unknown family"),
}


@dataclass(frozen=True)
class Configured:
    """A configured meter of the scanned bus, as the comparison needs it."""

    meter_id: int
    number: str
    address: int
    circuit: int = 0
    serial: str = ""
    profile: str = "default"


@dataclass(frozen=True)
class ScanRow:
    """One line of the result: an address (and circuit) with its status."""

    address: int
    circuit: int
    status: Status
    probe: Probe | None = None  # None for a missing meter
    meter_id: int | None = None  # the configured meter it concerns
    number: str = ""
    configured_address: int | None = None  # where a moved meter was configured


def configured_meters(bus_id: int) -> list[Configured]:
    """The enabled meters configured on ``bus_id`` (needs the site database)."""
    from app.models import Meter

    q = Meter.select().where((Meter.bus == bus_id) & Meter.enabled).order_by(Meter.address)
    return [Configured(m.id, m.number, m.address, m.circuit, m.serial, m.profile) for m in q]


def compare(
    probes: Iterable[Probe], configured: Iterable[Configured], scanned: Iterable[int]
) -> list[ScanRow]:
    """Each answering address and each configured meter in ``scanned`` with its status."""
    scanned_set = set(scanned)
    configured = list(configured)
    at = {(c.address, c.circuit): c for c in configured}
    by_address: dict[int, list[Configured]] = {}
    for c in configured:
        by_address.setdefault(c.address, []).append(c)
    by_serial = {c.serial: c for c in configured if c.serial}
    rows: list[ScanRow] = []
    accounted: set[int] = set()  # configured meters that answered (here or elsewhere)
    for p in probes:
        if not p.answered:
            continue
        if p.outcome != Outcome.ANSWER.value:
            here = by_address.get(p.address, [])
            status = Status.CLASHING if p.outcome == Outcome.CLASHING.value else Status.UNKNOWN
            first = here[0] if here else None
            rows.append(ScanRow(p.address, 0, status, p, first and first.meter_id,
                                first.number if first else ""))  # fmt: skip
            continue
        for circuit in range(1, p.circuits + 1) if p.circuits else (0,):
            known = by_serial.get(p.serial) if p.serial else None
            mine = at.get((p.address, circuit))
            if known is not None and (known.address, known.circuit) != (p.address, circuit):
                rows.append(ScanRow(p.address, circuit, Status.MOVED, p, known.meter_id,
                                    known.number, known.address))  # fmt: skip
                accounted.add(known.meter_id)
            elif mine is not None:
                status = Status.OK
                if mine.serial and p.serial and mine.serial != p.serial:
                    status = Status.REPLACED
                else:
                    accounted.add(mine.meter_id)
                rows.append(ScanRow(p.address, circuit, status, p, mine.meter_id, mine.number,
                                    mine.address))  # fmt: skip
            else:
                rows.append(ScanRow(p.address, circuit, Status.NEW, p))
    for c in configured:
        if c.meter_id in accounted or c.address not in scanned_set:
            continue
        if any(r.meter_id == c.meter_id and r.status is not Status.REPLACED for r in rows):
            continue  # a clashing / unknown row already names it
        rows.append(ScanRow(c.address, c.circuit, Status.MISSING, None, c.meter_id, c.number,
                            c.address))  # fmt: skip
    rows.sort(key=lambda r: (r.address, r.circuit, r.status.value))
    return rows


# ---------------------------------------------------------------- the scan itself
@dataclass(frozen=True)
class ScanProgress:
    done: int
    total: int
    address: int | None  # the address being probed now
    answered: int


@dataclass(frozen=True)
class ScanResult:
    rows: list[ScanRow]
    probes: list[Probe]
    scanned: list[int]  # addresses probed (all of them unless cancelled or failed)
    cancelled: bool
    elapsed_s: float
    error: Message | None = None  # why the scan stopped early (the port failed)
    timeout_s: float | None = None  # the computed answer timeout of the line, when known
    counts: dict[str, int] = field(default_factory=dict)


def check_range(first: int, last: int) -> list[int]:
    if not FIRST_ADDRESS <= first <= last <= LAST_ADDRESS:
        raise PemError(BAD_RANGE, first=first, last=last)
    return list(range(first, last + 1))


class BusScan:
    """A scan in a thread of its own: ``start()`` gives a Future of the ``ScanResult``.

    ``probe(address)`` is how one address is asked (a worker job, or the
    scan's own port); ``progress`` may be read from any thread; ``cancel()``
    stops after the address being probed.
    """

    def __init__(
        self,
        probe: Callable[[int], Probe],
        addresses: list[int],
        configured: list[Configured],
        close: Callable[[], None] | None = None,
        timeout_s: float | None = None,
    ) -> None:
        self._probe = probe
        self.addresses = list(addresses)
        self.configured = list(configured)
        self._close = close
        self.timeout_s = timeout_s
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._progress = ScanProgress(0, len(self.addresses), None, 0)
        self._found: list[Probe] = []
        self.future: Future = Future()
        self._thread: threading.Thread | None = None
        self.on_cancel: Callable[[], None] | None = None  # set by the job-driven scan

    @property
    def progress(self) -> ScanProgress:
        with self._lock:
            return self._progress

    def found(self) -> list[Probe]:
        """The answering addresses so far (the window lists them as they come)."""
        with self._lock:
            return list(self._found)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()
        hook = self.on_cancel
        if hook is not None:
            hook()

    def start(self) -> Future:
        self._thread = threading.Thread(target=self._run, name="bus-scan", daemon=True)
        self._thread.start()
        return self.future

    def run(self) -> ScanResult:
        """The scan in the calling thread (the command line)."""
        self._run()
        return self.future.result()

    def _run(self) -> None:
        if not self.future.set_running_or_notify_cancel():
            return
        started = time.monotonic()
        probes: list[Probe] = []
        error: Message | None = None
        try:
            for i, address in enumerate(self.addresses):
                if self._cancel.is_set():
                    break
                with self._lock:
                    self._progress = replace(self._progress, done=i, address=address)
                try:
                    p = self._probe(address)
                except _Cancelled:
                    break
                except PemError as exc:  # the port failed, or the owner refused
                    error = exc.message
                    break
                probes.append(p)
                with self._lock:
                    if p.answered:
                        self._found.append(p)
                    self._progress = ScanProgress(i + 1, len(self.addresses), None,
                                                  len(self._found))  # fmt: skip
            scanned = [p.address for p in probes]
            rows = compare(probes, self.configured, scanned)
            counts: dict[str, int] = {}
            for r in rows:
                counts[r.status.value] = counts.get(r.status.value, 0) + 1
            elapsed = time.monotonic() - started
            cancelled = self._cancel.is_set()
            result = ScanResult(
                rows, probes, scanned, cancelled, elapsed, error, self.timeout_s, counts
            )
        except BaseException as exc:  # a bug: the caller hears of it, the thread ends
            log.exception("bus scan failed")
            self.future.set_exception(exc)
            return
        finally:
            if self._close is not None:
                try:
                    self._close()
                except Exception:
                    log.exception("closing the scanned port failed")
        self.future.set_result(result)


class _Cancelled(Exception):
    """The probe job was withdrawn before it ran: the scan was cancelled."""


# ---------------------------------------------------------------- the two ways in
def answer_timeout_s(config: BusConfig) -> float:
    """What an absent address costs: the probe request on the wire, then the line's
    first-byte deadline (``serial_line.first_byte_s``), then the 3.5-character gap."""
    from app.serial_io.serial_line import first_byte_s
    from app.serial_io.transport import READ_REQUEST_SIZE, char_time_s, silent_interval_s

    request_s = READ_REQUEST_SIZE * char_time_s(config)
    return request_s + first_byte_s(config) + silent_interval_s(config)


def scan_port(
    config: BusConfig,
    first: int = FIRST_ADDRESS,
    last: int = LAST_ADDRESS,
    configured: list[Configured] | None = None,
    bus_factory: Callable[[BusConfig], RegisterBus] | None = None,
    profile: MeterProfile | None = None,
) -> BusScan:
    """A scan of a port no running bus uses: the scan opens it (in its thread) and closes it."""
    addresses = check_range(first, last)
    holder: dict[str, RegisterBus] = {}

    def bus() -> RegisterBus:
        if "bus" not in holder:
            if bus_factory is not None:
                holder["bus"] = bus_factory(config)
            else:
                from app.serial_io.transport import ModbusBus

                holder["bus"] = ModbusBus(config)
            opener = getattr(holder["bus"], "open", None)
            if opener is not None:
                opener()
        return holder["bus"]

    def close() -> None:
        closer = getattr(holder.get("bus"), "close", None)
        if closer is not None:
            closer()

    return BusScan(
        lambda address: probe_address(bus(), address, profile),
        addresses,
        configured or [],
        close,
        answer_timeout_s(config),
    )


def scan_bus(
    worker,
    bus_id: int,
    first: int = FIRST_ADDRESS,
    last: int = LAST_ADDRESS,
    configured: list[Configured] | None = None,
    config: BusConfig | None = None,
    priority: Priority = Priority.BATCH,
) -> BusScan:
    """A scan of a configured bus through its owner: one ``probe`` job per address.

    ``worker`` is the site's worker for the bus (a ``BusWorker`` this process
    owns, or a ``RemoteBus`` that writes job rows). ``configured`` defaults to
    the bus's meters in the database (read here, in the caller's thread).
    """
    from app.services.job_kinds import probe_job

    addresses = check_range(first, last)
    if configured is None:
        configured = configured_meters(bus_id)
    pending: dict[str, Future] = {}

    def probe(address: int) -> Probe:
        future = worker.submit(probe_job(address), priority, f"scan address {address}")
        pending["now"] = future
        try:
            while True:
                try:
                    return future.result(timeout=0.05)
                except TimeoutError:
                    continue
                except _CancelledError:
                    raise _Cancelled() from None
                except PemError as exc:
                    if scan.cancelled and _was_withdrawn(exc):
                        raise _Cancelled() from None
                    raise
        finally:
            pending.pop("now", None)

    def withdraw() -> None:
        future = pending.get("now")
        if future is None:
            return
        if future.cancel():  # a local job not started yet
            return
        job_id = getattr(future, "job_id", None)
        if job_id is not None:
            from app.services.bus_jobs import withdraw as withdraw_row

            try:
                withdraw_row(job_id)
            except Exception:
                log.exception("withdrawing scan job %s failed", job_id)

    scan = BusScan(probe, addresses, configured, None,
                   answer_timeout_s(config) if config else None)  # fmt: skip
    scan.on_cancel = withdraw
    return scan


def _was_withdrawn(exc: PemError) -> bool:
    from app.services.bus_jobs import JobNotRun

    return isinstance(exc, JobNotRun)


def number_for(pattern: str, address: int, circuit: int = 0) -> str:
    """A new meter's number from a pattern like ``M{address:03d}`` or ``B2-{address}-{circuit}``."""
    from app.errors import InvalidField

    try:
        return pattern.format(address=address, circuit=circuit).strip()
    except (KeyError, IndexError, ValueError) as exc:
        raise InvalidField(
            "pattern", BAD_PATTERN, field="pattern", value=repr(pattern), reason=str(exc)
        ) from None


BAD_PATTERN = QT_TRANSLATE_NOOP("Errors", "{field}: {value} is not a number pattern ({reason})")
DEFAULT_PATTERN = "M{address:03d}"


# ---------------------------------------------------------------- adding what was found
def add_found(actor, bus_id: int, rows: Iterable[ScanRow], pattern: str = DEFAULT_PATTERN):
    """Add each *new* row as a meter numbered by ``pattern``, with the identity the scan
    read, through the settings' own ``add_meters`` (all or nothing, the site's defaults,
    clashes named, one system-log row a meter). Returns the new meters' ids."""
    from app.services import site_config, site_rules

    infos, identities = [], []
    for row in rows:
        if row.status is not Status.NEW or row.probe is None:
            continue
        p = row.probe
        number = site_rules.name("number", number_for(pattern, row.address, row.circuit))
        infos.append(site_config.MeterInfo(number, bus_id, row.address, row.circuit,
                                           profile=p.profile, ct_ratio=p.ct_ratio or 1,
                                           pt_ratio=p.pt_ratio or 1))  # fmt: skip
        identities.append({"serial": p.serial or "", "model": p.model, "phases": p.phases or 1,
                           "firmware": p.firmware})  # fmt: skip
    return [change.id for change in site_config.add_meters(actor, infos, identities)]
