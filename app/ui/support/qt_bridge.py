"""The one place where bus workers meet Qt (QtCore only, no widgets).

Workers are plain Python threads. They never call into Qt: emitting a PySide
signal from a thread Qt did not create raced with connections being made and
dropped on the GUI thread and crashed the process now and then (seen as
segfaults in ``emit`` under load). So a worker only appends to a deque, which
is safe from any thread, and a ``_Pump`` living in the GUI thread drains it
on a short timer and emits there. ``BusSignals`` turns listener calls into
``meterUpdated`` / ``busUpdated``; ``deliver`` calls back on the GUI thread
when a submitted job has finished, so a sale dialog is told the outcome
without ever waiting on the bus.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal

from app.serial_io.events import BusUpdate, MeterUpdate

log = logging.getLogger(__name__)

PUMP_INTERVAL_MS = 20  # worst added latency of a result; a few wake-ups a second cost nothing


class _Pump(QObject):
    """Runs finished futures' callbacks on the thread it lives in (the GUI thread).

    The callbacks themselves stay in ``_waiting`` on the GUI side; a future only
    holds a token. So when a worker thread drops the last reference to a
    future, no widget captured by a callback can be destroyed from that thread.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._tokens = itertools.count()
        self._waiting: dict[int, Callable[[Future], None]] = {}
        self._done: deque = deque()
        self._timer = QTimer(self)
        self._timer.setInterval(PUMP_INTERVAL_MS)
        self._timer.timeout.connect(self.drain)
        self._timer.start()

    def watch(self, future: Future, callback: Callable[[Future], None]) -> None:
        """GUI thread: call ``callback(future)`` here once the future is done."""
        with self._lock:
            token = next(self._tokens)
            self._waiting[token] = callback
        done = self._done  # the future's callback holds a deque and an int, nothing of Qt
        future.add_done_callback(lambda f, t=token: done.append((t, f)))

    def pending(self) -> int:
        with self._lock:
            return len(self._waiting)

    def drain(self) -> None:
        for _ in range(len(self._done)):
            token, future = self._done.popleft()
            with self._lock:
                callback = self._waiting.pop(token)
            try:
                callback(future)
            except Exception:  # a broken receiver must not stop the others
                log.exception("GUI callback %r failed", callback)


class BusSignals(QObject):
    """A WorkerListener whose calls become ``meterUpdated`` / ``busUpdated`` signals,
    emitted on the thread that created it (the GUI thread).

    Updates are coalesced: between two drains only the newest update of each
    meter and of each bus is kept, so a bus that answers faster than the GUI draws (or a
    GUI busy for a moment) costs bounded memory and work.
    """

    meterUpdated = Signal(object)  # MeterUpdate
    busUpdated = Signal(object)  # BusUpdate

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._latest: dict[int, MeterUpdate] = {}
        self._buses: dict[int, BusUpdate] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(PUMP_INTERVAL_MS)
        self._timer.timeout.connect(self.flush)
        self._timer.start()

    def meter_updated(self, update: MeterUpdate) -> None:
        """Worker thread: remember it; no Qt call."""
        with self._lock:
            self._latest.pop(update.meter_id, None)  # keep arrival order of the newest
            self._latest[update.meter_id] = update

    def bus_updated(self, update: BusUpdate) -> None:
        with self._lock:
            self._buses[update.bus_id] = update

    def flush(self) -> None:
        """GUI thread: emit what the workers have reported since the last flush."""
        with self._lock:
            meters, self._latest = self._latest, {}
            buses, self._buses = self._buses, {}
        for update in meters.values():
            self.meterUpdated.emit(update)
        for update in buses.values():
            self.busUpdated.emit(update)


_delivery_pump: _Pump | None = None


def _gui_pump() -> _Pump:
    global _delivery_pump
    if _delivery_pump is None or not shiboken6.isValid(_delivery_pump):
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() is not app.thread():
            log.warning("deliver() called outside the GUI thread")
        _delivery_pump = _Pump()
    return _delivery_pump


def deliver(future: Future, callback: Callable[[Future], None]) -> None:
    """Call ``callback(future)`` on the calling (GUI) thread once ``future`` is done.

    Call it from the GUI thread; the callback runs from the event loop, never
    inside ``deliver`` itself, even when the future is already done.
    """
    _gui_pump().watch(future, callback)


def pending_deliveries() -> int:
    """Callbacks not yet run (tests, and a clean shutdown check)."""
    return 0 if _delivery_pump is None else _delivery_pump.pending()
