"""Issue #6 finding 5: ``sell`` never says "not sold" for a sale that may have gone through.

Once a ledger entry exists, every exit path prints its id and state with the
documented exit code 3 ("do not sell again"); bad timeouts are refused before
anything is written.
"""

from __future__ import annotations

import json
import signal

import pytest

from app.models import LedgerEntry, close_database, open_database
from tests.site_procs import main_py, make_site
from tests.waiting import wait_for

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("timeout", ["0", "-1", "NaN", "0.001", "inf", "1e20", "ten"])
def test_bad_timeouts_are_refused_before_anything_is_written(tmp_path, timeout):
    proc = main_py(
        "sell", "--data-dir", str(tmp_path / "nowhere"), "--meter", "M001", "--amount", "1.00",
        "--payment", "cash", "--operator", "admin", "--timeout", timeout,
    )  # fmt: skip
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 2
    assert "--timeout" in err and "Traceback" not in err
    assert not (tmp_path / "nowhere").exists()  # nothing created, nothing written


@pytest.fixture
def site(tmp_path, master_key):
    real = make_site(tmp_path, master_key)
    yield real
    real.stop()
    close_database()


def _paused_sell(real, tmp_path, *extra):
    mark = tmp_path / "paused"
    proc = main_py(
        "sell", "--data-dir", str(real.data_dir), "--meter", "M001", "--amount", "7.00",
        "--payment", "cash", "--operator", "admin", *extra,
        env={"PEM_TEST_PAUSE": "after_pending", "PEM_TEST_PAUSE_MARK": str(mark)},
    )  # fmt: skip
    wait_for(mark.exists, timeout=30, what="the sale to write its pending entry")
    return proc


def _pending_entry_id(real) -> int:
    open_database(real.data_dir / "site.db")
    try:
        return LedgerEntry.select().order_by(LedgerEntry.id.desc()).get().id
    finally:
        close_database()


def test_ctrl_c_after_pending_prints_the_entry_and_exits_3(site, tmp_path):
    proc = _paused_sell(site, tmp_path)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 3, (out, err)
    payload = json.loads(out)
    assert payload["entry"] == _pending_entry_id(site)
    assert payload["state"] == "pending" and "do not sell again" in payload["error"]
    assert "Traceback" not in err


def test_timeout_after_pending_prints_the_entry_and_exits_3(site, tmp_path):
    proc = _paused_sell(site, tmp_path, "--timeout", "2")
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 3, (out, err)
    payload = json.loads(out)
    assert payload["entry"] == _pending_entry_id(site) and payload["state"] == "pending"
    assert "do not sell again" in payload["error"]


@pytest.mark.allow_log_warnings  # the unexpected error is logged with its traceback, as it must be
def test_database_locked_after_pending_reports_the_entry_not_not_sold(site, monkeypatch, capsys):
    """The finding's case: "database is locked" after "pending" once gave a traceback, exit 1."""
    import argparse

    from peewee import OperationalError

    from app.cli import sell
    from app.services import ledger

    def locked(*_a, **_kw):
        raise OperationalError("database is locked")

    monkeypatch.setattr(ledger, "transition", locked)  # the write after the meter took it
    monkeypatch.setenv("PEM_PASSWORD", "admin-pass-1")
    args = argparse.Namespace(
        data_dir=str(site.data_dir), db=None, demo=False, meter="M001", amount="4.00",
        payment="cash", operator="admin", timeout=20.0,
    )  # fmt: skip
    code = sell.run(args)
    payload = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 3
    assert payload["state"] == "pending" and payload["entry"] == _pending_entry_id(site)
    assert "database is locked" in payload["error"] and "do not sell again" in payload["error"]
    assert site.meter_state()["balance"] == 400  # the meter had been credited
