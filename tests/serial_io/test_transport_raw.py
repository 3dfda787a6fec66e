"""The bus's raw ``transact`` for vendor function codes (issue #10, part 1).

minimalmodbus refuses function codes above 127 and predicts answer sizes, and
the serial line took any function byte with bit 7 for a 5-byte exception: a
vendor function 0xAA answer would have been cut to 5 bytes. These tests drive
``ModbusBus.transact`` through a fake serial object, a paced fake and a fake
meter on a pseudo-terminal, and ``LoopbackBus.transact`` through a fake
simulator, with frames built by hand and checksummed by the CRC below (written
from the Modbus specification, not the code under test).
"""

from __future__ import annotations

import os
import pty
import select
import struct
import threading
import time
from collections.abc import Callable

import pytest

from app.errors import BadFrame, MeterException, MeterOffline, PortError
from app.serial_io import transport
from app.serial_io.events import BusConfig
from app.serial_io.loopback import LoopbackBus
from app.serial_io.transport import ModbusBus
from app.serial_io.wire_time import raw_frame_size
from tests.serial_io.test_transport import FakeSerial, PacedSerial


def crc16(data: bytes) -> bytes:
    """CRC-16/Modbus bit by bit (init 0xFFFF, reflected polynomial 0xA001), low byte first."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return bytes((crc & 0xFF, crc >> 8))


def framed(*parts: int | bytes) -> bytes:
    body = b"".join(bytes([p]) if isinstance(p, int) else p for p in parts)
    return body + crc16(body)


def test_the_test_crc_matches_a_published_frame():
    # "01 03 00 00 00 0A" has the CRC "C5 CD" in the Modbus literature.
    assert crc16(bytes.fromhex("01030000000A")) == bytes.fromhex("C5CD")


def fixed(n: int) -> Callable[[bytes], int | None]:
    return lambda _received: n


def by_count(received: bytes) -> int | None:
    """A rule that can tell only from the 4th byte on: byte 3 counts the data bytes."""
    return None if len(received) < 4 else 6 + received[3]


AA, SWITCH = 0xAA, 0x20
PAYLOAD_61 = bytes(range(61))  # with address, function and CRC: a 65-byte request
ECHO_AA = framed(5, AA, b"\x00\x01\x02\x03")  # 8 bytes


def read_answer(address: int, values: list[int]) -> bytes:
    return framed(address, 3, 2 * len(values), struct.pack(f">{len(values)}H", *values))


def make_bus(answers, **cfg) -> tuple[ModbusBus, FakeSerial]:
    fake = FakeSerial(answers)
    config = BusConfig(1, "test", "/dev/fake-raw", parity="N", **cfg)
    return ModbusBus(config, serial_factory=lambda c: fake), fake


# -- ModbusBus on a fake serial object --


def test_vendor_function_aa_request_of_65_bytes_and_its_echo():
    bus, fake = make_bus([ECHO_AA])
    assert bus.transact(5, AA, PAYLOAD_61, fixed(8)) == b"\x00\x01\x02\x03"
    assert fake.written == [framed(5, AA, PAYLOAD_61)]
    assert len(fake.written[0]) == 65
    assert bus.last_response_ms is not None


def test_a_long_aa_answer_is_not_cut_to_five_bytes():
    """The old line read any function byte with bit 7 as a 5-byte exception."""
    data = bytes(range(100, 165))
    bus, _ = make_bus([framed(5, AA, data)])
    assert bus.transact(5, AA, b"\x01", fixed(69)) == data


def test_aa_refusal_is_a_meter_exception_and_is_not_sent_again():
    bus, fake = make_bus([framed(5, AA, 1), ECHO_AA])
    with pytest.raises(MeterException) as info:
        bus.transact(5, AA, PAYLOAD_61, fixed(8))
    assert info.value.code == 1 and info.value.address == 5
    assert "exception 1" in str(info.value)
    assert len(fake.written) == 1


def test_five_aa_bytes_with_a_bad_checksum_are_a_damaged_answer_not_a_refusal():
    refusal = framed(5, AA, 1)
    bus, fake = make_bus([refusal[:-1] + bytes([refusal[-1] ^ 0xFF])])
    with pytest.raises(BadFrame, match="answer cut short"):
        bus.transact(5, AA, PAYLOAD_61, fixed(8))
    assert len(fake.written) == 1


def test_a_five_byte_answer_is_an_answer_when_the_rule_says_five():
    bus, _ = make_bus([framed(5, AA, 1)])
    assert bus.transact(5, AA, b"", fixed(5)) == b"\x01"


def test_function_20_answer():
    answer = framed(9, SWITCH, 0x03, 0x07, 0x00)  # sub-function, circuit, result
    bus, fake = make_bus([answer])
    assert bus.transact(9, SWITCH, bytes([0x03, 0x07, 0x01]), fixed(7)) == b"\x03\x07\x00"
    assert fake.written == [framed(9, SWITCH, 0x03, 0x07, 0x01)]


def test_function_20_exception_ends_the_read_at_five_bytes():
    bus, fake = make_bus([framed(9, SWITCH | 0x80, 1)])
    with pytest.raises(MeterException) as info:
        bus.transact(9, SWITCH, b"\x03\x07\x01", fixed(40))
    assert info.value.code == 1
    assert fake.reads == [3, 2]  # the head, then the exception's CRC: no wait for 40 bytes
    assert len(fake.written) == 1


def test_a_rule_that_needs_more_bytes_reads_on():
    answer = framed(5, AA, 0x10, 3, b"xyz")
    bus, _ = make_bus([answer])
    assert bus.transact(5, AA, b"", by_count) == b"\x10\x03xyz"


def test_silence_is_offline_and_sent_once():
    bus, fake = make_bus([b"", ECHO_AA])
    with pytest.raises(MeterOffline, match="meter 5 did not answer"):
        bus.transact(5, AA, PAYLOAD_61, fixed(8))
    assert len(fake.written) == 1


def test_bad_checksum_is_a_bad_frame_and_the_line_is_drained():
    tail = b"\x11\x22\x33"
    bad = ECHO_AA[:-1] + bytes([ECHO_AA[-1] ^ 0x01])
    bus, fake = make_bus([bad + tail, ECHO_AA])
    with pytest.raises(BadFrame) as info:
        bus.transact(5, AA, PAYLOAD_61, fixed(8))
    assert str(info.value) == "damaged answer from meter 5 (checksum wrong)"
    assert not fake.inbox  # the stray tail was drained
    assert len(fake.written) == 1
    assert bus.transact(5, AA, PAYLOAD_61, fixed(8)) == b"\x00\x01\x02\x03"


@pytest.mark.parametrize(
    "function, answer, rule",
    [
        (AA, ECHO_AA[:6], fixed(8)),
        (SWITCH, framed(9, SWITCH, 3, 7, 0)[:4], fixed(7)),
        (AA, framed(5, AA, 0x10, 3, b"xyz")[:7], by_count),
        (AA, bytes([5, AA]), fixed(8)),
    ],
)
def test_an_answer_cut_short_is_damage(function, answer, rule):
    address = answer[0]
    bus, fake = make_bus([answer])
    with pytest.raises(BadFrame, match="answer cut short"):
        bus.transact(address, function, b"\x01", rule)
    assert len(fake.written) == 1


def test_an_answer_to_another_function_does_not_fit():
    bus, _ = make_bus([framed(5, 0x2A, 1, 2, 3, 4)])
    with pytest.raises(BadFrame, match="does not fit the request"):
        bus.transact(5, AA, b"", fixed(8))


def test_a_read_of_48_registers_after_a_transact_on_the_same_bus():
    values = list(range(1000, 1048))

    def meter(request: bytes) -> bytes:
        return ECHO_AA if request[1] == AA else read_answer(5, values)

    bus, fake = make_bus(meter)
    assert bus.transact(5, AA, PAYLOAD_61, fixed(8)) == b"\x00\x01\x02\x03"
    assert bus.read_registers(5, 0, 48) == values
    assert fake.written[1] == framed(5, 3, 0, 0, 0, 48)
    assert fake.opened == 1


def test_another_meters_late_answer_is_skipped():
    late_read = read_answer(4, [7, 7])
    late_same = framed(4, SWITCH, 3, 1, 0)
    ours = framed(5, SWITCH, 3, 2, 0)
    bus, _ = make_bus([late_read + late_same + ours])
    assert bus.transact(5, SWITCH, b"\x03\x02\x01", fixed(7)) == b"\x03\x02\x00"
    assert bus._line.stale_frames == 2


def test_another_meters_answer_alone_names_it():
    bus, fake = make_bus([framed(4, SWITCH, 3, 1, 0)])
    with pytest.raises(BadFrame, match="answer from address 4 instead of meter 5"):
        bus.transact(5, SWITCH, b"\x03\x01\x01", fixed(7))
    assert len(fake.written) == 1


def test_a_lost_port_is_a_port_error_then_the_bus_reopens():
    bus, fake = make_bus([OSError(5, "Input/output error"), ECHO_AA])
    with pytest.raises(PortError, match="Input/output error"):
        bus.transact(5, AA, b"", fixed(8))
    assert not bus.is_open
    assert bus.transact(5, AA, b"", fixed(8)) == b"\x00\x01\x02\x03"
    assert fake.opened == 2


def test_requests_that_no_frame_can_carry_are_refused_before_sending():
    bus, fake = make_bus([])
    for address, function, payload in [
        (0, AA, b""),
        (248, AA, b""),
        (5, 0, b""),
        (5, AA, bytes(253)),
    ]:
        with pytest.raises(ValueError):
            bus.transact(address, function, payload, fixed(8))
    assert fake.written == []


# -- timing: a paced line and a real pseudo-terminal --


def paced_bus(answer: bytes) -> tuple[ModbusBus, PacedSerial, BusConfig]:
    config = BusConfig(1, "test", "/dev/fake-paced", parity="N", turnaround_ms=5)
    fake = PacedSerial(lambda _req: answer, transport.char_time_s(config), 0.005)
    return ModbusBus(config, serial_factory=lambda c: fake), fake, config


def test_a_long_paced_answer_is_read_in_a_few_wakes():
    data = bytes(range(65))
    bus, fake, config = paced_bus(framed(5, AA, data))
    started = time.monotonic()
    assert bus.transact(5, AA, PAYLOAD_61, fixed(69)) == data
    took = time.monotonic() - started
    assert fake.wakes <= 4
    wire = transport.transaction_wire_s(config, raw_frame_size(61), raw_frame_size(65))
    assert took < wire + 0.030


def test_a_paced_aa_refusal_is_told_by_its_length_within_the_answer_time():
    bus, _fake, config = paced_bus(framed(5, AA, 2))
    started = time.monotonic()
    with pytest.raises(MeterException) as info:
        bus.transact(5, AA, PAYLOAD_61, fixed(69))
    assert info.value.code == 2
    wire = transport.transaction_wire_s(config, 65, 69)
    assert time.monotonic() - started < wire + 0.2


class PtyMeter:
    """A meter on the far side of a pseudo-terminal answering hand-built frames.

    A request is what arrives before the line goes quiet for 20 ms; ``answer``
    maps it to the bytes to send back (empty: silence).
    """

    def __init__(self, answer: Callable[[bytes], bytes]) -> None:
        self.master, self.slave = pty.openpty()
        self.port = os.ttyname(self.slave)
        self.answer = answer
        self.requests: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PtyMeter:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(2)
        os.close(self.master)
        os.close(self.slave)

    def _run(self) -> None:
        buf = b""
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.02)
            if ready:
                buf += os.read(self.master, 4096)
            elif buf:
                self.requests.append(buf)
                reply = self.answer(buf)
                if reply:
                    os.write(self.master, reply)
                buf = b""


def pty_bus(port: str) -> ModbusBus:
    return ModbusBus(BusConfig(1, "pty", port, baud=9600, parity="N", timeout_ms=300))


def test_silence_on_a_real_line_is_offline_after_the_timeout_and_sent_once():
    with PtyMeter(lambda _req: b"") as meter:
        bus = pty_bus(meter.port)
        try:
            started = time.monotonic()
            with pytest.raises(MeterOffline):
                bus.transact(5, AA, PAYLOAD_61, fixed(8))
            took = time.monotonic() - started
            time.sleep(0.1)  # anything sent again would have arrived by now
        finally:
            bus.close()
    assert 0.3 <= took < 1.5
    assert meter.requests == [framed(5, AA, PAYLOAD_61)]


def test_on_a_real_line_a_refusal_an_answer_and_a_register_read():
    values = list(range(48))

    def answer(request: bytes) -> bytes:
        if request[1] == AA:
            return framed(5, AA, 1) if request[2:-2] == b"refuse" else ECHO_AA
        if request[1] == 3:
            return read_answer(5, values)
        return b""

    with PtyMeter(answer) as meter:
        bus = pty_bus(meter.port)
        try:
            with pytest.raises(MeterException) as info:
                bus.transact(5, AA, b"refuse", fixed(8))
            assert info.value.code == 1
            assert bus.transact(5, AA, PAYLOAD_61, fixed(8)) == b"\x00\x01\x02\x03"
            assert bus.read_registers(5, 0, 48) == values
        finally:
            bus.close()
    assert [r[1] for r in meter.requests] == [AA, AA, 3]


# -- LoopbackBus on a fake simulator --


class FakeSim:
    """Only what ``LoopbackBus`` uses of a ``SimBus``: ``handle(request) -> answer | None``."""

    def __init__(self, answer: bytes | None) -> None:
        self._answer = answer
        self.requests: list[bytes] = []

    def handle(self, request: bytes) -> bytes | None:
        self.requests.append(request)
        return self._answer


@pytest.mark.parametrize(
    "function, answer, rule, expected",
    [
        (AA, ECHO_AA, fixed(8), b"\x00\x01\x02\x03"),
        (AA, framed(5, AA, 1), fixed(8), MeterException),
        (AA, framed(5, AA, 1), fixed(5), b"\x01"),
        (SWITCH, framed(5, SWITCH, 3, 7, 0), fixed(7), b"\x03\x07\x00"),
        (SWITCH, framed(5, SWITCH | 0x80, 1), fixed(7), MeterException),
        (AA, None, fixed(8), MeterOffline),
        (AA, ECHO_AA[:-1] + b"\x00", fixed(8), BadFrame),
        (AA, ECHO_AA[:6], fixed(8), BadFrame),
        (AA, framed(4, AA, b"\x00\x01\x02\x03"), fixed(8), BadFrame),
        (AA, ECHO_AA, fixed(7), BadFrame),  # longer than the rule: does not fit
    ],
)
def test_loopback_transact_judges_answers_as_the_line_does(function, answer, rule, expected):
    sim = FakeSim(answer)
    bus = LoopbackBus(sim)  # type: ignore[arg-type]
    if isinstance(expected, bytes):
        assert bus.transact(5, function, b"\x03\x07\x01", rule) == expected
    else:
        with pytest.raises(expected) as info:
            bus.transact(5, function, b"\x03\x07\x01", rule)
        assert info.value.address == 5
        if expected is MeterException:
            assert info.value.code == 1
    assert sim.requests == [framed(5, function, b"\x03\x07\x01")]
