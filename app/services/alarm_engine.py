"""From each poll's outcome, which alarms start and which end (issue #13). Pure: no Qt, no SQL.

One small state machine per meter, run in its bus worker's thread on every
poll (``observe``), so it has to cost microseconds. It only *decides*: the
``Change`` objects it returns are written through ``alarm_store`` by the
poll path (``alarm_feed``), batched with the poll store's flush.

Rules (SPEC "alarm SMS", issue #13 "no alarm storms"):

- Balance: one level at a time, normal < alarm 1 < alarm 2 < arrears, entered
  when the balance is at or below the level's threshold (0 for arrears). A
  level is left downwards only once the balance is above its threshold plus
  ``clear_margin`` (a balance flapping around a threshold stays in the level).
  Entering a *worse* level is one alarm wanting one SMS (arrears straight from
  normal is one SMS, for arrears); falling back to a lesser level after a
  small recharge opens that level's alarm without an SMS (the tenant was told
  of worse already). Only opened meters of a family that holds money have
  balance alarms; a closed account ends them.
- Offline: ``offline_polls`` missed polls in a row; ended by the first good one.
- Overload trip and cover open: as the meter reports them in its status.
- Purchase-count mismatch: raised on the contact check's ``PURCHASE_MISMATCH``
  flag, ended only on its ``PURCHASE_COUNT_OK`` (a read with no verdict, such as
  a job's own read, changes nothing).
- Parameters not in sync: from the meter's context (``ParamSync.in_sync``).

A meter whose context is not known yet (``set_context`` not called) is not
judged: its last update is kept and judged once the context arrives, so a
restart never ends an alarm it did not know was open (``set_context`` is told).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.models.alarms import AlarmKind, Level
from app.serial_io.events import PURCHASE_COUNT_OK, PURCHASE_MISMATCH, MeterUpdate
from app.serial_io.meter_data import MeterStatus

# Balance levels, worst last; index = level number (0: normal, no alarm).
BALANCE_KINDS = (None, AlarmKind.ALARM1, AlarmKind.ALARM2, AlarmKind.ARREARS)
LEVEL_OF_KIND = {
    AlarmKind.ALARM1: Level.WARNING,
    AlarmKind.ALARM2: Level.SERIOUS,
    AlarmKind.ARREARS: Level.CRITICAL,
    AlarmKind.OFFLINE: Level.SERIOUS,
    AlarmKind.OVERLOAD: Level.SERIOUS,
    AlarmKind.COVER_OPEN: Level.CRITICAL,
    AlarmKind.PURCHASE_MISMATCH: Level.CRITICAL,
    AlarmKind.PARAMS: Level.WARNING,
}


@dataclass(frozen=True)
class MeterContext:
    """What the engine needs to know of a meter besides its polls (read from the database)."""

    alarm1: int  # fen
    alarm2: int  # fen
    opened: bool  # an open account on a meter whose family holds money: balance alarms apply
    params_in_sync: bool = True


@dataclass(frozen=True)
class Change:
    """One alarm to start (``start``) or end, at ``at`` (time.time())."""

    meter_id: int
    kind: str
    start: bool
    at: float
    value: int | None = None  # the balance in fen, for a balance alarm that starts
    sms: bool = False  # the SMS side owes the tenant a message for it


class _Meter:
    __slots__ = ("ctx", "level", "misses", "open")

    def __init__(self, ctx: MeterContext) -> None:
        self.ctx = ctx
        self.level = 0  # balance level in force (index into BALANCE_KINDS)
        self.misses = 0  # polls missed in a row
        self.open: set[str] = set()  # kinds open for the meter besides the balance level


def raw_level(balance: int, alarm1: int, alarm2: int) -> int:
    """The level the balance is in without hysteresis (the grid's colour rule)."""
    if balance <= 0:
        return 3
    if balance <= alarm2:
        return 2
    if balance <= alarm1:
        return 1
    return 0


def next_level(current: int, balance: int, ctx: MeterContext, margin: int) -> int:
    """The balance level after one reading: worse at once, better only past threshold + margin."""
    raw = raw_level(balance, ctx.alarm1, ctx.alarm2)
    if raw >= current:
        return raw
    thresholds = (None, ctx.alarm1, ctx.alarm2, 0)
    level = current
    while level > raw and balance > thresholds[level] + margin:
        level -= 1
    return level


class AlarmEngine:
    def __init__(self, clear_margin: int, offline_polls: int) -> None:
        self.clear_margin = clear_margin
        self.offline_polls = offline_polls
        self._meters: dict[int, _Meter] = {}
        self._waiting: dict[int, MeterUpdate | None] = {}  # no context yet: last update

    # ---- what the database says ----
    def set_context(
        self, meter_id: int, ctx: MeterContext, open_kinds: Iterable[str] = ()
    ) -> list[Change]:
        """A meter's thresholds, account and sync. The first time, also the alarms the
        database holds open for it (a restart carries on with them), then its kept update
        is judged."""
        meter = self._meters.get(meter_id)
        if meter is not None:
            meter.ctx = ctx
            return []
        meter = self._meters[meter_id] = _Meter(ctx)
        kinds = set(open_kinds)
        meter.open.update(kinds - set(AlarmKind.BALANCE))
        for level in (3, 2, 1):
            if BALANCE_KINDS[level] in kinds:
                meter.level = level
                break
        update = self._waiting.pop(meter_id, None)
        return self.observe(update) if update is not None else []

    def needs_context(self) -> list[int]:
        """Meters polled whose context has not been set yet."""
        return list(self._waiting)

    def known(self) -> list[int]:
        return list(self._meters)

    def forget(self, meter_id: int) -> None:
        self._meters.pop(meter_id, None)
        self._waiting.pop(meter_id, None)

    # ---- every poll ----
    def observe(self, update: MeterUpdate) -> list[Change]:
        """The changes one poll outcome makes (most polls: none, in a few microseconds)."""
        meter = self._meters.get(update.meter_id)
        if meter is None:
            self._waiting[update.meter_id] = update
            return _NONE
        status = update.status
        if status is None:
            meter.misses += 1
            if meter.misses < self.offline_polls or AlarmKind.OFFLINE in meter.open:
                return _NONE
            out: list[Change] = []
            self._set(meter, update, AlarmKind.OFFLINE, True, out)
            return out
        meter.misses = 0
        ctx = meter.ctx
        balance = status.balance
        # the common case first: no alarm open, nothing reported, balance plainly normal
        if (
            not meter.open
            and not meter.level
            and (not ctx.opened or (balance > ctx.alarm1 and balance > ctx.alarm2 and balance > 0))
            and not status.overload_trip
            and not status.cover_open
            and ctx.params_in_sync
            and PURCHASE_MISMATCH not in update.flags
        ):
            return _NONE
        out = []
        self._balance(meter, update, status, out)
        if meter.open:
            self._set(meter, update, AlarmKind.OFFLINE, False, out)
        self._set(meter, update, AlarmKind.OVERLOAD, status.overload_trip, out)
        self._set(meter, update, AlarmKind.COVER_OPEN, status.cover_open, out)
        flags = update.flags
        if PURCHASE_MISMATCH in flags:
            self._set(meter, update, AlarmKind.PURCHASE_MISMATCH, True, out)
        elif PURCHASE_COUNT_OK in flags:
            self._set(meter, update, AlarmKind.PURCHASE_MISMATCH, False, out)
        self._set(meter, update, AlarmKind.PARAMS, not ctx.params_in_sync, out)
        return out

    def _set(self, meter: _Meter, update: MeterUpdate, kind: str, on: bool, out: list) -> None:
        if on == (kind in meter.open):
            return
        if on:
            meter.open.add(kind)
        else:
            meter.open.discard(kind)
        out.append(Change(update.meter_id, kind, on, update.at))

    def _balance(self, meter: _Meter, update: MeterUpdate, st: MeterStatus, out: list) -> None:
        ctx = meter.ctx
        current = meter.level
        new = next_level(current, st.balance, ctx, self.clear_margin) if ctx.opened else 0
        if new == current:
            return
        meter.level = new
        if current:
            out.append(Change(update.meter_id, BALANCE_KINDS[current], False, update.at))
        if new:
            kind = BALANCE_KINDS[new]
            out.append(Change(update.meter_id, kind, True, update.at, st.balance, new > current))


_NONE: list[Change] = []  # shared empty answer: callers only read it
