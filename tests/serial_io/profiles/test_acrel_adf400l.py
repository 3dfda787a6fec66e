"""The ADF400L multi-circuit profile: per-circuit reads and the 0x20 frames, written by hand
from docs/profiles.md."""

import struct

import pytest

from app.errors import (
    MODBUS_EXCEPTION,
    CannotDo,
    ConfigError,
    InsufficientBalance,
    MeterException,
    MeterOffline,
    MeterRejected,
)
from app.serial_io.commands import RelayCommand
from app.serial_io.events import MeterRef
from app.serial_io.meter_data import MeterParams, MeterStatus
from app.serial_io.profiles import get_profile
from app.serial_io.profiles.acrel_adf400l import circuit_count
from app.serial_io.profiles.acrel_frames import f20_answer_length
from app.serial_io.profiles.base import Capability
from tests.serial_io.profiles.fakes import FakeBus, tea, with_crc
from tests.serial_io.profiles.test_acrel_ddsy import params_registers, status_registers

P = get_profile("acrel-adf400l")
KEY = bytes.fromhex("0123456712345678234567893456789A")
FRESH = MeterStatus()
C3 = MeterRef(5, 9, "", "acrel-adf400l", 3)  # address 9, circuit 3
STATUS_C3 = 0x1000 + 2 * 0x30  # 0x1060
PARAMS_C3 = 0x3000 + 2 * 0x20  # 0x3040


def device(word: int = 0x2000) -> FakeBus:
    bus = FakeBus({0x0200: 40, 0x0201: 12, 0x0202: 1})
    bus.put(STATUS_C3, status_registers(word))
    bus.put(PARAMS_C3, params_registers())
    return bus


def f20_frame(sub: int, circuit: int, block: bytes, address: int = 9) -> bytes:
    assert len(block) == 8
    return with_crc(bytes((address, 0x20, sub, circuit, 8)) + tea(KEY, block))


def ok(sub: int, circuit: int = 3) -> bytes:
    return bytes((sub, circuit, 0))


def test_circuit_status_at_base_plus_stride():
    bus = device()
    s = P.read_status(bus, C3)
    assert bus.requests == [("read", 9, 0x1060, 48)]
    assert s.balance == 100000 and s.purchase_count == 12 and s.energy_total == 123456
    assert not s.relay_open and s.prepaid_mode


def test_identity_is_the_device():
    bus = device()
    ident = P.read_identity(bus, C3)
    assert (ident.model, ident.phases, ident.circuits) == (40, 3, 12)
    assert circuit_count(bus, 9) == 12
    bus.regs[0x0202] = 0
    assert P.read_identity(bus, 9).phases == 1


def test_params_of_a_circuit():
    bus = device()
    assert P.read_params(bus, C3) == MeterParams(
        prices=(15000, 12000, 8500, 4000), alarm1=2000, alarm2=500, overload_w=6000
    )
    assert bus.requests == [("read", 9, 0x3040, 28)]


@pytest.mark.parametrize("circuit", [0, 37])
def test_circuit_outside_1_to_36_refused_before_traffic(circuit):
    bus = device()
    ref = MeterRef(1, 9, "", "acrel-adf400l", circuit)
    with pytest.raises(ConfigError, match="circuit"):
        P.read_status(bus, ref)
    with pytest.raises(ConfigError):
        P.credit(bus, ref, KEY, 100, 13, FRESH)
    assert bus.requests == []


@pytest.mark.parametrize("model,found", [(40, 40), (41, 41), (7, None)])
def test_probe(model, found):
    assert P.probe(FakeBus({0x0200: model}), 1) == found


def test_purchase_frame():
    bus = device()
    bus.replies = [ok(1)]
    P.credit(bus, C3, KEY, 5000, 13, FRESH)
    block = struct.pack(">IHH", 105000, 13, 0)
    (frame,) = bus.frames()
    assert len(frame) == 15 and frame == f20_frame(0x01, 3, block)


def test_refund_frame_and_refund_above_money():
    bus = device()
    bus.replies = [ok(1)]
    P.refund(bus, C3, KEY, 40000, 13, FRESH)
    assert bus.frames() == [f20_frame(0x01, 3, struct.pack(">IHH", 60000, 13, 0))]
    bus = device()
    with pytest.raises(InsufficientBalance):
        P.refund(bus, C3, KEY, 100001, 13, FRESH)
    assert "transact" not in bus.kinds()


def test_no_key_refused_before_traffic():
    bus = device()
    with pytest.raises(ConfigError, match=r"acrel\.key"):
        P.credit(bus, C3, None, 5000, 13, FRESH)
    assert bus.requests == []


@pytest.mark.parametrize(
    "result,words",
    [(1, "purchase count"), (2, "decipher"), (3, "no such circuit"), (4, "out of range")],
)
def test_result_byte_becomes_meter_rejected(result, words):
    bus = device()
    bus.replies = [bytes((1, 3, result))]
    with pytest.raises(MeterRejected) as info:
        P.credit(bus, C3, KEY, 5000, 13, FRESH)
    assert info.value.result == result and words in str(info.value)


def test_exception_answer_stays_a_modbus_exception():
    bus = device()
    bus.replies = [MeterException(MODBUS_EXCEPTION, 1, 9)]
    with pytest.raises(MeterException):
        P.credit(bus, C3, KEY, 5000, 13, FRESH)


def test_answer_for_another_circuit_is_damage():
    from app.errors import BadFrame

    bus = device()
    bus.replies = [bytes((1, 4, 0))]
    with pytest.raises(BadFrame):
        P.credit(bus, C3, KEY, 5000, 13, FRESH)


def test_f20_answer_length_rule():
    assert f20_answer_length(b"\x09") is None
    assert (
        f20_answer_length(with_crc(bytes((9, 0x20, 1, 3, 0)))[:2]) == 7
    )  # 1 + 1 + 3 + CRC (docs/profiles.md)
    assert f20_answer_length(with_crc(bytes((9, 0xA0, 1)))[:2]) == 5


def relay_device(takes: bool, word_after: int, word: int = 0x2000) -> FakeBus:
    bus = device(word)

    def on_transact(bus, function, payload):
        assert function == 0x20 and payload[0] == 0x05
        if takes:
            bus.regs[STATUS_C3 + 36] = word_after
        return payload[:2] + b"\x00"

    bus.on_transact = on_transact
    return bus


def test_trip_frame_and_status_read_back():
    bus = relay_device(True, 0x0000)
    after = P.relay(bus, C3, KEY, RelayCommand.TRIP, FRESH)
    assert bus.frames() == [f20_frame(0x05, 3, bytes((1, 1, 0, 0, 0, 0, 0, 0)))]
    assert after.relay_open and bus.requests[-1] == ("read", 9, 0x1060, 48)


def test_close_frame():
    bus = relay_device(True, 0x2000, word=0x0000)
    after = P.relay(bus, C3, KEY, RelayCommand.CLOSE, FRESH)
    assert bus.frames() == [f20_frame(0x05, 3, bytes(8))]
    assert not after.relay_open


def test_relay_that_does_not_take_is_not_confirmed():
    bus = relay_device(False, 0x0000)
    with pytest.raises(MeterOffline, match="not confirmed"):
        P.relay(bus, C3, KEY, RelayCommand.TRIP, FRESH)


def test_keep_power_is_not_offered():
    bus = device()
    with pytest.raises(CannotDo):
        P.relay(bus, C3, KEY, RelayCommand.KEEP_POWER_ON, FRESH)
    assert bus.requests == []


def settings_device(lands: bool = True) -> FakeBus:
    bus = device()

    def on_transact(bus, function, payload):
        sub, circuit = payload[0], payload[1]
        clear = tea_decipher(payload[3:])
        if lands and sub == 0x02:
            a1, a2 = struct.unpack(">II", clear)
            bus.put(PARAMS_C3, [a1 >> 16, a1 & 0xFFFF, a2 >> 16, a2 & 0xFFFF])
        if lands and sub == 0x04:
            bus.regs[PARAMS_C3 + 27] = struct.unpack(">I", clear[:4])[0]
        return bytes((sub, circuit, 0))

    bus.on_transact = on_transact
    return bus


def tea_decipher(data: bytes) -> bytes:
    """Inverse of fakes.tea for one block, written here (not the code under test)."""
    k = [int.from_bytes(KEY[i : i + 4], "big") for i in range(0, 16, 4)]
    y, z = divmod(int.from_bytes(data, "big"), 1 << 32)
    total = (0x9E3779B9 * 16) % (1 << 32)
    for _ in range(16):
        z = (z - (((y * 16) + k[2]) ^ (y + total) ^ ((y // 32) + k[3]))) % (1 << 32)
        y = (y - (((z * 16) + k[0]) ^ (z + total) ^ ((z // 32) + k[1]))) % (1 << 32)
        total = (total - 0x9E3779B9) % (1 << 32)
    return (y * (1 << 32) + z).to_bytes(8, "big")


def test_write_params_sends_sub_02_and_04_and_reads_back():
    bus = settings_device()
    wanted = MeterParams(prices=(1, 2, 3, 4), alarm1=3000, alarm2=800, overload_w=4400)
    got = P.write_params(bus, C3, KEY, wanted, FRESH)
    assert bus.frames() == [
        f20_frame(0x02, 3, struct.pack(">II", 3000, 800)),
        f20_frame(0x04, 3, struct.pack(">I", 4400) + bytes(4)),
    ]
    # Prices are not downloaded (no TARIFF): the read-back keeps the meter's.
    assert got == MeterParams(
        prices=(15000, 12000, 8500, 4000), alarm1=3000, alarm2=800, overload_w=4400
    )


def test_write_params_not_taken_is_not_confirmed():
    bus = settings_device(lands=False)
    with pytest.raises(MeterOffline, match="did not confirm"):
        P.write_params(bus, C3, KEY, MeterParams(alarm1=3000, alarm2=800), FRESH)


def test_overload_above_16_bits_refused_before_traffic():
    bus = settings_device()
    with pytest.raises(ValueError):
        P.write_params(bus, C3, KEY, MeterParams(overload_w=70000), FRESH)
    assert bus.requests == []


def test_capabilities():
    assert P.can(Capability.CIRCUITS) and P.can(Capability.OVERLOAD) and P.max_circuits == 36
    assert not P.can(Capability.TARIFF) and not P.can(Capability.KEEP_POWER)
