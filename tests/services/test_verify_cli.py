"""``main.py verify --no-meters``: readable report, exit 0 clean and 1 on a difference."""

from __future__ import annotations

import argparse

import pytest

from app.cli import verify
from app.models import db
from app.services import billing
from tests.billing_helpers import CASHIER, make_env, open_meter


def _args(tmp_path) -> argparse.Namespace:
    return argparse.Namespace(
        data_dir=str(tmp_path), db=None, demo=False, no_meters=True, timeout=5.0
    )


@pytest.mark.allow_log_warnings
def test_verify_reports_and_exits(database, master_key, tmp_path, capsys):
    (tmp_path / "master.key").write_text(master_key.hex() + "\n")  # verify opens the site's key
    env = make_env(master_key)
    open_meter(env, env.meter_ids[0])
    billing.sell(env.worker, CASHIER, env.meter_ids[0], 5000, "cash")
    assert verify.run(_args(tmp_path)) == 0
    out = capsys.readouterr().out
    assert "Ledger: 2 entries, 3 transitions: intact" in out and "Result: clean" in out
    db.execute_sql("UPDATE ledger_entry SET amount_fen = 50 WHERE id = 2")
    assert verify.run(_args(tmp_path)) == 1
    out = capsys.readouterr().out
    assert "ledger entry 2: contents do not match its hash (edited)" in out
    assert "Result: 1 difference(s)" in out
    assert verify.run(_args(tmp_path / "nowhere")) == 2
