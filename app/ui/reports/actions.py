"""The Reports menu's entries: sales report, energy report, shift closing (roles with
``Permission.REPORTS``). The session calls ``install_report_actions`` once; the windows open
for whoever is logged in then (the main window's ``actor``), and the entries follow the
window's language change by themselves."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.permissions import Actor, Permission
from app.ui.support.windows import bring_to_front


def _texts() -> dict[str, str]:
    return {
        "reports.sales": QCoreApplication.translate("ReportActions", "&Sales report…"),
        "reports.energy": QCoreApplication.translate("ReportActions", "&Energy report…"),
        "reports.closing": QCoreApplication.translate("ReportActions", "Shift &closing…"),
    }


class ReportActions:
    def __init__(self, window, site, actor: Actor) -> None:
        self.window, self.site, self._actor = window, site, actor
        self.windows: dict[str, object] = {}
        self.actions = {}
        for key, text in _texts().items():
            act = window.add_action(key, text, "reports", Permission.REPORTS)
            act.triggered.connect(lambda _checked=False, k=key: self.show(k))
            self.actions[key] = act
        retranslated = getattr(window, "retranslated", None)
        if retranslated is not None:
            retranslated.connect(self.retranslate)

    @property
    def actor(self) -> Actor:
        """Who is logged in now (the main window knows; a lock and a new login change it)."""
        return getattr(self.window, "actor", None) or self._actor

    def retranslate(self) -> None:
        for key, text in _texts().items():
            self.actions[key].setText(text)

    def show(self, key: str):
        from app.ui.reports.closing_window import ClosingWindow
        from app.ui.reports.energy_window import EnergyReportWindow
        from app.ui.reports.sales_window import SalesReportWindow

        kinds = {
            "reports.sales": SalesReportWindow,
            "reports.energy": EnergyReportWindow,
            "reports.closing": ClosingWindow,
        }
        old = self.windows.get(key)
        if old is not None:
            old.close()
        view = kinds[key](self.actor)
        self.windows[key] = view
        bring_to_front(view)
        return view


def install_report_actions(window, site, actor: Actor) -> ReportActions:
    """Add the report centre's entries to ``window``'s Reports menu."""
    return ReportActions(window, site, actor)
