"""The system settings window: one non-modal window per main window, a tab per part of the site.

Admins change everything; maintenance staff buses and meters; cashiers look
(the pages hide Add / Remove and open forms read-only). The site's defaults
and collection settings page comes from ``defaults_page`` when that module is
present. After any change every page and the lookups the forms choose from are
read again, and ``on_changed`` lets the main window reload its grid.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.services.permissions import Actor
from app.ui.settings.building_page import BuildingPage
from app.ui.settings.bus_page import BusPage
from app.ui.settings.choices import Lookups, load_lookups
from app.ui.settings.config_page import ConfigPage
from app.ui.settings.gateway_page import GatewayPage
from app.ui.settings.kiosk_page import KioskPage
from app.ui.settings.meter_page import MeterPage
from app.ui.settings.payments_page import PaymentsPage
from app.ui.settings.sms_page import SmsPage
from app.ui.support import background

log = logging.getLogger(__name__)


def _defaults_page(site, actor: Actor, parent: QWidget) -> QWidget:
    """The defaults and collection settings; a save reaches this process's bus workers at
    once (other processes follow ``config.version``)."""
    from app.ui.settings.defaults_page import DefaultsPage

    reload = getattr(site, "reload_poll_settings", None)
    return DefaultsPage(actor, parent, on_saved=lambda _changes: reload and reload())


def _add_titled(tabs: QTabWidget, page):
    """Add a page that keeps its own tab title in the interface language (its ``retranslate``
    sets it through ``page.tabs``)."""
    tabs.addTab(page, "")
    page.tabs = tabs
    page.retranslate()
    return page


class SettingsWindow(QWidget):
    def __init__(
        self,
        site,
        actor: Actor,
        on_changed: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_window")
        self.site, self.actor, self.on_changed = site, actor, on_changed
        self.lookups = Lookups()
        self.tabs = QTabWidget(self)
        self.buildings = BuildingPage(site, actor, self)
        self.gateways = GatewayPage(site, actor, self)
        self.buses = BusPage(site, actor, self)
        self.meters = MeterPage(site, actor, self)
        self.pages: list[ConfigPage] = [self.buildings, self.gateways, self.buses, self.meters]
        for page in self.pages:
            page.lookups = lambda: self.lookups
            page.changed.connect(self._changed)
            self.tabs.addTab(page, "")
        self.defaults = _defaults_page(site, actor, self)
        if self.defaults is not None:
            self.tabs.addTab(self.defaults, "")
        self.sms = _add_titled(self.tabs, SmsPage(actor, self.tabs))
        self.kiosk = _add_titled(self.tabs, KioskPage(actor, self.tabs))
        self.payments = _add_titled(self.tabs, PaymentsPage(site, actor, self.tabs))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.retranslate()
        self.resize(1100, 600)
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("System settings"))
        titles = [self.tr("Buildings"), self.tr("Gateways"), self.tr("Buses"), self.tr("Meters")]
        if self.defaults is not None:
            titles.append(self.tr("Defaults and collection"))
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
        for page in self.pages:
            page.retranslate()

    def set_actor(self, actor: Actor) -> None:
        """Another operator unlocked the screen: their role decides what may be changed."""
        self.actor = actor
        for page in self.pages:
            page.set_actor(actor)
        self.sms.set_actor(actor)
        self.kiosk.set_actor(actor)
        self.payments.set_actor(actor)
        setter = getattr(self.defaults, "set_actor", None)
        if setter is not None:
            setter(actor)

    def reload(self) -> None:
        """The lookups first (the forms and the meter filters), then every page's rows."""
        background.run_then(load_lookups, self._looked_up, self._lookup_failed, self)

    def _looked_up(self, lookups: Lookups) -> None:
        self.lookups = lookups
        self.meters.set_lookups(lookups)
        for page in self.pages:
            page.reload()

    def _lookup_failed(self, exc: BaseException) -> None:
        log.info("settings: reading the site failed: %s", exc)
        for page in self.pages:
            page.show_problem(exc)

    def _changed(self) -> None:
        self.reload()
        if self.on_changed is not None:
            self.on_changed()
