"""Keeps the grid's alarm marks and days left current (issue #13), off the GUI thread.

Alarms are raised in the bus workers' threads and acknowledged in the alarm
window (or another process): every ``MARKS_MS`` the set of meters with an
unacknowledged alarm is read in the background and applied to the model; the
use rates behind "days left" change slowly (the week's readings) and are read
again every ``RATES_EVERY``-th time. A failed read is logged and tried again at
the next tick (the grid goes on showing what it had); it never pops up a box.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future

from PySide6.QtCore import QObject, QTimer

from app import settings
from app.services.grid_data import AlarmView, load_alarm_view
from app.ui.support import background

log = logging.getLogger(__name__)

MARKS_MS = 15_000
RATES_EVERY = 40  # every 10 minutes at 15 s


class GridAlarmRefresher(QObject):
    def __init__(self, window, interval_ms: int = MARKS_MS) -> None:
        super().__init__(window)
        self.window = window
        self._ticks = 0
        self._busy = False
        self.refreshes = 0  # applied refreshes (tests)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        background.run_then(
            lambda: settings.get("credit.warn_days"),
            window.filter_bar.set_warn_days,
            lambda exc: log.warning("credit.warn_days not read: %s", exc),
            self,
            routine=True,
        )

    def refresh(self) -> None:
        if self._busy:  # the last read has not come back yet
            return
        self._busy = True
        with_rates = self._ticks % RATES_EVERY == RATES_EVERY - 1
        self._ticks += 1
        opened = self.window.model.opened_ids() if with_rates else None
        future = background.run_routine(load_alarm_view, opened)
        background.on_gui(future, self._done, self)

    def _done(self, future: Future) -> None:
        self._busy = False
        view, exc = background.outcome(future)
        if exc is not None:
            log.info("grid alarm marks not refreshed: %s", exc)
            return
        self.apply(view)

    def apply(self, view: AlarmView) -> None:
        self.window.model.set_alarm_view(view)
        if view.rates is not None:
            self.window.proxy.refilter_forecasts()
        self.refreshes += 1


def install_alarm_grid_actions(window, site, actor) -> GridAlarmRefresher:
    """The grid's alarm marks, days left and "runs out within" filter kept current."""
    return GridAlarmRefresher(window)
