"""``main.py simulate`` as a subprocess: first line, clean stop, kill -9, bad arguments."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import minimalmodbus
import pytest
import serial

from app.errors import MeterException
from app.serial_io.events import MeterRef
from app.serial_io.profiles import DEFAULT
from app.serial_io.security import derive_meter_keys, load_or_create_master_key

ROOT = Path(__file__).resolve().parents[2]


def start_sim(*args: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "simulate", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    ready, _, _ = select.select([proc.stdout], [], [], 20)
    if not ready:
        proc.kill()
        pytest.fail("the simulator printed no port within 20 s")
    return proc, proc.stdout.readline().strip()


class ModbusWire:
    """The profile's RegisterBus over minimalmodbus (what a real tool would do)."""

    def __init__(self, port: str) -> None:
        self.port = port

    def _inst(self, address: int) -> minimalmodbus.Instrument:
        inst = minimalmodbus.Instrument(self.port, address, close_port_after_each_call=True)
        inst.serial.parity = serial.PARITY_NONE
        inst.serial.timeout = 1.0
        return inst

    def read_registers(self, address: int, start: int, count: int) -> list[int]:
        return self._inst(address).read_registers(start, count)

    def write_registers(self, address: int, start: int, values: list[int]) -> None:
        try:
            self._inst(address).write_registers(start, values)
        except minimalmodbus.SlaveReportedException as exc:
            raise MeterException(str(exc), 4, address) from exc


def test_first_line_is_the_pty_and_sigterm_saves_state(tmp_path):
    key, state = tmp_path / "master.key", tmp_path / "sim.json"
    proc, port = start_sim("--meters", "1-3", "--key-file", str(key), "--state", str(state))
    try:
        assert port.startswith("/dev/pts/")
        status = DEFAULT.read_status(ModbusWire(port), 3)
        assert status.purchase_count >= 0 and not status.cover_open
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 0
    assert state.exists() and key.exists()


def test_a_credit_survives_kill_9(tmp_path):
    key, state = tmp_path / "master.key", tmp_path / "sim.json"
    args = ("--meters", "5", "--key-file", str(key), "--state", str(state), "--speed", "0")
    proc, port = start_sim(*args)
    try:
        wire = ModbusWire(port)
        before = DEFAULT.read_status(wire, 5)
        serial_no = DEFAULT.read_identity(wire, 5).serial
        keys = derive_meter_keys(load_or_create_master_key(key), serial_no)
        count = (before.purchase_count + 1) % 65536
        DEFAULT.credit(wire, MeterRef(0, 5, serial_no), keys, 777, next_count=count, fresh=before)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    proc, port = start_sim(*args)
    try:
        after = DEFAULT.read_status(ModbusWire(port), 5)
        assert after.balance == before.balance + 777
        assert after.purchase_count == count
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(10) == 0


def test_tcp_first_line_and_link(tmp_path):
    proc, port = start_sim("--meters", "1", "--key-file", str(tmp_path / "k"), "--tcp", "0")
    try:
        assert port.startswith("socket://127.0.0.1:") and int(port.rsplit(":", 1)[1]) > 0
    finally:
        proc.terminate()
        assert proc.wait(10) == 0
    link = tmp_path / "ttySIM"
    proc, port = start_sim("--meters", "1", "--key-file", str(tmp_path / "k"), "--link", str(link))
    try:
        assert port == str(link) and link.is_symlink()
    finally:
        proc.terminate()
        assert proc.wait(10) == 0
    assert not link.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--meters", "5-2"], "5-2"),
        (["--meters", "1-300"], "1-247"),
        (["--faults", "lost=3"], "lost"),
        (["--faults", "bogus=1"], "bogus"),
        (["--tcp", "70000"], "--tcp"),
        (["--speed", "-1"], "--speed"),
        (["--speed", "NaN"], "--speed"),
        (["--speed", "1e308"], "--speed"),
        (["--start", "NaN"], "--start"),
        (["--start", "1e20"], "--start"),
        (["--faults", "reboot=1@NaN"], "reboot"),
        (["--parity", "X"], "parity"),
        (["--site", "/nonexistent/site.json"], "site file"),
    ],
)
def test_bad_arguments_exit_2_with_a_clear_message(tmp_path, args, message):
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "simulate", "--key-file", str(tmp_path / "k"),
         *args],
        cwd=ROOT, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_help():
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "simulate", "--help"],
        cwd=ROOT, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 0 and "--faults" in done.stdout


def test_parse_start():
    from datetime import datetime

    from app.cli.simulate import parse_start
    from app.errors import ValidationError

    assert parse_start(None) is None
    assert parse_start("1767225600") == 1767225600
    assert parse_start("2026-03-01T08:00") == datetime(2026, 3, 1, 8, 0).timestamp()
    assert parse_start("2026-03-01T08:00+00:00") == 1772352000
    with pytest.raises(ValidationError):
        parse_start("yesterday")
