"""Every protected command path of a simulated meter, accepted and refused."""

from __future__ import annotations

import struct

import pytest

from app.serial_io import security
from app.serial_io.commands import TIME_WINDOW_S, Command, Result, next_counter
from app.serial_io.meter_data import MeterParams
from app.serial_io.profiles import COMMAND_ADDRESS, DEFAULT
from app.serial_io.simulator import rtu
from tests.sim_helpers import START, make_sim_bus


@pytest.fixture
def bus(master_key):
    return make_sim_bus(master_key, addresses=[1, 2])


def send(
    bus,
    master_key,
    code,
    counter,
    payload=b"",
    address=1,
    serial=None,
    key=None,
    epoch=None,
    stamp=None,
):
    """Write one frame; returns (answer bytes, frame registers) for replay tests.

    By default the frame is what the application makes: the meter's account
    epoch (the next one for OPEN_ACCOUNT) and the meter's clock as timestamp.
    """
    meter = bus.meter(address)
    keys = security.derive_meter_keys(key or master_key, meter.identity.serial)
    if epoch is None:
        opens = code == Command.OPEN_ACCOUNT
        epoch = next_counter(meter.account_epoch) if opens else meter.account_epoch
    frame = security.encode_frame(
        keys,
        int(code),
        counter,
        serial or meter.identity.serial,
        meter.clock() if stamp is None else stamp,
        payload,
        epoch=epoch,
    )
    regs = security.frame_to_registers(frame)
    return bus.handle(rtu.write_request(address, COMMAND_ADDRESS, regs)), regs


def money(fen: int) -> bytes:
    return struct.pack(">I", fen)


def accepted(answer) -> bool:
    assert answer is not None and rtu.crc_ok(answer)
    return not answer[1] & 0x80


def test_recharge_then_refund(bus, master_key):
    m = bus.meter(1)
    assert accepted(send(bus, master_key, Command.RECHARGE, 1, money(5000))[0])
    assert (m.balance, m.purchase_count, m.total_purchased, m.last_result) == (15_000, 1, 5000, 0)
    assert accepted(send(bus, master_key, Command.REFUND, 2, money(15_000))[0])
    assert (m.balance, m.purchase_count, m.total_purchased) == (0, 2, 5000)


@pytest.mark.parametrize(
    ("make", "result"),
    [
        (lambda b, k: send(b, k, Command.RECHARGE, 1, money(100), key=bytes(32)), Result.BAD_MAC),
        (
            lambda b, k: send(b, k, Command.RECHARGE, 1, money(100), serial="PEM000000002"),
            Result.WRONG_METER,
        ),
        (lambda b, k: send(b, k, Command.RECHARGE, 2, money(100)), Result.BAD_COUNTER),
        (lambda b, k: send(b, k, Command.RECHARGE, 0, money(100)), Result.BAD_COUNTER),
        (lambda b, k: send(b, k, Command.REFUND, 1, money(10_001)), Result.REFUND_TOO_LARGE),
        (lambda b, k: send(b, k, Command.OPEN_ACCOUNT, 1), Result.NOT_ALLOWED),
        (lambda b, k: send(b, k, 99, 1), Result.UNSUPPORTED),
        (lambda b, k: send(b, k, Command.RECHARGE, 1, money(0)), Result.NOT_ALLOWED),
        (lambda b, k: send(b, k, Command.WRITE_PARAMS, 1, b"\0" * 10), Result.UNSUPPORTED),
        (lambda b, k: send(b, k, Command.TRIP, 2), Result.BAD_COUNTER),
        # the account epoch: frames carry the meter's own, OPEN_ACCOUNT the next one
        (lambda b, k: send(b, k, Command.RECHARGE, 1, money(100), epoch=1), Result.BAD_COUNTER),
        (lambda b, k: send(b, k, Command.TRIP, 1, epoch=65535), Result.BAD_COUNTER),
        (lambda b, k: send(b, k, Command.OPEN_ACCOUNT, 1, epoch=0), Result.BAD_COUNTER),
        # the timestamp must lie within TIME_WINDOW_S of the meter clock, either way
        (
            lambda b, k: send(b, k, Command.RECHARGE, 1, money(1), stamp=START - 601),
            Result.STALE_TIME,
        ),
        (lambda b, k: send(b, k, Command.TRIP, 1, stamp=START + 601), Result.STALE_TIME),
    ],
)
def test_refusals_answer_exception_4_and_change_nothing(bus, master_key, make, result):
    m = bus.meter(1)
    before = m.to_state()
    answer, _ = make(bus, master_key)
    assert answer == rtu.exception_response(1, 0x10, rtu.DEVICE_FAILURE)
    assert m.last_result == result
    assert m.to_state() == before
    assert DEFAULT.decode_status(DEFAULT.encode_status(m.status())).last_result == result


def test_damaged_frame_is_bad_mac(bus, master_key):
    m = bus.meter(1)
    keys = security.derive_meter_keys(master_key, m.identity.serial)
    frame = security.encode_frame(keys, 1, 1, m.identity.serial, START, money(9), epoch=0)
    frame = bytearray(frame)
    frame[12] ^= 1
    regs = security.frame_to_registers(bytes(frame))
    answer = bus.handle(rtu.write_request(1, COMMAND_ADDRESS, regs))
    assert answer[1] == 0x90 and m.last_result == Result.BAD_MAC and m.balance == 10_000


def test_replay_of_an_accepted_frame_never_applies_twice(bus, master_key):
    m = bus.meter(1)
    answer, regs = send(bus, master_key, Command.RECHARGE, 1, money(700))
    assert accepted(answer)
    again = bus.handle(rtu.write_request(1, COMMAND_ADDRESS, regs))
    assert again[1] == 0x90 and m.last_result == Result.BAD_COUNTER
    assert m.balance == 10_700 and m.purchase_count == 1
    # and a frame for meter 1 is useless on meter 2
    other = bus.handle(rtu.write_request(2, COMMAND_ADDRESS, regs))
    assert other[1] == 0x90 and bus.meter(2).last_result == Result.BAD_MAC


def test_counters_roll_over_at_65535(bus, master_key):
    m = bus.meter(1)
    m.purchase_count, m.command_counter = 65535, 65535
    send(bus, master_key, Command.RECHARGE, 65535, money(1))
    assert m.last_result == Result.BAD_COUNTER
    assert accepted(send(bus, master_key, Command.RECHARGE, 0, money(100))[0])
    assert m.purchase_count == 0 and m.balance == 10_100
    assert accepted(send(bus, master_key, Command.RECHARGE, 1, money(100))[0])
    assert m.purchase_count == 1
    assert accepted(send(bus, master_key, Command.TRIP, 0)[0])
    assert m.command_counter == 0 and m.relay_open
    send(bus, master_key, Command.CLOSE, 65535)  # the value before the wrap is stale now
    assert m.last_result == Result.BAD_COUNTER and m.relay_open


def test_relay_commands(bus, master_key):
    m = bus.meter(1)
    assert accepted(send(bus, master_key, Command.TRIP, 1)[0])
    assert m.forced_trip and m.relay_open and m.status().power == 0
    assert accepted(send(bus, master_key, Command.RECHARGE, 1, money(100))[0])
    assert m.relay_open  # a recharge does not release a forced trip
    assert accepted(send(bus, master_key, Command.CLOSE, 2)[0])
    assert not m.relay_open and m.status().power == 1000
    assert accepted(send(bus, master_key, Command.PREPAID_OFF, 3)[0])
    assert not m.prepaid_mode
    assert accepted(send(bus, master_key, Command.PREPAID_ON, 4)[0])
    assert m.prepaid_mode
    m.balance = 0
    assert m.relay_open
    assert accepted(send(bus, master_key, Command.KEEP_POWER_ON, 5)[0])
    assert m.keep_power and not m.relay_open and m.status().keep_power
    assert accepted(send(bus, master_key, Command.KEEP_POWER_OFF, 6)[0])
    assert not m.keep_power and m.relay_open
    assert m.command_counter == 6


def test_auto_reclose_after_recharge(bus, master_key):
    m = bus.meter(1)
    m.balance = 0
    bus.advance_all()
    assert m.status().relay_open and m.status().arrears
    assert accepted(send(bus, master_key, Command.RECHARGE, 1, money(1))[0])
    st = m.status()
    assert not st.relay_open and not st.arrears and st.power == 1000


def test_write_params_and_read_back(bus, master_key):
    params = MeterParams(
        prices=(13000, 11000, 8000, 4000),
        segments=((0, 3), (480, 1), (1320, 3)),
        ladder=((20_000, 500),),
        alarm1=3000,
        alarm2=1000,
        overload_w=7000,
    )
    answer, _ = send(bus, master_key, Command.WRITE_PARAMS, 1, DEFAULT.params_payload(params))
    assert accepted(answer)
    regs = rtu.parse_read_response(bus.handle(rtu.read_request(1, 0x0200, 48)))
    assert DEFAULT.decode_params(regs) == params


def test_open_account_only_at_zero_balance(bus, master_key):
    m = bus.meter(1)
    m.balance, m.purchase_count, m.cost_residue = 0, 9, 1234
    assert accepted(send(bus, master_key, Command.OPEN_ACCOUNT, 1)[0])
    assert (m.balance, m.purchase_count, m.cost_residue, m.command_counter) == (0, 0, 0, 1)
    assert accepted(send(bus, master_key, Command.RECHARGE, 1, money(300))[0])


def test_set_clock(bus, master_key):
    m = bus.meter(1)
    assert accepted(send(bus, master_key, Command.SET_CLOCK, 1, struct.pack(">I", START + 999))[0])
    assert m.status().clock == START + 999
    bus.clock.advance(10)
    regs = rtu.parse_read_response(bus.handle(rtu.read_request(1, 30, 2)))
    assert (regs[0] << 16 | regs[1]) == START + 1009


def test_broadcast_command_reaches_only_its_meter(bus, master_key):
    m1, m2 = bus.meter(1), bus.meter(2)
    keys = security.derive_meter_keys(master_key, m2.identity.serial)
    frame = security.encode_frame(keys, Command.TRIP, 1, m2.identity.serial, START, epoch=0)
    regs = security.frame_to_registers(frame)
    assert bus.handle(rtu.write_request(0, COMMAND_ADDRESS, regs)) is None
    assert m2.forced_trip and not m1.forced_trip and m1.last_result == 0


def test_open_account_needs_exactly_the_next_epoch(bus, master_key):
    m = bus.meter(1)
    m.balance, m.purchase_count, m.account_epoch = 0, 4, 5
    for stale in (5, 4, 0, 7):  # the same epoch, an older one, one skipped ahead
        send(bus, master_key, Command.OPEN_ACCOUNT, 1, epoch=stale)
        assert m.last_result == Result.BAD_COUNTER
        assert (m.account_epoch, m.purchase_count, m.command_counter) == (5, 4, 0)
    assert accepted(send(bus, master_key, Command.OPEN_ACCOUNT, 1, epoch=6)[0])
    assert (m.account_epoch, m.purchase_count, m.command_counter) == (6, 0, 1)
    assert DEFAULT.decode_status(DEFAULT.encode_status(m.status())).account_epoch == 6


def test_open_account_refused_for_money_keeps_the_epoch(bus, master_key):
    m = bus.meter(1)  # balance 10_000: not allowed now, so nothing moves
    send(bus, master_key, Command.OPEN_ACCOUNT, 1)
    assert m.last_result == Result.NOT_ALLOWED and m.account_epoch == 0


def test_frames_of_an_earlier_opening_are_refused(bus, master_key):
    """The finding: re-opening resets the purchase count, so a recharge made under
    the earlier account (purchase count 1) would match again without the epoch."""
    m = bus.meter(1)
    m.balance = 0
    assert accepted(send(bus, master_key, Command.OPEN_ACCOUNT, 1)[0])
    answer, captured = send(bus, master_key, Command.RECHARGE, 1, money(500))
    assert accepted(answer)
    assert accepted(send(bus, master_key, Command.REFUND, 2, money(500))[0])
    assert accepted(send(bus, master_key, Command.OPEN_ACCOUNT, 2)[0])
    assert (m.balance, m.purchase_count, m.account_epoch) == (0, 0, 2)
    replay = bus.handle(rtu.write_request(1, COMMAND_ADDRESS, captured))
    assert replay[1] == 0x90 and m.last_result == Result.BAD_COUNTER
    assert (m.balance, m.purchase_count) == (0, 0)


def test_a_frame_kept_back_is_refused_once_the_window_has_passed(bus, master_key):
    """A frame intercepted before it reached the meter (its counter still unused)
    is good only within the window: after that it is refused, even unused."""
    m = bus.meter(1)
    keys = security.derive_meter_keys(master_key, m.identity.serial)
    frame = security.encode_frame(
        keys, Command.RECHARGE, 1, m.identity.serial, m.clock(), money(500), epoch=0
    )
    regs = security.frame_to_registers(frame)
    bus.clock.advance(TIME_WINDOW_S + 1)
    answer = bus.handle(rtu.write_request(1, COMMAND_ADDRESS, regs))
    assert answer[1] == 0x90 and m.last_result == Result.STALE_TIME
    assert m.purchase_count == 0 and m.total_purchased == 0


def test_time_window_edges_are_inclusive(bus, master_key):
    m = bus.meter(1)
    assert accepted(send(bus, master_key, Command.TRIP, 1, stamp=START - TIME_WINDOW_S)[0])
    assert accepted(send(bus, master_key, Command.CLOSE, 2, stamp=START + TIME_WINDOW_S)[0])
    assert m.command_counter == 2


def test_epoch_rolls_over_at_65535(bus, master_key):
    """After 65536 openings the epoch is back at a value used before: docs/protocol.md
    says why that is acceptable (the timestamp window still refuses such old frames)."""
    m = bus.meter(1)
    m.balance, m.account_epoch, m.command_counter = 0, 65535, 65535
    assert accepted(send(bus, master_key, Command.TRIP, 0, epoch=65535)[0])
    send(bus, master_key, Command.OPEN_ACCOUNT, 1, epoch=65535)  # not ahead: refused
    assert m.last_result == Result.BAD_COUNTER
    assert accepted(send(bus, master_key, Command.OPEN_ACCOUNT, 1, epoch=0)[0])
    assert m.account_epoch == 0 and m.command_counter == 1
    send(bus, master_key, Command.RECHARGE, 1, money(100), epoch=65535)
    assert m.last_result == Result.BAD_COUNTER and m.balance == 0
    assert accepted(send(bus, master_key, Command.RECHARGE, 1, money(100), epoch=0)[0])
    assert m.balance == 100 and m.purchase_count == 1
