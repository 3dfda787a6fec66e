"""RTU framing: CRC, incremental parsing, resynchronisation, responses."""

from __future__ import annotations

from app.serial_io.simulator import rtu
from tests.sim_helpers import make_sim_bus


def test_crc_known_vector():
    frame = rtu.read_request(1, 0, 10)
    assert frame == bytes.fromhex("01030000000AC5CD")
    assert rtu.crc_ok(frame)
    assert not rtu.crc_ok(frame[:-1] + b"\x00")


def test_parser_accepts_a_request_byte_by_byte():
    parser = rtu.RequestParser()
    frame = rtu.read_request(7, 0x100, 16)
    out = []
    for b in frame:
        out += parser.feed(bytes([b]))
    assert out == [rtu.Request(7, 3, 0x100, 16)]
    assert parser.pending == 0


def test_parser_splits_two_requests_in_one_read_and_write_request():
    parser = rtu.RequestParser()
    write = rtu.write_request(3, 0x300, [1, 2, 3])
    out = parser.feed(rtu.read_request(2, 0, 40) + write[:5])
    assert [r.address for r in out] == [2]
    out = parser.feed(write[5:])
    assert out == [rtu.Request(3, 16, 0x300, 3, (1, 2, 3))]


def test_parser_drops_bad_crc_and_resyncs_on_the_next_request():
    parser = rtu.RequestParser()
    bad = bytearray(rtu.read_request(1, 0, 40))
    bad[4] ^= 0x40
    out = parser.feed(b"\xff\x00\x13" + bytes(bad) + rtu.read_request(5, 0, 40))
    assert out == [rtu.Request(5, 3, 0, 40)]
    assert parser.dropped > 0


def test_parser_reset_forgets_a_partial_frame():
    parser = rtu.RequestParser()
    parser.feed(rtu.read_request(1, 0, 40)[:5])
    parser.reset()
    assert parser.feed(rtu.read_request(2, 0, 40)) == [rtu.Request(2, 3, 0, 40)]


def test_write_with_inconsistent_byte_count_is_illegal_value(master_key):
    bus = make_sim_bus(master_key, addresses=[1])
    body = bytes([1, 0x10, 0x03, 0x00, 0x00, 0x02, 0x02, 0xAB, 0xCD])  # 2 regs, 2 bytes
    answer = bus.handle(rtu.with_crc(body))
    assert answer == rtu.exception_response(1, 0x10, rtu.ILLEGAL_VALUE)


def test_read_count_limits(master_key):
    bus = make_sim_bus(master_key, addresses=[1])
    assert bus.handle(rtu.read_request(1, 0, 0)) == rtu.exception_response(1, 3, 3)
    assert bus.handle(rtu.read_request(1, 0, 126)) == rtu.exception_response(1, 3, 3)
    assert bus.handle(rtu.read_request(1, 0x0230, 1)) == rtu.exception_response(1, 3, 2)
    assert bus.handle(rtu.read_request(1, 0x0300, 2)) == rtu.exception_response(1, 3, 2)
    regs = rtu.parse_read_response(bus.handle(rtu.read_request(1, 33, 7)))
    assert regs == [0] * 7  # reserved registers read as 0


def test_truncated_or_garbage_frames_are_silent(master_key):
    bus = make_sim_bus(master_key, addresses=[1])
    assert bus.handle(rtu.read_request(1, 0, 40)[:-1]) is None
    assert bus.handle(b"") is None
    assert bus.handle(b"\x01\x03") is None
