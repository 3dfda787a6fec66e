"""A third-party Modbus master (mbpoll) and ``read --profile acrel-ddsy1352`` agree on a
DDSY1352 personality's status block, and both show the values the simulator was given."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys

from tests.serial_io.test_sim_cli import ROOT, start_sim

SITE = [
    {
        "addresses": "2",
        "profile": "acrel-ddsy1352",
        "phases": 1,
        "balance": 12345,
        "purchase_count": 6,
        "serials": ["000012345678"],
        "load": {"kind": "constant", "base_w": 1500},
    }
]


def mbpoll_registers(port: str, address: int, start: int, count: int) -> list[int]:
    out = subprocess.run(
        ["mbpoll", "-m", "rtu", "-a", str(address), "-0", "-r", str(start), "-c", str(count),
         "-t", "4", "-b", "9600", "-P", "none", "-o", "2", "-1", port],
        capture_output=True, text=True, timeout=20,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr
    values = dict(re.findall(r"^\[(\d+)\]:\s+(-?\d+)", out.stdout, re.MULTILINE))
    regs = [int(values[str(start + i)]) for i in range(count)]
    return [r & 0xFFFF for r in regs]  # mbpoll prints 16-bit registers signed


def test_mbpoll_and_read_agree_on_the_ddsy1352_status_block(tmp_path):
    assert shutil.which("mbpoll"), "mbpoll is missing: make install runs scripts/system-deps.sh"
    site = tmp_path / "site.json"
    site.write_text(json.dumps(SITE), encoding="utf-8")
    key = tmp_path / "master.key"
    proc, port = start_sim("--site", str(site), "--key-file", str(key), "--speed", "0")
    try:
        theirs = mbpoll_registers(port, 2, 0x0200, 48)
        out = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "read", "--port", port, "--address", "2",
             "--profile", "acrel-ddsy1352", "--raw"],
            capture_output=True, text=True, timeout=30, cwd=ROOT,
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        ours = json.loads(out.stdout)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(10)
    assert ours["raw_registers"]["0x0200"] == theirs  # the same 48 registers
    # ... and the decoded values are those registers as PROFILES.md reads them
    assert theirs[0] == 7 and ours["model"] == 7  # DDSY1352
    assert (theirs[0x1F] << 16 | theirs[0x20]) == 12345 and ours["balance_yuan"] == "123.45"
    assert theirs[0x21] == 6 and ours["purchase_count"] == 6
    assert ours["voltage_a_v"] == f"{theirs[1] // 10}.{theirs[1] % 10}"
    assert ours["serial"] == "000012345678" and ours["profile"] == "acrel-ddsy1352"
    relay_closed = bool(theirs[0x24] >> 8 & 0x20)  # high byte bit 5: L1 closed
    assert relay_closed and ours["relay"] == "closed"
