"""``main.py scan`` and ``main.py read`` against the simulator over a pty and socket://."""

from __future__ import annotations

import json
import os
import pty

import pytest

import main
from app.cli.read import fixed
from tests.sim_helpers import running_pty_sim, running_tcp_sim

FAST = ["--parity", "N", "--timeout-ms", "40", "--turnaround-ms", "0"]


def run(argv, capsys):
    code = main.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("runner", [running_pty_sim, running_tcp_sim])
def test_scan_lists_answering_addresses_with_serials(runner, master_key, capsys):
    with runner(master_key, n=3) as sim:
        sim.bus.faults.dead.add(2)
        code, out, err = run(
            ["scan", "--port", sim.port, "--from", "1", "--to", "5", *FAST], capsys
        )
        serials = {a: sim.bus.meter(a).identity.serial for a in (1, 3)}
    assert code == 0
    lines = out.strip().splitlines()
    assert [int(line.split()[0]) for line in lines] == [1, 3]
    assert serials[1] in lines[0] and serials[3] in lines[1]
    assert "scanned 5 addresses, 2 answered" in err


def test_scan_json_and_nothing_found(master_key, capsys):
    with running_pty_sim(master_key, n=2) as sim:
        code, out, _ = run(
            ["scan", "--port", sim.port, "--from", "1", "--to", "2", "--json", *FAST], capsys
        )
        assert code == 0
        found = json.loads(out)
        assert [f["serial"] for f in found] == [sim.bus.meter(a).identity.serial for a in (1, 2)]
        code, out, err = run(
            ["scan", "--port", sim.port, "--from", "10", "--to", "12", *FAST], capsys
        )
    assert code == 1 and out == "" and "0 answered" in err


def test_read_prints_exact_decimal_strings(master_key, capsys):
    with running_pty_sim(master_key, n=2) as sim:
        with sim.bus.lock:
            meter = sim.bus.meter(2)
            meter.balance = 123456
            meter.account_epoch = 4
        code, out, _ = run(["read", "--port", sim.port, "--address", "2", *FAST], capsys)
        with sim.bus.lock:
            status = sim.bus.meter(2).status()
            serial = sim.bus.meter(2).identity.serial
    assert code == 0
    data = json.loads(out)
    assert data["serial"] == serial
    assert data["balance_yuan"] == "1234.56"
    assert data["energy_total_kwh"] == fixed(status.energy_total, 2)
    assert data["purchase_count"] == status.purchase_count
    assert isinstance(data["purchase_count"], int)
    assert data["account_epoch"] == 4
    assert data["relay"] == ("open" if status.relay_open else "closed")
    assert data["voltage_a_v"] == fixed(status.voltage_a, 1)
    assert data["power_w"] == status.power
    assert data["price_yuan_per_kwh"] == fixed(status.price, 4)
    assert all(not isinstance(v, float) for v in data.values())


def test_read_over_a_gateway(master_key, capsys):
    with running_tcp_sim(master_key, n=1) as sim:
        code, out, _ = run(["read", "--port", sim.port, "--address", "1", *FAST], capsys)
    assert code == 0 and json.loads(out)["address"] == 1


def test_read_of_a_silent_meter_exits_1(master_key, capsys):
    with running_pty_sim(master_key, n=1) as sim:
        code, out, err = run(
            ["read", "--port", sim.port, "--address", "9", "--retries", "0", *FAST], capsys
        )
    assert code == 1 and out == ""
    assert "meter 9 did not answer" in err


@pytest.mark.parametrize("command", [["scan"], ["read", "--address", "1"]])
def test_port_errors_exit_2_with_a_plain_message(command, capsys):
    code, out, err = run([*command, "--port", "/dev/does-not-exist-pem"], capsys)
    assert code == 2 and out == ""
    assert err.strip() == (
        "error: cannot open /dev/does-not-exist-pem at 9600 8E1: No such file or directory"
    )
    master, slave = pty.openpty()
    try:
        code, _, err = run([*command, "--port", os.ttyname(slave), "--parity", "E"], capsys)
    finally:
        os.close(master)
        os.close(slave)
    assert code == 2
    assert "refuses the settings 9600 8E1" in err and "Traceback" not in err
    code, _, err = run([*command, "--port", "/dev/x", "--baud", "300"], capsys)
    assert code == 2 and "baud rate 300" in err


def test_fixed_decimal_strings():
    assert fixed(123456, 2) == "1234.56"
    assert fixed(-5, 2) == "-0.05"
    assert fixed(0, 2) == "0.00"
    assert fixed(2301, 1) == "230.1"
    assert fixed(6000, 4) == "0.6000"
    assert fixed(-2_147_483_648, 2) == "-21474836.48"
