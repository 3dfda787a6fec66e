"""Protected command codes and the meter's last-command result codes (SPEC)."""

from __future__ import annotations

import enum

from app.errors import QT_TRANSLATE_NOOP, REFUSED_WITH_CODE


class Command(enum.IntEnum):
    """Codes of protected commands written to the command block."""

    RECHARGE = 1
    REFUND = 2
    TRIP = 3
    CLOSE = 4  # release a forced trip
    KEEP_POWER_ON = 5
    KEEP_POWER_OFF = 6  # restore prepaid
    PREPAID_ON = 7
    PREPAID_OFF = 8
    WRITE_PARAMS = 9
    OPEN_ACCOUNT = 10
    SET_CLOCK = 11

    @property
    def uses_purchase_count(self) -> bool:
        """Recharge and refund carry purchase count + 1; all others command counter + 1."""
        return self in (Command.RECHARGE, Command.REFUND)


class Result(enum.IntEnum):
    """The meter's *last command result* register."""

    OK = 0
    BAD_MAC = 1
    BAD_COUNTER = 2
    WRONG_METER = 3
    REFUND_TOO_LARGE = 4
    UNSUPPORTED = 5
    NOT_ALLOWED = 6
    STALE_TIME = 7  # the frame's timestamp is outside the meter's time window


_RESULT_TEXT = {
    Result.OK: QT_TRANSLATE_NOOP("Errors", "accepted"),
    Result.BAD_MAC: QT_TRANSLATE_NOOP(
        "Errors", "the meter rejected the frame's MAC (wrong key or damaged frame)"
    ),
    Result.BAD_COUNTER: QT_TRANSLATE_NOOP(
        "Errors", "the meter rejected the frame's counter (stale or replayed command)"
    ),
    Result.WRONG_METER: QT_TRANSLATE_NOOP(
        "Errors", "the frame was made for another meter (serial number differs)"
    ),
    Result.REFUND_TOO_LARGE: QT_TRANSLATE_NOOP(
        "Errors", "the refund is larger than the meter's balance"
    ),
    Result.UNSUPPORTED: QT_TRANSLATE_NOOP("Errors", "the meter does not support this command"),
    Result.NOT_ALLOWED: QT_TRANSLATE_NOOP("Errors", "the meter does not allow this command now"),
    Result.STALE_TIME: QT_TRANSLATE_NOOP(
        "Errors", "the frame's time is too far from the meter's clock (old or held-back command)"
    ),
}
_UNKNOWN_RESULT = REFUSED_WITH_CODE


def result_template(code: int) -> tuple[str, dict[str, object]]:
    """The marked template and its arguments for a last-result code (the UI translates it)."""
    try:
        return _RESULT_TEXT[Result(code)], {}
    except ValueError:
        return _UNKNOWN_RESULT, {"code": code}


def result_text(code: int) -> str:
    """A sentence for a last-result code (unknown codes are named, not hidden)."""
    template, params = result_template(code)
    return template.format(**params) if params else template


class RelayCommand(enum.Enum):
    """Remote-control commands that carry no payload."""

    TRIP = Command.TRIP
    CLOSE = Command.CLOSE
    KEEP_POWER_ON = Command.KEEP_POWER_ON
    KEEP_POWER_OFF = Command.KEEP_POWER_OFF
    PREPAID_ON = Command.PREPAID_ON
    PREPAID_OFF = Command.PREPAID_OFF


U16 = 0x10000


def next_counter(value: int) -> int:
    """The next value of a 16-bit counter; 65535 wraps to 0."""
    return (value + 1) % U16


def counter_distance(old: int, new: int) -> int:
    """How far ``new`` is ahead of ``old`` modulo 65536 (0..65535)."""
    return (new - old) % U16


# A protected frame's timestamp must lie within this many seconds of the meter's
# clock, either way. The application stamps each frame with the meter clock it read
# in the same bus job (under a second earlier at real speed), so only a frame kept
# back or replayed falls outside; 10 minutes leaves room for a slow bus with retries
# and for a simulator running 30x faster (docs/protocol.md, "Timestamp window").
TIME_WINDOW_S = 600
U32 = 0x1_0000_0000


def time_difference(stamp: int, clock: int) -> int:
    """``stamp - clock`` in seconds on the 32-bit clock circle (-2**31 .. 2**31-1).

    Modulo arithmetic so the comparison still works when the u32 unix clock
    wraps in 2106, like the 16-bit counters do at 65535.
    """
    return (stamp - clock + U32 // 2) % U32 - U32 // 2
