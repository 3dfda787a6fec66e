"""Run a callback on the GUI thread when a bus future completes.

Futures complete on a bus worker thread; widgets may only be touched on the
GUI thread. ``app.serial_io.qt_bridge.deliver`` does this for the whole
application when it exists; this fallback does the same with a queued signal
so the UI layer works before (and without) the bridge.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(object)


def when_done(future: Future, callback: Callable[[Future], None], context: QObject) -> None:
    """Call ``callback(future)`` on ``context``'s thread once ``future`` is done.

    Nothing is called if ``context`` was deleted in the meantime (dialog closed).
    """
    try:
        from app.serial_io.qt_bridge import deliver  # type: ignore[attr-defined]
    except ImportError:
        deliver = None
    if deliver is not None:
        deliver(future, callback, context)
        return
    relay = _Relay(context)
    relay.done.connect(callback)
    relay.done.connect(relay.deleteLater)

    def _emit(fut: Future) -> None:
        try:
            relay.done.emit(fut)
        except RuntimeError:  # the context (and relay) is gone: nobody to tell
            log.debug("future finished after its receiver was deleted")

    future.add_done_callback(_emit)
