"""System settings, Kiosk: the PIN that closes the tenants' query kiosk, and its idle time.

Administrators set them; others see whether a PIN is set. The PIN is stored as
a hash only (``services.kiosk_exit``); the idle time goes through the site's
settings like every other default.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.services import kiosk_exit, site_settings
from app.services.permissions import Actor, Permission
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text

IDLE = "kiosk.idle_s"


class KioskPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.tabs: QTabWidget | None = None
        self.editable = actor.can(Permission.SETTINGS)
        self.state = QLabel()
        self.pin, self.again = QLineEdit(), QLineEdit()
        for field in (self.pin, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(12)
            field.setEnabled(self.editable)
        self.idle = QSpinBox()
        opt = settings.option(IDLE)
        self.idle.setRange(opt.minimum, opt.maximum)
        self.idle.setEnabled(self.editable)
        self.save = QPushButton()
        self.save.setObjectName("save_kiosk")
        self.save.setEnabled(self.editable)
        self.save.clicked.connect(self.store)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.labels = [QLabel(), QLabel(), QLabel()]
        form = QFormLayout()
        form.addRow(self.labels[0], self.pin)
        form.addRow(self.labels[1], self.again)
        form.addRow(self.labels[2], self.idle)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(form)
        layout.addWidget(self.save)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.pin_set = False
        self.retranslate()
        self.load()

    def load(self) -> None:
        def done(found) -> None:
            self.pin_set, idle = found
            self.idle.setValue(idle)
            self._state_text()

        run_then(
            lambda: (kiosk_exit.exit_pin_set(), settings.get(IDLE)),
            done,
            lambda exc: self.result.setText(error_text(exc)),
            self,
        )

    def store(self) -> None:
        pin, idle = self.pin.text(), self.idle.value()
        if pin != self.again.text():
            self.result.setText(self.tr("The two PINs are not the same."))
            return

        def write() -> None:
            if pin:
                kiosk_exit.set_exit_pin(self.actor, pin)
            site_settings.save_settings(self.actor, {IDLE: idle})

        def done(_none) -> None:
            self.pin.clear()
            self.again.clear()
            self.save.setEnabled(self.editable)
            self.pin_set = self.pin_set or bool(pin)
            self._state_text()
            self.result.setText(self.tr("Saved. A running kiosk uses it after its next start."))

        def failed(exc: BaseException) -> None:
            self.save.setEnabled(self.editable)
            self.result.setText(error_text(exc))

        self.save.setEnabled(False)
        run_then(write, done, failed, self)

    def set_actor(self, actor: Actor) -> None:
        """Another operator unlocked the screen: only an administrator may change these."""
        self.actor = actor
        self.editable = actor.can(Permission.SETTINGS)
        for widget in (self.pin, self.again, self.idle, self.save):
            widget.setEnabled(self.editable)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _state_text(self) -> None:
        self.state.setText(
            self.tr("An exit PIN is set. Type a new one to change it.")
            if self.pin_set
            else self.tr("No exit PIN yet: the kiosk will not start until one is set.")
        )

    def retranslate(self) -> None:
        self.labels[0].setText(self.tr("Exit PIN (6 to 12 digits)"))
        self.labels[1].setText(self.tr("Exit PIN again"))
        self.labels[2].setText(self.tr("Back to the start screen after (s) idle"))
        self.save.setText(self.tr("Save"))
        self._state_text()
        if self.tabs is not None:
            self.tabs.setTabText(self.tabs.indexOf(self), self.tr("Kiosk"))
