"""How a simulated meter judges and applies one protected command frame.

The order of checks is the meter's: MAC and serial (``decode_frame``), the
command code, the account epoch (the meter's own; the next one, modulo 65536,
for OPEN_ACCOUNT), the counter (purchase count + 1 for money, command counter
+ 1 for the rest, modulo 65536), the timestamp (within ``TIME_WINDOW_S`` of the
meter clock), then the command's own rule. Only an accepted frame moves a
counter or the epoch, so the same frame can never apply twice, and a frame made
before an account was re-opened (which resets the purchase count) carries an
old epoch and is refused (docs/protocol.md).
"""

from __future__ import annotations

import logging
import struct

from app.serial_io import security
from app.serial_io.commands import (
    TIME_WINDOW_S,
    Command,
    Result,
    next_counter,
    time_difference,
)
from app.serial_io.profiles import DEFAULT
from app.serial_io.simulator.meter import S32_MAX, SimMeter

log = logging.getLogger(__name__)

_MONEY = struct.Struct(">I")


def apply_frame(meter: SimMeter, frame: bytes) -> Result:
    """Judge ``frame``; apply it if acceptable; set and return the last result."""
    result = _judge_and_apply(meter, frame)
    meter.last_result = int(result)
    log.debug("meter %d command result %s", meter.address, result.name)
    return result


def _judge_and_apply(meter: SimMeter, frame: bytes) -> Result:
    if meter.keys is None:
        raise RuntimeError("the meter has no keys: call set_master_key() first")
    try:
        cmd = security.decode_frame(meter.keys, frame, meter.identity.serial)
    except security.FrameError as exc:
        return Result(exc.result)
    try:
        code = Command(cmd.code)
    except ValueError:
        return Result.UNSUPPORTED
    opens = code is Command.OPEN_ACCOUNT
    if cmd.epoch != (next_counter(meter.account_epoch) if opens else meter.account_epoch):
        return Result.BAD_COUNTER
    if code.uses_purchase_count:
        if cmd.counter != next_counter(meter.purchase_count):
            return Result.BAD_COUNTER
    elif cmd.counter != next_counter(meter.command_counter):
        return Result.BAD_COUNTER
    if abs(time_difference(cmd.timestamp, meter.clock())) > TIME_WINDOW_S:
        return Result.STALE_TIME
    result = _APPLY[code](meter, cmd.payload)
    if result is Result.OK:
        if code.uses_purchase_count:
            meter.purchase_count = cmd.counter
        else:
            meter.command_counter = cmd.counter
        if opens:
            meter.account_epoch = cmd.epoch
    return result


def _amount(payload: bytes) -> int | None:
    if len(payload) != _MONEY.size:
        return None
    (amount,) = _MONEY.unpack(payload)
    return amount or None


def _recharge(meter: SimMeter, payload: bytes) -> Result:
    amount = _amount(payload)
    if amount is None or meter.balance + amount > S32_MAX:
        return Result.NOT_ALLOWED
    meter.balance += amount
    meter.total_purchased = (meter.total_purchased + amount) & 0xFFFFFFFF
    return Result.OK


def _refund(meter: SimMeter, payload: bytes) -> Result:
    amount = _amount(payload)
    if amount is None:
        return Result.NOT_ALLOWED
    if amount > meter.balance:
        return Result.REFUND_TOO_LARGE
    meter.balance -= amount
    return Result.OK


def _flags(**changes: bool):
    def apply(meter: SimMeter, payload: bytes) -> Result:
        if payload:
            return Result.UNSUPPORTED
        for name, value in changes.items():
            setattr(meter, name, value)
        return Result.OK

    return apply


def _write_params(meter: SimMeter, payload: bytes) -> Result:
    if len(payload) != 84:
        return Result.UNSUPPORTED
    try:
        meter.params = DEFAULT.payload_params(payload)
    except ValueError:
        return Result.NOT_ALLOWED
    return Result.OK


def _open_account(meter: SimMeter, payload: bytes) -> Result:
    """Reset balance and purchase count; the caller moves the epoch on (only if OK)."""
    if payload:
        return Result.UNSUPPORTED
    if meter.balance != 0:
        return Result.NOT_ALLOWED
    meter.balance = 0
    meter.cost_residue = 0
    meter.purchase_count = 0
    return Result.OK


def _set_clock(meter: SimMeter, payload: bytes) -> Result:
    if len(payload) != 4:
        return Result.UNSUPPORTED
    meter.set_clock(_MONEY.unpack(payload)[0])
    return Result.OK


# TRIP and KEEP_POWER_ON both "force" the relay, so the later one wins;
# CLOSE releases a forced trip and an overload trip alike.
_APPLY = {
    Command.RECHARGE: _recharge,
    Command.REFUND: _refund,
    Command.TRIP: _flags(forced_trip=True, keep_power=False),
    Command.CLOSE: _flags(forced_trip=False, overload_trip=False),
    Command.KEEP_POWER_ON: _flags(keep_power=True, forced_trip=False, overload_trip=False),
    Command.KEEP_POWER_OFF: _flags(keep_power=False),
    Command.PREPAID_ON: _flags(prepaid_mode=True),
    Command.PREPAID_OFF: _flags(prepaid_mode=False),
    Command.WRITE_PARAMS: _write_params,
    Command.OPEN_ACCOUNT: _open_account,
    Command.SET_CLOCK: _set_clock,
}
