"""The alarm window's menu entry (View > Alarms…) and the status bar's count that opens it.

The session calls ``install_alarm_actions`` once. Who is logged in is read from
the main window when the window opens or the count is read (the lock screen
swaps operators there), so nothing else needs telling.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication

from app.services.permissions import Actor, Permission
from app.ui.alarms.alarm_count import AlarmCountButton
from app.ui.support.windows import bring_to_front


def _menu_text() -> str:
    return QCoreApplication.translate("AlarmActions", "&Alarms…")


class AlarmActions:
    def __init__(self, window, site, actor: Actor) -> None:
        self.main, self.site, self._first_actor = window, site, actor
        self.window = None  # the alarm window while open
        self.action = window.add_action("alarms.window", _menu_text(), "view", Permission.ALARMS)
        self.action.triggered.connect(lambda: self.show_window())
        self.count = AlarmCountButton(self.actor)
        self.count.clicked.connect(lambda: self.show_window(unacknowledged_only=True))
        window.statusBar().addPermanentWidget(self.count)
        retranslated = getattr(window, "retranslated", None)
        if retranslated is not None:
            retranslated.connect(self.retranslate)

    def actor(self) -> Actor:
        return getattr(self.main, "actor", None) or self._first_actor

    def retranslate(self) -> None:
        self.action.setText(_menu_text())
        self.count.retranslate()

    def show_window(self, unacknowledged_only: bool = False):
        """The alarm window (one at a time; asked again, a fresh one with the asked filter)."""
        from app.ui.alarms.alarm_window import AlarmWindow

        old = self.window
        if old is not None and shiboken6.isValid(old):
            old.close()
        view = AlarmWindow(self.actor(), unacknowledged_only=unacknowledged_only)
        view.acknowledged.connect(lambda _n: self.count.refresh())
        self.window = view
        bring_to_front(view)
        return view


def install_alarm_actions(window, site, actor: Actor) -> AlarmActions:
    """Add View > Alarms… and the unacknowledged count to ``window``'s status bar."""
    return AlarmActions(window, site, actor)
