"""Our own meters (the SPEC's default map): function 03 reads, protected function-16 commands.

The register answers come from the default profile's own block encoders:
this family's map and frames are ours, and the protected frames are judged
by ``protected.apply_frame`` (3DES + CMAC, counters, epoch, time window).
"""

from __future__ import annotations

import logging

from app.serial_io.commands import Result
from app.serial_io.profiles import COMMAND_ADDRESS, COMMAND_MAX_REGISTERS, DEFAULT
from app.serial_io.security import registers_to_frame
from app.serial_io.simulator import rtu
from app.serial_io.simulator.meter import SimMeter
from app.serial_io.simulator.personalities.base import Personality
from app.serial_io.simulator.protected import apply_frame

log = logging.getLogger(__name__)


class DefaultPersonality(Personality):
    name = "default"
    parity = "E"
    broadcasts = True

    def serve(self, bus, device: SimMeter, req: rtu.Request) -> tuple[bytes, bool]:
        addr, func = device.address, req.function
        if func == rtu.READ_HOLDING:
            if not 1 <= req.count <= 125:
                return rtu.exception_response(addr, func, rtu.ILLEGAL_VALUE), False
            regs = self.read(device, req.start, req.count)
            if regs is None:
                return rtu.exception_response(addr, func, rtu.ILLEGAL_ADDRESS), False
            return rtu.read_response(addr, regs), False
        if func == rtu.WRITE_MULTIPLE:
            if not req.byte_count_ok or not 1 <= req.count <= 123:
                return rtu.exception_response(addr, func, rtu.ILLEGAL_VALUE), False
            if req.start != COMMAND_ADDRESS or req.count > COMMAND_MAX_REGISTERS:
                return rtu.exception_response(addr, func, rtu.ILLEGAL_ADDRESS), False
            result = apply_frame(device, registers_to_frame(list(req.values or ())))
            if result is not Result.OK:
                log.debug("meter %d refused a command: %s", addr, result.name)
                return rtu.exception_response(addr, func, rtu.DEVICE_FAILURE), False
            device.advance(bus.now())  # relay and power follow the new state at once
            return rtu.write_response(addr, req.start, req.count), True
        return rtu.exception_response(addr, func, rtu.ILLEGAL_FUNCTION), False

    @staticmethod
    def read(meter: SimMeter, start: int, count: int) -> list[int] | None:
        for block, encode in (
            (DEFAULT.status_block, lambda: DEFAULT.encode_status(meter.status())),
            (DEFAULT.identity_block, lambda: DEFAULT.encode_identity(meter.identity)),
            (DEFAULT.params_block, lambda: DEFAULT.encode_params(meter.params)),
        ):
            lo = block.address
            if lo <= start and start + count <= lo + block.count:
                regs = encode()
                return regs[start - lo : start - lo + count]
        return None

    def broadcast(self, bus, device: SimMeter, req: rtu.Request, now: float) -> None:
        """A broadcast command reaches the meter it was made for; reads are ignored."""
        if req.function != rtu.WRITE_MULTIPLE or req.start != COMMAND_ADDRESS:
            return
        frame = registers_to_frame(list(req.values or ()))
        saved = device.last_result
        device.advance(now)
        result = apply_frame(device, frame)
        if result in (Result.BAD_MAC, Result.WRONG_METER):
            device.last_result = saved  # not for this meter: ignore silently
        elif result is Result.OK:
            bus.save_state(now)
