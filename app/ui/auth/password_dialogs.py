"""Dialogs that choose a new password, and the background runner the login dialogs share.

scrypt takes tens of milliseconds per check by design, so every call that
hashes runs in the background (``app.ui.support.background``) and reports back
on the GUI thread: no dialog freezes while a password is checked or stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import PemError
from app.services import auth_passwords as pw
from app.services.auth import AuthService
from app.services.permissions import Actor
from app.ui.support import colors
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text

log = logging.getLogger(__name__)


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("error")
    label.setWordWrap(True)
    label.setStyleSheet(colors.text_style(colors.ERROR))
    return label


def problem_text(widget: QObject | None, problem: str | None) -> str:
    """Translated sentence for a ``auth_passwords.password_problem`` code."""
    if problem == pw.BLANK:
        return QCoreApplication.translate("PasswordFormDialog", "Enter a password.")
    if problem == pw.TOO_SHORT:
        n = pw.MIN_PASSWORD_LENGTH  # a plain name: lupdate skips translate() with pw.X here
        return QCoreApplication.translate(
            "PasswordFormDialog", "The password needs at least %n characters.", "", n
        )
    if problem == pw.SAME_AS_NAME:
        return QCoreApplication.translate(
            "PasswordFormDialog", "The password must not be the login name."
        )
    return ""


def form_problem(login: str, password: str, repeated: str) -> str:
    """The first thing wrong with a login name and a new password typed twice, as translated
    text, or '': the rules of every form that chooses a password (dialogs, setup wizard)."""
    if not login.strip():
        return QCoreApplication.translate("PasswordFormDialog", "Enter a login name.")
    problem = pw.password_problem(login, password)
    if problem:
        return problem_text(None, problem)
    if repeated != password:
        return QCoreApplication.translate("PasswordFormDialog", "The two passwords differ.")
    return ""


class PasswordFormDialog(QDialog):
    """Base of the dialogs that choose a password: subclasses give _login_name and _submit."""

    def _build(self, form: QFormLayout, intro: str) -> None:
        self.new_edit = QLineEdit()
        self.new_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("New password:"), self.new_edit)
        form.addRow(self.tr("Repeat password:"), self.confirm_edit)
        # Not self.tr: with a count, PySide looks only in the subclass's context and would
        # show the English (issue #8); the text is recorded under this class.
        n = pw.MIN_PASSWORD_LENGTH
        hint = QLabel(
            QCoreApplication.translate(
                "PasswordFormDialog", "At least %n characters, and not the login name.", "", n
            )
        )
        hint.setWordWrap(True)
        self.hint_label = hint
        self.error_label = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        for edit in (self.new_edit, self.confirm_edit):
            edit.textChanged.connect(self._validate)
        self._pending: Future | None = None  # the save running in the background
        self.setMinimumWidth(380)

    def _login_name(self) -> str:
        raise NotImplementedError

    def _problem(self) -> str:
        """The first thing wrong with the form as translated text, or ''."""
        return form_problem(self._login_name(), self.new_edit.text(), self.confirm_edit.text())

    def _validate(self) -> bool:
        problem = self._problem()
        typed = bool(self.new_edit.text() or self.confirm_edit.text())
        self.error_label.setText(problem if typed else "")
        self.ok_button.setEnabled(not problem and self._pending is None)
        return not problem

    def _run(self, fn: Callable[[], object]) -> None:
        self.ok_button.setEnabled(False)
        self.error_label.setText(self.tr("Saving…"))
        self._pending = run_then(fn, self._done, self._failed, self)

    def _done(self, result: object) -> None:
        self._pending = None
        self.result_value = result
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._pending = None
        message = error_text(exc) if isinstance(exc, PemError) else self.tr("Internal error.")
        self.error_label.setText(message)
        self.ok_button.setEnabled(True)

    def reject(self) -> None:
        if self._pending is None:
            super().reject()


class FirstAdminDialog(PasswordFormDialog):
    """First start: no operator exists yet, the administrator chooses name and password."""

    def __init__(self, auth: AuthService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._auth = auth
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("First start: administrator"))
        self.name_edit = QLineEdit("admin")
        self.name_edit.setMaxLength(64)
        self.display_edit = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Login name:"), self.name_edit)
        form.addRow(self.tr("Display name:"), self.display_edit)
        self._build(
            form,
            self.tr(
                "No operator exists yet. Choose the administrator's password; "
                "the administrator then creates the other operators."
            ),
        )
        self.name_edit.textChanged.connect(self._validate)
        self._validate()
        self.new_edit.setFocus()

    def _login_name(self) -> str:
        return self.name_edit.text()

    def _submit(self) -> None:
        if not self._validate() or self._pending is not None:
            return
        name, display, password = (
            self.name_edit.text().strip(),
            self.display_edit.text(),
            self.new_edit.text(),
        )
        auth = self._auth
        self._run(lambda: auth.create_first_admin(name, password, display))

    def _done(self, result: object) -> None:
        self.actor = result  # type: ignore[assignment]
        super()._done(result)


class ChangePasswordDialog(PasswordFormDialog):
    """Change one's own password; ``known_old`` (forced change after login) hides that field."""

    def __init__(
        self,
        auth: AuthService,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        known_old: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._auth = auth
        self._actor = actor
        self._known_old = known_old
        self.setWindowTitle(self.tr("Change password"))
        self.old_edit = QLineEdit()
        self.old_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        if known_old is None:
            form.addRow(self.tr("Current password:"), self.old_edit)
            intro = self.tr("Choose a new password for %1.").replace("%1", actor.name)
        else:
            intro = self.tr(
                "Your password was set by an administrator. Choose your own password now."
            )
        self._build(form, intro)
        self._validate()

    def _login_name(self) -> str:
        return self._actor.name

    def _submit(self) -> None:
        if not self._validate() or self._pending is not None:
            return
        old = self._known_old if self._known_old is not None else self.old_edit.text()
        new = self.new_edit.text()
        auth, actor = self._auth, self._actor
        self._run(lambda: auth.change_own_password(actor, old, new))
