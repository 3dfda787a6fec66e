"""A RegisterBus wired straight into an in-process simulator (no port, no timing).

Used where a whole site must be driven fast in one process: creating the demo
site, and unit tests of profiles, billing and the worker. Requests still go
through RTU framing and the simulator's fault injection, so a lost answer here
is lost as on a wire.
"""

from __future__ import annotations

from app.errors import (
    DAMAGED_ANSWER,
    MODBUS_EXCEPTION,
    NO_ANSWER,
    NO_ECHO,
    SHORT_ANSWER,
    BadFrame,
    MeterException,
    MeterOffline,
)
from app.serial_io import raw_frame
from app.serial_io.raw_frame import AnswerLength
from app.serial_io.simulator import SimBus, rtu


class LoopbackBus:
    """The profile's RegisterBus straight onto ``SimBus.handle`` (no port, no thread).

    Silence raises MeterOffline, an exception answer MeterException(code), a
    damaged or wrong answer BadFrame, as ``ModbusBus`` does on a real line.
    Tests subclass it to lose requests or answers at chosen steps.
    """

    def __init__(self, sim_bus: SimBus) -> None:
        self.sim = sim_bus

    def _exchange(self, address: int, request: bytes) -> bytes:
        answer = self.sim.handle(request)
        if not answer:
            raise MeterOffline(NO_ANSWER, address)
        if not rtu.crc_ok(answer) or answer[0] != address:
            raise BadFrame(DAMAGED_ANSWER, address)
        if answer[1] & 0x80:
            code = answer[2]
            raise MeterException(MODBUS_EXCEPTION, code, address)
        return answer

    def read_registers(self, address: int, start: int, count: int) -> list[int]:
        answer = self._exchange(address, rtu.read_request(address, start, count))
        try:
            registers = rtu.parse_read_response(answer)
        except ValueError as exc:
            raise BadFrame(str(exc), address) from exc
        if len(registers) != count:
            raise BadFrame(SHORT_ANSWER, address, got=len(registers), count=count)
        return registers

    def write_registers(self, address: int, start: int, values: list[int]) -> None:
        answer = self._exchange(address, rtu.write_request(address, start, values))
        if answer != rtu.write_response(address, start, len(values)):
            raise BadFrame(NO_ECHO, address)

    def transact(
        self, address: int, function: int, payload: bytes, answer_length: AnswerLength
    ) -> bytes:
        """A vendor function, judged as ``ModbusBus.transact`` judges it (``raw_frame``)."""
        answer = self.sim.handle(raw_frame.request(address, function, payload)) or b""
        return raw_frame.answer_payload(address, function, answer, answer_length)
