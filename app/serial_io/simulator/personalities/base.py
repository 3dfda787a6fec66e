"""What every personality shares: the interface, and reading a sparse register map."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from app.serial_io.simulator import rtu

if TYPE_CHECKING:
    from app.serial_io.simulator.bus import SimBus

# (first register, number of registers, the function making their values)
Span = tuple[int, int, Callable[[], list[int]]]

S16_MIN, S16_MAX = -0x8000, 0x7FFF
U32_MAX = 0xFFFFFFFF


class Personality:
    """How one family of meters answers on the wire.

    ``serve`` answers one request addressed to ``device`` (a SimMeter, or a
    SimDevice for a multi-circuit family) and says whether it was an accepted
    write (the bus then saves its state before the answer leaves).
    """

    name = ""
    parity = "N"  # the family's default line: 9600 8N1 unless a family says otherwise
    broadcasts = False  # whether the family acts on broadcast (address 0) writes

    def serve(self, bus: SimBus, device, request: rtu.Request) -> tuple[bytes, bool]:
        raise NotImplementedError

    def broadcast(self, bus: SimBus, device, request: rtu.Request, now: float) -> None:
        """Broadcasts are ignored unless a family says otherwise."""


def read_spans(spans: Sequence[Span], start: int, count: int) -> list[int] | None:
    """Registers ``start .. start+count-1`` from the spans that cover them; None at a gap."""
    out: list[int] = []
    at, end = start, start + count
    ordered = sorted(spans, key=lambda s: s[0])
    while at < end:
        for base, size, make in ordered:
            if base <= at < base + size:
                take = min(end, base + size) - at
                regs = make()
                out += regs[at - base : at - base + take]
                at += take
                break
        else:
            return None
    return out


def u32(value: int) -> list[int]:
    """Two registers, high word first."""
    value &= U32_MAX
    return [value >> 16, value & 0xFFFF]


def s16(value: int) -> int:
    """A signed value as one register (two's complement), clamped to 16 bits."""
    return max(S16_MIN, min(S16_MAX, value)) & 0xFFFF


def s32(value: int) -> list[int]:
    return u32(max(-0x80000000, min(0x7FFFFFFF, value)))


def joined(hi: int, lo: int) -> int:
    return hi << 16 | lo


def read_answer(spans: Sequence[Span], address: int, req) -> bytes:
    """A function-03 answer from a device's register spans: the registers, or the
    exception a meter gives for a bad count (3) or a register it does not have (2)."""
    if not 1 <= req.count <= 125:
        return rtu.exception_response(address, req.function, rtu.ILLEGAL_VALUE)
    regs = read_spans(spans, req.start, req.count)
    if regs is None:
        return rtu.exception_response(address, req.function, rtu.ILLEGAL_ADDRESS)
    return rtu.read_response(address, regs)
