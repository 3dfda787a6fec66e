"""The one place where bus workers meet Qt (QtCore only, no widgets).

Workers are plain threads that call a ``WorkerListener`` and complete
``concurrent.futures.Future`` objects; the GUI must only ever touch widgets on
its own thread. ``BusSignals`` re-emits listener calls as signals (Qt queues
them to receivers living in the GUI thread), and ``deliver`` calls back on the
GUI thread when a submitted job has finished, so a sale dialog is told the
outcome without ever waiting on the bus.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from app.serial_io.events import BusUpdate, MeterUpdate

log = logging.getLogger(__name__)


class BusSignals(QObject):
    """A WorkerListener whose calls become ``meterUpdated`` / ``busUpdated`` signals."""

    meterUpdated = Signal(object)  # MeterUpdate
    busUpdated = Signal(object)  # BusUpdate

    def meter_updated(self, update: MeterUpdate) -> None:
        self.meterUpdated.emit(update)

    def bus_updated(self, update: BusUpdate) -> None:
        self.busUpdated.emit(update)


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
    future.add_done_callback(delivery.done.emit)
