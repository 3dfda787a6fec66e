"""The DDSY1352 personality against registers and frames written by hand from PROFILES.md.

Frames are built here with struct and the CRC alone (never with the program's
profiles); the expected registers are the documented offsets filled in by hand.
"""

from __future__ import annotations

import struct

import pytest

from app.serial_io.meter_data import MeterParams
from app.serial_io.simulator import LoadProfile, SimBus
from app.serial_io.simulator.personalities import ddsy1352
from app.serial_io.simulator.personalities.tea import decipher, encipher
from app.serial_io.simulator.rtu import crc16
from app.serial_io.site_keys import SiteKeys
from tests.sim_helpers import START

MASTER = bytes(range(32))
ACREL = bytes.fromhex("00112233445566778899aabbccddeeff")
WRONG = bytes.fromhex("ffeeddccbbaa99887766554433221100")
PARAMS = MeterParams(prices=(13000, 11000, 8000, 4000), alarm1=2000, alarm2=500, overload_w=0)


def crc(body: bytes) -> bytes:
    return body + struct.pack("<H", crc16(body))


def read_frame(address: int, start: int, count: int) -> bytes:
    return crc(struct.pack(">BBHH", address, 0x03, start, count))


def registers(answer: bytes) -> list[int]:
    assert answer[1] == 0x03 and answer[-2:] == struct.pack("<H", crc16(answer[:-2]))
    return list(struct.unpack(f">{answer[2] // 2}H", answer[3:-2]))


def relay_frame(address: int, force: int, trip: int) -> bytes:
    return crc(struct.pack(">BBHHBHH", address, 0x10, 0x0057, 2, 4, force, trip))


def prepaid_frame(address: int, regs: list[int], key: bytes | None = ACREL) -> bytes:
    data = struct.pack(">28H", *regs)
    if key is not None:
        data = encipher(key, data)
    return crc(struct.pack(">BBHHB", address, 0xAA, 0x0046, 28, 56) + data)


def make_bus(balance=12_345, count=3, power_w=0, phases=1, keys=None, encrypted=True) -> SimBus:
    meter = ddsy1352.make_meter(
        7, "123456789012", phases=phases, load=LoadProfile("constant", base_w=power_w),
        params=PARAMS, balance=balance, purchase_count=count, total_purchased=50_000,
        encrypted=encrypted, utc_offset=0, ct_ratio=5,
    )  # fmt: skip
    keys = SiteKeys(MASTER, {"acrel": ACREL}) if keys is None else keys
    return SimBus([meter], keys, speed=0, start_time=START)


def read(bus, start, count, address=7):
    return registers(bus.handle(read_frame(address, start, count)))


def test_status_block_at_0x0200_holds_the_documented_fields():
    bus = make_bus(balance=12_345, count=3)
    regs = read(bus, 0x0200, 48)
    assert len(regs) == 48
    assert regs[0x00] == 7  # model DDSY1352
    assert regs[0x13] == 1 and regs[0x14] == 5  # PT, CT
    assert regs[0x15:0x17] == [0, 0]  # total energy, u32
    assert regs[0x1F:0x21] == [0, 12_345]  # remaining money u32 fen
    assert regs[0x21] == 3  # purchase count
    # status word: relay L1 closed (high byte bit 5); balance above both alarms
    assert regs[0x24] == 0x2000


def test_money_above_16_bits_is_high_word_first_and_arrears_shows_zero():
    bus = make_bus(balance=0x12345)
    assert read(bus, 0x021F, 2) == [0x0001, 0x2345]
    bus.meter(7).balance = -250
    regs = read(bus, 0x0200, 48)
    assert regs[0x1F:0x21] == [0, 0]
    # relay open on arrears: no relay bit; low byte arrears 5, alarm 1 bit 6, alarm 2 bit 7
    assert regs[0x24] == 0x0020 | 0x0040 | 0x0080


def test_three_phase_meter_shows_model_5_and_three_relay_bits():
    bus = make_bus(phases=3, power_w=3000)
    regs = read(bus, 0x0200, 48)
    assert regs[0] == 5
    assert regs[0x24] == 0x2000 | 0x4000 | 0x8000
    assert regs[0x0A] == 3000  # total active power, 0.001 kW = W
    assert sum(regs[0x07:0x0A]) == 3000


def test_energy_block_run_mode_and_meter_number():
    bus = make_bus(power_w=3600)
    bus.clock.advance(3600)  # 3.6 kWh at a flat rate
    assert read(bus, 0x0000, 2) == [0, 360]
    assert read(bus, 0x0215, 2) == [0, 360]
    mode = read(bus, 0x0022, 1)[0]
    assert mode & 0x20 and mode & 0x40 and not mode & 0x80  # encrypted, prepaid, 3P3W off
    assert not mode & 0x01  # one rate all day: not multi-rate
    assert read(bus, 0x0043, 3) == [0x1234, 0x5678, 0x9012]


def test_prepaid_block_at_0x0046_holds_the_documented_fields():
    bus = make_bus(balance=70_000, count=9)
    regs = read(bus, 0x0046, 28)
    assert regs[0:2] == [0, 2000] and regs[2:4] == [0, 500]
    assert regs[8] == 9
    assert regs[9:11] == [1, 70_000 - 65_536]
    assert regs[15] == 0x0100  # prepaid on, high byte
    assert regs[17:19] == [0, 0]
    assert regs[19:27] == [0, 13000, 0, 11000, 0, 8000, 0, 4000]
    assert regs[27] == 0


@pytest.mark.parametrize("start,count", [(0x0100, 1), (0x0230, 1), (0x0060, 3), (0x0300, 10)])
def test_unknown_registers_answer_exception_2(start, count):
    bus = make_bus()
    assert bus.handle(read_frame(7, start, count)) == crc(bytes([7, 0x83, 0x02]))


def test_relay_pair_trips_keeps_power_and_releases():
    bus = make_bus()
    answer = bus.handle(relay_frame(7, 1, 1))
    assert answer == crc(struct.pack(">BBHH", 7, 0x10, 0x0057, 2))
    assert read(bus, 0x0224, 1)[0] & 0x2000 == 0  # L1 open
    assert read(bus, 0x0057, 2) == [1, 1]
    assert bus.meter(7).forced_trip
    bus.handle(relay_frame(7, 1, 0))
    assert read(bus, 0x0057, 2) == [1, 0] and read(bus, 0x0224, 1)[0] & 0x2000
    bus.handle(relay_frame(7, 0, 0))
    assert read(bus, 0x0057, 2) == [0, 0]
    assert not bus.meter(7).keep_power and not bus.meter(7).forced_trip


def test_fc16_elsewhere_is_exception_2_and_a_meaningless_pair_exception_3():
    bus = make_bus()
    other = crc(struct.pack(">BBHHBHH", 7, 0x10, 0x0300, 2, 4, 1, 1))
    assert bus.handle(other) == crc(bytes([7, 0x90, 0x02]))
    assert bus.handle(relay_frame(7, 0, 1)) == crc(bytes([7, 0x90, 0x03]))
    assert not bus.meter(7).forced_trip


def credit_block(bus, add: int) -> list[int]:
    regs = read(bus, 0x0046, 28)
    money = (regs[9] << 16 | regs[10]) + add
    regs[8] += 1
    regs[9:11] = [money >> 16, money & 0xFFFF]
    return regs


def test_credit_with_count_plus_one_is_accepted_and_sets_the_balance():
    bus = make_bus(balance=12_345, count=3)
    answer = bus.handle(prepaid_frame(7, credit_block(bus, 10_000)))
    assert answer == crc(struct.pack(">BBHH", 7, 0xAA, 0x0046, 28))
    m = bus.meter(7)
    assert (m.balance, m.purchase_count, m.total_purchased) == (22_345, 4, 60_000)
    assert read(bus, 0x021F, 3) == [0, 22_345, 4]


def test_credit_of_a_meter_in_arrears_sets_the_absolute_money():
    bus = make_bus(balance=-300, count=3)
    assert bus.meter(7).relay_open
    bus.handle(prepaid_frame(7, credit_block(bus, 5000)))  # read 0 + 5000
    assert bus.meter(7).balance == 5000 and not bus.meter(7).relay_open


def test_stale_count_is_refused_with_code_1_and_nothing_changes():
    bus = make_bus(balance=12_345, count=3)
    regs = credit_block(bus, 10_000)
    regs[8] = 3 + 2  # count skips one
    assert bus.handle(prepaid_frame(7, regs)) == crc(bytes([7, 0xAA, 0x01]))
    regs[8] = 3 - 1 & 0xFFFF
    assert bus.handle(prepaid_frame(7, regs)) == crc(bytes([7, 0xAA, 0x01]))
    m = bus.meter(7)
    assert (m.balance, m.purchase_count, m.total_purchased) == (12_345, 3, 50_000)


def test_a_replayed_credit_frame_moves_no_money():
    """The latest credit replayed carries the stored count: a parameter write, money kept."""
    bus = make_bus(balance=12_345, count=3, power_w=1000)
    frame = prepaid_frame(7, credit_block(bus, 10_000))
    assert len(bus.handle(frame)) == 8
    bus.clock.advance(600)  # energy is used
    balance = read(bus, 0x021F, 2)[1]  # and the poller reads the meter
    assert balance < 22_345
    assert len(bus.handle(frame)) == 8  # taken as a parameter write of the same values
    assert bus.meter(7).balance == balance and bus.meter(7).purchase_count == 4


def test_an_older_credit_frame_is_refused_with_code_1():
    bus = make_bus(balance=12_345, count=3)
    first = prepaid_frame(7, credit_block(bus, 10_000))
    bus.handle(first)
    bus.handle(prepaid_frame(7, credit_block(bus, 500)))  # count 5 now
    assert bus.handle(first) == crc(bytes([7, 0xAA, 0x01]))  # carries count 4: stale
    m = bus.meter(7)
    assert (m.balance, m.purchase_count) == (22_845, 5)


def test_parameter_write_with_unchanged_count_and_money_changes_alarms_and_prices():
    bus = make_bus(balance=12_345, count=3)
    regs = read(bus, 0x0046, 28)
    regs[0:4] = [0, 3000, 0, 1000]
    regs[25:27] = [0, 3500]  # valley price
    regs[27] = 4000  # power limit W
    assert len(bus.handle(prepaid_frame(7, regs))) == 8
    p = bus.meter(7).params
    assert (p.alarm1, p.alarm2, p.prices[3], p.overload_w) == (3000, 1000, 3500, 4000)
    assert bus.meter(7).balance == 12_345 and bus.meter(7).purchase_count == 3


def test_a_parameter_write_never_moves_money():
    bus = make_bus(balance=12_345, count=3)
    regs = read(bus, 0x0046, 28)
    regs[9:11] = [0, 60_000]  # more money, count unchanged: the meter keeps its own
    assert len(bus.handle(prepaid_frame(7, regs))) == 8
    assert bus.meter(7).balance == 12_345 and bus.meter(7).purchase_count == 3


def test_wrong_key_is_refused_with_code_2():
    bus = make_bus(balance=12_345, count=3)
    answer = bus.handle(prepaid_frame(7, credit_block(bus, 10_000), key=WRONG))
    assert answer == crc(bytes([7, 0xAA, 0x02]))
    assert bus.meter(7).balance == 12_345 and bus.meter(7).purchase_count == 3


def test_a_bus_without_the_acrel_key_refuses_writes_with_code_2():
    bus = make_bus(keys=MASTER)  # bytes: the master key only
    assert bus.handle(prepaid_frame(7, credit_block(bus, 100))) == crc(bytes([7, 0xAA, 0x02]))


def test_encryption_off_takes_the_block_in_clear():
    bus = make_bus(encrypted=False, count=3, balance=100)
    assert read(bus, 0x0022, 1)[0] & 0x20 == 0
    assert len(bus.handle(prepaid_frame(7, credit_block(bus, 900), key=None))) == 8
    assert bus.meter(7).balance == 1000


def test_a_write_that_is_not_the_prepaid_block_is_refused_with_code_3():
    bus = make_bus()
    body = struct.pack(">BBHHB", 7, 0xAA, 0x0040, 28, 56) + bytes(56)
    assert bus.handle(crc(body)) == crc(bytes([7, 0xAA, 0x03]))


def test_an_accepted_credit_is_on_disk_before_the_answer(tmp_path):
    path = tmp_path / "sim.json"
    meter = ddsy1352.make_meter(7, "123456789012", balance=100, purchase_count=1, utc_offset=0)
    bus = SimBus([meter], SiteKeys(MASTER, {"acrel": ACREL}), speed=0, start_time=START,
                 state_file=path)  # fmt: skip
    bus.handle(prepaid_frame(7, credit_block(bus, 900)))
    import json

    saved = json.loads(path.read_text())["meters"]["7"]
    assert saved["balance"] == 1000 and saved["purchase_count"] == 2


def test_the_cipher_is_tea_with_16_rounds():
    """Published 32-round TEA vectors (Bouncy Castle's TEATest) check the round function."""
    assert encipher(bytes(16), bytes(8), rounds=32).hex() == "41ea3a0a94baa940"
    key = bytes.fromhex("0123456712345678234567893456789A")
    plain = bytes.fromhex("0102030405060708")
    assert encipher(key, plain, rounds=32).hex() == "773dc179878a81c0"
    assert encipher(key, plain) != encipher(key, plain, rounds=32)
    assert decipher(key, encipher(key, plain)) == plain
    assert encipher(key, b"abc") == encipher(key, b"abc" + bytes(5))  # zero padding
    # ECB: equal blocks encipher equally, each on its own
    two = encipher(key, plain + plain)
    assert two[:8] == two[8:] == encipher(key, plain)


def test_the_personality_line_is_8n1():
    assert make_bus().parity == "N"
