"""The site's database on a PostgreSQL server (several PCs, one database; issue #17).

The same models and migrations as the embedded SQLite file, through psycopg 3.
What differs from SQLite, and why:

- Integers are ``BIGINT`` (a meter's energy register is 32 bits unsigned), the
  ids ``BIGSERIAL``, and the migrations make text columns ``TEXT`` (SQLite never
  enforced ``VARCHAR(n)``: a row one site stored must copy to the other).
- ``numeric`` results (``SUM`` over a ``BIGINT``) come back as ``int`` when
  whole, so money stays integer fen on both databases.
- SQLite serialises writers with its one write lock (``BEGIN IMMEDIATE``); here
  a write transaction takes one transaction-level advisory lock
  (``pg_advisory_xact_lock``) before it reads a chain head or a lease, so the
  ledger and the system log stay one chain with writers on several PCs.
- Times that must agree between PCs (the bus leases) are the server's clock.
- A connection the server dropped (a restart, ``pg_terminate_backend``, a network
  cut) is replaced before its next use outside a transaction (``cursor``); a
  statement that failed is never sent again, since a write may have run.
"""

from __future__ import annotations

import datetime as dt
import decimal
import logging
import select
import socket
from urllib.parse import urlsplit, urlunsplit

from peewee import InterfaceError, OperationalError, PostgresqlDatabase

from app.errors import QT_TRANSLATE_NOOP, ConfigError

log = logging.getLogger(__name__)

SCHEMES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT_S = 5
# A network cut: unacknowledged data or unanswered keepalives end the connection within
# about this long (TCP would otherwise wait many minutes), so a statement fails, not hangs.
TCP_USER_TIMEOUT_MS = 10_000
KEEPALIVE = {"keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2, "keepalives_count": 3}
# The one advisory lock every write transaction takes (an arbitrary constant of ours: "PEM1").
WRITE_LOCK_KEY = 0x50454D31

UNREACHABLE = QT_TRANSLATE_NOOP(
    "Errors",
    "cannot reach the database server {where} ({reason}): check the network and that the "
    "server runs; no money operation is possible until it answers",
)
EMPTY_DATABASE = QT_TRANSLATE_NOOP(
    "Errors",
    "no site in the PostgreSQL database {where} (it is empty): make one there with "
    "init-site --db URL, or move a site there with migrate-db --to URL",
)
SERVER_BACKUP = QT_TRANSLATE_NOOP(
    "Errors",
    "this site's database is on the PostgreSQL server {where}: back it up and restore it with "
    "the server's own tools (pg_dump, pg_restore), and keep a copy of the key files of {folder}",
)
NOT_EMPTY_OR_SITE = QT_TRANSLATE_NOOP(
    "Errors",
    "the PostgreSQL database {where} is not a site database and not empty: check --db",
)


def is_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(SCHEMES)


def safe_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _integral_numeric(conn) -> None:
    """``numeric`` loads as int when whole (SUM of a BIGINT), else as Decimal."""
    from psycopg.types.numeric import NumericBinaryLoader, NumericLoader

    for base in (NumericLoader, NumericBinaryLoader):

        class Loader(base):
            def load(self, data):
                value = super().load(data)
                if isinstance(value, decimal.Decimal) and value == value.to_integral_value():
                    return int(value)
                return value

        conn.adapters.register_loader("numeric", Loader)


class SitePostgres(PostgresqlDatabase):
    field_types = {
        **PostgresqlDatabase.field_types,
        "AUTO": "BIGSERIAL",
        "INT": "BIGINT",
    }

    def _connect(self):
        conn = super()._connect()
        _integral_numeric(conn)
        return conn

    def cursor(self, named_cursor=None):
        """A cursor on a live connection: outside a transaction a dropped one is replaced first.

        Nothing is retried: the check happens before the statement is sent, so a write
        reaches the server once or fails with the connection error. Inside a transaction a
        dropped connection fails the transaction (its earlier statements are lost with it).
        """
        idle = not self.is_closed() and self.transaction_depth() == 0
        if idle and not _idle_on_server(self._state.conn):
            idle = False  # BEGIN sent (the lock follows) or COMMIT on its way: let it fail
        if idle and not connection_alive(self._state.conn):
            log.info("the connection to %s was dropped: connecting again", self.where)
            self.close()
        return super().cursor(named_cursor)

    def begin(self, isolation_level=None, lock_type=None):
        """``lock_type`` (SQLite's ``IMMEDIATE``): a write transaction, serialised by the lock."""
        super().begin(isolation_level)
        if lock_type:
            take_write_lock(self)

    @property
    def where(self) -> str:
        return safe_url(self.database)


def _idle_on_server(conn) -> bool:
    """Does libpq know of no transaction open on this connection (nothing sent since)?

    Read before the liveness check reads the socket: after BEGIN, or with COMMIT about to be
    sent (peewee counts the transaction closed first), the status is INTRANS, and a dropped
    connection must then fail the statement, never be replaced by a fresh autocommit one
    on which the lock would be released at once or COMMIT would succeed on nothing.
    """
    from psycopg.pq import TransactionStatus

    if conn.closed or conn.broken:
        return True  # a failure already reported to its caller: a new operation begins
    return conn.pgconn.transaction_status == TransactionStatus.IDLE


def make(url: str) -> SitePostgres:
    """A database object for ``url`` (not connected yet)."""
    return SitePostgres(
        url,
        prefer_psycopg3=True,
        connect_timeout=CONNECT_TIMEOUT_S,
        tcp_user_timeout=TCP_USER_TIMEOUT_MS,
        **KEEPALIVE,
        application_name=f"pem@{socket.gethostname()}"[:63],
    )


def unreachable(database: SitePostgres, exc: BaseException) -> ConfigError:
    orig = getattr(exc, "orig", None) or exc.__context__ or exc
    reason = (str(orig) or type(orig).__name__).strip().splitlines()[0]
    return ConfigError(UNREACHABLE, where=database.where, reason=reason)


def is_connection_error(exc: BaseException) -> bool:
    """A lost or refused connection (not a constraint or a statement's own error)."""
    import psycopg

    if isinstance(exc, InterfaceError):
        return True
    orig = getattr(exc, "orig", None) or exc.__context__ or exc
    return isinstance(orig, psycopg.OperationalError | psycopg.InterfaceError) or (
        isinstance(exc, OperationalError) and "connection" in str(exc).lower()
    )


def connection_alive(conn) -> bool:
    """False when psycopg knows ``conn`` is lost, or the server has closed it meanwhile.

    A server that ends a session (restart, ``pg_terminate_backend``) says so on the idle
    socket and closes it; the socket turns readable. Only then is its input read (no
    waiting): libpq marks the connection bad when it reads the end of the stream. Idle and readable
    for any other reason (a notification) leaves it alive.
    """
    from psycopg.pq import ConnStatus

    if conn.closed or conn.broken:
        return False
    pgconn = conn.pgconn
    try:
        for _ in range(3):  # the server's goodbye message, then the end of the stream
            readable, _w, _x = select.select([pgconn.socket], [], [], 0)
            if not readable or pgconn.status != ConnStatus.OK:
                break
            pgconn.consume_input()
    except Exception:  # psycopg.OperationalError, or a socket already gone (OSError)
        return False
    return pgconn.status == ConnStatus.OK


def take_write_lock(database: SitePostgres) -> None:
    """Serialise this transaction with every other writer (released at commit or rollback)."""
    database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))


def server_now(database: SitePostgres) -> dt.datetime:
    """The server's UTC clock, naive as the program's own ``utcnow``."""
    (now,) = database.execute_sql("SELECT (now() AT TIME ZONE 'utc')").fetchone()
    return now


def notify(database: SitePostgres, channel: str, payload: str = "") -> None:
    """Wake the listeners of ``channel`` (delivered when this transaction commits)."""
    database.execute_sql("SELECT pg_notify(%s, %s)", (channel, payload))
