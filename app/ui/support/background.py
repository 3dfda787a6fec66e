"""The one way the window runs work off the GUI thread, and hears back on it.

``run(fn, *args)`` runs a blocking call (a password check, a page of the
system log, a report) on a small, bounded pool and returns a ``Future``;
``on_gui(future, callback, owner)`` calls ``callback(future)`` on the GUI
thread once it is done, unless ``owner`` (the dialog or model that asked) has
been deleted meanwhile. Bus work does not come here: services submit it to the
bus owner and hand back their own futures, which ``on_gui`` takes as well.

The threading rules this relies on are in docs/architecture.md: pool threads
never call Qt (results come back through ``qt_bridge.deliver``), jobs capture
data rather than Qt objects, and garbage is collected on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

import shiboken6
from PySide6.QtCore import QObject

from app.errors import PemError
from app.models.db import in_own_connection
from app.ui.support.qt_bridge import deliver

log = logging.getLogger(__name__)

MAX_THREADS = 4  # scrypt checks and database pages: short, and never more than a few at once

_pool = ThreadPoolExecutor(max_workers=MAX_THREADS, thread_name_prefix="pem-background")
_running: set[Future] = set()  # what Quit asks about


def run(fn: Callable, *args, **kwargs) -> Future:
    """Run a blocking call off the GUI thread; the future gives its result or exception."""
    future = _pool.submit(in_own_connection, fn, *args, **kwargs)
    _running.add(future)
    future.add_done_callback(_running.discard)
    return future


def run_routine(fn: Callable, *args, **kwargs) -> Future:
    """``run`` for a routine read a timer repeats (a status-bar count, the grid's marks):
    cut off by quitting, it loses nothing, so Quit does not ask about it."""
    return _pool.submit(in_own_connection, fn, *args, **kwargs)


def in_flight() -> int:
    """How many background calls have not finished yet (the window asks before quitting)."""
    return sum(1 for future in list(_running) if not future.done())


def on_gui(future: Future, callback: Callable[[Future], None], owner: QObject) -> None:
    """``callback(future)`` on the GUI thread when ``future`` is done, if ``owner`` still lives."""

    def guarded(done: Future) -> None:
        if shiboken6.isValid(owner):
            callback(done)
        else:
            log.debug("background work finished after its owner was deleted: %r", done)

    deliver(future, guarded)


def outcome(future: Future) -> tuple[object, BaseException | None]:
    """(result, None) or (None, exception) of a done future; a non-PemError is logged as a bug."""
    if future.cancelled():
        return None, PemError("cancelled")
    exc = future.exception()
    if exc is not None and not isinstance(exc, PemError):
        log.error("background work failed", exc_info=exc)
    return (None, exc) if exc is not None else (future.result(), None)


def run_then(
    fn: Callable[[], object],
    on_done: Callable[[object], None],
    on_failed: Callable[[BaseException], None],
    owner: QObject,
    routine: bool = False,
) -> Future:
    """``run(fn)``, then ``on_done(result)`` or ``on_failed(exc)`` on the GUI thread (if ``owner``
    lives). Returns the future, so a caller can tell a stale answer from the one it waits for.
    ``routine``: a read a timer repeats (``run_routine``), which Quit does not wait for."""
    future = run_routine(fn) if routine else run(fn)

    def finished(done: Future) -> None:
        result, exc = outcome(done)
        if exc is None:
            on_done(result)
        else:
            on_failed(exc)

    on_gui(future, finished, owner)
    return future
