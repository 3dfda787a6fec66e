"""Modbus RTU framing as a meter sees it: CRC, request parsing, responses.

Requests may arrive split over several reads (a pty or a TCP gateway gives no
frame boundaries), so ``RequestParser`` is incremental. Like a real meter it
drops a request whose CRC is bad without answering, and resynchronises by
sliding one byte at a time until a frame's CRC checks out.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

READ_HOLDING = 0x03
WRITE_MULTIPLE = 0x10
# Vendor functions (docs/profiles.md): Acrel prepaid block write, multi-circuit operations.
ACREL_WRITE_PREPAID = 0xAA  # shaped like 16: addr fn start(2) count(2) nbytes(1) data crc
ACREL_CIRCUIT = 0x20  # addr fn sub(1) circuit(1) n(1) data(n) crc

ILLEGAL_FUNCTION = 0x01
ILLEGAL_ADDRESS = 0x02
ILLEGAL_VALUE = 0x03
DEVICE_FAILURE = 0x04


def _table() -> list[int]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return table


_CRC_TABLE = _table()


def crc16(data: bytes) -> int:
    """CRC-16/Modbus (init 0xFFFF, reflected poly 0xA001); sent low byte first."""
    crc = 0xFFFF
    for b in data:
        crc = (crc >> 8) ^ _CRC_TABLE[(crc ^ b) & 0xFF]
    return crc


def with_crc(body: bytes) -> bytes:
    return body + crc16(body).to_bytes(2, "little")


def crc_ok(frame: bytes) -> bool:
    return len(frame) >= 4 and crc16(frame[:-2]) == int.from_bytes(frame[-2:], "little")


@dataclass(frozen=True)
class Request:
    """One CRC-checked request. ``values`` is set for function 16 only.

    Vendor requests carry their data bytes in ``payload``: for 0xAA the
    ``nbytes`` data bytes (start and count are parsed as for 16), for 0x20
    the ``n`` data bytes with ``sub`` and ``circuit``. ``size`` is the
    frame's length on the wire, CRC included.
    """

    address: int
    function: int
    start: int = 0
    count: int = 0
    values: tuple[int, ...] | None = None
    byte_count_ok: bool = True
    payload: bytes | None = None
    sub: int = 0
    circuit: int = 0
    size: int = field(default=8, compare=False)


def _frame_length(buf: bytes | bytearray) -> int | None:
    """Length of the request starting at buf[0], or None if more bytes are needed."""
    if len(buf) < 2:
        return None
    if buf[1] in (WRITE_MULTIPLE, ACREL_WRITE_PREPAID):
        return None if len(buf) < 7 else 9 + buf[6]
    if buf[1] == ACREL_CIRCUIT:
        return None if len(buf) < 5 else 7 + buf[4]
    return 8  # 03 and every other fixed-size request (01-06) are 8 bytes


def parse_request(frame: bytes) -> Request | None:
    """A complete frame (with CRC) to a Request; None if the CRC or shape is bad."""
    if not crc_ok(frame) or len(frame) < 7:
        return None
    address, function = frame[0], frame[1]
    if function == ACREL_CIRCUIT:
        if len(frame) != 7 + frame[4]:
            return None
        data = bytes(frame[5:-2])
        return Request(address, function, payload=data, sub=frame[2], circuit=frame[3],
                       size=len(frame))  # fmt: skip
    if len(frame) < 8:
        return None
    if function in (WRITE_MULTIPLE, ACREL_WRITE_PREPAID):
        if len(frame) < 9 or len(frame) != 9 + frame[6]:
            return None
        start, count, nbytes = struct.unpack(">HHB", frame[2:7])
        data = bytes(frame[7 : 7 + nbytes])
        ok = nbytes == 2 * count and nbytes % 2 == 0
        if function == ACREL_WRITE_PREPAID:
            return Request(address, function, start, count, None, ok, data, size=len(frame))
        values = struct.unpack(f">{nbytes // 2}H", data[: nbytes // 2 * 2])
        return Request(address, function, start, count, tuple(values), ok, size=len(frame))
    if len(frame) != 8:
        return None
    start, count = struct.unpack(">HH", frame[2:6])
    return Request(address, function, start, count)


class RequestParser:
    """Feed bytes as they arrive; get complete, CRC-checked requests back."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self.dropped = 0  # bytes discarded while resynchronising

    def reset(self) -> None:
        """Forget a partial frame (the line was idle longer than a frame gap)."""
        self._buf.clear()

    @property
    def pending(self) -> int:
        return len(self._buf)

    def feed(self, data: bytes) -> list[Request]:
        self._buf += data
        out: list[Request] = []
        while True:
            n = _frame_length(self._buf)
            if n is None or len(self._buf) < n:
                break
            request = parse_request(bytes(self._buf[:n]))
            if request is None:
                del self._buf[0]
                self.dropped += 1
                continue
            del self._buf[:n]
            out.append(request)
        return out


def read_request(address: int, start: int, count: int) -> bytes:
    return with_crc(struct.pack(">BBHH", address, READ_HOLDING, start, count))


def write_request(address: int, start: int, values: list[int]) -> bytes:
    head = struct.pack(">BBHHB", address, WRITE_MULTIPLE, start, len(values), 2 * len(values))
    return with_crc(head + struct.pack(f">{len(values)}H", *values))


def read_response(address: int, registers: list[int]) -> bytes:
    head = struct.pack(">BBB", address, READ_HOLDING, 2 * len(registers))
    return with_crc(head + struct.pack(f">{len(registers)}H", *registers))


def write_response(address: int, start: int, count: int) -> bytes:
    return with_crc(struct.pack(">BBHH", address, WRITE_MULTIPLE, start, count))


def exception_response(address: int, function: int, code: int) -> bytes:
    return with_crc(bytes([address, (function | 0x80) & 0xFF, code]))


def parse_read_response(frame: bytes) -> list[int]:
    """Registers of a function-03 answer (tests and tools); ValueError if damaged."""
    if not crc_ok(frame) or len(frame) < 5 or frame[1] != READ_HOLDING:
        raise ValueError(f"not a valid read response: {frame.hex()}")
    n = frame[2]
    if len(frame) != 5 + n:
        raise ValueError("read response length does not match its byte count")
    return list(struct.unpack(f">{n // 2}H", frame[3 : 3 + n]))
