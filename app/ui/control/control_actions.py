"""The maintenance menu's bus tools: "Scan a bus…" and "Bus diagnostics…".

``install_control_actions(window, site, actor)`` adds both to the main
window's maintenance menu for roles with the commission permission
(maintenance and admin; ``apply_role`` hides them from cashiers) and opens one
window of each at a time, brought to the front when asked again.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

from app.services.permissions import Actor, Permission
from app.ui.support.windows import bring_to_front

CONTEXT = "ControlActions"
ENTRIES = (
    ("maintenance.scan", QT_TRANSLATE_NOOP("ControlActions", "&Scan a bus…"), "open_scan"),
    ("maintenance.diagnostics", QT_TRANSLATE_NOOP("ControlActions", "Bus &diagnostics…"),
     "open_diagnostics"),
)  # fmt: skip


class ControlActions(QObject):
    """Holds the two windows (one each) and the actor they act as (swapped at unlock)."""

    def __init__(self, window, site, actor: Actor) -> None:
        super().__init__(window)
        self.window, self.site, self.actor = window, site, actor
        self.scan_window = None
        self.diagnostics_window = None
        self.actions = {}

    def open_scan(self, bus_id: int | None = None, port_settings=None):
        from app.ui.control.scan_window import ScanWindow

        if self.scan_window is None or self.scan_window.actor != self.actor:
            self.scan_window = ScanWindow(self.site, self.actor, bus_id, port_settings)
        bring_to_front(self.scan_window)
        return self.scan_window

    def open_diagnostics(self):
        from app.ui.control.diagnostics_window import DiagnosticsWindow

        if self.diagnostics_window is None:
            self.diagnostics_window = DiagnosticsWindow(self.site, self.actor)
        bring_to_front(self.diagnostics_window)
        return self.diagnostics_window

    def retranslate(self) -> None:
        for key, text, _method in ENTRIES:
            self.actions[key].setText(QCoreApplication.translate(CONTEXT, text))


def install_control_actions(window, site, actor: Actor) -> ControlActions:
    """Menu entries in the maintenance menu; the session keeps the returned object."""
    ca = ControlActions(window, site, actor)
    for key, text, method in ENTRIES:
        act = window.add_action(
            key, QCoreApplication.translate(CONTEXT, text), "maintenance", Permission.COMMISSION
        )
        act.triggered.connect(lambda _checked=False, m=method: getattr(ca, m)())
        ca.actions[key] = act
    return ca
