"""PtyServer and TcpServer round trips, with real clients (minimalmodbus, pyserial)."""

from __future__ import annotations

import os
import socket
import threading
import time

import minimalmodbus
import pytest
import serial

from app.serial_io.profiles import DEFAULT
from app.serial_io.simulator import PtyServer, TcpServer, rtu
from tests.sim_helpers import make_sim_bus, running_pty_sim, running_tcp_sim


def _instrument(port: str, address: int) -> minimalmodbus.Instrument:
    inst = minimalmodbus.Instrument(port, address, close_port_after_each_call=True)
    inst.serial.baudrate = 9600
    inst.serial.parity = serial.PARITY_NONE
    inst.serial.timeout = 1.0
    return inst


def test_minimalmodbus_reads_status_block_over_pty(master_key):
    with running_pty_sim(master_key, n=3) as sim:
        sim.bus.meter(2).balance = 4321
        inst = _instrument(sim.port, 2)
        regs = inst.read_registers(0x0000, 40, functioncode=3)
        assert DEFAULT.decode_status(regs).balance == 4321
        assert inst.read_long(10, functioncode=3, signed=True) == 4321  # balance, high word first
        inst.serial.timeout = 0.2  # an exception answer is shorter than expected: waits it out
        with pytest.raises(minimalmodbus.IllegalRequestError):
            inst.read_registers(0x0400, 2)


def test_pty_link_and_clean_stop(master_key, tmp_path):
    link = tmp_path / "ttySIM0"
    before = threading.active_count()
    with running_pty_sim(master_key, n=1, link=link) as sim:
        assert link.is_symlink() and os.path.realpath(link) == sim.server.port
        with serial.Serial(str(link), 9600, timeout=1) as port:
            port.write(rtu.read_request(1, 0x0100, 16))
            answer = port.read(5 + 32)
        assert DEFAULT.decode_identity(rtu.parse_read_response(answer)).serial == "PEM000000001"
        master = sim.server._master
    assert not link.exists() and not link.is_symlink()
    assert threading.active_count() == before
    with pytest.raises(OSError):
        os.fstat(master)


def test_pty_request_split_over_writes(master_key):
    with running_pty_sim(master_key, n=2) as sim, serial.Serial(sim.port, timeout=1) as port:
        req = rtu.read_request(2, 0, 40)
        port.write(req[:3])
        port.flush()
        time.sleep(0.01)  # two separate writes, well inside the frame gap
        port.write(req[3:])
        answer = port.read(85)
        assert rtu.parse_read_response(answer)[11] == 10_000  # balance low word


def test_tcp_round_trip_and_two_clients(master_key):
    with running_tcp_sim(master_key, n=3) as sim:
        assert sim.port.startswith("socket://127.0.0.1:")
        port = sim.server.port
        a = socket.create_connection(("127.0.0.1", port), timeout=2)
        b = socket.create_connection(("127.0.0.1", port), timeout=2)
        with a, b:
            for conn, addr in ((a, 1), (b, 3), (a, 2)):
                conn.sendall(rtu.read_request(addr, 0, 40))
                data = b""
                while len(data) < 85:
                    data += conn.recv(100)
                assert rtu.parse_read_response(data)[11] == 10_000
        with serial.serial_for_url(sim.port, timeout=1) as url_port:
            url_port.write(rtu.read_request(1, 0x0100, 16))
            assert len(url_port.read(37)) == 37


def test_pacing_takes_the_byte_time(master_key):
    bus = make_sim_bus(master_key, addresses=[1])
    server = PtyServer(bus, baud=9600, parity="E", pace=True, turnaround_ms=20)
    server.start()
    try:
        with serial.Serial(server.port, timeout=2) as port:
            t0 = time.monotonic()
            port.write(rtu.read_request(1, 0, 40))
            answer = port.read(85)
            elapsed = time.monotonic() - t0
        assert len(answer) == 85
        assert elapsed >= 0.020 + 85 * 11 / 9600 - 0.005  # turnaround + 97 ms of bytes
        assert elapsed < 1.0
    finally:
        server.stop()


def test_tcp_stop_closes_clients(master_key):
    bus = make_sim_bus(master_key, addresses=[1])
    server = TcpServer(bus)
    server.start()
    conn = socket.create_connection(("127.0.0.1", server.port), timeout=2)
    server.stop()
    with conn:
        conn.settimeout(2)
        try:
            assert conn.recv(10) == b""
        except ConnectionResetError:
            pass
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=0.5)


def test_late_answer_over_the_pty_arrives_after_its_delay(master_key):
    with (
        running_pty_sim(master_key, n=1, faults="late=1@150") as sim,
        serial.Serial(sim.port, timeout=0.1) as port,
    ):
        port.write(rtu.read_request(1, 0, 40))
        assert port.read(85) == b""  # nothing within 100 ms
        port.timeout = 2
        assert rtu.crc_ok(port.read(85))


def test_crc_fault_reaches_a_real_client_as_an_error(master_key):
    with (
        running_pty_sim(master_key, n=1, faults="crc=1") as sim,
        pytest.raises(minimalmodbus.InvalidResponseError),
    ):
        _instrument(sim.port, 1).read_registers(0, 40)
