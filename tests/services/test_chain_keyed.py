"""Issue #6 finding 3: an attacker who can write site.db but has no key file.

Each attack is what worked against the unkeyed chains: change rows and
re-hash the chain with SHA-256 (as the old code did), or cut rows off the end
and move the head row back. The keyed chain or the witness file must name it.
"""

from __future__ import annotations

import argparse
import hashlib

import pytest

from app.cli import verify as verify_cli
from app.models import LedgerHead, SystemLog, SystemLogHead, db
from app.services import audit, billing, chain_key, chain_witness, ledger, ledger_verify
from app.services.audit import log_action, verify_log_chain
from app.services.hash_chain import GENESIS
from tests.billing_helpers import ADMIN, CASHIER, make_env, open_meter

pytestmark = pytest.mark.allow_log_warnings  # verify logs what it finds


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def env(database, master_key):
    env = make_env(master_key)
    open_meter(env, env.meter_ids[0])
    for amount in (1000, 2000, 3000):
        billing.sell(env.worker, CASHIER, env.meter_ids[0], amount, "cash")
    for i in range(4):
        log_action(ADMIN, "test.note", str(i))
    return env  # entries 1 open, 2-4 sales; transitions 1-7


def _rehash_ledger_plain(table: str, fields: tuple[str, ...]) -> None:
    """What an attacker without the key does: re-chain a table with SHA-256, move the head."""
    prev = GENESIS
    rows = db.execute_sql(f"SELECT {', '.join(fields)} FROM {table} ORDER BY id").fetchall()
    for row in rows:
        digest = _sha256(ledger.chain_message(prev, row))
        db.execute_sql(f"UPDATE {table} SET prev_hash=?, hash=? WHERE id=?", (prev, digest, row[0]))
        prev = digest
    column = "entry" if table == "ledger_entry" else "transition"
    db.execute_sql(f"UPDATE ledger_head SET {column}_id=?, {column}_hash=?", (rows[-1][0], prev))


def _rehash_log_plain() -> None:
    prev = GENESIS
    for row in SystemLog.select(*audit._ROW_FIELDS).order_by(SystemLog.id).tuples():
        digest = _sha256(audit.row_message(prev, *row))
        db.execute_sql(
            "UPDATE system_log SET prev_hash=?, hash=? WHERE id=?", (prev, digest, row[0])
        )
        prev = digest
        last = row[0]
    db.execute_sql("UPDATE system_log_head SET last_id=?, last_hash=?", (last, prev))


def _all_problems() -> list[str]:
    return ledger_verify.verify_ledger().problems + verify_log_chain() + chain_witness.check()


def test_untouched_site_is_clean(env):
    assert _all_problems() == []
    summary = chain_witness.head_summary()  # what the closing report and the backup print
    entry = ledger.LedgerEntry.get_by_id(4)
    assert f"ledger entry 4 (4 rows) hash {entry.hash}" in summary.splitlines()


def test_amount_edited_and_chain_rehashed_is_caught(env):
    db.execute_sql("UPDATE ledger_entry SET amount_fen = 100 WHERE id = 3")
    _rehash_ledger_plain("ledger_entry", ledger.ENTRY_HASH_FIELDS)
    problems = ledger_verify.verify_ledger().problems
    assert "ledger entry 1: contents do not match its hash (edited)" in problems
    assert "ledger entry 3: contents do not match its hash (edited)" in problems


def test_forged_sale_appended_with_rehash_is_caught(env):
    db.execute_sql(
        "INSERT INTO ledger_entry (id, kind, state, meter_id, amount_fen, payment_method, "
        "operator_name, origin, created_at, reason, estimated, receipt_no, prev_hash, hash) "
        "SELECT 5, 'sale', 'confirmed', meter_id, 100000, 'cash', 'x', '', created_at, '', 0, "
        "'', '', '' FROM ledger_entry WHERE id = 4"
    )
    _rehash_ledger_plain("ledger_entry", ledger.ENTRY_HASH_FIELDS)
    problems = ledger_verify.verify_ledger().problems
    assert "ledger entry 5: contents do not match its hash (edited)" in problems
    # and the witness still names entry 4 with its keyed hash
    assert "ledger entry 4 differs from the witness file (rewritten)" in chain_witness.check()


def test_log_row_edited_and_rehashed_is_caught(env):
    row = SystemLog.select().where(SystemLog.action == "test.note").first()
    db.execute_sql("UPDATE system_log SET target = 'nothing' WHERE id = ?", (row.id,))
    _rehash_log_plain()
    problems = verify_log_chain()
    assert f"system log row {row.id}: contents do not match its hash (row edited or inserted)" in (
        problems
    )


def test_rows_deleted_at_the_end_with_head_moved_back_are_caught_by_the_witness(env):
    last_log = SystemLogHead.get_by_id(1).last_id
    keep = SystemLog.get_by_id(last_log - 2)
    db.execute_sql("DELETE FROM system_log WHERE id > ?", (keep.id,))
    db.execute_sql("UPDATE system_log_head SET last_id=?, last_hash=?", (keep.id, keep.hash))
    entry3 = ledger.LedgerEntry.get_by_id(3)
    tr = db.execute_sql("SELECT MAX(id), hash FROM ledger_transition WHERE entry_id <= 3")
    t_id, t_hash = tr.fetchone()
    db.execute_sql("DELETE FROM ledger_transition WHERE entry_id = 4")
    db.execute_sql("DELETE FROM ledger_entry WHERE id = 4")
    LedgerHead.update(
        entry_id=3, entry_hash=entry3.hash, transition_id=t_id, transition_hash=t_hash
    ).execute()
    # the chains themselves look whole: only the witness can tell
    assert ledger_verify.verify_ledger().problems == [] and verify_log_chain() == []
    problems = chain_witness.check()
    assert (
        "ledger entry 4 missing at the end (deleted; the witness file records ledger entry 4)"
    ) in problems
    assert (
        f"ledger transitions {t_id + 1}-{t_id + 2} missing at the end "
        f"(deleted; the witness file records ledger transition {t_id + 2})"
    ) in problems
    assert any(p.startswith(f"system log rows {keep.id + 1}-{last_log} missing") for p in problems)


def test_database_ahead_of_the_witness_is_not_an_alarm(env, monkeypatch):
    """A crash between the commit and the witness append leaves the witness behind: fine."""
    monkeypatch.setattr(chain_witness, "append", lambda heads: None)
    billing.sell(env.worker, CASHIER, env.meter_ids[0], 500, "cash")
    log_action(ADMIN, "test.after")
    assert _all_problems() == []


def test_forged_and_garbled_witness_lines_are_reported(env):
    path = chain_key.keys().witness_file
    good = path.read_text().splitlines()
    forged = good[-1].replace(good[-1].split()[2], "0" * 64)
    path.write_text("\n".join([*good, "not a witness line", forged, "system_log 9"]))
    problems = chain_witness.check()
    n = len(good)
    assert f"witness file {path}: line {n + 1} is garbled; ignored" in problems
    assert (
        f"witness file {path}: line {n + 2} was not written with this site's key "
        "(forged or altered); ignored"
    ) in problems
    assert any("the last line is incomplete" in p for p in problems)


def _args(tmp_path) -> argparse.Namespace:
    return argparse.Namespace(data_dir=str(tmp_path), db=None, demo=False, no_meters=True)


def test_verify_reports_a_missing_or_unreadable_witness(env, tmp_path, capsys):
    (tmp_path / "master.key").write_text(bytes(range(32)).hex() + "\n")
    witness = tmp_path / chain_witness.WITNESS_NAME
    assert verify_cli.run(_args(tmp_path)) == 0
    assert "Witness of the chain ends: matches" in capsys.readouterr().out
    witness.write_bytes(b"\xff\xfe garbage \x00\n")
    assert verify_cli.run(_args(tmp_path)) == 1
    assert "line 1 is garbled" in capsys.readouterr().out
    witness.unlink()
    assert verify_cli.run(_args(tmp_path)) == 1
    out = capsys.readouterr().out
    assert f"witness file {witness} is missing" in out and "Traceback" not in out


def test_writing_a_chained_row_without_keys_is_refused(env):
    count = SystemLog.select().count()
    chain_key.uninstall()
    with pytest.raises(chain_key.ChainKeyMissing):
        log_action(ADMIN, "test.unkeyed")
    with pytest.raises(chain_key.ChainKeyMissing):
        billing.sell(env.worker, CASHIER, env.meter_ids[0], 500, "cash")
    assert SystemLog.select().count() == count
    assert ledger.LedgerEntry.select().count() == 4


def test_a_replaced_key_file_is_named_not_every_row(env, tmp_path):
    from app.services.chain_rekey import ChainKeyMismatch, open_chains

    with pytest.raises(ChainKeyMismatch, match=r"restore master\.key from the backup"):
        open_chains(bytes(32), tmp_path / "master.key")
