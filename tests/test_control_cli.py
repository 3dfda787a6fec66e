"""``main.py control`` and ``main.py export readings`` on a demo site, as a script sees them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from app.cli.control import parse_meters
from app.errors import PemError
from app.paths import SitePaths
from app.services.demo_site import create_demo_site

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("control-demo")
    create_demo_site(SitePaths(folder), transport="tcp", history=False)
    return folder


@pytest.fixture
def demo(demo_template, tmp_path) -> Path:
    folder = tmp_path / "site"
    shutil.copytree(demo_template, folder)
    return folder


def control(demo: Path, *args: str, password: str = "maint-demo-1", operator="maint"):
    proc = subprocess.run(
        [sys.executable, "main.py", "control", *args, "--data-dir", str(demo),
         "--operator", operator, "--timeout", "120"],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
        env={"PATH": "/usr/bin:/bin", "PEM_PASSWORD": password, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return proc.returncode, lines, proc.stderr


def test_meter_ranges_expand_with_their_padding():
    assert parse_meters("M001,M005-M007, M010") == ["M001", "M005", "M006", "M007", "M010"]
    assert parse_meters("A9-A11") == ["A9", "A10", "A11"]
    for bad in ("M005-M001", "M001-N003", "M-M3"):
        with pytest.raises(PemError, match="not a meter range"):
            parse_meters(bad)


def test_a_dead_meter_and_one_that_cannot_fail_the_others_are_confirmed(demo):
    code, lines, err = control(demo, "trip", "--meters", "M066,M080-M082")
    assert code == 1, err
    head, per_meter = lines[0], {line["meter"]: line for line in lines[1:]}
    assert head["command"] == "trip" and head["meters"] == 4 and head["can"] == 3
    assert any("cannot do remote trip and close" in w for w in head["warnings"])
    assert set(per_meter) == {"M066", "M080", "M081", "M082"}
    for number in ("M080", "M082"):
        assert per_meter[number]["ok"] is True
        assert per_meter[number]["verified"] == "confirmed: the relay is open (no power)"
    assert per_meter["M081"]["ok"] is False and per_meter["M081"]["state"] == "failed"
    assert "cannot do" in per_meter["M066"]["error"]
    code, lines, err = control(demo, "close", "--meters", "M080,M082")
    assert code == 0, err
    assert [line["state"] for line in lines[1:]] == ["ok", "ok"]


def test_bad_arguments_exit_2_and_a_cashier_exits_1(demo):
    code, lines, _ = control(demo, "trip", "--meters", "M999")
    assert code == 2 and "no meter numbered M999" in lines[0]["error"]
    code, lines, _ = control(demo, "trip", "--meters", "M5-M1")
    assert code == 2 and "not a meter range" in lines[0]["error"]
    code, lines, _ = control(
        demo, "trip", "--meters", "M080", operator="cashier", password="cashier-demo-1"
    )
    assert code == 1 and "may not do this" in lines[0]["error"]
    code, lines, _ = control(demo.parent / "nothing-here", "trip", "--meters", "M080")
    assert code == 2


def test_export_readings_writes_every_meter(demo, tmp_path):
    out = tmp_path / "r.xlsx"
    proc = subprocess.run(
        [sys.executable, "main.py", "export", "readings", "--out", str(out),
         "--data-dir", str(demo)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    ws = openpyxl.load_workbook(out).active
    numbers = [r[0].value for r in ws.iter_rows(min_row=6) if r[0].value]
    assert len(numbers) == int(proc.stdout.split()[0]) and numbers[0] == "M001"
    bad = subprocess.run(
        [sys.executable, "main.py", "export", "readings", "--out", str(tmp_path / "x" / "y.xlsx"),
         "--data-dir", str(demo)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert bad.returncode == 2 and "cannot write" in bad.stderr
