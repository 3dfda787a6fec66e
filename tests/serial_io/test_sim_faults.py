"""Fault injection: spec parsing and every fault kind, deterministic by seed."""

from __future__ import annotations

import struct

import pytest

from app.errors import ValidationError
from app.serial_io import security
from app.serial_io.commands import Command
from app.serial_io.profiles import COMMAND_ADDRESS
from app.serial_io.simulator import Faults, parse_addresses, parse_faults, rtu
from tests.sim_helpers import START, make_sim_bus

READ = rtu.read_request(1, 0, 40)


def test_parse_full_spec():
    f = parse_faults("dead=5,7-9;lost=0.05;crc=0.02;late=0.02@300;garbage=0.01;reboot=12@600")
    assert f.dead == {5, 7, 8, 9}
    assert (f.lost, f.crc, f.late, f.late_ms, f.garbage) == (0.05, 0.02, 0.02, 300, 0.01)
    assert f.reboot == {12: 600.0}
    assert parse_faults("") == Faults() and not Faults().any


@pytest.mark.parametrize(
    "spec",
    ["dead=", "lost=2", "crc=x", "late=0.1@0", "late=0.1@abc", "boom=1", "dead=0", "dead=9-3",
     "lost", "lost=nan", "reboot=1@NaN", "reboot=1@inf", "reboot=1@1e308", "late=0.1@nan",
     "late=0.1@inf", "late=0.1@1e20"],
)  # fmt: skip
def test_bad_specs_are_validation_errors(spec):
    with pytest.raises(ValidationError):
        parse_faults(spec)


def test_parse_addresses():
    assert parse_addresses("1-3, 7,10-11") == [1, 2, 3, 7, 10, 11]
    for bad in ("", "a", "0-3", "248", "5-2", "1-2-3"):
        with pytest.raises(ValidationError):
            parse_addresses(bad)


def test_dead_meter_is_silent_and_does_not_act_until_revived(master_key):
    bus = make_sim_bus(master_key, addresses=[1, 2], faults="dead=1")
    assert bus.handle(READ) is None
    assert bus.handle(rtu.read_request(2, 0, 40)) is not None
    bus.faults.dead.discard(1)  # revive at run time
    assert rtu.crc_ok(bus.handle(READ))
    bus.faults.dead.add(1)
    assert bus.handle(READ) is None


def test_lost_answer_still_carries_out_the_command(master_key):
    bus = make_sim_bus(master_key, addresses=[1], faults="lost=1")
    m = bus.meter(1)
    keys = security.derive_meter_keys(master_key, m.identity.serial)
    frame = security.encode_frame(keys, Command.RECHARGE, 1, m.identity.serial, START,
                                  struct.pack(">I", 250), epoch=0)  # fmt: skip
    req = rtu.write_request(1, COMMAND_ADDRESS, security.frame_to_registers(frame))
    assert bus.handle(req) is None
    assert m.balance == 10_250 and m.purchase_count == 1


def test_crc_fault_corrupts_the_answer(master_key):
    bus = make_sim_bus(master_key, addresses=[1], faults="crc=1")
    answer = bus.handle(READ)
    assert len(answer) == 85 and not rtu.crc_ok(answer)


def test_late_answer_carries_its_delay(master_key):
    bus = make_sim_bus(master_key, addresses=[1], faults="late=1@250")
    answer = bus.answer_frame(READ)
    assert answer.delay_ms == 250 and rtu.crc_ok(answer.data)


def test_garbage_before_or_instead_of_the_answer(master_key):
    bus = make_sim_bus(master_key, addresses=[1], faults="garbage=1", seed=3)
    clean = make_sim_bus(master_key, addresses=[1]).handle(READ)
    kinds = set()
    for _ in range(40):
        answer = bus.handle(READ)
        assert answer != clean
        kinds.add("prefix" if answer.endswith(clean) else "instead")
    assert kinds == {"prefix", "instead"}


def test_probabilities_are_deterministic_by_seed(master_key):
    def pattern(seed):
        bus = make_sim_bus(master_key, addresses=[1], faults="lost=0.5", seed=seed)
        return [bus.handle(READ) is None for _ in range(60)]

    first = pattern(11)
    assert first == pattern(11)
    assert 10 < sum(first) < 50


def test_reboot_is_silent_for_a_while_and_keeps_money(master_key):
    bus = make_sim_bus(master_key, addresses=[1], faults="reboot=1@600", start_time=START + 100)
    m = bus.meter(1)
    m.last_result = 3
    assert bus.handle(READ) is not None
    bus.clock.set(START + 600 + 2)  # 2 s after the reboot: still booting
    assert bus.handle(READ) is None
    balance, count = m.balance, m.purchase_count
    bus.clock.set(START + 600 + 6)
    assert rtu.crc_ok(bus.handle(READ))
    assert m.last_result == 0  # RAM was reset
    assert m.purchase_count == count and m.balance <= balance
