"""Wake-ups for job rows on PostgreSQL: LISTEN/NOTIFY instead of polling the table.

A row's insert notifies ``QUEUED`` (the bus owner claims it at once) and its
finish notifies ``FINISHED`` (the submitter's ``JobWatcher`` resolves its
future), each in the same transaction as the row, so a notification is never
seen before the row is. One thread per process listens on a connection of its
own (autocommit, not peewee's per-thread one) and sets the events registered
for a channel. Waiters still look every ``FALLBACK_S``: a notification missed
while the listener reconnects only delays a job, it never loses one. On SQLite
nothing listens and the callers keep polling the table.
"""

from __future__ import annotations

import logging
import threading

from app.models import dialect, pg
from app.models.base import db

log = logging.getLogger(__name__)

QUEUED = "pem_job_queued"
FINISHED = "pem_job_finished"
CHANNELS = (QUEUED, FINISHED)
FALLBACK_S = 1.0  # how often a waiter looks anyway (a notification missed on a reconnect)
RECONNECT_S = 1.0

_lock = threading.Lock()
_listener: Listener | None = None


def notify(channel: str, payload: object = "") -> None:
    """Wake ``channel``'s listeners when the current transaction commits (PostgreSQL only)."""
    if dialect.is_postgresql():
        pg.notify(db.obj, channel, str(payload))


class Listener(threading.Thread):
    """LISTENs on every channel and sets the events subscribed to it; reconnects when cut."""

    def __init__(self, url: str) -> None:
        super().__init__(name="job-wakeup", daemon=True)
        self.url = url
        self._events: dict[str, set[threading.Event]] = {c: set() for c in CHANNELS}
        self._events_lock = threading.Lock()
        self._stopping = threading.Event()
        self.connected = threading.Event()

    def subscribe(self, channel: str, event: threading.Event) -> None:
        with self._events_lock:
            self._events[channel].add(event)

    def unsubscribe(self, channel: str, event: threading.Event) -> None:
        with self._events_lock:
            self._events[channel].discard(event)

    def _wake(self, channels=CHANNELS) -> None:
        with self._events_lock:
            events = [e for c in channels for e in self._events.get(c, ())]
        for event in events:
            event.set()

    def stop(self) -> None:
        self._stopping.set()

    def run(self) -> None:
        import psycopg

        warned = False  # a server down for an hour: one warning, not one a second
        while not self._stopping.is_set():
            try:
                with psycopg.connect(
                    self.url, autocommit=True, connect_timeout=pg.CONNECT_TIMEOUT_S
                ) as conn:
                    for channel in CHANNELS:
                        conn.execute(f"LISTEN {channel}")
                    self.connected.set()
                    if warned:
                        log.info("job wake-ups: listening again")
                    warned = False
                    self._wake()  # anything sent while we were away: look now
                    while not self._stopping.is_set():
                        for note in conn.notifies(timeout=FALLBACK_S):
                            self._wake((note.channel,))
            except Exception as exc:  # server restarted, network cut: listen again shortly
                self.connected.clear()
                if getattr(db.obj, "database", None) != self.url:
                    break  # the site database was closed or another one opened: not ours now
                if not self._stopping.is_set():
                    say = log.debug if warned else log.warning
                    say("job wake-ups: connection lost (%s); reconnecting", exc)
                    warned = True
                    self._stopping.wait(RECONNECT_S)
        self.connected.clear()


def listener() -> Listener | None:
    """This process's listener for the open site database (started on first use); None on SQLite."""
    global _listener
    if not dialect.is_postgresql():
        return None
    url = db.obj.database
    with _lock:
        if _listener is None or _listener.url != url or not _listener.is_alive():
            if _listener is not None:
                _listener.stop()
            _listener = Listener(url)
            _listener.start()
        return _listener


def subscribe(channel: str, event: threading.Event) -> float | None:
    """Have ``event`` set on ``channel``'s notifications; the fallback poll period, or None on
    SQLite (nothing listens: keep polling)."""
    found = listener()
    if found is None:
        return None
    found.subscribe(channel, event)
    return FALLBACK_S
