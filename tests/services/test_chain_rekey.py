"""Re-keying a database written before keyed chains: once, recorded, crash-safe, no laundering.

The old program hashed ``ledger.chain_message`` / ``audit.row_message`` with
plain SHA-256 (the messages are unchanged), so writing through the services
with SHA-256 standing in for the keys makes exactly the database it left.
"""

from __future__ import annotations

import argparse
import hashlib

import pytest

from app.cli import verify as verify_cli
from app.messages import Message
from app.models import SystemLog, close_database, db, migrations, open_database
from app.models.chain_state import ChainState
from app.services import billing, chain_key, chain_rekey, chain_witness, ledger_verify
from app.services.audit import log_action, verify_log_chain
from tests.billing_helpers import ADMIN, CASHIER, make_env, open_meter
from tests.conftest import MASTER

pytestmark = pytest.mark.allow_log_warnings


class _Sha256:
    """The old, unkeyed chain hash."""

    @staticmethod
    def hex(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()


@pytest.fixture
def old_site(database, master_key, tmp_path, monkeypatch):
    """A site as today's (pre-key) code left it: SHA-256 chains, schema 1, no witness."""
    keys = chain_key.keys()
    with monkeypatch.context() as m:
        plain = chain_key.ChainKeys(_Sha256(), _Sha256(), keys.witness, tmp_path / "unused")
        m.setattr(chain_key, "_installed", plain)
        env = make_env(master_key)
        open_meter(env, env.meter_ids[0])
        billing.sell(env.worker, CASHIER, env.meter_ids[0], 2500, "cash")
        log_action(ADMIN, "operator.create", "bob")
        assert ledger_verify.verify_ledger(_Sha256.hex).problems == []
        assert verify_log_chain(_Sha256.hex) == []
    # An old database: before migration 2 (no chain_state). The later migrations' own
    # tables and columns stay; re-running them is not what this test is about.
    db.execute_sql("DROP TABLE chain_state")
    db.execute_sql("UPDATE schema_version SET version = 1")
    later = {v: (lambda _db: None) for v in migrations.MIGRATIONS if v > 2}
    monkeypatch.setattr(migrations, "MIGRATIONS", {**migrations.MIGRATIONS, **later})
    chain_key.uninstall()
    close_database()
    open_database(tmp_path / "site.db")  # migrated again: chain_state exists, and is empty
    assert ChainState.select().count() == 0
    return env


def _args(tmp_path) -> argparse.Namespace:
    return argparse.Namespace(data_dir=str(tmp_path), db=None, demo=False, no_meters=True)


def test_old_database_is_rekeyed_once_and_recorded(old_site, tmp_path, capsys):
    rows = SystemLog.select().count()
    chain_rekey.open_chains(MASTER, tmp_path / "master.key")
    state = ChainState.get_by_id(1)
    assert state.legacy_problems == 0 and state.rekeyed_rows > 0
    assert ledger_verify.verify_ledger().problems == []
    assert verify_log_chain() == [] and chain_witness.check() == []
    assert ledger_verify.verify_ledger(_Sha256.hex).problems != []  # the old hashes are gone
    rekey = SystemLog.select().where(SystemLog.action == chain_rekey.REKEY_ACTION)
    assert [(r.result, str(Message.from_json(r.detail))) for r in rekey] == [
        ("ok", f"{state.rekeyed_rows} rows re-hashed; the unkeyed chains were intact")
    ]
    chain_rekey.open_chains(MASTER, tmp_path / "master.key")  # again: nothing more happens
    assert SystemLog.select().count() == rows + 1
    assert chain_rekey.keying_findings() == []
    (tmp_path / "master.key").write_text(MASTER.hex() + "\n")
    assert verify_cli.run(_args(tmp_path)) == 0
    assert "Result: clean" in capsys.readouterr().out


def test_tampered_old_database_is_not_laundered(old_site, tmp_path, capsys):
    db.execute_sql("UPDATE ledger_entry SET amount_fen = 99999 WHERE id = 2")
    chain_rekey.open_chains(MASTER, tmp_path / "master.key")
    assert ChainState.get_by_id(1).legacy_problems == 1
    rekey = SystemLog.get(SystemLog.action == chain_rekey.REKEY_ACTION)
    assert rekey.result == "problems"
    assert "ledger entry 2: contents do not match its hash (edited)" in str(
        Message.from_json(rekey.detail)
    )
    findings = chain_rekey.keying_findings()
    assert len(findings) == 1 and "already broken" in findings[0]
    (tmp_path / "master.key").write_text(MASTER.hex() + "\n")
    assert verify_cli.run(_args(tmp_path)) == 1
    out = capsys.readouterr().out
    assert "ledger entry 2: contents do not match its hash (edited)" in out
    assert "Result: 1 difference(s)" in out


def test_rekeying_is_all_or_nothing(old_site, tmp_path, monkeypatch):
    def crash(rows, problems):
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(chain_rekey, "_record", crash)
    with pytest.raises(KeyboardInterrupt):
        chain_rekey.open_chains(MASTER, tmp_path / "master.key")
    assert ChainState.select().count() == 0
    assert ledger_verify.verify_ledger(_Sha256.hex).problems == []  # still the old chains
    assert verify_log_chain(_Sha256.hex) == []
    monkeypatch.undo()
    chain_rekey.open_chains(MASTER, tmp_path / "master.key")
    assert ledger_verify.verify_ledger().problems == [] and verify_log_chain() == []
