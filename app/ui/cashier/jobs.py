"""Running cashier work off the GUI thread and handing its result back safely.

The GUI never blocks on the bus or the database: blocking services run in a
thread of their own, and results come back through a queued callback that is
dropped (and logged) when the window that asked has been closed meanwhile.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future

import shiboken6
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from app.ui.support.qt_bridge import deliver

log = logging.getLogger(__name__)


def run_in_thread(fn: Callable, *args, **kwargs) -> Future:
    """Run a blocking service (open account, meter replacement) off the GUI thread."""
    future: Future = Future()

    def body() -> None:
        from app.models import db

        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        finally:
            if db.obj is not None and not db.is_closed():
                db.close()  # this thread's own connection

    threading.Thread(target=body, name="cashier-job", daemon=True).start()
    return future


def when_done(future: Future, callback: Callable[[Future], None], widget: QWidget) -> None:
    """``callback(future)`` on the GUI thread, unless ``widget`` is gone by then."""

    def call(done: Future) -> None:
        if shiboken6.isValid(widget):
            callback(done)
        else:
            log.info("operation finished after its window was closed: %r", done)

    deliver(future, call)


def bring_to_front(window: QWidget) -> None:
    """Show and raise (the offscreen test platform cannot raise and says so)."""
    window.show()
    if QGuiApplication.platformName() != "offscreen":
        window.raise_()
        window.activateWindow()
