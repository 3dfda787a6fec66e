"""ModbusBus against a fake serial port that answers recorded frames."""

from __future__ import annotations

import logging
import os
import pty
import struct
import termios
import time

import minimalmodbus
import pytest

from app.errors import BadFrame, ConfigError, MeterException, MeterOffline, PortError
from app.serial_io import transport
from app.serial_io.events import BusConfig
from app.serial_io.transport import ModbusBus


def crc(frame: bytes) -> bytes:
    return minimalmodbus._calculate_crc(frame)


def with_crc(frame: bytes) -> bytes:
    return frame + crc(frame)


def read_answer(address: int, values: list[int]) -> bytes:
    body = bytes([address, 3, 2 * len(values)]) + struct.pack(f">{len(values)}H", *values)
    return with_crc(body)


class FakeSerial:
    """Serial-like: each write is answered by ``answers`` (a callable or a queue)."""

    def __init__(self, answers=None) -> None:
        self.answers = answers
        self.is_open = False
        self._timeout = 0.1
        self.written: list[bytes] = []
        self.inbox = bytearray()
        self.reads: list[int] = []
        self.flushes = 0
        self.opened = 0

    def open(self) -> None:
        self.is_open = True
        self.opened += 1

    def close(self) -> None:
        self.is_open = False

    def write(self, data: bytes) -> int:
        if not self.is_open:
            raise OSError("port closed")
        self.written.append(bytes(data))
        answer = self.answers(bytes(data)) if callable(self.answers) else self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        self.inbox += answer
        return len(data)

    def read(self, size: int) -> bytes:
        self.reads.append(size)
        out = bytes(self.inbox[:size])
        del self.inbox[:size]
        return out

    def reset_input_buffer(self) -> None:
        self.flushes += 1
        self.inbox.clear()

    def reset_output_buffer(self) -> None:
        pass

    def flush(self) -> None:
        pass


def make_bus(answers, **cfg) -> tuple[ModbusBus, FakeSerial]:
    fake = FakeSerial(answers)
    config = BusConfig(1, "test", "/dev/fake", parity="N", **cfg)
    return ModbusBus(config, serial_factory=lambda c: fake), fake


def test_good_answer_and_request_frame():
    bus, fake = make_bus([read_answer(7, [1, 2, 0xFFFF])])
    assert bus.read_registers(7, 0x0100, 3) == [1, 2, 0xFFFF]
    assert fake.written == [with_crc(bytes([7, 3, 0x01, 0x00, 0, 3]))]
    assert bus.last_response_ms is not None


def test_write_registers_answer():
    echo = with_crc(bytes([9, 16, 0x03, 0x00, 0, 2]))
    bus, fake = make_bus([echo])
    bus.write_registers(9, 0x0300, [0x1234, 0x5678])
    assert fake.written[0][:7] == bytes([9, 16, 3, 0, 0, 2, 4])


@pytest.mark.parametrize(
    "answer, error, words, tries",
    [
        (b"", MeterOffline, "did not answer", 1),  # no answer: not asked again
        (read_answer(7, [1, 2])[:-1] + b"\x00", BadFrame, "(checksum wrong)", 3),
        (read_answer(8, [1, 2]), BadFrame, "answer from address 8", 1),  # another meter
        (read_answer(7, [1, 2])[:5], BadFrame, "(answer cut short)", 3),
        (bytes([0x55, 0xAA, 0x13, 0x37, 0x00, 0xFF, 0x10]), BadFrame, "(checksum wrong)", 3),
        (read_answer(7, [1]), BadFrame, "(the answer does not fit the request)", 3),
        (with_crc(bytes([7, 4, 4, 0, 1, 0, 2])), BadFrame, "does not fit the request", 3),
    ],
)
def test_bad_answers_map_to_errors(answer, error, words, tries):
    bus, fake = make_bus([answer] * tries + [read_answer(7, [5, 6])])
    with pytest.raises(error) as info:
        bus.read_registers(7, 0, 2)
    assert info.value.address == 7
    assert words in str(info.value)
    assert "b'" not in str(info.value) and "\\x" not in str(info.value)  # no raw bytes
    assert len(fake.written) == tries
    # The bus stays usable and the next transaction is clean.
    assert bus.read_registers(7, 0, 2) == [5, 6]


def test_damaged_read_answers_are_read_again():
    """Two damaged answers, then a good one: the read succeeds (issue #6, finding 8)."""
    bad_crc = read_answer(7, [1, 2])[:-1] + b"\x00"
    bus, fake = make_bus([bad_crc, read_answer(7, [1, 2])[:4], read_answer(7, [3, 4])])
    assert bus.read_registers(7, 0, 2) == [3, 4]
    assert len(fake.written) == 3 and len(set(fake.written)) == 1
    assert bus.read_retries == 2


def test_read_retries_stop_at_the_time_budget():
    times = iter([0.0, transport.READ_RETRY_BUDGET_S * 0.6])
    bad_crc = read_answer(7, [1, 2])[:-1] + b"\x00"
    bus, fake = make_bus([bad_crc] * 3)
    bus._clock = lambda: next(times, 99.0)
    with pytest.raises(BadFrame):
        bus.read_registers(7, 0, 2)
    assert len(fake.written) == 1  # a second try as long as the first would overrun


@pytest.mark.parametrize(
    "answer",
    [
        with_crc(bytes([9, 16, 0x03, 0x00, 0, 2]))[:-1] + b"\x00",  # checksum wrong
        with_crc(bytes([9, 16, 0x03, 0x00, 0, 2]))[:4],  # cut short
        b"",  # no answer
    ],
)
def test_a_write_is_sent_exactly_once(answer):
    echo = with_crc(bytes([9, 16, 0x03, 0x00, 0, 2]))
    bus, fake = make_bus([answer, echo, echo])
    with pytest.raises((BadFrame, MeterOffline)):
        bus.write_registers(9, 0x0300, [0x1234, 0x5678])
    assert len(fake.written) == 1


@pytest.mark.parametrize("code", [1, 2, 3, 4, 5, 6, 11])
def test_exception_reply_gives_code_and_ends_read_early(code):
    bus, fake = make_bus([with_crc(bytes([7, 0x83, code]))])
    with pytest.raises(MeterException) as info:
        bus.read_registers(7, 0, 40)
    assert info.value.code == code
    # Header, then only the exception's two CRC bytes: no wait for 85 bytes.
    assert fake.reads == [3, 2]


def test_exception_reply_to_write():
    bus, _ = make_bus([with_crc(bytes([7, 0x90, 4]))])
    with pytest.raises(MeterException) as info:
        bus.write_registers(7, 0x0300, [1, 2, 3])
    assert info.value.code == 4


def test_stale_input_is_flushed_before_each_request():
    late = read_answer(7, [99, 99])

    def answer(request: bytes) -> bytes:
        return read_answer(7, [1, 2])

    bus, fake = make_bus(answer)
    bus.open()
    fake.inbox += late  # a late answer to an earlier request sits in the buffer
    assert bus.read_registers(7, 0, 2) == [1, 2]
    assert fake.flushes >= 1


def test_stray_bytes_after_bad_frame_are_drained(caplog):
    tail = b"\x01\x02\x03\x04"

    echo = with_crc(bytes([7, 16, 0, 0, 0, 1]))
    answers = [echo[:-1] + b"\x00" + tail, read_answer(7, [3, 4])]
    bus, fake = make_bus(answers)
    with (
        caplog.at_level(logging.DEBUG, logger="app.serial_io.transport"),
        pytest.raises(BadFrame) as info,
    ):
        bus.write_registers(7, 0, [1])
    assert str(info.value) == "damaged answer from meter 7 (checksum wrong)"
    assert "4 stray bytes" in caplog.text  # details and raw bytes: debug log only
    assert echo[:-1].hex(" ") in caplog.text
    assert not fake.inbox


def test_lost_connection_is_port_error_then_reopens():
    answers = [OSError(32, "Broken pipe"), read_answer(3, [42])]
    bus, fake = make_bus(answers)
    with pytest.raises(PortError, match="Broken pipe"):
        bus.read_registers(3, 0, 1)
    assert not bus.is_open
    assert bus.read_registers(3, 0, 1) == [42]
    assert fake.opened == 2


def test_timeouts_come_from_baud_and_turnaround():
    config = BusConfig(1, "b", "/dev/x", baud=9600, parity="E", turnaround_ms=20)
    assert transport.bits_per_char(config) == 11
    char = 11 / 9600
    wire = transport.transaction_wire_s(config, 8, 85)
    assert wire == pytest.approx(93 * char + 0.020 + 7 * char)
    bus, _fake = make_bus([read_answer(1, [0] * 40)], baud=9600, turnaround_ms=20)
    bus.read_registers(1, 0, 40)
    line = bus._line
    first = line._request_len * line._char_s + line._first_s
    assert 0.020 < first < 0.020 + 8 * char + 3 * char + 0.1
    fixed, _ = make_bus([], timeout_ms=500)
    fixed.open()
    assert fixed._line.timeout == pytest.approx(0.5)


@pytest.mark.parametrize(
    "changes, text",
    [
        ({"baud": 1200}, "baud rate 1200"),
        ({"baud": 230400}, "baud rate 230400"),
        ({"parity": "M"}, "parity"),
        ({"stopbits": 3}, "stop bits"),
        ({"port": ""}, "no serial port"),
    ],
)
def test_bad_settings_are_refused(changes, text):
    config = BusConfig(**{"bus_id": 1, "name": "b", "port": "/dev/x", **changes})
    with pytest.raises(ConfigError, match=text):
        ModbusBus(config)


def test_addresses_outside_modbus_range_are_refused():
    bus, _ = make_bus([])
    for address in (0, 248):
        with pytest.raises(ValueError):
            bus.read_registers(address, 0, 1)


def test_missing_device_is_a_plain_port_error():
    bus = ModbusBus(BusConfig(1, "b", "/dev/does-not-exist-pem"))
    with pytest.raises(PortError) as info:
        bus.read_registers(1, 0, 1)
    assert str(info.value) == (
        "cannot open /dev/does-not-exist-pem at 9600 8E1: No such file or directory"
    )


def test_refused_gateway_is_a_plain_port_error():
    bus = ModbusBus(BusConfig(1, "b", "socket://127.0.0.1:1", parity="N"))
    with pytest.raises(PortError, match="Connection refused"):
        bus.open()


def test_even_parity_on_a_pty_is_a_clear_port_error():
    master, slave = pty.openpty()
    try:
        bus = ModbusBus(BusConfig(1, "b", os.ttyname(slave), parity="E"))
        with pytest.raises(PortError) as info:
            bus.open()
        assert "refuses the settings 9600 8E1" in str(info.value)
        assert "parity N" in str(info.value)
        assert not bus.is_open
        ok = ModbusBus(BusConfig(1, "b", os.ttyname(slave), parity="N"))
        ok.open()
        ok.close()
    finally:
        os.close(master)
        os.close(slave)


def test_tcsetattr_einval_is_a_clear_port_error():
    """Where the kernel refuses even parity with EINVAL instead of dropping it."""

    class Refusing(FakeSerial):
        def open(self) -> None:
            raise termios.error(22, "Invalid argument")

    config = BusConfig(1, "b", "/dev/pts/99", parity="E")
    bus = ModbusBus(config, serial_factory=lambda c: Refusing())
    with pytest.raises(PortError) as info:
        bus.open()
    assert str(info.value).startswith(
        "/dev/pts/99 refuses the settings 9600 8E1 (Invalid argument)"
    )


def test_late_answer_of_another_meter_is_skipped():
    late = read_answer(4, [7, 7])
    bus, _fake = make_bus([late + read_answer(5, [1, 2])])
    assert bus.read_registers(5, 0, 2) == [1, 2]
    assert bus._line.stale_frames == 1


def test_wrong_address_alone_is_a_bad_frame_naming_it():
    bus, _ = make_bus([read_answer(4, [7, 7])])
    with pytest.raises(BadFrame, match="answer from address 4 instead of meter 5"):
        bus.read_registers(5, 0, 2)


def test_a_device_port_is_opened_exclusively(tmp_path):
    """Issue #6: two processes must never drive one RS485 line; the second open is refused."""
    import os

    from app.errors import PortError
    from app.serial_io.events import BusConfig
    from app.serial_io.transport import ModbusBus

    master, slave = os.openpty()
    try:
        port = os.ttyname(slave)
        first = ModbusBus(BusConfig(1, "b", port, parity="N"))
        first.open()
        try:
            second = ModbusBus(BusConfig(2, "b2", port, parity="N"))
            with pytest.raises(PortError):
                second.open()
        finally:
            first.close()
        again = ModbusBus(BusConfig(3, "b3", port, parity="N"))
        again.open()  # free again once the owner closed it
        again.close()
    finally:
        os.close(master)
        os.close(slave)


class PacedSerial(FakeSerial):
    """An answer arriving byte by byte at the line's byte rate, read like pyserial reads.

    ``read(n)`` blocks until n bytes or its timeout, waking whenever bytes came
    in (pyserial's select-and-recv loop); ``wakes`` counts those wake-ups.
    """

    def __init__(self, answers, char_s: float, turnaround_s: float) -> None:
        super().__init__(answers)
        self.char_s, self.turnaround_s = char_s, turnaround_s
        self.wakes = 0
        self._due: list[float] = []

    def write(self, data: bytes) -> int:
        super().write(data)
        start = time.monotonic() + len(data) * self.char_s + self.turnaround_s
        self._due = [start + (i + 1) * self.char_s for i in range(len(self.inbox))]
        return len(data)

    def _arrived(self) -> int:
        now = time.monotonic()
        return sum(1 for t in self._due[: len(self.inbox)] if t <= now)

    def read(self, size: int) -> bytes:
        self.reads.append(size)
        deadline = time.monotonic() + self._timeout
        out = bytearray()
        while len(out) < size:
            n = min(self._arrived(), size - len(out))
            if n:
                self.wakes += 1
                out += self.inbox[:n]
                del self.inbox[:n], self._due[:n]
                continue
            left = deadline - time.monotonic()
            if left <= 0 or not self.inbox:
                break
            time.sleep(min(left, max(self._due[0] - time.monotonic(), 0)))
        return bytes(out)


def test_a_paced_answer_is_read_in_a_few_wakes():
    """85 bytes at 9600 baud: the rest is waited for and read at once (issue #9, item 2)."""
    config = BusConfig(1, "test", "/dev/fake", parity="N", turnaround_ms=5)
    values = list(range(40))
    fake = PacedSerial(lambda _req: read_answer(7, values), transport.char_time_s(config), 0.005)
    bus = ModbusBus(config, serial_factory=lambda c: fake)
    started = time.monotonic()
    assert bus.read_registers(7, 0, 40) == values
    took = time.monotonic() - started
    assert fake.wakes <= 4  # it was one per byte: 85
    assert took < transport.transaction_wire_s(config, 8, 85) + 0.030  # no waiting beyond


def test_a_late_answer_on_a_paced_line_is_still_skipped():
    """Another meter's late answer arriving first, then ours: skipped, ours read whole."""
    config = BusConfig(1, "test", "/dev/fake", parity="N", turnaround_ms=5)
    late, ours = read_answer(4, [7, 7]), read_answer(5, [1, 2])
    fake = PacedSerial(lambda _req: late + ours, transport.char_time_s(config), 0.005)
    bus = ModbusBus(config, serial_factory=lambda c: fake)
    assert bus.read_registers(5, 0, 2) == [1, 2]
    assert bus._line.stale_frames == 1 and fake.wakes <= 8
