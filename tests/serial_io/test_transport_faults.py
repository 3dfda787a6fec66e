"""Reads survive a noisy line; writes are never repeated (issue #6, finding 8).

The simulator on a pseudo-terminal corrupts answers' checksums at a high rate
(seeded, so the run repeats); ``ModbusBus`` talks to it through the real port.
"""

from __future__ import annotations

import struct

import pytest

from app.errors import BadFrame
from app.serial_io import security
from app.serial_io.commands import Command
from app.serial_io.events import BusConfig
from app.serial_io.profiles import COMMAND_ADDRESS, DEFAULT
from app.serial_io.transport import ModbusBus
from tests.sim_helpers import START, running_pty_sim

READS = 30


def _bus(port: str) -> ModbusBus:
    return ModbusBus(BusConfig(1, "noisy", port, baud=115200, parity="N", turnaround_ms=5))


def test_reads_get_through_thirty_percent_checksum_errors(master_key):
    with running_pty_sim(master_key, n=2, faults="crc=0.3", seed=11) as sim:
        bus = _bus(sim.port)
        try:
            ok = 0
            for i in range(READS):
                try:
                    status = DEFAULT.read_status(bus, 1 + i % 2)
                except BadFrame as exc:
                    assert "checksum wrong" in str(exc) and "b'" not in str(exc)
                else:
                    assert status.balance == 10_000
                    ok += 1
        finally:
            bus.close()
    # Without retries about 70 % get through; with up to three tries about 97 %.
    assert ok >= READS - 2
    assert bus.read_retries >= 3


def test_a_credit_write_is_sent_once_even_when_its_answer_is_damaged(master_key):
    with running_pty_sim(master_key, n=1, faults="crc=1", seed=5) as sim:
        bus = _bus(sim.port)
        meter = sim.bus.meter(1)
        keys = security.derive_meter_keys(master_key, meter.identity.serial)
        frame = security.encode_frame(
            keys, Command.RECHARGE, 1, meter.identity.serial, START, struct.pack(">I", 250), epoch=0
        )
        before = sim.bus.requests
        try:
            with pytest.raises(BadFrame, match="checksum wrong"):
                bus.write_registers(1, COMMAND_ADDRESS, security.frame_to_registers(frame))
        finally:
            bus.close()
        assert sim.bus.requests - before == 1
        assert meter.balance == 10_250 and meter.purchase_count == 1
