"""The tariff room's menu entries: "Tariffs…" (admin) and "Parameters not in sync…"
(maintenance, admin). The session calls ``install_tariff_actions`` once and sets
``actor`` on the result when someone else logs in."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.permissions import Actor, Permission
from app.ui.support.windows import bring_to_front


def _texts() -> dict[str, str]:
    return {
        "tariffs.list": QCoreApplication.translate("TariffActions", "&Tariffs…"),
        "tariffs.unsynced": QCoreApplication.translate("TariffActions", "Parameters &not in sync…"),
    }


class TariffActions:
    def __init__(self, window, site, actor: Actor) -> None:
        self.window = window
        self.site = site
        self.actor = actor
        self.windows: dict[str, object] = {}
        texts = _texts()
        listing = window.add_action(
            "tariffs.list", texts["tariffs.list"], "maintenance", Permission.SETTINGS
        )
        listing.triggered.connect(self.show_tariffs)
        unsynced = window.add_action(
            "tariffs.unsynced", texts["tariffs.unsynced"], "maintenance", Permission.CONTROL
        )
        unsynced.triggered.connect(self.show_unsynced)
        self.actions = {"tariffs.list": listing, "tariffs.unsynced": unsynced}

    def retranslate(self) -> None:
        """The entries in the language just chosen (the session's language change calls it)."""
        for key, text in _texts().items():
            self.actions[key].setText(text)

    def show_tariffs(self):
        from app.ui.tariffs.tariff_list import TariffListWindow

        selected = getattr(self.window, "selected_meter_ids", list)
        view = TariffListWindow(self.actor, selected)
        return self._show("tariffs", view)

    def show_unsynced(self):
        from app.ui.tariffs.unsynced_window import UnsyncedWindow

        view = UnsyncedWindow(self.actor, getattr(self.window, "reload", None))
        return self._show("unsynced", view)

    def _show(self, key: str, view):
        old = self.windows.get(key)
        if old is not None:
            old.close()
        self.windows[key] = view
        bring_to_front(view)
        return view


def install_tariff_actions(window, site, actor: Actor) -> TariffActions:
    """Add the tariff room's entries to ``window``'s Maintenance menu."""
    return TariffActions(window, site, actor)
