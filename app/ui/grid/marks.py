"""Marks drawn on a tile besides its colour (SPEC: tripped relay, keep power, overload).

A mark is a small round badge with one translated letter (Chinese: one
character, the way switchboard labels read); the legend explains each.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.serial_io.meter_data import MeterStatus

CONTEXT = "Mark"


class Mark(enum.Enum):
    TRIPPED = "tripped"  # relay open, whatever opened it
    KEEP_POWER = "keep_power"
    OVERLOAD = "overload"
    COUNT_MISMATCH = "count_mismatch"  # purchase count differs from the ledger
    PARAMS_UNSYNCED = "params_unsynced"  # holds other parameters than the database wants
    OFFLINE = "offline"
    ALARM = "alarm"  # an alarm nobody acknowledged yet (issue #13)


@dataclass(frozen=True)
class MarkStyle:
    badge: str  # one letter / character, translated
    color: str
    label: str  # legend and tooltip text, translated


MARK_STYLES: dict[Mark, MarkStyle] = {
    Mark.TRIPPED: MarkStyle(
        QT_TRANSLATE_NOOP("Mark", "T"), "#b71c1c", QT_TRANSLATE_NOOP("Mark", "Relay open")
    ),
    Mark.KEEP_POWER: MarkStyle(
        QT_TRANSLATE_NOOP("Mark", "K"), "#1565c0", QT_TRANSLATE_NOOP("Mark", "Keep power")
    ),
    Mark.OVERLOAD: MarkStyle(
        QT_TRANSLATE_NOOP("Mark", "O"), "#6a1b9a", QT_TRANSLATE_NOOP("Mark", "Overload trip")
    ),
    Mark.COUNT_MISMATCH: MarkStyle(
        QT_TRANSLATE_NOOP("Mark", "!"),
        "#c2185b",
        QT_TRANSLATE_NOOP("Mark", "Purchase count mismatch"),
    ),
    Mark.PARAMS_UNSYNCED: MarkStyle(
        QT_TRANSLATE_NOOP("Mark", "P"),
        "#00838f",
        QT_TRANSLATE_NOOP("Mark", "Parameters not in sync"),
    ),
    Mark.OFFLINE: MarkStyle(
        QT_TRANSLATE_NOOP("Mark", "×"), "#000000", QT_TRANSLATE_NOOP("Mark", "Not answering")
    ),
    Mark.ALARM: MarkStyle(
        QT_TRANSLATE_NOOP("Mark", "A"),
        "#e65100",
        QT_TRANSLATE_NOOP("Mark", "Alarm not acknowledged"),
    ),
}

# Drawn left to right in this order; offline is shown by hatching and badge.
MARK_ORDER = (
    Mark.ALARM,
    Mark.OFFLINE,
    Mark.COUNT_MISMATCH,
    Mark.PARAMS_UNSYNCED,
    Mark.TRIPPED,
    Mark.OVERLOAD,
    Mark.KEEP_POWER,
)


def marks_for(
    status: MeterStatus | None,
    online: bool,
    mismatch: bool = False,
    unsynced: bool = False,
    alarm: bool = False,
) -> frozenset[Mark]:
    if status is None:
        return _marks(online, mismatch, unsynced, False, False, False, alarm)
    return _marks(
        online,
        mismatch,
        unsynced,
        status.relay_open,
        status.keep_power,
        status.overload_trip,
        alarm,
    )


@functools.cache
def _marks(
    online: bool,
    mismatch: bool,
    unsynced: bool,
    relay_open: bool,
    keep_power: bool,
    overload: bool,
    alarm: bool = False,
) -> frozenset[Mark]:
    """Cached: 128 combinations, shared by every meter (the grid builds marks per poll)."""
    marks: set[Mark] = set()
    if not online:
        marks.add(Mark.OFFLINE)
    if mismatch:
        marks.add(Mark.COUNT_MISMATCH)
    if unsynced:
        marks.add(Mark.PARAMS_UNSYNCED)
    if relay_open:
        marks.add(Mark.TRIPPED)
    if keep_power:
        marks.add(Mark.KEEP_POWER)
    if overload:
        marks.add(Mark.OVERLOAD)
    if alarm:
        marks.add(Mark.ALARM)
    return frozenset(marks)


def badge_text(mark: Mark) -> str:
    return QCoreApplication.translate(CONTEXT, MARK_STYLES[mark].badge)


def mark_label(mark: Mark) -> str:
    return QCoreApplication.translate(CONTEXT, MARK_STYLES[mark].label)


def ordered(marks: frozenset[Mark]) -> list[Mark]:
    return [m for m in MARK_ORDER if m in marks]
