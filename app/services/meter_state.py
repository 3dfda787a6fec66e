"""The grid's state of a meter (SPEC "The meter grid"), decided in one place."""

from __future__ import annotations

import enum

from app.serial_io.meter_data import MeterStatus


class GridState(enum.Enum):
    UNOPENED = "unopened"
    NORMAL = "normal"
    ALARM1 = "alarm1"
    ALARM2 = "alarm2"
    ARREARS = "arrears"
    OFFLINE = "offline"
    WAITING = "waiting"  # not polled yet in this run, and nothing stored to show
    METERING = "metering"  # a metering-only meter (no prepaid): no balance to judge


def classify(
    has_account: bool,
    online: bool,
    status: MeterStatus | None,
    alarm1: int,
    alarm2: int,
    prepaid: bool = True,
) -> GridState:
    """Offline wins (the shown balance may be stale), then unopened, then balance rules.

    A meter whose profile holds no money (``prepaid`` False) is never in arrears
    or alarm: it is "metering" while it answers.
    """
    if not online or status is None:
        return GridState.OFFLINE
    if not prepaid:
        return GridState.METERING
    if not has_account:
        return GridState.UNOPENED
    if status.balance <= 0:
        return GridState.ARREARS
    if status.balance <= alarm2:
        return GridState.ALARM2
    if status.balance <= alarm1:
        return GridState.ALARM1
    return GridState.NORMAL
