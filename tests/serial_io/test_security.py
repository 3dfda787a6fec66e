"""Known-answer and rejection tests for key derivation and protected frames."""

import struct

import pytest
from Crypto.Cipher import AES, DES3
from Crypto.Hash import CMAC

from app.errors import ConfigError
from app.serial_io.commands import (
    TIME_WINDOW_S,
    Command,
    Result,
    counter_distance,
    next_counter,
    time_difference,
)
from app.serial_io.security import (
    FrameError,
    decode_frame,
    derive_meter_keys,
    encode_frame,
    frame_to_registers,
    registers_to_frame,
)

MASTER = bytes(range(32))
SERIAL = "PEM000000001"
# Pinned once from the implementation and cross-checked below by an independent
# assembly of SP 800-108 counter mode; a change here breaks every deployed meter.
ENC_KEY = "b661bc61d3e6921fe640a79201b0d0b61f406716fbc110d6"
MAC_KEY = "e53701830434b61f7054a1577023103e2a68cd3e136beaa1"
FRAME = (  # header with the account epoch (3) since issue #6
    "00010203040506074990edb37938d3ff59d90b98aa1fbb89c262173f6006e832"
    "4853bedeb88a1401b2fa550fe459d12d"
)


def test_cmac_tdea_matches_nist_sp800_38b_examples():
    key = bytes.fromhex("8aa83bf8cbda10620bc1bf19fbb6cd58bc313d4a371ca8b5")
    assert CMAC.new(key, b"", ciphermod=DES3).hexdigest() == "b7a688e122ffaf95"
    msg = bytes.fromhex("6bc1bee22e409f96")
    assert CMAC.new(key, msg, ciphermod=DES3).hexdigest() == "8e8f293136283797"


def test_key_derivation_known_answer():
    keys = derive_meter_keys(MASTER, SERIAL)
    assert keys.enc.hex() == ENC_KEY
    assert keys.mac.hex() == MAC_KEY


def test_key_derivation_is_sp800_108_counter_mode():
    def block(i: int, label: bytes) -> bytes:
        data = struct.pack(">I", i) + label + b"\x00" + SERIAL.encode() + struct.pack(">I", 192)
        return CMAC.new(MASTER, data, ciphermod=AES).digest()

    raw = (block(1, b"PEM meter enc") + block(2, b"PEM meter enc"))[:24]
    assert DES3.adjust_key_parity(raw).hex() == ENC_KEY


def test_keys_differ_per_meter_and_purpose():
    a = derive_meter_keys(MASTER, SERIAL)
    b = derive_meter_keys(MASTER, "PEM000000002")
    assert a.enc != b.enc and a.mac != b.mac and a.enc != a.mac
    assert "hidden" in repr(a) and ENC_KEY not in repr(a)


def test_frame_known_answer_and_layout():
    keys = derive_meter_keys(MASTER, SERIAL)
    frame = encode_frame(
        keys,
        Command.RECHARGE,
        5,
        SERIAL,
        1700000000,
        struct.pack(">I", 10000),
        iv=bytes(range(8)),
        epoch=3,
    )
    assert frame.hex() == FRAME
    # IV | ciphertext | 8-byte MAC; decrypt block by block to check CBC independently
    iv, body = frame[:8], frame[8:-8]
    ecb = DES3.new(keys.enc, DES3.MODE_ECB)
    plain, prev = b"", iv
    for i in range(0, len(body), 8):
        blk = body[i : i + 8]
        plain += bytes(x ^ y for x, y in zip(ecb.decrypt(blk), prev, strict=True))
        prev = blk
    # code | epoch | counter | serial | timestamp, then the payload
    assert plain[:22] == struct.pack(">HHH12sI", 1, 3, 5, SERIAL.encode(), 1700000000)
    assert plain[22:26] == struct.pack(">I", 10000)
    assert CMAC.new(keys.mac, frame[:-8], ciphermod=DES3).digest()[:8] == frame[-8:]


def test_decode_round_trip():
    keys = derive_meter_keys(MASTER, SERIAL)
    frame = encode_frame(keys, Command.TRIP, 65535, SERIAL, 42, epoch=65535)
    cmd = decode_frame(keys, frame, SERIAL)
    assert (cmd.code, cmd.epoch, cmd.counter, cmd.serial, cmd.timestamp, cmd.payload) == (
        Command.TRIP,
        65535,
        65535,
        SERIAL,
        42,
        b"",
    )
    assert registers_to_frame(frame_to_registers(frame)) == frame


@pytest.mark.parametrize("flip", [0, 8, 20, -1])
def test_any_flipped_bit_is_bad_mac(flip):
    keys = derive_meter_keys(MASTER, SERIAL)
    frame = bytearray(encode_frame(keys, Command.RECHARGE, 1, SERIAL, 0, b"\0\0\0\1", epoch=0))
    frame[flip] ^= 0x01
    with pytest.raises(FrameError) as err:
        decode_frame(keys, bytes(frame), SERIAL)
    assert err.value.result == Result.BAD_MAC


def test_frame_for_other_meter_is_rejected():
    keys_other = derive_meter_keys(MASTER, "PEM000000002")
    frame = encode_frame(derive_meter_keys(MASTER, SERIAL), Command.RECHARGE, 1, SERIAL, 0, epoch=0)
    # the other meter's keys do not even authenticate it
    with pytest.raises(FrameError) as err:
        decode_frame(keys_other, frame, "PEM000000002")
    assert err.value.result == Result.BAD_MAC
    # a frame under the right keys naming a different serial is "wrong meter"
    keys = derive_meter_keys(MASTER, SERIAL)
    stolen = encode_frame(keys, Command.RECHARGE, 1, "PEM000000002", 0, epoch=0)
    with pytest.raises(FrameError) as err:
        decode_frame(keys, stolen, SERIAL)
    assert err.value.result == Result.WRONG_METER


def test_truncated_frames_are_rejected():
    keys = derive_meter_keys(MASTER, SERIAL)
    frame = encode_frame(keys, Command.RECHARGE, 1, SERIAL, 0, epoch=0)
    for cut in (0, 8, 15, len(frame) - 1, len(frame) - 8):
        with pytest.raises(FrameError):
            decode_frame(keys, frame[:cut], SERIAL)


def test_counters_wrap_modulo_65536():
    assert next_counter(65535) == 0
    assert next_counter(0) == 1
    assert counter_distance(65535, 0) == 1
    assert counter_distance(65530, 3) == 9
    assert Command.RECHARGE.uses_purchase_count and not Command.TRIP.uses_purchase_count


def test_time_difference_is_signed_on_the_32_bit_clock_circle():
    assert time_difference(1000, 400) == 600 and time_difference(400, 1000) == -600
    # the u32 unix clock wraps in 2106: a stamp just past the wrap is just ahead
    assert time_difference(5, 0xFFFFFFFF - 4) == 10
    assert time_difference(0xFFFFFFFF - 4, 5) == -10
    assert TIME_WINDOW_S == 600


def test_bad_serial_length_refused():
    with pytest.raises(ValueError):
        derive_meter_keys(MASTER, "SHORT")
    with pytest.raises(ConfigError):
        derive_meter_keys(b"short", SERIAL)
