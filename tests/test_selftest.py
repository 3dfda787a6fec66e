"""``main.py --selftest``: the packaged program's own end-to-end check, run as a user would."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_selftest_polls_sells_refunds_reverses_and_verifies():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--selftest"],
        capture_output=True, text=True, timeout=180, cwd=ROOT, env=env,
    )  # fmt: skip
    lines = out.stdout.strip().splitlines()
    assert out.returncode == 0, out.stdout + out.stderr
    assert len(lines) == 1 and lines[0].startswith("SELFTEST OK:")
    assert "polled 99/99" in lines[0] and "online 96" in lines[0]
    assert "sale+refund+correction confirmed" in lines[0]
