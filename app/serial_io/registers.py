"""Generic register-block codec: a block is plain data (address, count, fields).

Meter profiles describe their maps with these types; the same codec decodes
what a meter sends and (for the simulator and tests) encodes it back.
32-bit values are two registers: ``u32``/``s32`` high word first (the SPEC's
map, Acrel's status block), ``u32le``/``s32le`` low word first (meters that
send the low word first). A field's ``scale`` turns the raw number into the
program's unit (decoded = raw * scale; encoding divides and refuses a value
that is not a multiple), so a meter that counts in 0.1 kWh decodes straight
to 0.01 kWh.

The poll decodes a status block a meter a second per bus, so a block compiles
its fields once into a plan of small readers (one per kind, the scaled ones
wrapped): decoding does no per-field kind dispatch, and a field of scale 1
costs nothing for the scale.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

_SIZES = {"u16": 1, "s16": 1, "u32": 2, "s32": 2, "u32le": 2, "s32le": 2}
_RANGES = {
    "u16": (0, 0xFFFF),
    "s16": (-0x8000, 0x7FFF),
    "u32": (0, 0xFFFFFFFF),
    "s32": (-0x80000000, 0x7FFFFFFF),
    "u32le": (0, 0xFFFFFFFF),
    "s32le": (-0x80000000, 0x7FFFFFFF),
}


@dataclass(frozen=True)
class Field:
    name: str
    offset: int
    kind: str  # u16 | s16 | u32 | s32 | u32le | s32le | ascii<N> (N characters, 2 per register)
    scale: int = 1  # decoded value = raw * scale (numbers only)

    def __post_init__(self) -> None:
        if not (self.kind in _SIZES or (self.kind.startswith("ascii") and self.kind[5:].isdigit())):
            raise ValueError(f"field {self.name}: unknown kind {self.kind!r}")
        if self.scale < 1 or (self.scale != 1 and self.kind not in _SIZES):
            raise ValueError(f"field {self.name}: scale {self.scale} is not allowed here")

    @property
    def size(self) -> int:
        if self.kind.startswith("ascii"):
            return (int(self.kind[5:]) + 1) // 2
        return _SIZES[self.kind]


Reader = Callable[[Sequence[int], int], "int | str"]


def _u16(r, o):
    return r[o]


def _s16(r, o):
    v = r[o]
    return v - 0x10000 if v & 0x8000 else v


def _u32(r, o):
    return (r[o] << 16) | r[o + 1]


def _s32(r, o):
    v = (r[o] << 16) | r[o + 1]
    return v - 0x100000000 if v & 0x80000000 else v


def _u32le(r, o):
    return (r[o + 1] << 16) | r[o]


def _s32le(r, o):
    v = (r[o + 1] << 16) | r[o]
    return v - 0x100000000 if v & 0x80000000 else v


_READERS: dict[str, Reader] = {
    "u16": _u16,
    "s16": _s16,
    "u32": _u32,
    "s32": _s32,
    "u32le": _u32le,
    "s32le": _s32le,
}


def _reader(f: Field) -> Reader:
    if f.kind.startswith("ascii"):
        n, size = int(f.kind[5:]), f.size

        def ascii_(r, o):
            raw = b"".join(r[o + i].to_bytes(2, "big") for i in range(size))
            return raw[:n].decode("ascii", errors="replace").rstrip("\x00 ")

        return ascii_
    base = _READERS[f.kind]
    if f.scale == 1:
        return base
    scale = f.scale

    def scaled(r, o):
        return base(r, o) * scale

    return scaled


@dataclass(frozen=True)
class Block:
    address: int
    count: int
    fields: tuple[Field, ...]

    def __post_init__(self) -> None:
        for f in self.fields:
            if f.offset < 0 or f.offset + f.size > self.count:
                raise ValueError(f"field {f.name} does not fit in a block of {self.count}")
        # Not a dataclass field: equality and hashing stay those of the data.
        plan = tuple((f.name, _reader(f), f.offset) for f in self.fields)
        object.__setattr__(self, "_plan", plan)


def decode_block(block: Block, registers: list[int] | tuple[int, ...]) -> dict[str, int | str]:
    """Register values (0..65535) to named values; wrong length is a ValueError."""
    if len(registers) != block.count:
        raise ValueError(f"expected {block.count} registers, got {len(registers)}")
    return {name: read(registers, o) for name, read, o in block._plan}  # type: ignore[attr-defined]


def decode_field(f: Field, regs) -> int | str:
    """One field's value (scale applied)."""
    return _reader(f)(regs, f.offset)


def encode_block(block: Block, values: dict[str, int | str]) -> list[int]:
    """Named values to registers; unnamed registers are 0; out-of-range is a ValueError."""
    regs = [0] * block.count
    for f in block.fields:
        if f.name in values:
            _encode_field(f, values[f.name], regs)
    return regs


def _encode_field(f: Field, value, regs: list[int]) -> None:
    o = f.offset
    if f.kind.startswith("ascii"):
        n = int(f.kind[5:])
        raw = str(value).encode("ascii")[:n].ljust(f.size * 2, b"\x00")
        for i in range(f.size):
            regs[o + i] = int.from_bytes(raw[2 * i : 2 * i + 2], "big")
        return
    raw = int(value)
    if f.scale != 1:
        raw, rest = divmod(raw, f.scale)
        if rest:
            raise ValueError(f"{f.name}={value} is not a multiple of its scale {f.scale}")
    lo, hi = _RANGES[f.kind]
    if not lo <= raw <= hi:
        raise ValueError(f"{f.name}={value} out of range for {f.kind}")
    if f.size == 1:
        regs[o] = raw & 0xFFFF
        return
    v = raw & 0xFFFFFFFF
    high, low = v >> 16, v & 0xFFFF
    if f.kind.endswith("le"):
        regs[o], regs[o + 1] = low, high
    else:
        regs[o], regs[o + 1] = high, low
