"""The one place where bus workers meet Qt (QtCore only, no widgets).

Workers are plain threads that call a ``WorkerListener`` and complete
``concurrent.futures.Future`` objects; the GUI must only ever touch widgets on
its own thread. ``BusSignals`` re-emits listener calls as signals (Qt queues
them to receivers living in the GUI thread), and ``deliver`` calls back on the
GUI thread when a submitted job has finished, so a sale dialog is told the
outcome without ever waiting on the bus.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from app.serial_io.events import BusUpdate, MeterUpdate

log = logging.getLogger(__name__)

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _emit_drops_a_bool_reference(tries: int = 8) -> bool:
    """PySide6 6.12.0 on CPython 3.11: ``SignalInstance.emit`` returns True without
    a new reference, so every emit takes one reference from ``True`` and a
    long-running program dies with "bool_dealloc: deallocating True". Measured,
    not assumed, so a fixed PySide6 turns the compensation off by itself."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(tries):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    for _ in range(max(0, lost)):
        _incref(True)  # give back what the probe took
    return lost == tries


EMIT_DROPS_BOOL = _emit_drops_a_bool_reference()
if EMIT_DROPS_BOOL:
    log.debug("this PySide6 drops a reference to True per emit: compensating in qt_bridge")


def emit(signal, *args) -> None:
    """``signal.emit(*args)``, giving back the reference a buggy PySide6 takes."""
    result = signal.emit(*args)
    if EMIT_DROPS_BOOL and type(result) is bool:
        _incref(result)


class BusSignals(QObject):
    """A WorkerListener whose calls become ``meterUpdated`` / ``busUpdated`` signals."""

    meterUpdated = Signal(object)  # MeterUpdate
    busUpdated = Signal(object)  # BusUpdate

    def meter_updated(self, update: MeterUpdate) -> None:
        emit(self.meterUpdated, update)

    def bus_updated(self, update: BusUpdate) -> None:
        emit(self.busUpdated, update)


class _Delivery(QObject):
    """Lives in the GUI thread; the worker thread emits ``done``, Qt queues the call."""

    done = Signal(object)

    def __init__(self, callback: Callable[[Future], None]) -> None:
        super().__init__()
        self._callback = callback
        self.done.connect(self._call, Qt.ConnectionType.QueuedConnection)

    def _call(self, future: Future) -> None:
        _pending.discard(self)
        try:
            self._callback(future)
        finally:
            self.deleteLater()


_pending: set[_Delivery] = set()  # keeps deliveries alive until their callback ran


def deliver(future: Future, callback: Callable[[Future], None]) -> None:
    """Call ``callback(future)`` on the calling (GUI) thread once ``future`` is done.

    Call it from the GUI thread; the callback runs from the event loop, never
    inside ``deliver`` itself, even when the future is already done.
    """
    delivery = _Delivery(callback)
    app = QCoreApplication.instance()
    if app is not None and delivery.thread() is not app.thread():
        log.debug("deliver() called outside the GUI thread; callback runs in that thread")
    _pending.add(delivery)
    future.add_done_callback(lambda f: emit(delivery.done, f))
