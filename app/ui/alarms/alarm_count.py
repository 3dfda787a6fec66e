"""The status bar's count of alarms nobody acknowledged; a click opens the alarm window.

The count is read off the GUI thread on a timer (``REFRESH_MS``) while the
button is shown (at once when it appears) and after an acknowledgement
(``refresh``); a read still under way is not asked again, and a hidden or
closed window reads nothing. A failed read shows "Alarms: ?" with the reason as the tooltip, never a
box popping up.
"""

from __future__ import annotations

from concurrent.futures import Future

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QPushButton, QWidget

from app.services import alarm_report
from app.ui.support import colors
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text

REFRESH_MS = 5000


class AlarmCountButton(QPushButton):
    """A flat button: "Alarms: 3" in red while some wait, "No alarms" otherwise."""

    def __init__(self, actor_of, parent: QWidget | None = None, interval_ms: int = REFRESH_MS):
        super().__init__(parent)
        self.setObjectName("alarmCount")
        self.setFlat(True)
        self._actor_of = actor_of  # who is logged in now (the session swaps operators)
        self.count: int | None = None
        self._reading: Future | None = None
        self._show(None)
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.refresh)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def refresh(self) -> Future | None:
        if self._reading is not None and not self._reading.done():
            return None
        actor = self._actor_of()
        if actor is None:
            return None
        self._reading = run_then(
            lambda: alarm_report.unacknowledged(actor),
            self._counted,
            self._failed,
            self,
            routine=True,
        )
        return self._reading

    def _counted(self, count: int) -> None:
        self.count = count
        self.setToolTip(self.tr("Open the alarm window"))
        self._show(count)

    def _failed(self, exc: BaseException) -> None:
        self.count = None
        self.setText(self.tr("Alarms: ?"))
        self.setStyleSheet(colors.text_style(colors.WARNING))
        self.setToolTip(error_text(exc))

    def _show(self, count: int | None) -> None:
        if count:
            self.setText(self.tr("Alarms: %n", "", count))
            self.setStyleSheet(colors.text_style(colors.ERROR) + " font-weight: bold;")
        else:
            self.setText(self.tr("No alarms") if count == 0 else self.tr("Alarms: …"))
            self.setStyleSheet(colors.text_style(colors.MUTED))

    def retranslate(self) -> None:
        self._show(self.count)
