"""Cyclic garbage collection only on the GUI thread.

Python runs its cycle collector in whichever thread happens to allocate when
a threshold is crossed: a bus worker, a background password check, a
database page read. If that collection frees a cycle holding a Qt object
(a closed dialog and its callbacks), the object is destroyed from the wrong
thread while the GUI thread may be using it, and the process crashes now
and then (seen as segfaults in the test suite). So automatic collection is
switched off and the GUI thread collects, with Python's own thresholds, from
a timer. (The pattern is the usual one for threaded PyQt/PySide programs.)
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


def collect_if_due() -> int:
    """What ``gc`` would have done by itself: the oldest generation over its threshold."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    generation = -1
    for g in range(3):
        if counts[g] > thresholds[g]:
            generation = g
    return gc.collect(generation) if generation >= 0 else 0


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(collect_if_due)
        self._timer.start()


def freeze_startup() -> None:
    """Once the window is built: collect once, then leave everything alive so far (modules,
    the grid's rows, the site) out of every later collection (``gc.freeze``). A full
    collection then scans only what came since, so it stays a few milliseconds on the GUI
    thread instead of some 50 ms with a large site (bench/batch.py --gui)."""
    gc.collect()
    gc.freeze()


_installed: list[GuiThreadCollector] = []


def install(app: QObject) -> GuiThreadCollector:
    """Once per application (call on the GUI thread)."""
    if not _installed:
        _installed.append(GuiThreadCollector(app))
    return _installed[0]
