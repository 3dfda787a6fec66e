"""An operator's session on the main window: role, menus, lock screen, start-up settlement.

The main window knows nothing of logins; this module ties a logged-in
``Actor`` to it, installs the cashier's and the system menus, hides what the
role may not do, and swaps the actor when another operator unlocks the screen
(shift change) while polling goes on underneath.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QKeySequence

from app import settings
from app.services import billing
from app.services.auth import AuthService
from app.services.permissions import Actor, Permission
from app.ui.alarms.actions import install_alarm_actions
from app.ui.auth.login_dialog import lock_screen
from app.ui.auth.operators_dialog import OperatorsDialog, role_text
from app.ui.auth.password_dialogs import ChangePasswordDialog
from app.ui.backups.backup_window import install_backup_actions
from app.ui.cashier.actions import MENU_ENTRIES, install_cashier_actions
from app.ui.control.batch_actions import install_batch_actions
from app.ui.control.control_actions import install_control_actions
from app.ui.control.schedule_window import install_schedule_actions
from app.ui.grid.alarm_refresh import install_alarm_grid_actions
from app.ui.payments.reconcile_window import install_reconcile_actions
from app.ui.records.system_log_view import SystemLogView
from app.ui.reports.actions import install_report_actions
from app.ui.settings.workbook_actions import install_workbook_actions
from app.ui.sms.modem_status import install_sms_actions
from app.ui.support.windows import bring_to_front
from app.ui.tariffs.actions import install_tariff_actions

log = logging.getLogger(__name__)


class Session(QObject):
    """``on_language`` switches the program's language (a choice at the lock screen)."""

    def __init__(
        self,
        window,
        site,
        auth: AuthService,
        actor: Actor,
        language: str,
        on_language: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.window, self.site, self.auth, self.language = window, site, auth, language
        self._on_language = on_language
        self.actor = actor
        self.cashier = install_cashier_actions(window, site, actor)
        self.control = install_control_actions(window, site, actor)
        install_workbook_actions(window, site)
        self._schedules_action = install_schedule_actions(window, site, actor)
        self.tariffs = install_tariff_actions(window, site, actor)
        self.batch = install_batch_actions(window, site, actor)
        self.alarms = install_alarm_actions(window, site, actor)
        self.modem_status = install_sms_actions(window, site, actor)
        self.alarm_grid = install_alarm_grid_actions(window, site, actor)
        self.backups = install_backup_actions(window, site)
        self.reports = install_report_actions(window, site, actor)
        self.reconcile = install_reconcile_actions(window, site, actor)
        signal = getattr(window, "meter_context_menu_requested", None)
        if signal is not None:
            signal.connect(self._control_menu)
        self._windows: list = []
        self._settings_window = None  # one per main window, kept while open
        window.open_settings = self._settings  # the empty grid's "add by hand"
        self._add_system_actions()
        self._set_actor(actor)
        window.retranslated.connect(self._retranslate)

    def _control_menu(self, meter_ids: list[int], menu) -> None:
        """Relay commands for the meter under the click (maintenance and admin)."""
        from app.ui.control.relay_actions import relay_actions

        entries = relay_actions(menu, self.site, self.actor, meter_ids)
        if entries:
            menu.addSeparator()
            for act in entries:
                menu.addAction(act)

    # -- menus ---------------------------------------------------------------------------
    def _system_texts(self) -> dict[str, str]:
        return {
            "system.lock": self.tr("&Lock screen"),
            "system.password": self.tr("Change &password…"),
            "system.operators": self.tr("&Operators…"),
            "system.log": self.tr("S&ystem log…"),
            "system.settings": self.tr("&Settings…"),
        }

    def _add_system_actions(self) -> None:
        w = self.window
        texts = self._system_texts()
        lock = w.add_action("system.lock", texts["system.lock"], "system")
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock)
        change = w.add_action("system.password", texts["system.password"], "system")
        change.triggered.connect(self._change_password)
        operators = w.add_action(
            "system.operators", texts["system.operators"], "system", Permission.OPERATORS
        )
        operators.triggered.connect(self._operators)
        syslog = w.add_action("system.log", texts["system.log"], "system", Permission.VIEW)
        syslog.triggered.connect(self._system_log)
        config = w.add_action(
            "system.settings", texts["system.settings"], "system", Permission.VIEW
        )
        config.triggered.connect(self._settings)

    def _retranslate(self) -> None:
        """The menus this session added, and the title, in the language just chosen."""
        registry = self.window.actions_registry
        for key, text in self._system_texts().items():
            registry[key].action.setText(text)
        for entry in MENU_ENTRIES:
            key, source = entry[0], entry[1]
            if key in self.cashier.actions:
                self.cashier.actions[key].setText(
                    QCoreApplication.translate("CashierActions", source)
                )
        self.control.retranslate()
        self.tariffs.retranslate()
        self._schedules_action.setText(QCoreApplication.translate("ScheduleWindow", "Sc&hedules…"))
        if self._settings_window is not None and shiboken6.isValid(self._settings_window):
            self._settings_window.retranslate()
        self._set_title()

    def _language_chosen(self, lang: str) -> None:
        self.language = lang  # the next lock screen offers it first
        if self._on_language is not None:
            self._on_language(lang)

    # -- who is at the desk ------------------------------------------------------------------
    def _set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.cashier.actor = actor
        self.control.actor = actor
        self.tariffs.actor = actor
        self.batch.actor = actor
        self.window.apply_role(actor)
        self._set_title()
        if self._settings_window is not None and shiboken6.isValid(self._settings_window):
            self._settings_window.set_actor(actor)

    def _set_title(self) -> None:
        self.window.setWindowTitle(
            self.tr("Prepaid Energy Manager — %1 (%2)")
            .replace("%1", self.actor.name)
            .replace("%2", role_text(self, self.actor.role))
        )

    def lock(self):
        """Cover the window and ask for a login; polling and bus workers keep running."""
        return lock_screen(
            self.window,
            self.auth,
            self.actor,
            self._set_actor,
            self.language,
            site_name=settings.get("site.name"),
            on_language=self._language_chosen,
        )

    def _change_password(self) -> None:
        dialog = ChangePasswordDialog(self.auth, self.actor, self.window)
        dialog.open()
        self._windows.append(dialog)

    def _operators(self) -> None:
        dialog = OperatorsDialog(self.auth, self.actor, self.window)
        dialog.open()
        self._windows.append(dialog)

    def _system_log(self) -> None:
        view = SystemLogView(self.actor)
        view.setWindowTitle(self.tr("System log"))
        view.resize(1000, 600)
        view.show()
        self._windows.append(view)

    def _settings(self) -> None:
        """The system settings window (non-modal); asked again, the open one comes forward."""
        from app.ui.settings.settings_window import SettingsWindow

        current = self._settings_window
        if current is None or not shiboken6.isValid(current):
            current = SettingsWindow(self.site, self.actor, self._site_changed)
            current.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self._settings_window = current
        bring_to_front(current)

    def _site_changed(self) -> None:
        reload = getattr(self.window, "reload", None)
        if reload is not None:
            reload()


def settle_at_startup(site) -> int:
    """Queue settlement of every pending/uncertain entry on its meter's bus (never blocks)."""
    try:
        futures = billing.settle_all(site.worker_for)
    except Exception:
        log.exception("start-up settlement could not be queued")
        return 0
    if futures:
        log.info("settling %d meter(s) with unsettled ledger entries", len(futures))
    return len(futures)
