"""The one ``wait_for`` of the tests: poll a condition until it holds or time runs out."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_for(
    predicate: Callable[[], T],
    timeout: float = 15.0,
    what: str = "condition",
    interval: float = 0.005,
) -> T:
    """The first truthy value of ``predicate()``; AssertionError naming ``what`` after ``timeout``.

    For threads and processes outside Qt; a test with a Qt event loop uses
    ``qtbot.waitUntil`` so that signals are delivered while it waits.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)
