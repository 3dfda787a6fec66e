"""The site database on a real PostgreSQL server (the tests' own, tests/support/pg_cluster.py)."""

from __future__ import annotations

import datetime as dt
import re
import threading

import psycopg
import pytest
from peewee import fn

from app.errors import ConfigError
from app.models import LedgerEntry, Reading, close_database, open_database, pg
from app.models.db import NoSite, SiteDatabaseError
from app.models.migrations import LATEST, current_version
from tests.models.test_migrations import _all_models

MASTER = bytes(range(32))


def _columns(url: str) -> dict:
    """Every table's columns (type, nullable), indexes and foreign keys, as the server has them."""
    with psycopg.connect(url) as con:
        cols = con.execute(
            "SELECT table_name, column_name, data_type, is_nullable "
            "FROM information_schema.columns WHERE table_schema = 'public' "
            "ORDER BY table_name, column_name"
        ).fetchall()
        idx = con.execute(
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
            "ORDER BY tablename, indexname"
        ).fetchall()
        fks = con.execute(
            "SELECT conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' ORDER BY 1, 2"
        ).fetchall()
    norm = {"character varying": "text"}  # the migrations make every string TEXT
    return {
        "columns": [(t, c, norm.get(d, d), n) for t, c, d, n in cols],
        "indexes": [(t, i, _without_casts(d)) for t, i, d in idx],
        "foreign_keys": fks,
    }


def _without_casts(definition: str) -> str:
    """An index definition without the casts VARCHAR columns add (and the brackets around)."""
    plain = re.sub(r"::(character varying|text)(\[\])?", "", definition)
    return re.sub(r"[()\s]", "", plain)


def test_migrated_postgresql_schema_equals_the_models(pg_cluster):
    """A model changed without a migration fails here on PostgreSQL too."""
    migrated = pg_cluster.create_database("schema_migrated")
    declared = pg_cluster.create_database("schema_declared")
    try:
        open_database(migrated, create=True)
        assert current_version(open_database.__globals__["db"].obj) == LATEST
        close_database()
        database = pg.make(declared)
        with database.bind_ctx(_all_models()):
            database.create_tables(_all_models())
        database.close()
        assert _columns(migrated) == _columns(declared)
    finally:
        close_database()
        pg_cluster.drop_database("schema_migrated")
        pg_cluster.drop_database("schema_declared")


def test_an_empty_server_database_is_no_site_and_another_program_s_is_refused(pg_url):
    with pytest.raises(NoSite, match="init-site --db URL"):
        open_database(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(SiteDatabaseError, match="not a site database and not empty"):
        open_database(pg_url)
    with pytest.raises(SiteDatabaseError, match="not a site database and not empty"):
        open_database(pg_url, create=True)


def test_a_second_new_site_on_the_same_server_database_is_refused(pg_url):
    open_database(pg_url, create=True)
    close_database()
    with pytest.raises(SiteDatabaseError, match="already exists"):
        open_database(pg_url, create=True)


def test_an_unreachable_server_is_one_sentence_without_the_password(pg_cluster):
    url = f"postgresql://pem:s3cret@127.0.0.1:{pg_cluster.port + 1}/nowhere"
    with pytest.raises(ConfigError) as err:
        open_database(url)
    text = str(err.value)
    assert "cannot reach the database server" in text
    assert "s3cret" not in text and "***" in text


ON_POSTGRESQL = pytest.mark.parametrize("database", ["postgresql"], indirect=True)


def _meters(n: int) -> list:
    from app.models import Bus, Meter

    bus = Bus.create(name="b", port="socket://127.0.0.1:1")
    return [Meter.create(number=f"M{i}", bus=bus, address=i + 1) for i in range(n)]


@ON_POSTGRESQL
def test_sums_of_money_are_integers_and_large_counters_fit(database):
    """SUM over BIGINT is numeric on PostgreSQL: it comes back as int (money is integer fen)."""
    (meter,) = _meters(1)
    big = 4_000_000_000  # a 32-bit unsigned energy register, over INTEGER's range
    for day in (1, 2):
        Reading.create(
            meter=meter, taken_at=dt.datetime(2026, 1, day), energy_total=big, energy_sharp=0,
            energy_peak=0, energy_flat=0, energy_valley=0, balance=0, purchase_count=0, power=0,
            relay_open=False,
        )  # fmt: skip
    total = Reading.select(fn.SUM(Reading.energy_total)).scalar()
    assert total == 2 * big and type(total) is int
    assert LedgerEntry.select(fn.SUM(LedgerEntry.amount_fen)).scalar() is None


@ON_POSTGRESQL
def test_concurrent_writers_keep_one_ledger_chain_and_one_system_log(database):
    """Eight connections append at once; the advisory lock keeps both chains whole."""
    from app.models import db
    from app.services import audit, ledger, ledger_verify
    from app.services.permissions import SYSTEM

    meters = _meters(8)
    errors = []
    start = threading.Barrier(8)

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(15):
                ledger.append_entry(
                    ledger.EntryKind.CORRECTION, meters[n].id, n * 100 + i,
                    state=ledger.EntryState.CONFIRMED, operator_name=f"w{n}", reason="t",
                    estimated=bool(i % 2),
                )  # fmt: skip
                audit.log_action(SYSTEM, "site.settings", f"w{n}", "ok", str(i))
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    report = ledger_verify.verify_ledger()
    assert report.problems == [] and report.entries == 120
    assert audit.verify_log_chain() == []
    ids = [e.id for e in LedgerEntry.select(LedgerEntry.id).order_by(LedgerEntry.id)]
    assert ids == list(range(1, 121))
