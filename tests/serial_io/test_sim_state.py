"""The state file: meters survive a restart; a credit is on disk before its answer."""

from __future__ import annotations

import json
import struct
import time

import pytest

from app.errors import ConfigError
from app.serial_io import security
from app.serial_io.commands import Command, Result
from app.serial_io.profiles import COMMAND_ADDRESS
from app.serial_io.simulator import SimBus, rtu
from tests.sim_helpers import START, make_sim_bus, simple_meters


def recharge(bus, master_key, address, counter, fen):
    return command(bus, master_key, address, Command.RECHARGE, counter, struct.pack(">I", fen))


def command(bus, master_key, address, code, counter, payload=b"", epoch=None):
    """One frame as the application makes it (the meter's epoch, the next for opening)."""
    m = bus.meter(address)
    keys = security.derive_meter_keys(master_key, m.identity.serial)
    if epoch is None:
        epoch = m.account_epoch + (code == Command.OPEN_ACCOUNT)
    frame = security.encode_frame(keys, code, counter, m.identity.serial, m.clock(), payload,
                                  epoch=epoch)  # fmt: skip
    return bus.handle(
        rtu.write_request(address, COMMAND_ADDRESS, security.frame_to_registers(frame))
    )


def saved_meter(path, address):
    return json.loads(path.read_text())["meters"][str(address)]


def test_credit_is_on_disk_before_the_answer_returns(master_key, tmp_path):
    path = tmp_path / "sim.json"
    bus = make_sim_bus(master_key, addresses=[1, 2], state_file=path)
    answer = recharge(bus, master_key, 2, 1, 1234)
    assert answer is not None and not answer[1] & 0x80
    state = saved_meter(path, 2)  # read straight after the answer, nothing else ran
    assert state["balance"] == 11_234 and state["purchase_count"] == 1
    assert not (tmp_path / "sim.json.tmp").exists()


def test_a_refused_command_does_not_write(master_key, tmp_path):
    path = tmp_path / "sim.json"
    bus = make_sim_bus(master_key, addresses=[1], state_file=path)
    recharge(bus, master_key, 1, 5, 100)  # bad counter
    assert not path.exists()


def test_state_survives_a_restart(master_key, tmp_path):
    path = tmp_path / "sim.json"
    bus = make_sim_bus(master_key, addresses=[1, 2], state_file=path)
    recharge(bus, master_key, 1, 1, 500)
    bus.clock.advance(3600)  # an hour at 1 kW: 100 units, 100 fen
    bus.save_state()
    again = SimBus(simple_meters([1, 2]), master_key, speed=0, state_file=path)
    m = again.meter(1)
    assert (m.balance, m.purchase_count, m.energy_total) == (10_400, 1, 100)
    assert again.now() == pytest.approx(START + 3600)  # the clock resumes where it stopped
    assert again.meter(2).balance == 9_900


def test_account_epoch_survives_a_restart(master_key, tmp_path):
    """The epoch is non-volatile: a restarted meter back at epoch 0 would take the
    frames of every account opened on it again."""
    path = tmp_path / "sim.json"
    bus = make_sim_bus(master_key, addresses=[1], state_file=path)
    bus.meter(1).balance = 0
    answer = command(bus, master_key, 1, Command.OPEN_ACCOUNT, 1)
    assert answer is not None and not answer[1] & 0x80
    assert saved_meter(path, 1)["account_epoch"] == 1  # on disk before the answer
    again = SimBus(simple_meters([1]), master_key, speed=0, state_file=path)
    m = again.meter(1)
    assert m.account_epoch == 1 and m.status().account_epoch == 1
    command(again, master_key, 1, Command.OPEN_ACCOUNT, 2, epoch=1)  # not ahead any more
    assert m.last_result == Result.BAD_COUNTER and m.account_epoch == 1


def test_old_state_file_without_epoch_loads_as_epoch_0(master_key, tmp_path):
    path = tmp_path / "sim.json"
    bus = make_sim_bus(master_key, addresses=[1], state_file=path)
    recharge(bus, master_key, 1, 1, 500)
    doc = json.loads(path.read_text())
    del doc["meters"]["1"]["account_epoch"]
    path.write_text(json.dumps(doc))
    m = SimBus(simple_meters([1]), master_key, speed=0, state_file=path).meter(1)
    assert (m.account_epoch, m.purchase_count, m.balance) == (0, 1, 10_500)


def test_periodic_save_follows_sim_time(master_key, tmp_path):
    path = tmp_path / "sim.json"
    bus = make_sim_bus(master_key, addresses=[1], state_file=path, save_every_s=600)
    bus.handle(rtu.read_request(1, 0, 40))
    assert not path.exists()
    bus.clock.advance(601)
    bus.handle(rtu.read_request(1, 0, 40))
    assert saved_meter(path, 1)["energy_total"] == 16
    assert bus.save_if_due() is False


@pytest.mark.allow_log_warnings
def test_state_of_another_serial_is_not_applied(master_key, tmp_path):
    path = tmp_path / "sim.json"
    bus = make_sim_bus(master_key, addresses=[1], state_file=path)
    recharge(bus, master_key, 1, 1, 500)
    doc = json.loads(path.read_text())
    doc["meters"]["1"]["serial"] = "PEM999999999"
    path.write_text(json.dumps(doc))
    again = SimBus(simple_meters([1]), master_key, speed=0, state_file=path)
    assert again.meter(1).balance == 10_000


def test_unreadable_state_file_is_a_config_error(master_key, tmp_path):
    path = tmp_path / "sim.json"
    path.write_text("{not json")
    with pytest.raises(ConfigError):
        SimBus(simple_meters([1]), master_key, speed=0, state_file=path)


def test_a_real_time_simulator_catches_up_after_downtime(master_key, tmp_path):
    path = tmp_path / "sim.json"
    bus = make_sim_bus(master_key, addresses=[1], state_file=path)  # manual clock in the past
    bus.save_state()
    again = SimBus(simple_meters([1], balance=10**7), master_key, speed=1.0, state_file=path)
    assert again.now() >= time.time() - 1  # the meters ran on while it was off
    assert again.meter(1).energy_total > 1000
