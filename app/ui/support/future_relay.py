"""Run a callback on the GUI thread when a bus future completes, if its widget still lives.

Futures complete on a bus worker thread; ``qt_bridge.deliver`` brings the
call to the GUI thread. A dialog closed in the meantime (deleted on close)
is not called: nobody is left to tell.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future

import shiboken6
from PySide6.QtCore import QObject

from app.ui.support.qt_bridge import deliver

log = logging.getLogger(__name__)


def when_done(future: Future, callback: Callable[[Future], None], context: QObject) -> None:
    """Call ``callback(future)`` on the GUI thread once ``future`` is done, if ``context`` lives."""

    def guarded(fut: Future) -> None:
        if shiboken6.isValid(context):
            callback(fut)
        else:
            log.debug("future finished after its receiver was deleted")

    deliver(future, guarded)
