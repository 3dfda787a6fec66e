"""The default profile's register map: known registers in, typed values out, and back."""

import pytest

from app.errors import ConfigError, MeterException, MeterRejected
from app.serial_io.commands import Command, Result
from app.serial_io.events import MeterRef
from app.serial_io.meter_data import MeterIdentity, MeterParams, MeterStatus
from app.serial_io.profiles import COMMAND_ADDRESS, DEFAULT, get_profile
from app.serial_io.registers import Block, Field, decode_block, encode_block
from app.serial_io.security import decode_frame, derive_meter_keys, registers_to_frame


def status_registers() -> list[int]:
    regs = [0] * 40
    regs[0:2] = [0x0001, 0xE240]  # 123456 -> 1234.56 kWh
    regs[6:8] = [0x0000, 0x3039]  # flat 12345
    regs[10:12] = [0xFFFF, 0xFE0C]  # balance -500 fen
    regs[12] = 65535  # purchase count at the wrap
    regs[13:15] = [0x0098, 0x9680]  # 10,000,000 fen purchased
    regs[15] = 7
    regs[16] = 0b1001000101  # relay open, keep power, arrears, key installed
    regs[17:20] = [2301, 0, 0]
    regs[20] = 1234
    regs[23:25] = [0xFFFF, 0xFF9C]  # -100 W (export)
    regs[25] = 0xFC4A  # pf -0.950
    regs[26] = 5000
    regs[27] = 3
    regs[28:30] = [0x0000, 0x2134]  # 8500
    regs[30:32] = [0x6553, 0xF100]
    regs[32] = 2
    regs[33] = 65535  # account epoch at the wrap
    return regs


def test_decode_status_known_registers():
    s = DEFAULT.decode_status(status_registers())
    assert s.energy_total == 123456 and s.energy_flat == 12345
    assert s.balance == -500 and s.purchase_count == 65535 and s.total_purchased == 10_000_000
    assert s.command_counter == 7
    assert s.relay_open and s.keep_power and s.arrears and s.key_installed
    assert not (s.prepaid_mode or s.forced_trip or s.alarm1 or s.alarm2 or s.overload_trip)
    assert s.voltage_a == 2301 and s.current_a == 1234 and s.power == -100
    assert s.power_factor == -950 and s.frequency == 5000 and s.rate == 3 and s.price == 8500
    assert s.clock == 0x6553F100 and s.last_result == 2
    assert s.account_epoch == 65535


def test_status_round_trip():
    regs = status_registers()
    assert DEFAULT.encode_status(DEFAULT.decode_status(regs)) == regs


def test_wrong_register_count_refused():
    with pytest.raises(ValueError):
        DEFAULT.decode_status([0] * 39)


def test_identity_and_params_round_trip():
    ident = MeterIdentity("PEM000000057", model=3, phases=3, firmware=102, ct_ratio=40, pt_ratio=1)
    assert DEFAULT.decode_identity(DEFAULT.encode_identity(ident)) == ident
    params = MeterParams(
        prices=(15000, 12000, 8500, 4000),
        segments=((0, 3), (480, 1), (1200, 0)),
        ladder=((20000, 500), (50000, 1500)),
        alarm1=3000,
        alarm2=800,
        overload_w=9000,
    )
    regs = DEFAULT.encode_params(params)
    assert regs[0:2] == [0, 15000] and regs[8:10] == [0, 3] and regs[24:26] == [0, 20000]
    assert regs[18:20] == [0xFFFF, 0]  # unused segment marker
    assert DEFAULT.decode_params(regs) == params
    assert DEFAULT.payload_params(DEFAULT.params_payload(params)) == params


@pytest.mark.parametrize(
    "bad",
    [
        dict(segments=((60, 1),)),  # must start at 0
        dict(segments=((0, 1), (0, 2))),
        dict(segments=((0, 4),)),
        dict(ladder=((500, 1), (100, 2))),
        dict(alarm1=100, alarm2=200),
        dict(prices=(1, 2, 3)),
    ],
)
def test_params_validation(bad):
    with pytest.raises(ValueError):
        MeterParams(**bad)


def test_rate_and_ladder_lookup():
    p = MeterParams(segments=((0, 3), (480, 1), (1200, 0)), ladder=((100, 5), (200, 9)))
    assert [p.rate_at(m) for m in (0, 479, 480, 1199, 1200, 1439)] == [3, 3, 1, 1, 0, 0]
    assert [p.ladder_adder(e) for e in (0, 99, 100, 199, 200, 10**6)] == [0, 0, 5, 5, 9, 9]


def test_block_codec_ranges_and_ascii():
    block = Block(0, 4, (Field("a", 0, "s16"), Field("b", 1, "ascii5")))
    assert decode_block(block, encode_block(block, {"a": -2, "b": "AB"})) == {"a": -2, "b": "AB"}
    with pytest.raises(ValueError):
        encode_block(block, {"a": 40000})
    with pytest.raises(ValueError):
        Block(0, 2, (Field("x", 1, "u32"),))


class RecordingBus:
    def __init__(self, status: MeterStatus, reject: bool = False):
        self.status = status
        self.reject = reject
        self.writes = []

    def read_registers(self, address, start, count):
        assert start == 0 and count == 40
        return DEFAULT.encode_status(self.status)

    def write_registers(self, address, start, values):
        self.writes.append((address, start, list(values)))
        if self.reject:
            raise MeterException("exception 4", 4, address)


def test_credit_writes_one_protected_frame_to_the_command_block():
    keys = derive_meter_keys(bytes(32), "PEM000000001")
    fresh = MeterStatus(account_epoch=7, clock=1_767_225_600)
    bus = RecordingBus(fresh)
    DEFAULT.credit(bus, MeterRef(0, 5, "PEM000000001"), keys, 5000, 1, fresh)
    ((address, start, regs),) = bus.writes
    assert address == 5 and start == COMMAND_ADDRESS and len(regs) <= 64
    cmd = decode_frame(keys, registers_to_frame(regs), "PEM000000001")
    assert cmd.code == Command.RECHARGE and cmd.counter == 1
    assert int.from_bytes(cmd.payload, "big") == 5000
    # the frame carries the meter's epoch and is stamped with the meter's clock
    assert (cmd.epoch, cmd.timestamp) == (7, 1_767_225_600)


def test_open_account_carries_the_next_epoch_and_other_commands_the_current():
    keys = derive_meter_keys(bytes(32), "PEM000000001")
    for epoch, wanted in ((0, 1), (41, 42), (65535, 0)):  # wraps like the counters
        fresh = MeterStatus(account_epoch=epoch, command_counter=3, clock=1000)
        bus = RecordingBus(fresh)
        ref = MeterRef(0, 5, "PEM000000001")
        DEFAULT.send_command(bus, ref, keys, Command.OPEN_ACCOUNT, 4, fresh)
        DEFAULT.send_command(bus, ref, keys, Command.TRIP, 4, fresh)
        DEFAULT.send_command(bus, ref, keys, Command.WRITE_PARAMS, 4, fresh, b"\0" * 84)
        DEFAULT.send_command(bus, ref, keys, Command.SET_CLOCK, 4, fresh, b"\0" * 4)
        frames = [registers_to_frame(regs) for *_, regs in bus.writes]
        decoded = [decode_frame(keys, f, "PEM000000001") for f in frames]
        assert [c.epoch for c in decoded] == [wanted, epoch, epoch, epoch]
        assert {c.timestamp for c in decoded} == {1000}


def test_rejected_command_reports_the_meters_reason():
    keys = derive_meter_keys(bytes(32), "PEM000000001")
    bus = RecordingBus(MeterStatus(last_result=Result.BAD_COUNTER), reject=True)
    with pytest.raises(MeterRejected) as err:
        DEFAULT.refund(bus, MeterRef(0, 5, "PEM000000001"), keys, 100, 9, MeterStatus())
    assert err.value.result == Result.BAD_COUNTER and "counter" in str(err.value)


def test_money_commands_refuse_non_positive_amounts():
    keys = derive_meter_keys(bytes(32), "PEM000000001")
    bus = RecordingBus(MeterStatus())
    for amount in (0, -1, 2**32):
        with pytest.raises(ValueError):
            DEFAULT.credit(bus, MeterRef(0, 5, "PEM000000001"), keys, amount, 1, MeterStatus())
    assert bus.writes == []


def test_unknown_profile_is_a_config_error():
    assert get_profile("default") is DEFAULT
    with pytest.raises(ConfigError):
        get_profile("acme")
