"""Protected command frames: 3DES-CBC encryption, then a 3DES CMAC (SPEC "Security").

A frame is ``IV(8) | 3DES-CBC(header | payload | PKCS#7 pad) | CMAC(8)``; the
CMAC covers IV and ciphertext (encrypt-then-MAC). The header binds the frame
to one meter, one account epoch, one counter value and one moment, so a frame
cannot be moved to another meter, replayed, or kept back and sent later::

    header = code u16 | epoch u16 | counter u16 | serial 12 ASCII | timestamp u32  (22 bytes)

The epoch grows by one each time an account is opened on the meter (which
resets its purchase count), so (epoch, counter) never repeats for a meter's
key; the meter refuses a timestamp far from its own clock. docs/protocol.md
states the rules.

Per-meter keys are diversified from the site master key and the meter serial
with NIST SP 800-108 (counter mode, AES-CMAC as PRF), one label per purpose,
so the encryption key and the MAC key are unrelated. The master key lives in a
key file beside the database and never in the database or in logs.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from Crypto.Cipher import AES, DES3
from Crypto.Hash import CMAC
from Crypto.Protocol.KDF import SP800_108_Counter
from Crypto.Util.Padding import pad, unpad

from app.errors import QT_TRANSLATE_NOOP, ConfigError
from app.paths import fsync_folder

MASTER_KEY_BYTES = 32
SERIAL_LEN = 12
HEADER = struct.Struct(">HHH12sI")
BLOCK = 8
MAC_LEN = 8
MAX_FRAME_BYTES = 128  # the command block holds 64 registers


class FrameError(Exception):
    """A frame that cannot be accepted; ``result`` is the meter's result code."""

    def __init__(self, message: str, result: int) -> None:
        super().__init__(message)
        self.result = result


@dataclass(frozen=True)
class MeterKeys:
    """The two keys one meter holds (never logged; repr hides them)."""

    enc: bytes
    mac: bytes

    def __repr__(self) -> str:
        return "MeterKeys(<hidden>)"


@dataclass(frozen=True)
class CommandFrame:
    """A decoded (authentic) frame."""

    code: int
    epoch: int
    counter: int
    serial: str
    timestamp: int
    payload: bytes


def _prf(key: bytes, data: bytes) -> bytes:
    return CMAC.new(key, data, ciphermod=AES).digest()


def _des3_key(material: bytes) -> bytes:
    try:
        return DES3.adjust_key_parity(material)
    except ValueError as exc:  # degenerates to single DES: astronomically unlikely
        raise ConfigError("derived key is not a valid 3DES key; choose a new master key") from exc


def check_serial(serial: str) -> bytes:
    raw = serial.encode("ascii")
    if len(raw) != SERIAL_LEN:
        raise ValueError(f"meter serial must be {SERIAL_LEN} ASCII characters, got {serial!r}")
    return raw


@lru_cache(maxsize=8192)
def derive_meter_keys(master: bytes, serial: str) -> MeterKeys:
    """Diversify the site master key for one meter serial."""
    if len(master) != MASTER_KEY_BYTES:
        raise ConfigError("the site master key must be 32 bytes")
    context = check_serial(serial)
    enc = SP800_108_Counter(master, 24, _prf, label=b"PEM meter enc", context=context)
    mac = SP800_108_Counter(master, 24, _prf, label=b"PEM meter mac", context=context)
    return MeterKeys(enc=_des3_key(enc), mac=_des3_key(mac))


def _mac(keys: MeterKeys, data: bytes) -> bytes:
    return CMAC.new(keys.mac, data, ciphermod=DES3).digest()[:MAC_LEN]


def encode_frame(
    keys: MeterKeys,
    code: int,
    counter: int,
    serial: str,
    timestamp: int,
    payload: bytes = b"",
    iv: bytes | None = None,
    *,
    epoch: int,
) -> bytes:
    """Build a protected frame; ``iv`` is random unless a test pins it.

    ``epoch`` is keyword-only and required: a frame stamped with a guessed
    epoch would be refused by the meter, so no caller may leave it out.
    """
    header = HEADER.pack(
        code, epoch & 0xFFFF, counter & 0xFFFF, check_serial(serial), timestamp & 0xFFFFFFFF
    )
    iv = os.urandom(BLOCK) if iv is None else iv
    body = DES3.new(keys.enc, DES3.MODE_CBC, iv=iv).encrypt(pad(header + payload, BLOCK))
    frame = iv + body + _mac(keys, iv + body)
    if len(frame) > MAX_FRAME_BYTES:
        raise ValueError(f"command frame of {len(frame)} bytes exceeds {MAX_FRAME_BYTES}")
    return frame


def decode_frame(keys: MeterKeys, frame: bytes, serial: str) -> CommandFrame:
    """Check MAC and serial (epoch, counter and time are the meter's business) and decrypt.

    Raises ``FrameError`` with the result code the meter reports.
    """
    from app.serial_io.commands import Result

    if len(frame) < 2 * BLOCK + MAC_LEN or (len(frame) - MAC_LEN) % BLOCK:
        raise FrameError("frame has an impossible length", Result.BAD_MAC)
    iv, body, tag = frame[:BLOCK], frame[BLOCK:-MAC_LEN], frame[-MAC_LEN:]
    expected = _mac(keys, iv + body)
    if not _equal(expected, tag):
        raise FrameError("bad MAC", Result.BAD_MAC)
    try:
        plain = unpad(DES3.new(keys.enc, DES3.MODE_CBC, iv=iv).decrypt(body), BLOCK)
    except ValueError as exc:
        raise FrameError("bad padding under a valid MAC", Result.BAD_MAC) from exc
    if len(plain) < HEADER.size:
        raise FrameError("frame too short for its header", Result.BAD_MAC)
    code, epoch, counter, raw_serial, timestamp = HEADER.unpack_from(plain)
    if raw_serial != check_serial(serial):
        raise FrameError("frame made for another meter", Result.WRONG_METER)
    serial_text = raw_serial.decode("ascii")
    return CommandFrame(code, epoch, counter, serial_text, timestamp, plain[HEADER.size :])


def _equal(a: bytes, b: bytes) -> bool:
    diff = len(a) ^ len(b)
    for x, y in zip(a, b, strict=False):
        diff |= x ^ y
    return diff == 0


def frame_to_registers(frame: bytes) -> list[int]:
    """Big-endian 16-bit registers for a function-16 write (frames are even-length)."""
    return list(struct.unpack(f">{len(frame) // 2}H", frame))


def registers_to_frame(registers: list[int]) -> bytes:
    return struct.pack(f">{len(registers)}H", *registers)


KEY_MISSING = QT_TRANSLATE_NOOP(
    "Errors",
    "the site's master key {path} is missing: the meters accept only commands made with "
    "that key, so a new one cannot replace it. Restore master.key from the backup into {folder}",
)
KEY_UNREADABLE = QT_TRANSLATE_NOOP(
    "Errors", "cannot read the site's master key {path}: {reason}. Restore it from the backup"
)
KEY_DAMAGED = QT_TRANSLATE_NOOP(
    "Errors",
    "the site's master key {path} is damaged (it must hold {size} bytes as hex). "
    "Restore master.key from the backup",
)
KEY_EXISTS = QT_TRANSLATE_NOOP("Errors", "a master key already exists at {path}")
KEY_CANNOT_WRITE = QT_TRANSLATE_NOOP("Errors", "cannot write the master key {path}: {reason}")


def load_master_key(path: Path) -> bytes:
    """Read the site master key; never make one (a new key would not open the meters).

    The site's meters hold keys derived from this one, so a missing or damaged
    file is an error naming the file: the fix is the backup's copy.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(KEY_MISSING, path=str(path), folder=str(path.parent)) from None
    except OSError as exc:
        raise ConfigError(KEY_UNREADABLE, path=str(path), reason=_reason(exc)) from None
    try:
        key = bytes.fromhex(data.strip().decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        key = b""
    if len(key) != MASTER_KEY_BYTES:
        raise ConfigError(KEY_DAMAGED, path=str(path), size=MASTER_KEY_BYTES)
    _private(path)
    return key


def create_master_key(path: Path) -> bytes:
    """A new random key in a new file (mode 0600); only a new site makes one.

    Written to a temporary file, synced, then linked into place, so the key
    file is whole or absent, and an existing key is never overwritten.
    """
    path = Path(path)
    key = os.urandom(MASTER_KEY_BYTES)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(key.hex() + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.link(tmp, path)
    except FileExistsError:
        raise ConfigError(KEY_EXISTS, path=str(path)) from None
    except OSError as exc:
        raise ConfigError(KEY_CANNOT_WRITE, path=str(path), reason=_reason(exc)) from None
    finally:
        tmp.unlink(missing_ok=True)
    fsync_folder(path.parent)
    return key


def load_or_create_master_key(path: Path) -> bytes:
    """A stand-alone simulator's key: read it, or make it when absent.

    Never for a site (see ``load_master_key``): only ``main.py simulate`` with
    its own key file uses this.
    """
    path = Path(path)
    if path.exists():
        return load_master_key(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        return create_master_key(path)
    except ConfigError as exc:
        if exc.template != KEY_EXISTS:  # another process made it just now: use that one
            raise
    return load_master_key(path)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _private(path: Path) -> None:
    """Take away group and world access a key file from an older version may have."""
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
    except OSError:
        pass  # reading worked; a folder we may not change is not a reason to stop
