"""ADF400L (multi-circuit) and ADL400 (metering) personalities, vendor framing, state file.

Frames are built by hand (struct + CRC); expected registers come from
docs/profiles.md and PROFILES.md, not from the program's profiles.
"""

from __future__ import annotations

import struct

import pytest

from app.serial_io.meter_data import MeterParams
from app.serial_io.simulator import LoadProfile, SimBus, rtu
from app.serial_io.simulator.personalities import adf400l, adl400
from app.serial_io.simulator.personalities.tea import encipher
from app.serial_io.simulator.rtu import crc16
from app.serial_io.site_keys import SiteKeys
from tests.sim_helpers import START

MASTER = bytes(range(32))
ACREL = bytes.fromhex("00112233445566778899aabbccddeeff")
KEYS = SiteKeys(MASTER, {"acrel": ACREL})


def crc(body: bytes) -> bytes:
    return body + struct.pack("<H", crc16(body))


def read(bus, address, start, count):
    answer = bus.handle(crc(struct.pack(">BBHH", address, 0x03, start, count)))
    assert answer[1] == 0x03, answer.hex()
    return list(struct.unpack(f">{answer[2] // 2}H", answer[3:-2]))


def circuit_frame(address, sub, circuit, plain: bytes, key=ACREL) -> bytes:
    data = encipher(key, plain)
    return crc(bytes([address, 0x20, sub, circuit, len(data)]) + data)


def device_bus(state_file=None, circuits=12, phases=3) -> SimBus:
    dev = adf400l.make_device(
        20, "000000002000", circuits=circuits, phases=phases, balance=5000, purchase_count=2,
        params=MeterParams(alarm1=2000, alarm2=500), utc_offset=0,
        loads=[LoadProfile("constant", base_w=100 * n) for n in range(1, circuits + 1)],
    )  # fmt: skip
    return SimBus([dev], KEYS, speed=0, start_time=START, state_file=state_file)


def test_device_registers_and_circuit_blocks_at_their_bases():
    bus = device_bus()
    assert read(bus, 20, 0x0200, 3) == [40, 12, 1]
    assert read(bus, 20, 0x0043, 3) == [0x0000, 0x0000, 0x2000]
    c3 = read(bus, 20, 0x1000 + 2 * 0x30, 48)  # circuit 3's status block
    assert c3[0x0A] == 300  # total active power of circuit 3, W
    assert c3[0x1F:0x22] == [0, 5000, 2]  # money, purchase count
    assert c3[0x24] == 0xE000  # three relays closed
    p3 = read(bus, 20, 0x3000 + 2 * 0x20, 28)
    assert p3[8] == 2 and p3[9:11] == [0, 5000] and p3[0:4] == [0, 2000, 0, 500]


def test_unknown_device_registers_are_exception_2():
    bus = device_bus()
    assert bus.handle(crc(struct.pack(">BBHH", 20, 3, 0x0200, 48))) == crc(bytes([20, 0x83, 2]))
    # circuit 13 does not exist on a 12-circuit device
    assert bus.handle(crc(struct.pack(">BBHH", 20, 3, 0x1000 + 12 * 0x30, 1)))[1] == 0x83


def test_circuit_3_is_credited_alone():
    bus = device_bus()
    answer = bus.handle(circuit_frame(20, 0x01, 3, struct.pack(">IHH", 15_000, 3, 0)))
    assert answer == crc(bytes([20, 0x20, 0x01, 3, 0]))
    assert bus.circuit(20, 3).balance == 15_000 and bus.circuit(20, 3).purchase_count == 3
    assert bus.meter(20, 3).total_purchased == 10_000
    others = [bus.circuit(20, c) for c in range(1, 13) if c != 3]
    assert {(c.balance, c.purchase_count) for c in others} == {(5000, 2)}
    assert read(bus, 20, 0x1000 + 2 * 0x30 + 0x1F, 3) == [0, 15_000, 3]


def test_circuit_purchase_with_a_stale_count_is_result_1_and_changes_nothing():
    bus = device_bus()
    frame = circuit_frame(20, 0x01, 3, struct.pack(">IHH", 15_000, 3, 0))
    bus.handle(frame)
    assert bus.handle(frame) == crc(bytes([20, 0x20, 0x01, 3, 1]))  # replay
    assert bus.circuit(20, 3).balance == 15_000 and bus.circuit(20, 3).purchase_count == 3


def test_circuit_purchase_with_a_wrong_key_is_result_2():
    bus = device_bus()
    frame = circuit_frame(20, 0x01, 3, struct.pack(">IHH", 15_000, 3, 0), key=bytes(16))
    assert bus.handle(frame) == crc(bytes([20, 0x20, 0x01, 3, 2]))
    assert bus.circuit(20, 3).balance == 5000


def test_no_such_circuit_unknown_sub_and_malformed_request():
    bus = device_bus()
    assert bus.handle(circuit_frame(20, 0x01, 13, struct.pack(">IHH", 1, 3, 0)))[4] == 3
    assert bus.handle(circuit_frame(20, 0x03, 1, bytes(8))) == crc(bytes([20, 0xA0, 1]))
    short = crc(bytes([20, 0x20, 0x01, 1, 4]) + bytes(4))
    assert bus.handle(short) == crc(bytes([20, 0xA0, 3]))


def test_circuit_relay_alarms_and_overload():
    bus = device_bus()
    assert bus.handle(circuit_frame(20, 0x05, 2, bytes([1, 1]) + bytes(6)))[4] == 0
    assert bus.circuit(20, 2).relay_open and not bus.circuit(20, 1).relay_open
    assert read(bus, 20, 0x1000 + 0x30 + 0x24, 1) == [0]
    assert bus.handle(circuit_frame(20, 0x05, 2, bytes([0, 0]) + bytes(6)))[4] == 0
    assert not bus.circuit(20, 2).relay_open
    assert bus.handle(circuit_frame(20, 0x05, 2, bytes([2, 0]) + bytes(6)))[4] == 4
    assert bus.handle(circuit_frame(20, 0x02, 4, struct.pack(">II", 3000, 800)))[4] == 0
    assert (bus.circuit(20, 4).params.alarm1, bus.circuit(20, 4).params.alarm2) == (3000, 800)
    assert bus.handle(circuit_frame(20, 0x02, 4, struct.pack(">II", 100, 800)))[4] == 4
    assert bus.handle(circuit_frame(20, 0x04, 5, struct.pack(">II", 7000, 0)))[4] == 0
    assert bus.circuit(20, 5).params.overload_w == 7000


def test_a_device_without_the_acrel_key_refuses_with_result_2():
    dev = adf400l.make_device(20, "000000002000", circuits=2, balance=10, utc_offset=0)
    bus = SimBus([dev], MASTER, speed=0, start_time=START)
    assert bus.handle(circuit_frame(20, 0x01, 1, struct.pack(">IHH", 100, 1, 0)))[4] == 2


def test_36_single_phase_circuits():
    bus = device_bus(circuits=36, phases=1)
    assert read(bus, 20, 0x0200, 3) == [40, 36, 0]
    assert read(bus, 20, 0x1000 + 35 * 0x30 + 0x24, 1) == [0x2000]  # L1 only
    with pytest.raises(ValueError):
        adf400l.make_device(21, "000000002100", circuits=13, phases=3)


def test_state_file_round_trip_of_every_circuit(tmp_path):
    path = tmp_path / "sim.json"
    bus = device_bus(state_file=path)
    bus.handle(circuit_frame(20, 0x01, 3, struct.pack(">IHH", 15_000, 3, 0)))
    bus.handle(circuit_frame(20, 0x05, 7, bytes([1, 1]) + bytes(6)))
    bus.clock.advance(3600)
    bus.save_state()
    before = [(c.balance, c.purchase_count, c.forced_trip, c.energy_total)
              for c in bus.meter(20).circuits]  # fmt: skip
    assert before[0][3] == 10 and before[6][3] == 0  # 100 W for an hour; circuit 7 tripped
    again = device_bus(state_file=path)
    after = [(c.balance, c.purchase_count, c.forced_trip, c.energy_total)
             for c in again.meter(20).circuits]  # fmt: skip
    assert after == before


def test_advance_moves_every_circuit():
    bus = device_bus()
    bus.clock.advance(3600)
    bus.advance_all()
    assert [c.energy_total for c in bus.meter(20).circuits] == [n * 10 for n in range(1, 13)]


# ---- ADL400 ----


def adl_bus() -> SimBus:
    meter = adl400.make_meter(30, "000000003000", load=LoadProfile("constant", base_w=3000),
                              utc_offset=0)  # fmt: skip
    return SimBus([meter], KEYS, speed=0, start_time=START)


def test_adl400_energy_currents_and_powers_at_the_documented_registers():
    bus = adl_bus()
    bus.clock.advance(3600)
    assert read(bus, 30, 0, 2) == [0, 300]  # 3 kWh in 0.01 kWh
    currents = read(bus, 30, 100, 3)
    assert all(400 < a < 500 for a in currents)  # ~4.5 A a phase, 0.01 A
    powers = read(bus, 30, 356, 8)
    watts = [struct.unpack(">i", struct.pack(">HH", *powers[i : i + 2]))[0] for i in (0, 2, 4, 6)]
    assert watts[3] == 3000 and sum(watts[:3]) == 3000
    assert not bus.meter(30).prepaid_mode and bus.meter(30).balance == 0


@pytest.mark.parametrize("start", [0x0200, 0x0100, 0x0046])
def test_adl400_has_no_prepaid_or_identity_registers(start):
    assert adl_bus().handle(crc(struct.pack(">BBHH", 30, 3, start, 1))) == crc(bytes([30, 0x83, 2]))


def test_adl400_refuses_every_write():
    bus = adl_bus()
    fc16 = crc(struct.pack(">BBHHBHH", 30, 0x10, 0x0057, 2, 4, 1, 1))
    assert bus.handle(fc16) == crc(bytes([30, 0x90, 2]))
    aa = crc(struct.pack(">BBHHB", 30, 0xAA, 0x0046, 28, 56) + bytes(56))
    assert bus.handle(aa) == crc(bytes([30, 0xAA, 1]))
    assert bus.handle(circuit_frame(30, 1, 1, bytes(8))) == crc(bytes([30, 0xA0, 1]))
    assert not bus.meter(30).forced_trip


# ---- framing ----


def test_parser_frames_split_vendor_requests():
    aa = crc(struct.pack(">BBHHB", 7, 0xAA, 0x0046, 28, 56) + bytes(range(56)))
    c20 = crc(bytes([20, 0x20, 0x01, 3, 8]) + bytes(range(8)))
    parser = rtu.RequestParser()
    out = []
    stream = aa + c20 + crc(struct.pack(">BBHH", 1, 3, 0, 2))
    for cut in (3, 6, 40, 66, 69, 80):  # split inside the headers and the data
        out += parser.feed(stream[:cut])
        stream = stream[cut:]
    out += parser.feed(stream)
    assert [(r.address, r.function) for r in out] == [(7, 0xAA), (20, 0x20), (1, 3)]
    assert (out[0].start, out[0].count, out[0].payload, out[0].size) == (
        0x46,
        28,
        bytes(range(56)),
        65,
    )
    assert (out[1].sub, out[1].circuit, out[1].payload, out[1].size) == (1, 3, bytes(range(8)), 15)
    assert parser.pending == 0 and parser.dropped == 0


def test_parser_drops_a_vendor_request_with_a_bad_crc():
    bad = bytearray(crc(bytes([20, 0x20, 0x01, 3, 8]) + bytes(8)))
    bad[-1] ^= 0xFF
    parser = rtu.RequestParser()
    assert parser.feed(bytes(bad) + crc(struct.pack(">BBHH", 1, 3, 0, 2)))[-1].address == 1
