"""The first start of an empty data folder: language, site name, first administrator, next step.

Pages, in this order: the folder and the language (chosen there, applied to
the wizard at once), the site's name, the first administrator (login, name,
password under the same rules as every password form), then what to do next
(import an Excel file, scan a port, add meters by hand, or later).

Nothing is written until the administrator page is accepted: cancelling
before it leaves the folder as it was (no database, no key, not even the
folder). Accepting it creates the site (``new_site.create_site``, the only
creator), stores the name and language, and creates the administrator; from
then on the site is complete and usable, so cancelling later leaves a working
empty site that the next start opens with the login.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.errors import PemError
from app.paths import SitePaths
from app.services.permissions import Actor
from app.ui.auth.login_dialog import LANGUAGES
from app.ui.auth.password_dialogs import error_label, form_problem
from app.ui.shell import first_start
from app.ui.shell.next_steps import BY_HAND, IMPORT, LATER, SCAN
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text

log = logging.getLogger(__name__)

SITE_NAME_LIMIT = 60  # as the site.name setting declares


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _Page(QWizardPage):
    """A page whose texts are set again when the language changes."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class LanguagePage(_Page):
    """Where the site will be, and the interface language (switched at once)."""

    def __init__(self, paths: SitePaths, language: str, on_language: Callable[[str], None]):
        super().__init__()
        self._paths = paths
        self.text = _wrapped()
        self.warning = _wrapped()
        self.language_box = QComboBox()
        for code, label in LANGUAGES:
            self.language_box.addItem(label, code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        self.language_box.currentIndexChanged.connect(lambda _i: on_language(self.language()))
        self.language_label = QLabel()
        form = QFormLayout()
        form.addRow(self.language_label, self.language_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        self.retranslate()

    def language(self) -> str:
        return self.language_box.currentData()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome"))
        self.setSubTitle(self.tr("This folder has no site yet. A few steps make one."))
        self.text.setText(first_start.new_site_text(self._paths))
        self.warning.setText(first_start.existing_site_warning())
        self.language_label.setText(self.tr("Language:"))


class SiteNamePage(_Page):
    """The site's name: printed on receipts and shown at the login."""

    def __init__(self) -> None:
        super().__init__()
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(SITE_NAME_LIMIT)
        self.name_edit.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.name_label = QLabel()
        self.hint = _wrapped()
        form = QFormLayout(self)
        form.addRow(self.name_label, self.name_edit)
        form.addRow(self.hint)
        self.registerField("site_name*", self.name_edit)
        self.retranslate()

    def isComplete(self) -> bool:
        return bool(self.name_edit.text().strip())

    def retranslate(self) -> None:
        self.setTitle(self.tr("Site name"))
        self.setSubTitle(self.tr("The name printed on receipts and shown at the login."))
        self.name_label.setText(self.tr("Site name:"))
        self.hint.setText(
            self.tr("For example: Riverside Market, building A. It can be changed later.")
        )


class AdminPage(_Page):
    """The first administrator; "Next" creates the site and this operator (nothing before)."""

    def __init__(self, create: Callable[[str, str, str], Actor]) -> None:
        super().__init__()
        self._create = create  # (login, password, display name) -> the administrator
        self._pending = None
        self.actor: Actor | None = None
        self.name_edit = QLineEdit("admin")
        self.name_edit.setMaxLength(64)
        self.display_edit = QLineEdit()
        self.new_edit = QLineEdit()
        self.confirm_edit = QLineEdit()
        for edit in (self.new_edit, self.confirm_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout()
        for label, edit in zip(
            self.labels,
            (self.name_edit, self.display_edit, self.new_edit, self.confirm_edit),
            strict=True,
        ):
            form.addRow(label, edit)
        self.intro, self.hint = _wrapped(), _wrapped()
        self.error_label = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        for edit in (self.name_edit, self.new_edit, self.confirm_edit):
            edit.textChanged.connect(self._changed)
        self.retranslate()

    def problem(self) -> str:
        return form_problem(self.name_edit.text(), self.new_edit.text(), self.confirm_edit.text())

    def _changed(self) -> None:
        typed = bool(self.new_edit.text() or self.confirm_edit.text())
        self.error_label.setText(self.problem() if typed else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.actor is None and not self.problem() and self._pending is None

    def validatePage(self) -> bool:
        """Create in the background (the password hash is slow by design), then go on."""
        if self.actor is not None:
            return True
        if self.problem() or self._pending is not None:
            return False
        login, display = self.name_edit.text().strip(), self.display_edit.text()
        password, create = self.new_edit.text(), self._create
        self.error_label.setText(self.tr("Creating the site…"))
        self._set_busy(True)
        self._pending = run_then(
            lambda: create(login, password, display), self._created, self._failed, self
        )
        return False

    def _set_busy(self, busy: bool) -> None:
        for edit in (self.name_edit, self.display_edit, self.new_edit, self.confirm_edit):
            edit.setEnabled(not busy)
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)
        self.completeChanged.emit()

    def _created(self, actor: object) -> None:
        self._pending = None
        self.actor = actor  # type: ignore[assignment]
        self.error_label.clear()
        self._set_busy(False)
        for edit in (self.name_edit, self.display_edit, self.new_edit, self.confirm_edit):
            edit.setEnabled(False)  # made: a Back here changes nothing any more
        self.wizard().next()

    def _failed(self, exc: BaseException) -> None:
        self._pending = None
        self._set_busy(False)
        message = error_text(exc) if isinstance(exc, PemError) else self.tr("Internal error.")
        self.error_label.setText(message)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Administrator"))
        self.setSubTitle(self.tr("The first operator: the administrator creates the others."))
        for label, text in zip(
            self.labels,
            (
                self.tr("Login name:"),
                self.tr("Display name:"),
                self.tr("Password:"),
                self.tr("Repeat password:"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.intro.setText(self.tr("Next creates the site in this folder with this administrator."))
        self.hint.setText(first_start.password_rules_text())
        self._changed()


class NextStepPage(_Page):
    """The site exists: how its meters get in (each way is a hook the main window runs)."""

    def __init__(self, paths: SitePaths) -> None:
        super().__init__()
        self._paths = paths
        self.created = _wrapped()
        self.question = _wrapped()
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.created)
        layout.addWidget(self.question)
        for choice in (IMPORT, SCAN, BY_HAND, LATER):
            button = QRadioButton()
            self.buttons[choice] = button
            self.group.addButton(button)
            layout.addWidget(button)
        self.buttons[IMPORT].setChecked(True)
        layout.addStretch(1)
        self.retranslate()

    def choice(self) -> str:
        return next(c for c, b in self.buttons.items() if b.isChecked())

    def retranslate(self) -> None:
        self.setTitle(self.tr("Meters"))
        self.setSubTitle(self.tr("The site is ready. How do its meters get in?"))
        self.created.setText(first_start.site_created_text(self._paths))
        self.question.setText(self.tr("Choose one; the others stay in the menus."))
        texts = {
            IMPORT: self.tr("Import from an Excel file"),
            SCAN: self.tr("Scan a port for meters"),
            BY_HAND: self.tr("Add buses and meters by hand"),
            LATER: self.tr("Later: open the empty grid"),
        }
        for choice, button in self.buttons.items():
            button.setText(texts[choice])


class SetupWizard(QWizard):
    """``create(name, language, login, password, display) -> Actor`` makes the site and its
    administrator (run in the background); ``on_language(lang)`` switches the translators.

    After ``exec()``: ``actor`` is the administrator (None: nothing was created) and
    ``choice`` what to do next (``LATER`` when the wizard was cancelled after the site
    was made).
    """

    def __init__(
        self,
        paths: SitePaths,
        create: Callable[[str, str, str, str, str], Actor],
        on_language: Callable[[str], None],
        language: str = "zh_CN",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.language_page = LanguagePage(paths, language, on_language)
        self.name_page = SiteNamePage()
        self.admin_page = AdminPage(
            lambda login, password, display: create(
                self.site_name(), self.language(), login, password, display
            )
        )
        self.next_page = NextStepPage(paths)
        for page in (self.language_page, self.name_page, self.admin_page, self.next_page):
            self.addPage(page)
        self.setMinimumSize(620, 460)
        self.retranslate()

    def site_name(self) -> str:
        return self.name_page.name_edit.text().strip()

    def language(self) -> str:
        return self.language_page.language()

    @property
    def actor(self) -> Actor | None:
        return self.admin_page.actor

    @property
    def choice(self) -> str:
        if self.actor is None:
            return LATER
        return self.next_page.choice() if self.result() == QDialog.DialogCode.Accepted else LATER

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New site"))
        # QWizard sets its buttons' texts once; Qt's own translations, asked again here.
        for which, source in (
            (QWizard.WizardButton.BackButton, "< &Back"),
            (QWizard.WizardButton.NextButton, "&Next >"),
            (QWizard.WizardButton.FinishButton, "&Finish"),
            (QWizard.WizardButton.CancelButton, "Cancel"),
        ):
            self.setButtonText(which, QCoreApplication.translate("QWizard", source))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reject(self) -> None:
        if self.admin_page._pending is not None:
            return  # the site is being made: it finishes, then Cancel leaves it usable
        super().reject()


@dataclass(frozen=True)
class SetupOutcome:
    actor: Actor  # the administrator, already logged in (they just chose the password)
    choice: str  # next_steps.IMPORT / SCAN / BY_HAND / LATER
    language: str


def run_setup(
    paths: SitePaths,
    language: str,
    on_language: Callable[[str], None],
    parent: QWidget | None = None,
) -> SetupOutcome | None:
    """The setup wizard on a folder without a site; None when cancelled before anything
    was created (the folder is as it was)."""
    wizard = SetupWizard(
        paths,
        lambda *values: first_start.create_site_with_admin(paths, *values),
        on_language,
        language,
        parent,
    )
    accepted = wizard.exec() == QDialog.DialogCode.Accepted
    actor = wizard.actor
    result = None
    if actor is not None:
        result = SetupOutcome(actor, wizard.choice if accepted else LATER, wizard.language())
    wizard.deleteLater()
    return result
