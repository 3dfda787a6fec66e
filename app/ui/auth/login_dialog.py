"""The login dialog, the start-up login and the lock screen.

The password check runs on ``QThreadPool`` (scrypt is slow by design) and
reports back by signal: the dialog never freezes, and the main window's
polling keeps going behind a locked screen. Entry points for the main window:
``login(parent, auth)`` at start (blocking, before the main window exists;
first start asks for the administrator's password instead) and
``lock_screen(window, auth, actor, on_unlocked)`` (non-blocking, window-modal
over a cover that hides the data).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import PemError
from app.services.audit import log_action
from app.services.auth import AccountLocked, AuthService, LoginFailed
from app.services.permissions import Actor
from app.ui.auth.password_dialogs import (
    ChangePasswordDialog,
    FirstAdminDialog,
    error_label,
)
from app.ui.support import colors
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text

log = logging.getLogger(__name__)

LANGUAGES = (("zh_CN", "中文"), ("en", "English"))


class LoginDialog(QDialog):
    """Name and password; the check runs in the background, errors stay in the dialog."""

    loggedIn = Signal(object)  # Actor
    languageChosen = Signal(str)  # "zh_CN" / "en": the app may switch translators at once

    def __init__(
        self,
        auth: AuthService,
        parent: QWidget | None = None,
        *,
        locked_screen: bool = False,
        language: str = "zh_CN",
        site_name: str = "",
    ) -> None:
        super().__init__(parent)
        self._auth = auth
        self._locked_screen = locked_screen
        self._pending: Future | None = None  # the check running in the background
        self.actor: Actor | None = None
        self.forced_change: ChangePasswordDialog | None = None
        self._site_name = site_name
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(64)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.language_box = QComboBox()
        for code, label in LANGUAGES:
            self.language_box.addItem(label, code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        self.language_box.currentIndexChanged.connect(
            lambda _i: self.languageChosen.emit(self.chosen_language())
        )
        self.error_label = error_label()
        self.name_label, self.password_label, self.language_label = QLabel(), QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.name_label, self.name_edit)
        form.addRow(self.password_label, self.password_edit)
        form.addRow(self.language_label, self.language_box)
        buttons = QDialogButtonBox()
        self.login_button = buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setDefault(True)
        if not locked_screen:
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.heading.setObjectName("heading")
        layout.addWidget(self.heading)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setVisible(locked_screen)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(340)
        self.retranslate()
        self.name_edit.setFocus()

    def retranslate(self) -> None:
        """Every text in the current language: at start, and when a language is chosen here.

        Choosing a language installs its translators at once (``languageChosen``);
        Qt then sends LanguageChange and the dialog reads the same in the new one.
        """
        locked = self._locked_screen
        self.setWindowTitle(self.tr("Screen locked") if locked else self.tr("Log in"))
        self.language_box.setToolTip(self.tr("Language of the interface"))
        self.name_label.setText(self.tr("Login name:"))
        self.password_label.setText(self.tr("Password:"))
        self.language_label.setText(self.tr("Language:"))
        self.login_button.setText(self.tr("Log in"))
        self.heading.setText(self._site_name or self.tr("Prepaid Energy Manager"))
        self.note.setText(self.tr("The screen is locked. Meters are still being read."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def chosen_language(self) -> str:
        return self.language_box.currentData()

    def busy(self) -> bool:
        return self._pending is not None

    def reject(self) -> None:
        if self._locked_screen or self.busy():
            return  # a locked screen opens only with a password
        super().reject()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.name_edit, self.password_edit, self.login_button):
            widget.setEnabled(not busy)
        if busy:
            self.error_label.setText(self.tr("Checking…"))

    def _submit(self) -> None:
        if self.busy():
            return
        name = self.name_edit.text().strip()
        password = self.password_edit.text()
        if not name or not password:
            self.error_label.setText(self.tr("Enter your login name and password."))
            return
        self._set_busy(True)
        auth = self._auth
        self._pending = run_then(lambda: auth.login(name, password), self._done, self._failed, self)

    def _done(self, actor: Actor) -> None:
        self._pending = None
        self._set_busy(False)
        self.error_label.clear()
        if self._auth.must_change_password(actor):
            self.forced_change = ChangePasswordDialog(
                self._auth, actor, self, known_old=self.password_edit.text()
            )
            self.forced_change.finished.connect(lambda code: self._after_forced(actor, code))
            self.forced_change.open()
            return
        self._finish(actor)

    def _after_forced(self, actor: Actor, code: int) -> None:
        self.forced_change = None
        if code == QDialog.DialogCode.Accepted:
            self._finish(actor)
            return
        self.password_edit.clear()
        self.error_label.setText(self.tr("You must choose a new password to continue."))

    def _finish(self, actor: Actor) -> None:
        self.password_edit.clear()
        self.actor = actor
        self.loggedIn.emit(actor)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._pending = None
        self._set_busy(False)
        self.password_edit.clear()
        self.password_edit.setFocus()
        if isinstance(exc, AccountLocked):
            self.error_label.setText(
                self.tr(
                    "Too many wrong passwords. The account is locked; try again in %n minute(s).",
                    "",
                    exc.minutes,
                )
            )
        elif isinstance(exc, LoginFailed):
            self.error_label.setText(self.tr("Wrong login name or password."))
        elif isinstance(exc, PemError):
            self.error_label.setText(error_text(exc))
        else:
            self.error_label.setText(self.tr("Login failed because of an internal error."))


def login(
    parent: QWidget | None,
    auth: AuthService,
    language: str = "zh_CN",
    *,
    site_name: str = "",
    on_language: Callable[[str], None] | None = None,
) -> Actor | None:
    """Start of the program: first-admin setup when needed, else the login dialog.

    Returns the logged-in operator, or None when the user cancelled (quit).
    ``on_language`` hears the language picked in the dialog (to store and apply it).
    """
    if auth.needs_admin_setup():
        first = FirstAdminDialog(auth, parent)
        if first.exec() != QDialog.DialogCode.Accepted:
            return None
        return first.actor
    dialog = LoginDialog(auth, parent, language=language, site_name=site_name)
    if on_language is not None:
        dialog.languageChosen.connect(on_language)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


class _Cover(QWidget):
    """Opaque panel over the locked window: the data is hidden, the window keeps running."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setObjectName("lockCover")
        self.setStyleSheet(f"#lockCover {{ background: {colors.LOCK_COVER}; }}")
        self.label = QLabel(self.tr("Locked"), self)
        self.label.setStyleSheet(f"color: {colors.LOCK_COVER_TEXT}; font-size: 28px;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.label, alignment=Qt.AlignmentFlag.AlignCenter)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(watched.rect())
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.label.setText(self.tr("Locked"))
        super().changeEvent(event)


def lock_screen(
    window: QWidget,
    auth: AuthService,
    actor: Actor | None,
    on_unlocked: Callable[[Actor], None],
    language: str = "zh_CN",
    *,
    site_name: str = "",
    on_language: Callable[[str], None] | None = None,
) -> LoginDialog:
    """Cover ``window`` and ask for a login without blocking (polling goes on).

    Any operator may unlock (shift change); ``on_unlocked`` receives who did.
    """
    log_action(actor, "session.lock", actor.name if actor else "")
    cover = _Cover(window)
    dialog = LoginDialog(auth, window, locked_screen=True, language=language, site_name=site_name)
    if on_language is not None:
        dialog.languageChosen.connect(on_language)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def unlocked(who: Actor) -> None:
        window.removeEventFilter(cover)
        cover.deleteLater()
        log_action(who, "session.unlock", who.name)
        on_unlocked(who)

    dialog.loggedIn.connect(unlocked)
    dialog.open()
    return dialog
