"""Schema migrations: frozen SQL, old databases migrate, and the models match what migrations make.

``v1_site_rows.sql`` holds the rows of a site written by the first release's
code (schema 1, unkeyed SHA-256 chains: two operators, a building, a bus, two
meters, a tenant with an account, an open, a confirmed and a failed sale, and
the system log of it), as ``INSERT`` statements in the column order of the
frozen v1 tables. A test per migration: a database of the version before it
migrates to the newest schema and still opens as a site.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from peewee import IntegerField, SqliteDatabase

from app import settings
from app.models import Meter, close_database, db, open_database
from app.models.base import BaseModel
from app.models.chain_state import ChainState
from app.models.migrations import LATEST, MIGRATIONS, SCHEMA_VERSION_SQL, current_version
from app.models.schema_v1 import V1_SQL
from app.paths import SitePaths
from app.services import chain_key, ledger, ledger_verify
from app.services.audit import verify_log_chain
from app.services.auth import AuthService
from app.services.chain_rekey import REKEY_ACTION
from app.services.site import Site
from tests.conftest import MASTER

V1_ROWS = Path(__file__).with_name("v1_site_rows.sql")


def _write_v1_site(folder: Path) -> SitePaths:
    """A site folder as the first release left it: the frozen v1 SQL, version 1, its rows."""
    paths = SitePaths(folder)
    paths.key_file.write_text(MASTER.hex() + "\n")
    con = sqlite3.connect(paths.db)
    for sql in (*V1_SQL, SCHEMA_VERSION_SQL):
        con.execute(sql)
    con.execute("INSERT INTO schema_version (id, version) VALUES (1, 1)")
    con.executescript(V1_ROWS.read_text())
    con.commit()
    con.close()
    return paths


def _schema(con: sqlite3.Connection) -> dict:
    """Tables' columns, foreign keys and indexes, as SQLite reports them (order-free).

    Columns are compared by name, type, NOT NULL and primary key, not by position
    (ALTER TABLE appends) nor by default (peewee keeps defaults in Python).
    """
    space = re.compile(r"\s+")
    tables = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    schema = {}
    for table in tables:
        columns = {
            name: (kind.upper(), notnull, pk)
            for _, name, kind, notnull, _, pk in con.execute(f'PRAGMA table_info("{table}")')
        }
        keys = {
            (r[3], r[2], r[4], r[6]) for r in con.execute(f'PRAGMA foreign_key_list("{table}")')
        }
        indexes = {}
        for _, name, unique, origin, partial in con.execute(f'PRAGMA index_list("{table}")'):
            cols = tuple(r[2] for r in con.execute(f'PRAGMA index_info("{name}")'))
            sql = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
            where = space.sub(" ", sql[0].split(" WHERE ", 1)[1]) if partial else ""
            key = name if origin == "c" else f"{origin}:{cols}"
            indexes[key] = (unique, cols, where)
        schema[table] = {"columns": columns, "foreign_keys": keys, "indexes": indexes}
    return schema


def _all_models() -> list[type[BaseModel]]:
    """Every model class the program declares (a new one is found without a list to update)."""
    found, todo = [], list(BaseModel.__subclasses__())
    while todo:
        model = todo.pop()
        found.append(model)
        todo += model.__subclasses__()
    return found


def _file_schema(path: Path) -> dict:
    con = sqlite3.connect(path)
    try:
        return _schema(con)
    finally:
        con.close()


@pytest.fixture
def migrated(tmp_path) -> Path:
    """A new database brought to the newest schema by the migrations."""
    path = tmp_path / "migrated.db"
    open_database(path, create=True)
    close_database()
    return path


def test_migrations_are_numbered_from_one_without_gaps():
    assert sorted(MIGRATIONS) == list(range(1, LATEST + 1))


def test_migrated_schema_equals_the_models(migrated, tmp_path):
    """A model changed without a migration (or a migration without its model) fails here."""
    declared = tmp_path / "declared.db"
    database = SqliteDatabase(str(declared))
    with database.bind_ctx(_all_models()):
        database.create_tables(_all_models())
    database.close()
    assert _file_schema(migrated) == _file_schema(declared)


def test_a_model_change_does_not_change_what_v1_creates(tmp_path, monkeypatch):
    """Migrations run frozen SQL: a field added to a model later is not in a migrated database."""
    extra = IntegerField(default=0)
    Meter._meta.add_field("added_later", extra)
    try:
        open_database(tmp_path / "site.db", create=True)
        columns = [r[1] for r in db.execute_sql('PRAGMA table_info("meter")')]
    finally:
        Meter._meta.remove_field("added_later")
        close_database()
    assert "added_later" not in columns and "number" in columns


def test_frozen_v1_is_what_sqlite_stores(tmp_path):
    """The frozen statements are SQLite's own text: a dump of a v1 database gives them back."""
    paths = _write_v1_site(tmp_path)
    con = sqlite3.connect(paths.db)
    stored = [
        r[0]
        for r in con.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name != 'schema_version' "
            "ORDER BY rowid"
        )
    ]
    con.close()
    assert stored == list(V1_SQL)


def test_v1_site_migrates_to_the_newest_schema_and_opens(tmp_path, migrated):
    paths = _write_v1_site(tmp_path)
    site = Site(paths).open()
    try:
        assert current_version(db.obj) == LATEST
        assert _file_schema(paths.db) == _file_schema(migrated)
        # the unkeyed chains were intact, and were re-keyed once, in the open
        state = ChainState.get_by_id(1)
        assert (state.rekeyed_rows, state.legacy_problems) == (3 + 6 + 3, 0)
        assert ledger_verify.verify_ledger().problems == []
        assert verify_log_chain() == []
        assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        # the v1 rows work with today's code
        assert AuthService().login("admin", "admin-pass-1").name == "admin"
        assert ledger.net_credit_since_open(1) == 2500
        assert settings.get("poll.offline_after") == 4
        assert [m.number for m in Meter.select().order_by(Meter.id)] == ["M001", "M002"]
        actions = [r[0] for r in db.execute_sql("SELECT action FROM system_log ORDER BY id")]
        assert actions[:3] == ["operator.first_admin", "operator.create", "tenant.create"]
        assert REKEY_ACTION in actions
    finally:
        site.stop()
        chain_key.uninstall()
