"""One worker thread per serial line: it owns the port and every meter on it.

minimalmodbus is not thread-safe and a half-duplex RS485 line carries one
transaction at a time, so all traffic goes through this thread's priority
queue: an operator's sale or trip runs before the next poll request, batches
before settlement reads, and the continuous status scan (``PollScheduler``)
fills the time nobody asks for anything. Results leave as frozen dataclasses
through a ``WorkerListener`` (``qt_bridge`` turns them into Qt signals) and as
``concurrent.futures.Future`` objects for submitted jobs. Nothing that happens
on the wire, in a job or in a listener stops the thread; only ``stop()`` does.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from typing import Any

from app.errors import (
    NOT_OWNER,
    QT_TRANSLATE_NOOP,
    BadFrame,
    CommError,
    ConfigError,
    NotBusOwner,
    PemError,
    PortError,
)
from app.messages import Message
from app.serial_io.comm_stats import CommStatsBook
from app.serial_io.events import (
    BusConfig,
    BusState,
    BusUpdate,
    ContactCheck,
    MeterRef,
    MeterUpdate,
    PollSettings,
    Priority,
    WorkerListener,
)
from app.serial_io.meter_data import CommStats, MeterStatus
from app.serial_io.meter_link import MeterLink
from app.serial_io.poll_store import PollStore
from app.serial_io.profiles import RegisterBus, get_profile
from app.serial_io.scheduler import PollScheduler
from app.serial_io.site_keys import SiteKeys, as_site_keys

log = logging.getLogger(__name__)

_SENTINEL_PRIORITY = -1
UNDECODABLE = QT_TRANSLATE_NOOP(
    "Errors",
    "meter {address} answered, but its registers do not decode as profile {profile} "
    "({reason}): check the meter's family",
)
DEFAULT_SETTINGS = PollSettings()


class BusWorker(threading.Thread):
    PORT_RETRY_S = 3.0  # how often a port that cannot be opened is tried again
    IDLE_REPORT_S = 10.0  # bus status while every meter is backing off
    # During a batch one poll at least this often (the grid stays live), the rest of the
    # wire for the batch: a poll after every job left a trip batch 67% of its wire limit.
    BATCH_POLL_GAP_S = 2.0  # the grid stays live; a poll costs the batch some 8% of the line

    def __init__(
        self,
        config: BusConfig,
        meters: Iterable[MeterRef],
        master_key: SiteKeys | bytes,
        listener: WorkerListener | None = None,
        settings: PollSettings = DEFAULT_SETTINGS,
        store: PollStore | None = None,
        bus_factory: Callable[[BusConfig], RegisterBus] | None = None,
        clock: Callable[[], float] = time.monotonic,
        poll: bool = True,
        contact: ContactCheck | None = None,
        fence: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(name=f"bus-{config.name}", daemon=True)
        self.config = config
        # poll=False: a command-line tool that only runs jobs (sell, verify) and leaves
        # the continuous scan to the GUI's collection service.
        self.polling = poll
        self.contact = contact
        # fence(): may this process still drive the bus? Asked before every job, so a
        # process that lost its lease (stalled past it) never sends a command.
        self.fence = fence
        self._poll_owed = False  # a batch job ran: one poll before the next (grid stays live)
        self._batch_poll_at = -1e9  # clock() of the last poll made between batch jobs
        self._in_job = False  # a job's own reads skip the contact check: its entry is in flight
        self._read_started: float | None = None  # time.monotonic() the last poll request began
        self.settings = settings
        self.listener = listener
        self.store = store
        self._site_keys = as_site_keys(master_key)
        self._bus_factory = bus_factory
        self._clock = clock
        meters = list(meters)
        self._meters: dict[int, MeterRef] = {m.meter_id: m for m in meters}
        self._pending_meters: list[MeterRef] | None = None
        self._pending_settings: PollSettings | None = None
        self.scheduler = PollScheduler(self._meters, settings, clock)
        self._queue: queue.PriorityQueue = queue.PriorityQueue()
        self._seq = itertools.count()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._stats = CommStatsBook()
        self._status: dict[int, MeterStatus] = {}
        self._online: dict[int, bool] = {}
        self._keys: dict[tuple[str, str], object] = {}
        self._undecodable: set[int] = set()  # meters whose answer did not decode (logged once)
        self._bus: Any = None
        self._state = BusState.STOPPED
        self._state_message: Message | None = None
        self._last_exc: BaseException | None = None
        self._idle_report_at = clock() + self.IDLE_REPORT_S
        self._link = MeterLink(self)

    # ---------------- public, any thread ----------------
    def submit(
        self, fn: Callable[[MeterLink], Any], priority: Priority = Priority.OPERATOR, label=""
    ) -> Future:
        """Run ``fn(link)`` in the worker thread; its result or exception goes to the future."""
        future: Future = Future()
        if self._stopping.is_set():
            future.cancel()
            return future
        self._queue.put((int(priority), next(self._seq), (fn, future, label)))
        return future

    def poll_now(self, meter_id: int) -> Future:
        return self.submit(lambda link: link.poll(meter_id), Priority.OPERATOR, "poll now")

    def set_meters(self, meters: Iterable[MeterRef]) -> None:
        with self._lock:
            self._pending_meters = list(meters)
        self._queue.put((_SENTINEL_PRIORITY, next(self._seq), None))  # wake up

    def set_settings(self, settings: PollSettings) -> None:
        """New poll settings (offline limit, reading interval, alignment), applied in the
        worker thread before its next step, like ``set_meters``: no restart, no lost job."""
        with self._lock:
            self._pending_settings = settings
        self._queue.put((_SENTINEL_PRIORITY, next(self._seq), None))  # wake up

    def last_status(self, meter_id: int) -> MeterStatus | None:
        with self._lock:
            return self._status.get(meter_id)

    def is_online(self, meter_id: int) -> bool:
        with self._lock:
            return self._online.get(meter_id, False)

    def stats(self, meter_id: int) -> CommStats:
        return self._stats.get(meter_id)

    @property
    def state(self) -> BusState:
        return self._state

    def stop(self, timeout: float = 5.0) -> None:
        """Flag, sentinel, join; jobs still queued are cancelled, the port is closed."""
        self._stopping.set()
        self._queue.put((_SENTINEL_PRIORITY, next(self._seq), None))
        if self.is_alive():
            self.join(timeout)
        self._cancel_pending()
        # The listener may be a QObject: drop our reference here, on the stopping (GUI)
        # thread, so the garbage collector never destroys it from some worker thread.
        self.listener = None

    # ---------------- the thread ----------------
    def run(self) -> None:
        self._set_state(BusState.CONNECTING)
        try:
            self._open_store()
            next_flush = self._clock() + self.settings.state_flush_s
            while not self._stopping.is_set():
                try:
                    self._step()
                except Exception:  # a bug: log it, keep serving the bus
                    log.exception("bus %s: unexpected error in the worker", self.config.name)
                    self._stopping.wait(1.0)
                now = self._clock()
                if now >= next_flush:
                    next_flush = now + self.settings.state_flush_s
                    self._flush_store()
        finally:
            self._shutdown()

    def _step(self) -> None:
        """One job, or one poll, or a short wait for a job when nothing is due.

        After batch jobs one poll goes first once ``BATCH_POLL_GAP_S`` has passed since
        the last (unless an operator's job waits), so a batch of a thousand commands
        leaves the grid live.
        """
        self._apply_pending()
        if self._poll_owed and self._poll_between():
            return
        if self._run_queued(block_s=0):
            return
        if not self._port_ready():
            self._run_queued(block_s=self.PORT_RETRY_S)
            return
        if not self.polling:
            self._run_queued(block_s=1.0)
            return
        meter_id, wait = self.scheduler.next_poll()
        if meter_id is not None:
            self._poll_ref(self._meters[meter_id])
        else:
            self._run_queued(block_s=min(wait, self.settings.state_flush_s, 1.0))
        now = self._clock()
        cycle_s = self.scheduler.take_cycle()
        if cycle_s is not None or now >= self._idle_report_at:
            self._idle_report_at = now + self.IDLE_REPORT_S
            self._report_bus(BusState.RUNNING, self.scheduler.last_cycle_s)

    def _poll_between(self) -> bool:
        """The poll owed after a batch job, unless an operator's job is waiting; True if polled."""
        self._poll_owed = False
        with self._queue.mutex:
            head = self._queue.queue[0][0] if self._queue.queue else None
        if head is not None and head <= int(Priority.OPERATOR):
            return False
        if not self.polling or not self._port_ready():
            return False
        meter_id, _wait = self.scheduler.next_poll()
        if meter_id is None:
            return False
        self._batch_poll_at = self._clock()
        self._poll_ref(self._meters[meter_id])
        return True

    def _run_queued(self, block_s: float) -> bool:
        """Run one queued job (waiting up to ``block_s``); False when none came."""
        try:
            if block_s > 0:
                priority, _, item = self._queue.get(timeout=block_s)
            else:
                priority, _, item = self._queue.get_nowait()
        except queue.Empty:
            return False
        if item is None:  # sentinel: stop, or a meter list change
            return True
        if priority == int(Priority.BATCH):
            self._poll_owed = self._clock() - self._batch_poll_at >= self.BATCH_POLL_GAP_S
        fn, future, label = item
        if not future.set_running_or_notify_cancel():
            return True
        if not self._fence_holds():
            log.warning(
                "bus %s: job %s refused, the bus's lease is not ours", self.config.name, label
            )
            future.set_exception(NotBusOwner(NOT_OWNER))
            return True
        self._in_job = True
        try:
            result = fn(self._link)
        except BaseException as exc:
            level = logging.DEBUG if isinstance(exc, PemError) else logging.INFO
            log.log(level, "job %s on bus %s failed: %r", label, self.config.name, exc)
            future.set_exception(exc)
        else:
            future.set_result(result)
        finally:
            self._in_job = False
        return True

    def _fence_holds(self) -> bool:
        if self.fence is None:
            return True
        try:
            return bool(self.fence())
        except Exception:  # cannot tell: do not send
            log.exception("bus %s: the lease check failed", self.config.name)
            return False

    def _apply_pending(self) -> None:
        with self._lock:
            pending, self._pending_meters = self._pending_meters, None
            settings, self._pending_settings = self._pending_settings, None
        if settings is not None:
            self.settings = settings
            self.scheduler.set_settings(settings)
            log.info("bus %s: poll settings %s", self.config.name, settings)
        if pending is None:
            return
        self._meters = {m.meter_id: m for m in pending}
        self.scheduler.set_meters(self._meters)
        log.info("bus %s: %d meters", self.config.name, len(self._meters))

    # ---------------- the port ----------------
    def _ensure_bus(self) -> RegisterBus:
        if self._bus is None:
            if self._bus_factory is not None:
                self._bus = self._bus_factory(self.config)
            else:
                from app.serial_io.transport import ModbusBus

                self._bus = ModbusBus(self.config)
        opener = getattr(self._bus, "open", None)
        if opener is not None:
            opener()
        return self._bus

    def _port_ready(self) -> bool:
        try:
            self._ensure_bus()
        except PemError as exc:
            self._port_failed(exc.message)
            return False
        if self._state is not BusState.RUNNING:
            self._report_bus(BusState.RUNNING, None)
        return True

    def _port_failed(self, message: Message) -> None:
        """The port is gone or cannot be opened: meters count as offline until it is back.

        Those that were online are published (the grid turns them grey); every retry
        is a missed poll of every meter for the poll store's observer (the alarm engine
        counts ``alarm.offline_polls`` of them), or a bus down from the start would
        never raise an offline alarm."""
        dropped = set(self.scheduler.mark_all_offline())
        for meter_id, ref in list(self._meters.items()):
            if meter_id in dropped:
                self._publish(ref, None, message)
            elif self.store is not None:
                try:
                    self.store.record(self._update(ref, None, message))
                except Exception:
                    log.exception("bus %s: poll store refused an update", self.config.name)
        if self._state is not BusState.PORT_ERROR or message != self._state_message:
            log.info("bus %s: %s", self.config.name, message)
            self._report_bus(BusState.PORT_ERROR, None, message)

    # ---------------- polling ----------------
    def _poll_ref(self, ref: MeterRef) -> MeterUpdate:
        self._last_exc = None
        self._read_started = time.monotonic()  # a settlement may only trust reads begun after
        try:
            status = get_profile(ref.profile).read_status(self._ensure_bus(), ref)
        except (PortError, ConfigError) as exc:
            self._last_exc = exc
            self._port_failed(exc.message)
            return self._update(ref, None, exc.message)
        except CommError as exc:
            self._last_exc = exc
            self._count_failure(ref, exc)
            return self._publish(ref, None, Message.of(exc))
        except ValueError as exc:  # an answer whose registers do not decode: say it, loudly
            error = BadFrame(UNDECODABLE, ref.address, profile=ref.profile, reason=str(exc))
            if ref.meter_id not in self._undecodable:  # the traceback once a meter: a bug
                self._undecodable.add(ref.meter_id)
                log.error("bus %s: %s", self.config.name, error, exc_info=True)
            self._last_exc = error
            self._count_failure(ref, error)
            return self._publish(ref, None, error.message)
        self._count_answer(ref)
        return self._publish(ref, status, None)

    def _count_answer(self, ref: MeterRef) -> None:
        self._stats.answered(ref.meter_id, getattr(self._bus, "last_response_ms", None))
        self.scheduler.record(ref.meter_id, True)

    def _count_failure(self, ref: MeterRef, exc: BaseException) -> None:
        self._stats.failed(ref.meter_id, exc)
        self.scheduler.record(ref.meter_id, False)

    def _update(
        self,
        ref: MeterRef,
        status: MeterStatus | None,
        error: Message | None,
        flags=frozenset(),
    ) -> MeterUpdate:
        online = self.scheduler.is_online(ref.meter_id)
        with self._lock:
            self._online[ref.meter_id] = online
            if status is not None:
                self._status[ref.meter_id] = status
        stats = self._stats.get(ref.meter_id)
        return MeterUpdate(
            self.config.bus_id,
            ref.meter_id,
            ref.address,
            online,
            status,
            stats,
            time.time(),
            error,
            flags,
        )

    def _publish(
        self, ref: MeterRef, status: MeterStatus | None, error: Message | None
    ) -> MeterUpdate:
        flags = frozenset()
        if status is not None and self.contact is not None and not self._in_job:
            try:
                flags = self.contact(ref, status, self._read_started)
            except Exception:
                log.exception("bus %s: contact check failed for %s", self.config.name, ref)
        update = self._update(ref, status, error, flags)
        if self.store is not None:
            try:
                self.store.record(update)
                if status is not None and self.scheduler.reading_due(ref.meter_id):
                    self.store.add_reading(ref.meter_id, status, update.at)
                    self.scheduler.reading_taken(ref.meter_id)
            except Exception:
                log.exception("bus %s: poll store refused an update", self.config.name)
        self._tell("meter_updated", update)
        return update

    def _keys_for(self, ref: MeterRef) -> object:
        """What the meter's profile protects its frames with (derived once per meter)."""
        key = (ref.serial, ref.profile)
        if key not in self._keys:
            self._keys[key] = get_profile(ref.profile).meter_keys(self._site_keys, ref.serial)
        return self._keys[key]

    # ---------------- reporting ----------------
    def _report_bus(
        self, state: BusState, cycle_s: float | None, message: Message | None = None
    ) -> None:
        self._state, self._state_message = state, message
        online, offline = self.scheduler.counts()
        self._tell(
            "bus_updated",
            BusUpdate(
                self.config.bus_id,
                self.config.name,
                state,
                cycle_s,
                online,
                offline,
                message,
                time.time(),
            ),
        )

    def _set_state(self, state: BusState) -> None:
        self._report_bus(state, None)

    def _tell(self, method: str, update: object) -> None:
        listener = self.listener  # read once: stop() may clear it
        if listener is None:
            return
        try:
            getattr(listener, method)(update)
        except Exception:
            log.exception("bus %s: listener failed in %s", self.config.name, method)

    # ---------------- store and shutdown ----------------
    def _open_store(self) -> None:
        if self.store is not None:
            try:
                self.store.open()
            except Exception:
                log.exception("bus %s: cannot open the poll store", self.config.name)
                self.store = None

    def _flush_store(self) -> None:
        if self.store is None:
            return
        try:
            self.store.flush()
        except Exception:
            log.exception("bus %s: writing poll results failed", self.config.name)

    def _cancel_pending(self) -> None:
        while True:
            try:
                _, _, item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is not None:
                item[1].cancel()

    def _shutdown(self) -> None:
        self._cancel_pending()
        if self._bus is not None and hasattr(self._bus, "close"):
            try:
                self._bus.close()
            except Exception:
                log.exception("bus %s: closing the port failed", self.config.name)
        if self.store is not None:
            self._flush_store()
            try:
                self.store.close()
            except Exception:
                log.exception("bus %s: closing the poll store failed", self.config.name)
        self._set_state(BusState.STOPPED)
