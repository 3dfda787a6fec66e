"""The system log chain: rows written by log_action, and tampering named by verify_log_chain."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.models import SystemLog, db, dialect
from app.services.audit import (
    GENESIS,
    LogFilter,
    distinct_values,
    fetch_page,
    log_action,
    verify_log_chain,
)
from app.services.permissions import SYSTEM, Actor, Role

BOTH_DATABASES = True

ALICE = Actor(1, "alice", Role.ADMIN)
BOB = Actor(2, "bob", Role.CASHIER)

pytestmark = pytest.mark.allow_log_warnings  # verify logs an ERROR when it finds a break


def _fill(n: int = 5) -> None:
    for i in range(n):
        log_action(ALICE if i % 2 == 0 else BOB, f"test.act{i % 3}", f"M{i:03d}", detail=f"d{i}")


def test_rows_carry_fields_and_chain(database):
    log_action(ALICE, "operator.create", "bob", detail="role=cashier")
    log_action(None, "login.failed", "mallory", result="refused")
    rows = list(SystemLog.select().order_by(SystemLog.id))
    assert [r.id for r in rows] == [1, 2]
    assert rows[0].operator_name == "alice" and rows[0].role == "admin"
    assert rows[0].operator_id == 1 and rows[0].prev_hash == GENESIS
    assert rows[1].operator_id is None and rows[1].result == "refused"
    assert rows[1].prev_hash == rows[0].hash
    assert len(rows[0].hash) == 64 and rows[0].hash != rows[1].hash
    assert verify_log_chain() == []


def test_empty_log_is_clean(database):
    assert verify_log_chain() == []


def test_microsecond_free_timestamp_round_trips(database):
    log_action(ALICE, "x", at=dt.datetime(2024, 1, 2, 3, 4, 5))
    log_action(ALICE, "y", at=dt.datetime(2024, 1, 2, 3, 4, 5, 120))
    assert verify_log_chain() == []


def test_edit_is_named(database):
    _fill()
    db.execute_sql("UPDATE system_log SET detail = 'changed' WHERE id = 3")
    problems = verify_log_chain()
    assert len(problems) == 1
    assert "row 3" in problems[0] and "edited" in problems[0]


def test_edit_with_recomputed_hash_is_named_by_next_row(database):
    _fill()
    dialect.execute("UPDATE system_log SET result = 'x', hash = ? WHERE id = 3", ("f" * 64,))
    problems = verify_log_chain()
    assert any("row 3" in p for p in problems)
    assert any("row 4 does not link to row 3" in p for p in problems)


def test_delete_in_middle_is_named(database):
    _fill()
    db.execute_sql("DELETE FROM system_log WHERE id = 3")
    problems = verify_log_chain()
    assert problems == ["system log row 3 missing between rows 2 and 4 (deleted)"]


def test_delete_at_end_is_named(database):
    _fill()
    db.execute_sql("DELETE FROM system_log WHERE id >= 4")
    assert verify_log_chain() == ["system log rows 4-5 missing at the end (deleted)"]


def test_insert_is_named(database):
    _fill()
    last = SystemLog.get_by_id(5)
    dialect.execute(
        "INSERT INTO system_log (id, at, operator_id, operator_name, role, action, target,"
        " result, detail, prev_hash, hash) VALUES (6, ?, 1, 'alice', 'admin', 'sale', 'M001',"
        " 'ok', '', ?, ?)",
        (last.at, last.hash, "a" * 64),
    )
    problems = verify_log_chain()
    assert any("row 6" in p and "inserted" in p for p in problems)
    assert any("row 6 after the recorded end" in p for p in problems)


def test_forged_row_with_made_up_hash_is_named(database):
    _fill()
    dialect.execute(
        "UPDATE system_log SET action = 'forged', hash = ? WHERE id = 3",
        ("b" * 64,),
    )
    problems = verify_log_chain()
    assert any(p.startswith("system log row 3:") for p in problems)


def test_concurrent_writers_keep_one_chain(database):
    def work(tag: str) -> None:
        for i in range(20):
            log_action(ALICE, f"thread.{tag}", str(i))
        db.close()

    threads = [threading.Thread(target=work, args=(t,)) for t in "abc"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert SystemLog.select().count() == 60
    assert verify_log_chain() == []


def test_rollback_of_callers_transaction_drops_the_row(database):
    log_action(ALICE, "first")
    with pytest.raises(RuntimeError), db.atomic():
        log_action(ALICE, "inside")
        raise RuntimeError("ledger write failed")
    log_action(ALICE, "after")
    assert [r.action for r in SystemLog.select().order_by(SystemLog.id)] == ["first", "after"]
    assert verify_log_chain() == []


def test_fetch_page_filters_and_pages(database):
    _fill(12)
    page1 = fetch_page(SYSTEM, LogFilter(), limit=5)
    assert [e.id for e in page1] == [12, 11, 10, 9, 8]
    page2 = fetch_page(SYSTEM, LogFilter(), before_id=page1[-1].id, limit=5)
    assert [e.id for e in page2] == [7, 6, 5, 4, 3]
    bobs = fetch_page(SYSTEM, LogFilter(operator="bob"))
    assert bobs and all(e.operator_name == "bob" for e in bobs)
    acts = fetch_page(SYSTEM, LogFilter(action="test.act1"))
    assert {e.id for e in acts} == {2, 5, 8, 11}
    prefix = fetch_page(SYSTEM, LogFilter(action="test."))
    assert len(prefix) == 12
    text = fetch_page(SYSTEM, LogFilter(text="M007"))
    assert [str(e.target_message()) for e in text] == ["M007"]
    names, actions = distinct_values(SYSTEM)
    assert names == ["alice", "bob"]
    assert actions == ["test.act0", "test.act1", "test.act2"]


def test_nested_callers_and_plain_writers_do_not_deadlock(database):
    """One thread logs twice inside its own transaction while others log on their own."""
    started = threading.Event()

    def ledger_like() -> None:
        with db.atomic(lock_type="IMMEDIATE"):
            log_action(BOB, "sale.pending", "M001")
            started.set()
            log_action(BOB, "sale.confirm", "M001")
        db.close()

    def plain() -> None:
        started.wait(5)
        for i in range(5):
            log_action(ALICE, "poll.note", str(i))
        db.close()

    threads = [threading.Thread(target=ledger_like), threading.Thread(target=plain)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert not any(t.is_alive() for t in threads)
    assert SystemLog.select().count() == 7
    assert verify_log_chain() == []


def test_two_processes_keep_one_chain(database, tmp_path):
    """The GUI and ``main.py sell`` may write the same log at the same time."""
    script = (
        "import sys; from app.models import open_database; "
        "from app.services.audit import log_action; "
        "from app.services.permissions import Actor, Role; "
        "from app.services.chain_rekey import open_chains; "
        "open_database(sys.argv[1]); open_chains(bytes(range(32)), sys.argv[2]); "
        "[log_action(Actor(3, 'cli', Role.CASHIER), 'cli.sale', str(i)) for i in range(300)]"
    )
    root = Path(__file__).resolve().parents[2]
    args = [str(db.obj.database), str(tmp_path / "master.key")]  # the file or the URL
    proc = subprocess.Popen([sys.executable, "-c", script, *args], cwd=root)
    cli_rows = SystemLog.select().where(SystemLog.action == "cli.sale")
    deadline = time.monotonic() + 30
    while not cli_rows.exists() and proc.poll() is None and time.monotonic() < deadline:
        pass  # wait until the other process is writing, so the two really overlap
    for i in range(100):
        log_action(ALICE, "gui.note", str(i))
    assert proc.wait(60) == 0
    assert SystemLog.select().count() == 400
    assert verify_log_chain() == []
    from app.services import chain_key, chain_witness

    assert chain_witness.check() == []  # 400 appends from two processes: every line whole
    assert len(chain_key.keys().witness_file.read_text().splitlines()) == 400
