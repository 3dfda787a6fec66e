"""The PostgreSQL server's health check, and the reconnection after the server dropped us.

The outage is made without stopping the shared test server: the site's sessions are ended
with ``pg_terminate_backend`` (what a server restart does to them) and, for "down", new
connections are pointed at a closed port (what a network cut or a stopped server refuses).
"""

from __future__ import annotations

import socket

import pytest
from peewee import OperationalError

from app.models import pg
from app.models.base import db
from app.models.dialect import is_postgresql
from app.models.settings_store import SettingRow as Setting
from app.services import db_health

ON_PG = pytest.mark.parametrize("database", ["postgresql"], indirect=True)


def end_sessions(url: str) -> int:
    """End every other session on the site's database, as a restarting server does
    (and wait until they have ended)."""
    other = pg.make(url)
    other.connect()
    try:
        (n,) = other.execute_sql(
            "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()
    finally:
        other.close()
    return n


def closed_port_url(url: str) -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free again once closed: nothing listens there
    head, _, tail = url.rpartition("@")
    _host_port, _, dbname = tail.partition("/")
    return f"{head}@127.0.0.1:{port}/{dbname}"


class Outage:
    """Cut the site from its server (sessions ended, new ones refused) and mend it."""

    def __init__(self, database) -> None:
        self.database, self.url = database, database.database

    def begin(self) -> None:
        self.database.database = closed_port_url(self.url)
        end_sessions(self.url)

    def end(self) -> None:
        self.database.database = self.url


@ON_PG
def test_a_dropped_connection_is_replaced_before_its_next_use(database):
    (pid,) = database.execute_sql("SELECT pg_backend_pid()").fetchone()
    assert end_sessions(database.database) >= 1
    (again,) = database.execute_sql("SELECT pg_backend_pid()").fetchone()  # no error
    assert again != pid


@ON_PG
def test_a_transaction_on_a_dropped_connection_fails_and_is_not_sent_again(database):
    """Inside a transaction nothing is retried: its write reaches the server once or never."""
    Setting.create(key="probe", value="0")
    with pytest.raises(OperationalError) as caught, database.atomic():
        Setting.update(value="1").where(Setting.key == "probe").execute()
        end_sessions(database.database)
        Setting.update(value="2").where(Setting.key == "probe").execute()
    assert pg.is_connection_error(caught.value)
    assert database.transaction_depth() == 0
    assert Setting.get(Setting.key == "probe").value == "0"  # rolled back, nothing replayed


@ON_PG
def test_unreachable_server_fails_fast_with_its_sentence(database):
    outage = Outage(database)
    outage.begin()
    try:
        with pytest.raises(OperationalError) as caught:
            database.execute_sql("SELECT 1")
        error = pg.unreachable(database, caught.value)
        assert error.template == pg.UNREACHABLE and "Connection refused" in str(error)
    finally:
        outage.end()
    assert database.execute_sql("SELECT 1").fetchone() == (1,)  # back by itself


@ON_PG
@pytest.mark.allow_log_warnings  # the outage is logged
def test_health_goes_down_and_comes_back(database):
    health = db_health.DbHealth(database)
    first = health.check()
    assert first.up and first.error is None and first.where == database.where
    outage = Outage(database)
    outage.begin()
    try:
        down = health.check()
        assert not down.up and down.error.template == pg.UNREACHABLE
        assert down.since >= first.since
        assert health.check().since == down.since  # still down since the same moment
    finally:
        outage.end()
    up = health.check()
    assert up.up and up.error is None and up.since >= down.since


@ON_PG
@pytest.mark.allow_log_warnings  # the outage is logged
def test_health_thread_and_refusal(database, qtbot):
    monitor = db_health.start(db.obj)
    try:
        assert monitor is db_health.current() and db_health.refusal() is None
        outage = Outage(database)
        outage.begin()
        try:
            qtbot.waitUntil(lambda: db_health.refusal() is not None, timeout=8000)
            assert db_health.refusal().template == pg.UNREACHABLE
        finally:
            outage.end()
        qtbot.waitUntil(lambda: db_health.refusal() is None, timeout=8000)
    finally:
        db_health.stop()


def test_a_check_without_answer_counts_as_down(database):
    """A network cut can leave a check waiting for TCP: after ANSWER_WITHIN_S it is down."""

    class Hanging:
        where = "postgresql://pem@server/site"

    health = db_health.DbHealth(Hanging())
    health._checking_since = 0.0  # a check started long ago, still without its answer
    state = health.state()
    assert not state.up and "no answer" in str(state.error)


def test_nothing_runs_on_sqlite(database):
    assert not is_postgresql()
    assert db_health.start(db.obj) is None
    assert db_health.current() is None and db_health.refusal() is None
