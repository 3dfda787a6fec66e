"""Per-meter communication statistics: what "why did meter 57 stop answering" is answered from.

The worker thread counts every answer and every failure by its kind (no
answer, damaged frame, exception reply); the GUI reads the counters from its
own thread for the meter detail. Kept apart from the worker so the counting
rules live in one small place with their own lock.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from app.errors import BadFrame, MeterException, MeterOffline
from app.messages import Message
from app.serial_io.meter_data import CommStats


class CommStatsBook:
    """``CommStats`` per meter id; written by the worker thread, read from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stats: dict[int, CommStats] = {}

    def get(self, meter_id: int) -> CommStats:
        with self._lock:
            return self._stats.get(meter_id, CommStats())

    def answered(self, meter_id: int, response_ms: float | None) -> None:
        """A valid answer: the miss streak ends."""
        with self._lock:
            old = self._stats.get(meter_id, CommStats())
            self._stats[meter_id] = replace(
                old, answers=old.answers + 1, last_response_ms=response_ms, consecutive_misses=0
            )

    def failed(self, meter_id: int, exc: BaseException) -> None:
        """A failed transaction, counted by what went wrong (ValueError: undecodable registers)."""
        with self._lock:
            old = self._stats.get(meter_id, CommStats())
            new = replace(
                old, consecutive_misses=old.consecutive_misses + 1, last_error=Message.of(exc)
            )
            if isinstance(exc, MeterOffline):
                new = replace(new, timeouts=old.timeouts + 1)
            elif isinstance(exc, MeterException):
                new = replace(new, exceptions=old.exceptions + 1)
            elif isinstance(exc, BadFrame | ValueError):
                new = replace(new, crc_errors=old.crc_errors + 1)
            self._stats[meter_id] = new
