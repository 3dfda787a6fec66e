"""RTU framing of a vendor function: the request, how long its answer is, what the answer means.

minimalmodbus refuses function codes above 127 and must know an answer's size
before it reads; a maker's own functions (Acrel's 0xAA and 0x20) need neither
limit. The profile that speaks such a function knows its answer's length from
the first bytes (``AnswerLength``); this module frames the request, tells the
reader how far to read, and turns a received frame into the payload or into the
error a ``RegisterBus`` raises. ``ModbusBus`` (a real line) and ``LoopbackBus``
(the in-process simulator) share it, so both read an answer the same way.

An exception answer is ``address function|0x80 code crc``. For a function that
has bit 7 set already (0xAA) that function byte is the function itself, so a
refusal is told from an answer only by its length: 5 bytes with a good checksum
where the length rule wanted more (or could not yet tell) is a refusal.
"""

from __future__ import annotations

from collections.abc import Callable

import minimalmodbus

from app.errors import (
    DAMAGED_CHECKSUM,
    DAMAGED_MISMATCH,
    DAMAGED_SHORT,
    MODBUS_EXCEPTION,
    NO_ANSWER,
    WRONG_ADDRESS,
    BadFrame,
    MeterException,
    MeterOffline,
)
from app.serial_io.serial_line import MAX_FRAME, crc_ok
from app.serial_io.wire_time import EXCEPTION_ANSWER_SIZE

# Bytes received so far (address first) -> the whole answer's length with its CRC,
# or None while more bytes are needed to tell. Called with at least 3 bytes.
AnswerLength = Callable[[bytes], int | None]

_HEAD = 3  # every answer has at least address, function and one byte before its CRC


def request(address: int, function: int, payload: bytes) -> bytes:
    """``address function payload crc``; refuses what no RTU frame can carry."""
    if not 1 <= address <= 247:
        raise ValueError(f"Modbus address {address} is outside 1-247")
    if not 1 <= function <= 255:
        raise ValueError(f"function code {function} is outside 1-255")
    if len(payload) > MAX_FRAME - 4:
        raise ValueError(f"a payload of {len(payload)} bytes does not fit one RTU frame")
    body = bytes((address, function)) + bytes(payload)
    return body + minimalmodbus._calculate_crc(body)


def reading_length(function: int, answer_length: AnswerLength) -> AnswerLength:
    """How far to read: the profile's rule, or 5 bytes once a plain exception answer shows.

    Only for a function without bit 7: a function with it cannot be told from
    its exception by the function byte (see the module docstring).
    """
    refusal = function | 0x80 if not function & 0x80 else -1

    def length(received: bytes) -> int | None:
        if len(received) < _HEAD:
            return None
        if received[1] == refusal:
            return EXCEPTION_ANSWER_SIZE
        return answer_length(received)

    return length


def answer_payload(
    address: int,
    function: int,
    answer: bytes,
    answer_length: AnswerLength,
    skipped: list[int] | None = None,
) -> bytes:
    """The bytes between the function byte and the CRC of a good answer; else the error.

    ``skipped`` are the addresses of other meters' whole answers read past
    while waiting for this one (a late answer on a shared line).
    """
    if not answer:
        if skipped:
            others = ", ".join(str(a) for a in skipped)
            raise BadFrame(WRONG_ADDRESS, address, others=others)
        raise MeterOffline(NO_ANSWER, address)
    code = refusal_code(address, function, answer, answer_length)
    if code is not None:
        raise MeterException(MODBUS_EXCEPTION, code, address)
    want = reading_length(function, answer_length)(answer)
    if want is None or len(answer) < want:
        # Cut short, unless it is whole and valid but of another meter.
        if answer[0] != address and crc_ok(answer):
            raise BadFrame(WRONG_ADDRESS, address, others=str(answer[0]))
        raise BadFrame(DAMAGED_SHORT, address)
    if not crc_ok(answer):
        raise BadFrame(DAMAGED_CHECKSUM, address)
    if answer[0] != address:
        raise BadFrame(WRONG_ADDRESS, address, others=str(answer[0]))
    if answer[1] != function or len(answer) != want:
        raise BadFrame(DAMAGED_MISMATCH, address)
    return answer[2:-2]


def refusal_code(
    address: int, function: int, answer: bytes, answer_length: AnswerLength
) -> int | None:
    """The exception code if ``answer`` is this meter's well-formed refusal, else None."""
    if len(answer) != EXCEPTION_ANSWER_SIZE or answer[0] != address or not crc_ok(answer):
        return None
    if not function & 0x80:
        return answer[2] if answer[1] == function | 0x80 else None
    if answer[1] != function:
        return None
    want = answer_length(answer)
    return answer[2] if want is None or want > EXCEPTION_ANSWER_SIZE else None
