"""SimBus in-process: reads, protected commands end to end, illegal requests."""

from __future__ import annotations

import pytest

from app.errors import MeterException, MeterRejected
from app.serial_io.commands import Command, RelayCommand, Result
from app.serial_io.events import MeterRef
from app.serial_io.loopback import LoopbackBus
from app.serial_io.meter_data import MeterParams
from app.serial_io.profiles import DEFAULT
from app.serial_io.security import derive_meter_keys
from app.serial_io.simulator import rtu
from tests.sim_helpers import START, make_sim_bus


@pytest.fixture
def sim(master_key):
    bus = make_sim_bus(master_key, addresses=[1, 2, 3])
    return bus, LoopbackBus(bus)


def keys_of(bus, master_key, address):
    serial = bus.meter(address).identity.serial
    return derive_meter_keys(master_key, serial), serial


def test_status_identity_params_read_through_profile(sim):
    bus, wire = sim
    status = DEFAULT.read_status(wire, 2)
    assert status.balance == 10_000
    assert status.prepaid_mode and not status.relay_open
    assert status.clock == START
    assert status.power == 1000
    assert status.voltage_b == 0  # single phase
    ident = DEFAULT.read_identity(wire, 2)
    assert ident.serial == bus.meter(2).identity.serial
    assert DEFAULT.read_params(wire, 2) == MeterParams(prices=(10_000,) * 4)


def test_recharge_refund_and_relay_commands(sim, master_key):
    bus, wire = sim
    keys, serial = keys_of(bus, master_key, 1)
    st = DEFAULT.read_status(wire, 1)
    ref = MeterRef(0, 1, serial)
    DEFAULT.credit(wire, ref, keys, 2500, next_count=1, fresh=st)
    st = DEFAULT.read_status(wire, 1)
    assert (st.balance, st.purchase_count, st.total_purchased) == (12_500, 1, 2500)
    DEFAULT.refund(wire, ref, keys, 500, next_count=2, fresh=st)
    st = DEFAULT.read_status(wire, 1)
    assert st.balance == 12_000
    st = DEFAULT.relay(wire, ref, keys, RelayCommand.TRIP, fresh=st)
    assert st.relay_open and st.forced_trip and st.command_counter == 1 and st.power == 0
    with pytest.raises(MeterRejected) as err:  # the same counter again is stale
        DEFAULT.send_command(wire, ref, keys, Command.CLOSE, 1, fresh=st)
    assert err.value.result == Result.BAD_COUNTER
    DEFAULT.relay(wire, ref, keys, RelayCommand.CLOSE, fresh=st)
    assert not DEFAULT.read_status(wire, 1).relay_open


def test_illegal_address_and_function(sim):
    bus, wire = sim
    with pytest.raises(MeterException) as err:
        wire.read_registers(1, 0x0020, 16)  # runs past the end of the status block
    assert err.value.code == rtu.ILLEGAL_ADDRESS
    with pytest.raises(MeterException) as err:
        wire.write_registers(1, 0x0000, [1, 2])
    assert err.value.code == rtu.ILLEGAL_ADDRESS
    answer = bus.handle(rtu.with_crc(bytes([1, 0x04, 0, 0, 0, 2])))
    assert answer == rtu.exception_response(1, 0x04, rtu.ILLEGAL_FUNCTION)
    assert wire.read_registers(1, 0x0100 + 6, 2) == [1, 1]  # part of a block is fine


def test_unknown_and_broadcast_addresses_are_silent(sim):
    bus, _ = sim
    assert bus.handle(rtu.read_request(9, 0, 40)) is None
    assert bus.handle(rtu.read_request(0, 0, 40)) is None
    bad = bytearray(rtu.read_request(1, 0, 40))
    bad[-1] ^= 0xFF
    assert bus.handle(bytes(bad)) is None
