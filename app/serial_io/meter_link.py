"""What a bus-worker job is handed: the bus and the meters, valid only inside that thread.

Billing, accounts and verification jobs are written against this small
surface (``bus``, ``meter``, ``profile``, ``keys``, ``read_status``, ``poll``)
rather than the worker itself, so tests can hand them a synchronous stand-in
and a job cannot reach the port from the wrong thread.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from app.errors import NO_ANSWER, QT_TRANSLATE_NOOP, MeterOffline, PemError, PortError
from app.serial_io.events import BusConfig, MeterRef, MeterUpdate
from app.serial_io.meter_data import MeterStatus
from app.serial_io.profiles import RegisterBus, get_profile

if TYPE_CHECKING:
    from app.serial_io.worker import BusWorker

NOT_ON_BUS = QT_TRANSLATE_NOOP("Errors", "meter {meter_id} is not on bus {bus}")


class MeterLink:
    """What a job gets: the bus and the meters, valid only inside the worker thread."""

    def __init__(self, worker: BusWorker) -> None:
        self._worker = worker

    def _check_thread(self) -> None:
        if threading.current_thread() is not self._worker:
            raise RuntimeError("a MeterLink is only valid inside its bus worker thread")

    @property
    def bus(self) -> RegisterBus:
        self._check_thread()
        return self._worker._ensure_bus()

    @property
    def config(self) -> BusConfig:
        return self._worker.config

    def meter(self, meter_id: int) -> MeterRef:
        try:
            return self._worker._meters[meter_id]
        except KeyError:
            raise PemError(NOT_ON_BUS, meter_id=meter_id, bus=self._worker.config.name) from None

    def profile(self, ref: MeterRef):
        return get_profile(ref.profile)

    def keys(self, ref: MeterRef) -> object:
        """What the meter's profile protects its frames with (``profile.meter_keys``)."""
        return self._worker._keys_for(ref)

    def read_status(self, ref: MeterRef) -> MeterStatus:
        """Read live status like a poll does (stats, online state, listener, store)."""
        self._check_thread()
        update = self._worker._poll_ref(ref)
        if update.status is None:
            raise self._worker._last_exc or MeterOffline(NO_ANSWER, ref.address)
        return update.status

    def publish(self, ref: MeterRef, status: MeterStatus) -> None:
        """Report a status the job read itself (a profile's confirming read) as a poll:
        the grid and the poll store see it without another transaction on the line."""
        self._check_thread()
        self._worker._count_answer(ref)
        self._worker._publish(ref, status, None)

    def poll(self, meter_id: int) -> MeterUpdate:
        """Poll one meter now; a failed poll is an update with ``online``/``error`` set."""
        self._check_thread()
        update = self._worker._poll_ref(self.meter(meter_id))
        if isinstance(self._worker._last_exc, PortError):
            raise self._worker._last_exc
        return update
