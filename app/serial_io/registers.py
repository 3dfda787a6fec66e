"""Generic register-block codec: a block is plain data (address, count, fields).

Meter profiles describe their maps with these types; the same codec decodes
what a meter sends and (for the simulator and tests) encodes it back.
32-bit values are two registers, high word first.
"""

from __future__ import annotations

from dataclasses import dataclass

_SIZES = {"u16": 1, "s16": 1, "u32": 2, "s32": 2}


@dataclass(frozen=True)
class Field:
    name: str
    offset: int
    kind: str  # u16 | s16 | u32 | s32 | ascii<N> (N characters, 2 per register)

    @property
    def size(self) -> int:
        if self.kind.startswith("ascii"):
            return (int(self.kind[5:]) + 1) // 2
        return _SIZES[self.kind]


@dataclass(frozen=True)
class Block:
    address: int
    count: int
    fields: tuple[Field, ...]

    def __post_init__(self) -> None:
        for f in self.fields:
            if f.offset < 0 or f.offset + f.size > self.count:
                raise ValueError(f"field {f.name} does not fit in a block of {self.count}")


def decode_block(block: Block, registers: list[int] | tuple[int, ...]) -> dict[str, int | str]:
    """Register values (0..65535) to named values; wrong length is a ValueError."""
    if len(registers) != block.count:
        raise ValueError(f"expected {block.count} registers, got {len(registers)}")
    out: dict[str, int | str] = {}
    for f in block.fields:
        out[f.name] = decode_field(f, registers)
    return out


def decode_field(f: Field, regs) -> int | str:
    o = f.offset
    if f.kind == "u16":
        return regs[o]
    if f.kind == "s16":
        v = regs[o]
        return v - 0x10000 if v & 0x8000 else v
    if f.kind in ("u32", "s32"):
        v = (regs[o] << 16) | regs[o + 1]
        if f.kind == "s32" and v & 0x80000000:
            v -= 0x100000000
        return v
    raw = b"".join(regs[o + i].to_bytes(2, "big") for i in range(f.size))
    n = int(f.kind[5:])
    return raw[:n].decode("ascii", errors="replace").rstrip("\x00 ")


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
    lo, hi = {
        "u16": (0, 0xFFFF),
        "s16": (-0x8000, 0x7FFF),
        "u32": (0, 0xFFFFFFFF),
        "s32": (-0x80000000, 0x7FFFFFFF),
    }[f.kind]
    if not lo <= int(value) <= hi:
        raise ValueError(f"{f.name}={value} out of range for {f.kind}")
    v = int(value) & (0xFFFF if f.size == 1 else 0xFFFFFFFF)
    if f.size == 1:
        regs[o] = v
    else:
        regs[o], regs[o + 1] = v >> 16, v & 0xFFFF
