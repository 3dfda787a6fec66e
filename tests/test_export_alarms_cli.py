"""``main.py export alarms --from D --to D --out F.xlsx`` as a script sees it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from app.models import close_database
from tests.alarm_helpers import make_alarm_site

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def site_dir(database, tmp_path) -> Path:
    make_alarm_site()
    close_database()  # the command opens it itself
    return tmp_path


def export(site_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "main.py", "export", *args, "--data-dir", str(site_dir)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_export_alarms_writes_the_period(site_dir, tmp_path):
    out = tmp_path / "alarms.xlsx"
    proc = export(site_dir, "alarms", "--from", "2026-03-04", "--to", "2026-03-05",
                  "--out", str(out))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"4 alarms written to {out}"
    ws = openpyxl.load_workbook(out).active
    assert ws["B3"].value == "2026-03-04 – 2026-03-05"
    kinds = [(r[0].value, r[4].value) for r in ws.iter_rows(min_row=7)]
    # newest first; the modem is the site's: no meter
    assert kinds == [(None, "GSM modem"), ("M003", "Overload trip"), ("M002", "Cover open"),
                     ("M001", "Alarm 1")]  # fmt: skip


def test_bad_arguments_and_files_exit_2_with_a_sentence(site_dir, tmp_path):
    out = str(tmp_path / "a.xlsx")
    proc = export(site_dir, "alarms", "--out", out)
    assert proc.returncode == 2 and "alarms needs the period" in proc.stderr
    proc = export(site_dir, "alarms", "--from", "2026-3-1x", "--to", "2026-03-05", "--out", out)
    assert proc.returncode == 2 and "expected a date as YYYY-MM-DD, not '2026-3-1x'" in proc.stderr
    proc = export(site_dir, "alarms", "--from", "2026-03-05", "--to", "2026-03-01", "--out", out)
    assert proc.returncode == 2
    assert "the period ends (2026-03-01) before it starts (2026-03-05)" in proc.stderr
    proc = export(site_dir, "alarms", "--from", "2026-03-01", "--to", "2026-03-05",
                  "--out", str(tmp_path / "no" / "a.xlsx"))  # fmt: skip
    assert proc.returncode == 2 and "cannot write" in proc.stderr
    proc = export(tmp_path / "nothing-here", "alarms", "--from", "2026-03-01", "--to",
                  "2026-03-05", "--out", out)  # fmt: skip
    assert proc.returncode == 2 and proc.stderr.startswith("export: ")
    assert not Path(out).exists()
    proc = subprocess.run([sys.executable, "main.py", "export", "--help"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert proc.returncode == 0 and "--from YYYY-MM-DD" in proc.stdout and "alarms" in proc.stdout
