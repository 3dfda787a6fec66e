"""The Acrel frame cipher: TEA with 16 rounds, ECB over 8-byte blocks (docs/profiles.md).

Why this and not our 3DES + CMAC: it is what the meters speak. It hides a
frame's numbers from a listener but authenticates nothing: no nonce, no MAC,
each 8-byte block alone (ECB), so a recorded write can be replayed whole and
only the meter's "purchase count = stored + 1" rule makes a replayed credit
fail once a later one has landed (docs/security.md).

Layout: key 128 bits as four big-endian 32-bit words, blocks as two
big-endian 32-bit words, delta 0x9E3779B9, data padded with zero bytes to a
multiple of 8. The round count is a parameter only so a test can check the
classic 32-round TEA against its published vectors.
"""

from __future__ import annotations

import struct

DELTA = 0x9E3779B9
ROUNDS = 16
BLOCK = 8
_MASK = 0xFFFFFFFF


def _key_words(key16: bytes) -> tuple[int, int, int, int]:
    if len(key16) != 16:
        raise ValueError(f"the Acrel key is 16 bytes, not {len(key16)}")
    return struct.unpack(">4I", key16)


def _padded(data: bytes) -> bytes:
    return bytes(data) + b"\x00" * (-len(data) % BLOCK)


def _encipher_block(v0: int, v1: int, k, rounds: int) -> tuple[int, int]:
    k0, k1, k2, k3 = k
    s = 0
    for _ in range(rounds):
        s = (s + DELTA) & _MASK
        v0 = (v0 + ((((v1 << 4) + k0) ^ (v1 + s) ^ ((v1 >> 5) + k1)) & _MASK)) & _MASK
        v1 = (v1 + ((((v0 << 4) + k2) ^ (v0 + s) ^ ((v0 >> 5) + k3)) & _MASK)) & _MASK
    return v0, v1


def _decipher_block(v0: int, v1: int, k, rounds: int) -> tuple[int, int]:
    k0, k1, k2, k3 = k
    s = (DELTA * rounds) & _MASK
    for _ in range(rounds):
        v1 = (v1 - ((((v0 << 4) + k2) ^ (v0 + s) ^ ((v0 >> 5) + k3)) & _MASK)) & _MASK
        v0 = (v0 - ((((v1 << 4) + k0) ^ (v1 + s) ^ ((v1 >> 5) + k1)) & _MASK)) & _MASK
        s = (s - DELTA) & _MASK
    return v0, v1


def _run(step, key16: bytes, data: bytes, rounds: int) -> bytes:
    k = _key_words(key16)
    out = bytearray()
    data = _padded(data)
    for i in range(0, len(data), BLOCK):
        v0, v1 = struct.unpack_from(">2I", data, i)
        out += struct.pack(">2I", *step(v0, v1, k, rounds))
    return bytes(out)


def encipher(key16: bytes, data: bytes, rounds: int = ROUNDS) -> bytes:
    """``data`` zero-padded to a multiple of 8 bytes, each block enciphered alone."""
    return _run(_encipher_block, key16, data, rounds)


def decipher(key16: bytes, data: bytes, rounds: int = ROUNDS) -> bytes:
    """The inverse of ``encipher`` (the padding stays: the caller knows its length)."""
    if len(data) % BLOCK:
        raise ValueError(f"enciphered data is a multiple of {BLOCK} bytes, not {len(data)}")
    return _run(_decipher_block, key16, data, rounds)
