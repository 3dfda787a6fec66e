"""The Acrel frame cipher as the simulated meters apply it (docs/profiles.md).

Written for the simulator alone, from the description (TEA with 16 rounds,
delta 0x9E3779B9, four big-endian key words, 8-byte blocks each on its own,
zero padding), never from the program's codec: a mistake made the same way
on both sides of the wire would pass every test. ``rounds=32`` is the
classic TEA, whose published vectors check the round function.
"""

from __future__ import annotations

import struct

DELTA = 0x9E3779B9
ROUNDS = 16
BLOCK = 8
_WORDS = struct.Struct(">II")
_KEY = struct.Struct(">IIII")
_M = 0xFFFFFFFF


def _sums(rounds: int) -> list[int]:
    """The round constants: k x delta (mod 2**32) for k = 1..rounds."""
    return [(k * DELTA) & _M for k in range(1, rounds + 1)]


def _mix(word: int, s: int, ka: int, kb: int) -> int:
    return ((((word << 4) & _M) + ka) ^ ((word + s) & _M) ^ ((word >> 5) + kb)) & _M


def _blocks(data: bytes):
    if len(data) % BLOCK:
        raise ValueError(f"cipher data must be whole {BLOCK}-byte blocks, got {len(data)} bytes")
    for at in range(0, len(data), BLOCK):
        yield _WORDS.unpack_from(data, at)


def encipher(key: bytes, data: bytes, rounds: int = ROUNDS) -> bytes:
    """Encipher ``data`` (zero-padded to whole blocks) with a 16-byte key."""
    k0, k1, k2, k3 = _KEY.unpack(key)
    padded = bytes(data) + bytes(-len(data) % BLOCK)
    out = bytearray()
    sums = _sums(rounds)
    for y, z in _blocks(padded):
        for s in sums:
            y = (y + _mix(z, s, k0, k1)) & _M
            z = (z + _mix(y, s, k2, k3)) & _M
        out += _WORDS.pack(y, z)
    return bytes(out)


def decipher(key: bytes, data: bytes, rounds: int = ROUNDS) -> bytes:
    """The inverse of :func:`encipher` (``data`` must be whole blocks)."""
    k0, k1, k2, k3 = _KEY.unpack(key)
    out = bytearray()
    sums = _sums(rounds)[::-1]
    for y, z in _blocks(data):
        for s in sums:
            z = (z - _mix(y, s, k2, k3)) & _M
            y = (y - _mix(z, s, k0, k1)) & _M
        out += _WORDS.pack(y, z)
    return bytes(out)
