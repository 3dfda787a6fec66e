"""Is the site's PostgreSQL server answering? A cheap ``SELECT 1`` every few seconds.

On a site whose database is a PostgreSQL server (several PCs) the operator must
see at once when the server cannot be reached, and no money operation may
start meanwhile (a sale begins with its pending ledger entry on the server: an
operation that cannot write it moves nothing, but one started just before the
outage would leave the cashier unsure). ``start(database)`` runs the check on a
thread of its own; ``state()`` is a snapshot any thread reads without waiting,
and ``refusal()`` is the error a money operation is refused with while the
server is down. On SQLite nothing runs and nothing is ever refused.

A check that hangs (a network cut, where TCP waits long before it gives up)
counts as down once it has had no answer for ``ANSWER_WITHIN_S``: the
indicator does not wait for the socket's own timeout.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass

from app.errors import ConfigError
from app.models import pg
from app.models.site import utcnow

log = logging.getLogger(__name__)

CHECK_EVERY_S = 3.0
ANSWER_WITHIN_S = float(pg.CONNECT_TIMEOUT_S)
NO_ANSWER = "no answer for {seconds} s"  # a reason, like the driver's own texts


@dataclass(frozen=True)
class DbState:
    where: str  # the server, without its password
    up: bool
    since: dt.datetime  # naive UTC: when it last changed between up and down
    error: ConfigError | None = None  # why it is down (the UNREACHABLE sentence)


class DbHealth:
    """The checking thread of one PostgreSQL database, and what it found last."""

    def __init__(self, database, every_s: float = CHECK_EVERY_S) -> None:
        self.database = database
        self.every_s = every_s
        self._lock = threading.Lock()
        self._state = DbState(database.where, True, utcnow())
        self._checking_since: float | None = None  # monotonic start of a check under way
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="pem-db-health", daemon=True)
        self._thread.start()

    def stop(self, wait_s: float = 2.0) -> None:
        """End the checks and give the thread's connection back (a check under way may finish)."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(wait_s)

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                self.check()
                self._stop.wait(self.every_s)
        finally:
            self._close()

    def check(self) -> DbState:
        """One ``SELECT 1`` on this thread's connection (a dropped one is replaced first)."""
        with self._lock:
            self._checking_since = time.monotonic()
        try:
            self.database.execute_sql("SELECT 1").fetchone()
        except Exception as exc:  # whatever it is, the server did not answer
            self._close()
            error = pg.unreachable(self.database, exc)
            return self._set(False, error)
        finally:
            with self._lock:
                self._checking_since = None
        return self._set(True, None)

    def _close(self) -> None:
        try:
            if not self.database.is_closed() and not self.database.in_transaction():
                self.database.close()
        except Exception:  # a connection already gone: nothing to give back
            log.debug("closing the health check's connection failed", exc_info=True)

    def _set(self, up: bool, error: ConfigError | None) -> DbState:
        with self._lock:
            old = self._state
            since = old.since if old.up == up else utcnow()
            self._state = DbState(old.where, up, since, error)
            if old.up != up and up:
                log.info("database server %s answers again", old.where)
            elif old.up != up:
                log.warning("database server %s down: %s", old.where, error)
            return self._state

    def state(self) -> DbState:
        """What the last check found; down as well while a check waits too long for its answer."""
        with self._lock:
            state, started = self._state, self._checking_since
        if started is not None and state.up:
            waited = time.monotonic() - started
            if waited > ANSWER_WITHIN_S:
                reason = NO_ANSWER.format(seconds=int(waited))
                error = ConfigError(pg.UNREACHABLE, where=state.where, reason=reason)
                since = utcnow() - dt.timedelta(seconds=waited)
                return DbState(state.where, False, since, error)
        return state


_monitor: DbHealth | None = None


def start(database) -> DbHealth | None:
    """Begin checking ``database`` when it is a PostgreSQL server (SQLite: None, nothing runs)."""
    global _monitor
    stop()
    if not isinstance(database, pg.SitePostgres):
        return None
    _monitor = DbHealth(database)
    _monitor.start()
    return _monitor


def stop() -> None:
    global _monitor
    if _monitor is not None:
        _monitor.stop()
        _monitor = None


def current() -> DbHealth | None:
    return _monitor


def refusal() -> ConfigError | None:
    """Why a money operation may not start now (the server is unreachable), or None."""
    state = _monitor.state() if _monitor is not None else None
    if state is None or state.up:
        return None
    return state.error or ConfigError(pg.UNREACHABLE, where=state.where, reason="?")
