"""The DDSY1352 family's profile against registers and frames written by hand from
PROFILES.md and docs/profiles.md (never produced by the codec under test)."""

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
from app.serial_io.meter_data import MeterParams, MeterStatus
from app.serial_io.profiles import get_profile
from app.serial_io.profiles.acrel_frames import aa_answer_length
from app.serial_io.profiles.base import Capability
from app.serial_io.site_keys import SiteKeys
from tests.serial_io.profiles.fakes import FakeBus, regs_bytes, tea, with_crc

P = get_profile("acrel-ddsy1352")
KEY = bytes.fromhex("00112233445566778899AABBCCDDEEFF")
FRESH = MeterStatus()
L1_CLOSED = 0x2000


def status_registers(word: int = L1_CLOSED) -> list[int]:
    """48 registers at 0x0200 with chosen values at the documented offsets."""
    regs = [0] * 48
    regs[0] = 7  # DDSY1352
    regs[1:4] = [2205, 2210, 2190]  # 0.1 V
    regs[4:7] = [1234, 5, 0]  # 0.01 A
    regs[7:11] = [2200, 0, 0, 2200]  # A, B, C, total: 0.001 kW
    regs[15:19] = [950, 0, 0, 0xFC4A]  # power factor A .. total (-0.950)
    regs[19], regs[20] = 1, 40  # PT, CT
    regs[21:23] = [0x0001, 0xE240]  # total energy 1234.56 kWh
    regs[23:25] = [0, 1000]  # sharp
    regs[25:27] = [0, 2000]  # peak
    regs[27:29] = [0, 3000]  # flat
    regs[29:31] = [0, 4000]  # valley
    regs[31:33] = [0x0001, 0x86A0]  # money 1000.00 yuan = 100000 fen
    regs[33] = 12  # purchase count
    regs[34], regs[35] = 3, 99  # trip count, allowed count
    regs[36] = word
    return regs


def params_registers() -> list[int]:
    """28 registers at 0x0046."""
    regs = [0] * 28
    regs[0:2] = [0, 2000]  # alarm 1: 20.00 yuan
    regs[2:4] = [0, 500]  # alarm 2
    regs[4:6] = [0, 5000]  # overdraft allowance (kept as read)
    regs[6:8] = [0xABCD, 0x1234]  # reserved (kept as read)
    regs[8] = 12  # purchase count
    regs[9:11] = [0x0001, 0x86A0]  # money 100000 fen
    regs[11:15] = [1, 2, 3, 4]  # reserved
    regs[15] = 0x0100  # prepaid-control state in the high byte
    regs[16] = 0x5555
    regs[17:19] = [0, 0]  # relay pair
    regs[19:27] = [0, 15000, 0, 12000, 0, 8500, 0, 4000]  # prices, 0.0001 yuan/kWh
    regs[27] = 6000  # power limit W
    return regs


def meter(word: int = L1_CLOSED, encrypted: bool = False) -> FakeBus:
    bus = FakeBus()
    bus.put(0x0200, status_registers(word))
    bus.put(0x0046, params_registers())
    bus.put(0x0043, [0x2024, 0x0001, 0x2345])
    bus.regs[0x0022] = 0x0060 if encrypted else 0x0040  # bit 6 prepaid, bit 5 encryption
    return bus


def aa_frame(registers: list[int], key: bytes | None = None, address: int = 1) -> bytes:
    data = regs_bytes(registers)
    if key:
        data = tea(key, data)
    return with_crc(struct.pack(">BBHHB", address, 0xAA, 0x0046, 28, 56) + data)


ECHO = struct.pack(">HH", 0x0046, 28)


def test_decode_status_known_registers():
    bus = meter()
    s = P.read_status(bus, 1)
    assert bus.requests == [("read", 1, 0x0200, 48)]  # one read
    assert (s.voltage_a, s.voltage_b, s.voltage_c) == (2205, 2210, 2190)
    assert (s.current_a, s.current_b, s.power, s.power_factor) == (1234, 5, 2200, -950)
    assert s.energy_total == 123456
    assert (s.energy_sharp, s.energy_peak, s.energy_flat, s.energy_valley) == (
        1000,
        2000,
        3000,
        4000,
    )
    assert s.balance == 100000 and s.purchase_count == 12
    assert s.prepaid_mode and not s.relay_open
    assert not (s.arrears or s.overload_trip or s.alarm1 or s.alarm2 or s.forced_trip)
    # Not in the block: zero.
    assert s.frequency == s.price == s.clock == s.command_counter == s.total_purchased == 0


def test_negative_power():
    bus = meter()
    bus.regs[0x020A] = 0xFF9C
    assert P.read_status(bus, 1).power == -100


@pytest.mark.parametrize(
    "word,flags",
    [
        (0x2000, set()),
        (0xE000, set()),  # L1, L2, L3 closed
        (0x0000, {"relay_open", "forced_trip"}),  # open, nothing explains it
        (0x4000, {"relay_open", "forced_trip"}),  # only L2 closed: L1 counts
        (0x0020, {"relay_open", "arrears"}),
        (0x0010, {"relay_open", "overload_trip"}),
        (0x2020, {"arrears", "keep_power"}),  # closed while in arrears
        (0x2000 | 0x0040, {"alarm1"}),
        (0x2000 | 0x00C0, {"alarm1", "alarm2"}),
        (0x2100, set()),  # fault bit: no field of its own
    ],
)
def test_status_word_bits(word, flags):
    s = P.read_status(meter(word), 1)
    names = ("relay_open", "forced_trip", "arrears", "overload_trip", "keep_power")
    names += ("alarm1", "alarm2", "cover_open", "key_installed")
    assert {n for n in names if getattr(s, n)} == flags


def test_identity():
    bus = meter()
    ident = P.read_identity(bus, 1)
    assert ident.serial == "202400012345" and ident.model == 7 and ident.phases == 1
    assert ident.ct_ratio == 40 and ident.pt_ratio == 1
    bus.regs[0x0200] = 5
    assert P.read_identity(bus, 1).phases == 3


def test_params():
    bus = meter()
    params = P.read_params(bus, 1)
    assert bus.requests == [("read", 1, 0x0046, 28)]
    assert params == MeterParams(
        prices=(15000, 12000, 8500, 4000), alarm1=2000, alarm2=500, overload_w=6000
    )


@pytest.mark.parametrize("model,found", [(7, 7), (5, 5), (10, 10), (40, None), (1, None)])
def test_probe_by_model_code(model, found):
    assert P.probe(FakeBus({0x0200: model}), 1) == found


def test_probe_exception_is_not_this_family():
    assert P.probe(FakeBus(missing={0x0200}), 1) is None


def test_credit_frame_plain():
    bus = meter()
    bus.replies = [ECHO]
    P.credit(bus, 1, None, 5000, 13, FRESH)
    expected = params_registers()
    expected[8] = 13
    expected[9:11] = [0x0001, 0x9A28]  # 105000 fen
    (frame,) = bus.frames()
    assert len(frame) == 65 and frame == aa_frame(expected)


def test_credit_frame_enciphered_when_run_mode_says_so():
    bus = meter(encrypted=True)
    bus.replies = [ECHO]
    keys = P.meter_keys(SiteKeys(bytes(32), {"acrel": KEY}), "202400012345")
    assert keys == KEY
    P.credit(bus, 7, keys, 5000, 13, FRESH)
    expected = params_registers()
    expected[8] = 13
    expected[9:11] = [0x0001, 0x9A28]
    assert bus.frames() == [aa_frame(expected, KEY, address=7)]


def test_refund_frame():
    bus = meter()
    bus.replies = [ECHO]
    P.refund(bus, 1, None, 100000, 13, FRESH)  # all of it
    expected = params_registers()
    expected[8] = 13
    expected[9:11] = [0, 0]
    assert bus.frames() == [aa_frame(expected)]


def test_refund_above_the_money_read_is_refused_before_sending():
    bus = meter()
    with pytest.raises(InsufficientBalance):
        P.refund(bus, 1, None, 100001, 13, FRESH)
    assert "transact" not in bus.kinds()


@pytest.mark.parametrize("amount", [0, -5, 1 << 32])
def test_bad_amounts_refused_before_any_traffic(amount):
    bus = meter()
    with pytest.raises(ValueError):
        P.credit(bus, 1, None, amount, 13, FRESH)
    assert bus.requests == []


def test_missing_site_key_names_the_file_and_sends_nothing():
    bus = meter(encrypted=True)
    with pytest.raises(ConfigError, match=r"acrel\.key"):
        P.credit(bus, 1, P.meter_keys(SiteKeys(bytes(32)), "x"), 5000, 13, FRESH)
    assert "transact" not in bus.kinds()


@pytest.mark.parametrize("code,words", [(1, "purchase count"), (2, "decipher"), (3, "block")])
def test_refusal_becomes_meter_rejected_with_acrel_texts(code, words):
    bus = meter()
    bus.replies = [MeterException(MODBUS_EXCEPTION, code, 1)]
    with pytest.raises(MeterRejected) as info:
        P.credit(bus, 1, None, 5000, 13, FRESH)
    assert info.value.result == code and words in str(info.value)
    assert info.value.template == P.result_template(code)[0]


def test_unknown_refusal_code_is_named():
    bus = meter()
    bus.replies = [MeterException(MODBUS_EXCEPTION, 9, 1)]
    with pytest.raises(MeterRejected, match="9"):
        P.credit(bus, 1, None, 5000, 13, FRESH)


def test_answer_that_does_not_echo_is_damage():
    from app.errors import BadFrame

    bus = meter()
    bus.replies = [struct.pack(">HH", 0x0046, 27)]
    with pytest.raises(BadFrame):
        P.credit(bus, 1, None, 5000, 13, FRESH)


def test_aa_answer_length_rule():
    for address in range(1, 248):
        answer = with_crc(struct.pack(">BBHH", address, 0xAA, 0x0046, 28))
        assert aa_answer_length(answer[:4]) is None
        assert aa_answer_length(answer[:5]) == 8
        refusal = with_crc(bytes((address, 0xAA, 1)))
        assert aa_answer_length(refusal) == 5


def relay_meter(takes: bool = True, word_after=None, word=L1_CLOSED) -> FakeBus:
    bus = meter(word)

    def on_write(bus, start, values):
        assert start == 0x0057
        if takes:
            bus.put(0x0057, values)
            bus.regs[0x0224] = word_after

    bus.on_write = on_write
    return bus


def test_trip_writes_the_pair_and_returns_the_status_read_back():
    bus = relay_meter(word_after=0x0000)
    after = P.relay(bus, 1, None, RelayCommand.TRIP, FRESH)
    assert bus.requests[0] == ("write", 1, 0x0057, [1, 1])
    assert after.relay_open and after.forced_trip


@pytest.mark.parametrize(
    "command,pair",
    [
        (RelayCommand.CLOSE, [0, 0]),
        (RelayCommand.KEEP_POWER_ON, [1, 0]),
        (RelayCommand.KEEP_POWER_OFF, [0, 0]),
    ],
)
def test_close_like_commands(command, pair):
    bus = relay_meter(word_after=L1_CLOSED, word=0x0000)
    after = P.relay(bus, 1, None, command, FRESH)
    assert bus.requests[0] == ("write", 1, 0x0057, pair) and not after.relay_open


def test_relay_that_does_not_take_is_not_confirmed():
    bus = relay_meter(takes=False)
    with pytest.raises(MeterOffline, match="not confirmed"):
        P.relay(bus, 1, None, RelayCommand.TRIP, FRESH)


def test_close_in_arrears_is_confirmed_by_the_pair_read_back():
    bus = relay_meter(word_after=0x0020, word=0x0000)  # stays open: arrears
    bus.put(0x0057, [1, 1])
    after = P.relay(bus, 1, None, RelayCommand.CLOSE, FRESH)
    assert after.relay_open and after.arrears
    assert bus.requests[-1] == ("read", 1, 0x0046, 28)


def test_close_in_arrears_that_did_not_land_is_not_confirmed():
    bus = relay_meter(takes=False, word=0x0020)
    bus.put(0x0057, [1, 1])  # still forced open
    with pytest.raises(MeterOffline, match="not confirmed"):
        P.relay(bus, 1, None, RelayCommand.CLOSE, FRESH)


def test_keep_power_on_must_close_even_in_arrears():
    bus = relay_meter(takes=False, word=0x0020)  # still open in arrears
    with pytest.raises(MeterOffline, match="not confirmed"):
        P.relay(bus, 1, None, RelayCommand.KEEP_POWER_ON, FRESH)


def test_prepaid_mode_commands_refused_before_traffic():
    bus = meter()
    with pytest.raises(CannotDo):
        P.relay(bus, 1, None, RelayCommand.PREPAID_OFF, FRESH)
    assert bus.requests == []


def applying_meter() -> FakeBus:
    """A meter whose 0xAA write lands (plain) as long as ``lands`` is True."""
    bus = meter()
    bus.lands = True

    def on_transact(bus, function, payload):
        assert function == 0xAA
        if bus.lands:
            bus.put(0x0046, list(struct.unpack(">28H", payload[5:])))
        return payload[:4]

    bus.on_transact = on_transact
    return bus


def test_write_params_sends_alarms_and_prices_count_and_money_as_read():
    bus = applying_meter()
    wanted = MeterParams(
        prices=(16000, 13000, 9000, 5000),
        segments=((0, 2), (480, 1)),  # not in this block: not downloaded
        alarm1=3000,
        alarm2=800,
        overload_w=9999,  # no OVERLOAD capability: the power limit stays
    )
    got = P.write_params(bus, 1, None, wanted, FRESH)
    expected = params_registers()
    expected[0:4] = [0, 3000, 0, 800]
    expected[19:27] = [0, 16000, 0, 13000, 0, 9000, 0, 5000]
    assert bus.frames() == [aa_frame(expected)]
    assert got == MeterParams(
        prices=(16000, 13000, 9000, 5000), alarm1=3000, alarm2=800, overload_w=6000
    )


def test_write_params_not_taken_is_not_confirmed():
    bus = applying_meter()
    bus.lands = False
    with pytest.raises(MeterOffline, match="did not confirm"):
        P.write_params(bus, 1, None, MeterParams(alarm1=3000, alarm2=800), FRESH)


def test_capabilities_and_line():
    assert P.can(Capability.MONEY) and P.can(Capability.REFUND) and P.can(Capability.KEEP_POWER)
    assert not P.can(Capability.OVERLOAD) and not P.can(Capability.CIRCUITS)
    assert (P.line.baud, P.line.parity, P.line.stopbits) == (9600, "N", 1)
    assert P.prepaid and P.model_codes == {7, 5, 10}
