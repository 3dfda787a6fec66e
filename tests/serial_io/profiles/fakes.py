"""A fake RegisterBus for profile tests, and hand-made expected frames.

The fake records every request and answers reads from a register dict;
``transact`` answers from a canned list (bytes, or an exception to raise) or
a hook. Expected frames are built here with struct, the simulator's own CRC
(app/serial_io/simulator/rtu.crc16) and an independent TEA written below,
never with the code under test.
"""

from __future__ import annotations

import struct

from app.errors import MODBUS_EXCEPTION, MeterException
from app.serial_io.simulator.rtu import crc16

MASK = 0xFFFFFFFF


class FakeBus:
    def __init__(self, registers: dict[int, int] | None = None, missing=()):
        self.regs: dict[int, int] = dict(registers or {})
        self.missing = set(missing)  # addresses that do not exist (exception 2)
        self.requests: list[tuple] = []
        self.replies: list = []
        self.on_write = None  # hook(bus, start, values) instead of storing
        self.on_transact = None  # hook(bus, function, payload) -> answer bytes

    def read_registers(self, address: int, start: int, count: int) -> list[int]:
        self.requests.append(("read", address, start, count))
        if any(start + i in self.missing for i in range(count)):
            raise MeterException(MODBUS_EXCEPTION, 2, address)
        return [self.regs.get(start + i, 0) for i in range(count)]

    def write_registers(self, address: int, start: int, values: list[int]) -> None:
        self.requests.append(("write", address, start, list(values)))
        if self.on_write:
            self.on_write(self, start, list(values))
            return
        for i, v in enumerate(values):
            self.regs[start + i] = v

    def transact(self, address, function, payload, answer_length) -> bytes:
        self.requests.append(("transact", address, function, bytes(payload)))
        if self.on_transact:
            return self.on_transact(self, function, bytes(payload))
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply

    def frames(self) -> list[bytes]:
        """The vendor frames as they go on the wire (address function payload crc)."""
        return [with_crc(bytes((r[1], r[2])) + r[3]) for r in self.requests if r[0] == "transact"]

    def kinds(self) -> list[str]:
        return [r[0] for r in self.requests]

    def put(self, start: int, values: list[int]) -> None:
        for i, v in enumerate(values):
            self.regs[start + i] = v


def with_crc(body: bytes) -> bytes:
    return body + crc16(body).to_bytes(2, "little")


def tea(key: bytes, data: bytes, rounds: int = 16) -> bytes:
    """TEA written independently of app code: key words and blocks big-endian, ECB, zero pad.

    (Differently from the module: the key as a list, the sum kept modulo
    2**32 with %, the block as one 64-bit number split with divmod.)
    """
    k = [int.from_bytes(key[i : i + 4], "big") for i in range(0, 16, 4)]
    data = data + bytes(-len(data) % 8)
    out = b""
    for i in range(0, len(data), 8):
        y, z = divmod(int.from_bytes(data[i : i + 8], "big"), 1 << 32)
        total = 0
        for _ in range(rounds):
            total = (total + 0x9E3779B9) % (1 << 32)
            y = (y + (((z * 16) + k[0]) ^ (z + total) ^ ((z // 32) + k[1]))) % (1 << 32)
            z = (z + (((y * 16) + k[2]) ^ (y + total) ^ ((y // 32) + k[3]))) % (1 << 32)
        out += (y * (1 << 32) + z).to_bytes(8, "big")
    return out


def regs_bytes(registers: list[int]) -> bytes:
    return struct.pack(f">{len(registers)}H", *registers)
