"""The query kiosk: one full-screen window for a touch screen in the building (issue #15).

No menus, no title bar; closing, Escape and Alt+F4 are refused; the only way
out is the exit PIN an administrator set (``services.kiosk_exit``), typed on
the "Staff" page. After ``idle_s`` without a touch, and after each sign-out, it
goes back to the start screen in Chinese with nothing of the last tenant left.
Every read and action goes through the tenant service off the GUI thread; an
answer that comes back after its tenant signed out is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services import tenant_access, tenant_control, tenant_view
from app.services.kiosk_exit import ExitGuard
from app.services.payments import tenant_buy
from app.services.tenant_access import TenantActor
from app.ui.kiosk.account_page import AccountPage
from app.ui.kiosk.buy_page import BuyPage
from app.ui.kiosk.pin_pages import ChangePinPage, ExitPage, SignInPage
from app.ui.kiosk.style import STYLE, set_role
from app.ui.support.background import on_gui, outcome, run_then
from app.ui.support.error_text import error_text

FIRST_LANGUAGE = "zh_CN"
OTHER = {"zh_CN": "en", "en": "zh_CN"}
LANGUAGE_NAME = {"zh_CN": "中文", "en": "English"}  # each in its own language, never translated
INPUT_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.KeyPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.Wheel,
}


def refused_key(event) -> bool:
    """Keys that would leave or hide the kiosk: Escape, Alt+F4, Ctrl+W / Ctrl+Q."""
    key, mods = event.key(), event.modifiers()
    if key == Qt.Key.Key_Escape:
        return True
    if key == Qt.Key.Key_F4 and mods & Qt.KeyboardModifier.AltModifier:
        return True
    return bool(mods & Qt.KeyboardModifier.ControlModifier) and key in (Qt.Key.Key_W, Qt.Key.Key_Q)


class KioskWindow(QWidget):
    left = Signal()  # the staff's exit PIN was right: the kiosk closed

    def __init__(
        self,
        site,
        idle_s: int,
        source: str,
        on_language: Callable[[str], None] | None = None,
        lang: str = FIRST_LANGUAGE,
        site_name: str = "",
    ) -> None:
        super().__init__(
            None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setObjectName("kiosk")
        self.setStyleSheet(STYLE)
        self.site, self.source, self.on_language, self.lang = site, source, on_language, lang
        self.who: TenantActor | None = None
        self.generation = 0  # bumped at each sign-out: older answers are dropped
        self.guard = ExitGuard()
        self.may_close = False
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(idle_s * 1000)
        self.idle.timeout.connect(self.go_home)
        self.language = QPushButton()
        self.language.setObjectName("language")
        self.language.clicked.connect(self.toggle_language)
        self.site_name = set_role(QLabel(site_name), "hint")
        self.sign_in, self.account = SignInPage(), AccountPage()
        self.change_pin, self.exit = ChangePinPage(), ExitPage()
        self.buy = BuyPage(self._run)
        self.stack = QStackedWidget()
        for page in (self.sign_in, self.account, self.change_pin, self.exit, self.buy):
            self.stack.addWidget(page)
        top = QHBoxLayout()
        top.addWidget(self.site_name, 1)
        top.addWidget(self.language)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._connect()
        self._language_text()
        QApplication.instance().installEventFilter(self)
        self.idle.start()

    def _connect(self) -> None:
        self.sign_in.submitted.connect(self.try_sign_in)
        self.sign_in.staffExit.connect(lambda: self._show(self.exit))
        self.exit.cancelled.connect(self.go_home)
        self.exit.submitted.connect(self.try_exit)
        self.account.signOut.connect(self.go_home)
        self.account.changePin.connect(lambda: self._show(self.change_pin))
        self.account.meterChosen.connect(self.load_usage)
        self.account.refreshAsked.connect(self.refresh)
        self.account.switchAsked.connect(self.switch)
        self.change_pin.cancelled.connect(lambda: self.stack.setCurrentWidget(self.account))
        self.change_pin.submitted.connect(self.try_change_pin)
        self.account.buyAsked.connect(self.open_buy)
        self.buy.back.connect(self.back_from_buy)
        self.buy.keepAlive.connect(self.idle.start)

    # -- locked down --------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if self.may_close:
            QApplication.instance().removeEventFilter(self)
            event.accept()
        else:
            event.ignore()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS:
            self.idle.start()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and refused_key(event):
            return True
        return super().eventFilter(watched, event)

    def go_home(self) -> None:
        """Back to the start screen, in Chinese, with no trace of the tenant before."""
        self.generation += 1
        self.who = None
        for page in (self.sign_in, self.change_pin, self.exit, self.buy):
            page.reset()
            page.set_busy(False)
        self.account.start("")
        if self.lang != FIRST_LANGUAGE:
            self.set_language(FIRST_LANGUAGE)
        self._show(self.sign_in)
        self.idle.start()

    def _show(self, page: QWidget) -> None:
        if hasattr(page, "reset"):
            page.reset()
        self.stack.setCurrentWidget(page)

    def toggle_language(self) -> None:
        self.set_language(OTHER[self.lang])

    def set_language(self, lang: str) -> None:
        self.lang = lang
        if self.on_language is not None:
            self.on_language(lang)
        self._language_text()

    def _language_text(self) -> None:
        self.language.setText(LANGUAGE_NAME[OTHER[self.lang]])

    # -- background work, dropped once its tenant has gone -------------------------------
    def _run(self, fn, done, failed=None) -> Future:
        generation = self.generation

        def current(callback):
            return lambda value: callback(value) if generation == self.generation else None

        return run_then(fn, current(done), current(failed or self._failed), self)

    def _failed(self, exc: BaseException) -> None:
        self.account.show_message(error_text(exc))

    def _after_bus(self, future: Future | None, done: Callable[[], None]) -> None:
        """A bus job's future from the tenant service: its result or error, then ``done``."""
        generation = self.generation

        def finished(f: Future) -> None:
            if generation != self.generation:
                return
            _result, exc = outcome(f)
            self.account.show_message(error_text(exc) if exc is not None else "")
            done()

        if future is not None:
            on_gui(future, finished, self)

    # -- signing in and out --------------------------------------------------------------
    def try_sign_in(self, identifier: str, pin: str) -> None:
        self.sign_in.set_busy(True)

        def failed(exc: BaseException) -> None:
            self.sign_in.set_busy(False)
            self.sign_in.pin.clear()
            self.sign_in.show_error(error_text(exc))

        self._run(
            lambda: tenant_access.sign_in(identifier, pin, self.source), self.signed_in, failed
        )

    def signed_in(self, who: TenantActor) -> None:
        self.sign_in.set_busy(False)
        self.who = who
        self.account.start(who.name)
        self.stack.setCurrentWidget(self.account)
        self.load_account()

    def load_account(self) -> None:
        who = self.who
        if who is None:
            return

        def read():
            return (
                tenant_view.my_meters(who),
                tenant_view.recharges(who),
                tenant_view.sms_record(who),
                tenant_view.service_state(),
                tenant_buy.offered(),
            )

        def done(found) -> None:
            meters, recharges, sms, state, self.account.can_buy = found
            self.account.show_service(state)
            self.account.show_recharges(recharges)
            self.account.show_sms(sms)
            self.account.show_meters(meters)

        self._run(read, done)

    def load_usage(self, meter_id: int) -> None:
        who = self.who
        if who is not None:
            self._run(lambda: tenant_view.daily_usage(who, meter_id), self.account.show_usage)

    # -- buying online --------------------------------------------------------------------
    def open_buy(self, meter_id: int) -> None:
        if self.who is not None:
            self.buy.open(self.who, meter_id)
            self.stack.setCurrentWidget(self.buy)

    def back_from_buy(self) -> None:
        self.stack.setCurrentWidget(self.account)
        self.load_account()

    # -- actions ------------------------------------------------------------------------
    def refresh(self, meter_id: int) -> None:
        who = self.who
        if who is None:
            return
        self.account.show_message(self.tr("Reading the meter…"))

        def asked(future: Future | None) -> None:
            if future is None:
                self.account.show_message(
                    self.tr("The balance was read less than a minute ago: that is what you see.")
                )
            self._after_bus(future, self.load_account)

        self._run(lambda: tenant_control.refresh_balance(who, meter_id, self.site), asked)

    def switch(self, meter_id: int, on: bool) -> None:
        who = self.who
        if who is None:
            return
        act = tenant_control.switch_on if on else tenant_control.switch_off
        self.account.show_message(
            self.tr("Switching the power on…") if on else self.tr("Switching the power off…")
        )
        self._run(
            lambda: act(who, meter_id, self.site),
            lambda future: self._after_bus(future, self.load_account),
        )

    def try_change_pin(self, old: str, new: str) -> None:
        who = self.who
        if who is None:
            return
        self.change_pin.set_busy(True)

        def done(_none) -> None:
            self.change_pin.set_busy(False)
            self.stack.setCurrentWidget(self.account)
            self.account.show_message(self.tr("Your new PIN is saved. Use it next time."))

        def failed(exc: BaseException) -> None:
            self.change_pin.set_busy(False)
            self.change_pin.show_error(error_text(exc))

        self._run(lambda: tenant_access.change_pin(who, old, new), done, failed)

    def try_exit(self, pin: str) -> None:
        self.exit.set_busy(True)

        def done(right: bool) -> None:
            self.exit.set_busy(False)
            if right:
                self.leave()
            else:
                self.exit.pin.clear()
                self.exit.show_error(
                    self.tr("Wrong PIN, or too many tries: wait five minutes.")
                    if self.guard.locked()
                    else self.tr("Wrong PIN.")
                )

        self._run(
            lambda: self.guard.check(pin), done, lambda exc: self.exit.show_error(error_text(exc))
        )

    def leave(self) -> None:
        self.may_close = True
        self.idle.stop()
        self.close()
        self.left.emit()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._language_text()
        super().changeEvent(event)
