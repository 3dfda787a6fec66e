"""``migrate-db --to URL``: the demo site moved into the tests' PostgreSQL server, and refusals."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from peewee import fn

import main
from app.models import close_database
from app.paths import SitePaths
from app.services import chain_key
from app.services.bus_lease import HOST
from app.services.reports.period import Period
from app.services.site import Site
from tests.models.test_migrations import _all_models

ROOT = Path(__file__).resolve().parents[1]


def _init_demo(folder: Path, history: bool) -> None:
    extra = [] if history else ["--no-history"]
    subprocess.run(
        [sys.executable, "main.py", "init-demo", "--data-dir", str(folder), *extra],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "site"
    _init_demo(folder, history=False)
    return folder


@pytest.fixture
def demo(demo_folder, tmp_path) -> SitePaths:
    folder = tmp_path / "site"
    shutil.copytree(demo_folder, folder)
    return SitePaths(folder)


def _with_password(url: str) -> str:
    return url.replace("pem@", "pem:s3cret@", 1)  # the tests' server trusts: it is not checked


def _tables(url: str) -> list[str]:
    with psycopg.connect(url) as con:
        return [
            name
            for (name,) in con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
            )
        ]


def _sha(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def _snapshot(paths: SitePaths) -> dict:
    """Every model's rows as the program reads them, the sales report and the balances."""
    from app.models import LedgerEntry
    from app.models.ledger import EntryState
    from app.services.accounts import last_known_balance
    from app.services.permissions import SYSTEM
    from app.services.reports import sales

    Site(paths).open()
    try:
        rows = {
            m._meta.table_name: list(m.select().order_by(*m._meta.get_primary_keys()).dicts())
            for m in _all_models()
        }
        rows.pop("schema_version")
        today = dt.date.today()
        report = sales.sales_report(SYSTEM, Period(today - dt.timedelta(days=30), today))
        paid = (
            LedgerEntry.select(LedgerEntry.meter, fn.SUM(LedgerEntry.amount_fen))
            .where(LedgerEntry.state == EntryState.CONFIRMED.value)
            .group_by(LedgerEntry.meter)
            .tuples()
        )
        balances = {m: (total, last_known_balance(m)) for m, total in paid}
        return {"rows": rows, "sales": report, "balances": balances, "on_server": paths.on_server}
    finally:
        close_database()
        chain_key.uninstall()


def _move(paths: SitePaths, url: str) -> int:
    return main.main(["migrate-db", "--data-dir", str(paths.data_dir), "--to", url])


def _moved_site_is_the_same(paths: SitePaths, url: str, capsys) -> None:
    before = _snapshot(paths)
    db_sha = _sha(paths.db)
    assert _move(paths, _with_password(url)) == 0
    out = capsys.readouterr().out
    assert "ledger_entry" in out and "both chains clean" in out and "s3cret" not in out
    assert paths.db_url_file.read_text().strip() == _with_password(url)
    assert _sha(paths.db) == db_sha  # site.db untouched
    assert SitePaths(paths.data_dir).on_server
    # verify: both chains, and the witness file written while the site was on SQLite
    assert main.main(["verify", "--no-meters", "--data-dir", str(paths.data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Witness of the chain ends: matches" in out and "Result: clean" in out
    after = _snapshot(SitePaths(paths.data_dir))
    assert after.pop("on_server") and not before.pop("on_server")
    assert after["balances"] == before["balances"] and any(
        t for t, _ in before["balances"].values()
    )
    assert after["sales"] == before["sales"] and before["sales"].total.sales
    for table, rows in before["rows"].items():
        assert after["rows"][table] == rows, table


@pytest.mark.slow
def test_the_demo_site_moves_and_opens_from_its_folder_the_same(demo, pg_url, capsys):
    _moved_site_is_the_same(demo, pg_url, capsys)


@pytest.mark.slow
def test_the_demo_site_with_history_moves(tmp_path, pg_url, capsys):
    paths = SitePaths(tmp_path / "site")
    _init_demo(paths.data_dir, history=True)
    _moved_site_is_the_same(paths, pg_url, capsys)


@pytest.mark.slow
def test_new_rows_on_the_server_continue_the_ids(demo, pg_url, capsys):
    from app.models import SystemLog
    from app.services.audit import log_action
    from app.services.permissions import SYSTEM

    assert _move(demo, pg_url) == 0
    Site(demo).open()
    try:
        last = SystemLog.select().order_by(SystemLog.id.desc()).first().id
        log_action(SYSTEM, "test.after_move", "x")
        assert SystemLog.select().order_by(SystemLog.id.desc()).first().id == last + 1
    finally:
        close_database()
        chain_key.uninstall()
    assert main.main(["verify", "--no-meters", "--data-dir", str(demo.data_dir)]) == 0


def _refused(paths: SitePaths, url: str, capsys, *words: str) -> None:
    db_sha = _sha(paths.db)
    assert _move(paths, url) == 2
    err = capsys.readouterr().err
    assert err.count("error: ") == 1 and "s3cret" not in err, err
    for word in words:
        assert word in err, err
    assert not paths.db_url_file.exists()
    assert _sha(paths.db) == db_sha


@pytest.mark.slow
def test_a_database_that_is_not_empty_is_refused(demo, pg_url, capsys):
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute("CREATE TABLE invoices (id int)")
    _refused(demo, _with_password(pg_url), capsys, "not empty", "public.invoices", "pem:***@")
    assert _tables(pg_url) == ["invoices"]


@pytest.mark.slow
def test_a_site_in_use_is_refused(demo, pg_url, capsys):
    con = sqlite3.connect(demo.db)
    expires = (dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(minutes=1)).isoformat(
        " "
    )
    with con:
        con.execute(
            "INSERT INTO service_lease (name, owner, kind, acquired_at, expires_at, status_json) "
            "VALUES ('night', ?, 'collector', ?, ?, '')",
            (f"{HOST}:{os.getpid()}:abcd", expires, expires),
        )
    con.close()
    _refused(demo, pg_url, capsys, "in use", "collector", "nothing was moved")
    assert _tables(pg_url) == []


@pytest.mark.slow
def test_an_unreachable_server_is_refused(demo, capsys):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql://pem:s3cret@127.0.0.1:{port}/site"
    _refused(demo, url, capsys, "cannot reach the database server", f"pem:***@127.0.0.1:{port}")


@pytest.mark.slow
def test_a_move_that_fails_mid_copy_leaves_the_server_empty(demo, pg_url, capsys):
    con = sqlite3.connect(demo.db)
    last, was = con.execute(
        "SELECT id, balance_after FROM ledger_transition ORDER BY id DESC LIMIT 1"
    ).fetchone()
    with con:  # SQLite keeps text in an integer column; the server refuses it
        con.execute("UPDATE ledger_transition SET balance_after = 'lots' WHERE id = ?", (last,))
    con.close()
    db_sha = _sha(demo.db)
    assert _move(demo, pg_url) == 2
    captured = capsys.readouterr()
    assert "ledger_entry" in captured.out  # tables before it were copied ...
    assert "copying the table ledger_transition" in captured.err
    assert "left empty" in captured.err
    assert _tables(pg_url) == []  # ... and rolled back with the rest: not even the schema
    assert not demo.db_url_file.exists() and _sha(demo.db) == db_sha
    con = sqlite3.connect(demo.db)
    with con:
        con.execute("UPDATE ledger_transition SET balance_after = ? WHERE id = ?", (was, last))
    con.close()
    assert _move(demo, pg_url) == 0  # the same database takes the site afterwards


@pytest.mark.slow
@pytest.mark.allow_log_warnings
def test_a_copy_that_does_not_verify_leaves_the_server_empty(demo, pg_url, capsys):
    con = sqlite3.connect(demo.db)
    with con:  # an edited row: copied fine, but the chain on the server does not verify
        con.execute(
            "UPDATE ledger_transition SET balance_after = balance_after + 100 "
            "WHERE id = (SELECT max(id) FROM ledger_transition WHERE balance_after IS NOT NULL)"
        )
    con.close()
    _refused(demo, pg_url, capsys, "does not check out", "left empty", "ledger transition")
    assert _tables(pg_url) == []
