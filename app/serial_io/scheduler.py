"""Which meter to poll next: round robin over the bus, back-off for dead meters.

Pure and clock-injected (tests drive it with a fake clock). A meter is polled
in turn while it answers; after ``offline_after`` consecutive misses it is
offline and only retried after a back-off that doubles from ``retry_base_s``
up to ``retry_max_s``, so ten dead meters do not stretch every cycle by ten
timeouts. A meter that answers again is online at once. The scheduler also
says when a full cycle completed (for the cycle time shown per bus) and when a
meter's next stored reading is due: with ``align_readings`` at the next mark of
the interval on the wall clock (every :00 and :30 for 30 minutes, counted from
local midnight), so every meter's readings fall on the same times of day and a
day's consumption is a difference of two readings at midnight; otherwise one
interval after the last reading.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.serial_io.events import PollSettings


@dataclass
class _Slot:
    meter_id: int
    online: bool = False
    known: bool = False  # answered or was declared offline at least once
    misses: int = 0
    retry_at: float = 0.0
    backoff_s: float = 0.0
    reading_at: float | None = None  # None: a reading is due at the next valid answer


@dataclass(frozen=True)
class Outcome:
    """What one recorded poll changed."""

    online: bool
    changed: bool  # the meter went online or offline with this poll
    misses: int


class PollScheduler:
    def __init__(
        self,
        meter_ids: Iterable[int] = (),
        settings: PollSettings | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings or PollSettings()
        self._clock = clock
        self._wall_clock = wall_clock  # only where readings align to the clock's marks
        self._slots: dict[int, _Slot] = {}
        self._order: list[int] = []
        self._cursor = 0
        self._cycle_started: float | None = None
        self._polled_in_cycle = 0
        self._cycle_done = False
        self.last_cycle_s: float | None = None
        self.cycles = 0
        self.set_meters(meter_ids)

    # ---- membership ----
    def set_meters(self, meter_ids: Iterable[int]) -> None:
        """Replace the meter list; known meters keep their state, the cursor stays put."""
        ids = list(dict.fromkeys(meter_ids))
        current = self._order[self._cursor] if self._cursor < len(self._order) else None
        self._slots = {i: self._slots.get(i) or _Slot(i) for i in ids}
        self._order = ids
        self._cursor = ids.index(current) if current in self._slots else 0
        if self._cursor >= len(ids):
            self._cursor = 0

    @property
    def meter_ids(self) -> list[int]:
        return list(self._order)

    # ---- what to do next ----
    def next_poll(self) -> tuple[int | None, float]:
        """(meter to poll now, 0) or (None, seconds until one is due)."""
        if not self._order:
            return None, 1.0
        now = self._clock()
        if self._cycle_started is None:
            self._cycle_started = now
        for index in range(self._cursor, len(self._order)):
            slot = self._slots[self._order[index]]
            if self._eligible(slot, now):
                self._cursor = index
                return slot.meter_id, 0.0
        # Reached the end of the list: the cycle is complete, go on from the top.
        stop, self._cursor = self._cursor, 0
        self._complete_cycle(now)
        for index in range(stop):
            slot = self._slots[self._order[index]]
            if self._eligible(slot, now):
                self._cursor = index
                return slot.meter_id, 0.0
        # Nothing eligible: every meter is backing off.
        return None, max(0.0, min(s.retry_at for s in self._slots.values()) - now)

    def _eligible(self, slot: _Slot, now: float) -> bool:
        return slot.misses < self.settings.offline_after or now >= slot.retry_at

    def _complete_cycle(self, now: float) -> None:
        if self._polled_in_cycle:
            self.last_cycle_s = now - (self._cycle_started or now)
            self.cycles += 1
            self._cycle_done = True
        self._cycle_started = now
        self._polled_in_cycle = 0

    def take_cycle(self) -> float | None:
        """The length of a cycle completed since the last call, once; else None."""
        if self._cycle_done:
            self._cycle_done = False
            return self.last_cycle_s
        return None

    # ---- outcomes ----
    def record(self, meter_id: int, ok: bool) -> Outcome:
        """Account one poll (or a job's status read); advances the round robin past it."""
        slot = self._slots.get(meter_id)
        if slot is None:  # removed while the poll ran
            return Outcome(ok, False, 0)
        now = self._clock()
        was_online = slot.online
        if self._order and self._order[self._cursor] == meter_id:
            self._cursor += 1
            self._polled_in_cycle += 1
            if self._cursor >= len(self._order):
                self._cursor = 0
                self._complete_cycle(now)
        if ok:
            slot.online, slot.known, slot.misses = True, True, 0
            slot.backoff_s = 0.0
            return Outcome(True, not was_online, 0)
        slot.misses += 1
        if slot.misses >= self.settings.offline_after:
            first = not slot.backoff_s
            slot.backoff_s = (
                self.settings.retry_base_s
                if first
                else min(slot.backoff_s * 2, self.settings.retry_max_s)
            )
            slot.retry_at = now + slot.backoff_s
            slot.online = False
            changed = was_online or not slot.known
            slot.known = True
            return Outcome(False, changed, slot.misses)
        return Outcome(slot.online, False, slot.misses)

    def is_online(self, meter_id: int) -> bool:
        slot = self._slots.get(meter_id)
        return bool(slot and slot.online)

    def retry_in(self, meter_id: int) -> float | None:
        """Seconds until an offline meter is tried again (None when it is polled normally)."""
        slot = self._slots.get(meter_id)
        if slot is None or slot.misses < self.settings.offline_after:
            return None
        return max(0.0, slot.retry_at - self._clock())

    def counts(self) -> tuple[int, int]:
        """(online, offline); meters not yet heard from count as neither."""
        online = sum(1 for s in self._slots.values() if s.online)
        offline = sum(1 for s in self._slots.values() if s.known and not s.online)
        return online, offline

    def mark_all_offline(self) -> list[int]:
        """The port is gone: every meter is offline now; returns those that were online."""
        now = self._clock()
        dropped = [s.meter_id for s in self._slots.values() if s.online]
        for slot in self._slots.values():
            slot.online, slot.known = False, True
            slot.misses = max(slot.misses, self.settings.offline_after - 1)
            slot.retry_at = now
        return dropped

    # ---- stored readings ----
    def reading_due(self, meter_id: int) -> bool:
        slot = self._slots.get(meter_id)
        if slot is None:
            return False
        return slot.reading_at is None or self._clock() >= slot.reading_at

    def reading_taken(self, meter_id: int) -> None:
        slot = self._slots.get(meter_id)
        if slot is not None:
            slot.reading_at = self._clock() + self._until_next_reading()

    def _until_next_reading(self) -> float:
        """Seconds from now to the next reading: the interval, or to its next clock mark."""
        interval = self.settings.reading_interval_s
        if not self.settings.align_readings:
            return interval
        return seconds_to_next_mark(self._wall_clock(), interval)

    def set_settings(self, settings: PollSettings) -> None:
        """New site settings: offline limit and back-off at the next poll; a reading due
        later than the new interval allows is brought forward (never postponed)."""
        self.settings = settings
        latest = self._clock() + self._until_next_reading()
        for slot in self._slots.values():
            if slot.reading_at is not None and slot.reading_at > latest:
                slot.reading_at = latest


def seconds_to_next_mark(wall_now: float, interval_s: int) -> float:
    """Seconds from ``wall_now`` (time.time()) to the next multiple of ``interval_s`` since
    local midnight (midnight itself is always a mark).

    A reading taken just before a mark (the monotonic and the wall clock drift apart
    by a little) stands for that mark: the next one is the mark after.
    """
    ahead = _to_mark(wall_now, interval_s)
    if ahead < min(60.0, interval_s / 10):
        ahead += _to_mark(wall_now + ahead, interval_s)
    return ahead


def _to_mark(wall_now: float, interval_s: int) -> float:
    offset = time.localtime(wall_now).tm_gmtoff or 0
    since_midnight = round((wall_now + offset) % 86400, 6)  # a mark is a mark
    return min(interval_s - since_midnight % interval_s, 86400 - since_midnight)
