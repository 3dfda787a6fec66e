"""The kiosk's keypad pages: signing in, the staff's exit, a tenant's new PIN.

Each page is a few big fields sharing one keypad (it types into the field last
touched), a line for what went wrong, and buttons that say what they do. The
pages only collect digits: the window runs the checks off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.kiosk.keypad import Keypad
from app.ui.kiosk.style import set_role


class KeypadPage(QWidget):
    """Fields on the left, the keypad on the right; the keypad follows the touched field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = set_role(QLabel(), "title")
        self.error = set_role(QLabel(), "error")
        self.error.setWordWrap(True)
        self.keypad = Keypad()
        self.fields: list[QLineEdit] = []
        self.labels: list[QLabel] = []
        self.form = QGridLayout()
        self.form.setVerticalSpacing(14)
        self.buttons = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addSpacing(20)
        left.addLayout(self.form)
        left.addWidget(self.error)
        left.addStretch(1)
        left.addLayout(self.buttons)
        row = QHBoxLayout(self)
        row.setContentsMargins(60, 30, 60, 30)
        row.addLayout(left, 3)
        row.addSpacing(60)
        row.addWidget(self.keypad, 2, Qt.AlignmentFlag.AlignVCenter)

    def add_field(self, name: str, secret: bool, max_length: int) -> QLineEdit:
        label = QLabel()
        label.setWordWrap(True)
        field = QLineEdit()
        field.setObjectName(name)
        field.setMaxLength(max_length)
        if secret:
            field.setEchoMode(QLineEdit.EchoMode.Password)
        field.installEventFilter(self)
        row = len(self.fields) * 2
        self.form.addWidget(label, row, 0)
        self.form.addWidget(field, row + 1, 0)
        self.fields.append(field)
        self.labels.append(label)
        if len(self.fields) == 1:
            self.keypad.attach(field)
        return field

    def add_button(self, name: str, role: str) -> QPushButton:
        button = set_role(QPushButton(), role)
        button.setObjectName(name)
        self.buttons.addWidget(button)
        return button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched in self.fields:
            self.keypad.attach(watched)
        return super().eventFilter(watched, event)

    def reset(self) -> None:
        """Empty every field and the error; the keypad back on the first field."""
        for field in self.fields:
            field.clear()
        self.error.clear()
        if self.fields:
            self.keypad.attach(self.fields[0])
            self.fields[0].setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)

    def set_busy(self, busy: bool) -> None:
        for i in range(self.buttons.count()):
            widget = self.buttons.itemAt(i).widget()
            if widget is not None:
                widget.setEnabled(not busy)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:  # each page sets its own texts
        raise NotImplementedError


class SignInPage(KeypadPage):
    """Account number (or shop number) and PIN; "Show my account" signs in."""

    submitted = Signal(str, str)  # identifier, pin
    staffExit = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = self.add_field("account", secret=False, max_length=20)
        self.pin = self.add_field("pin", secret=True, max_length=8)
        self.staff = self.add_button("staff", "quiet")
        self.buttons.addStretch(1)
        self.go = self.add_button("sign_in", "primary")
        self.staff.clicked.connect(self.staffExit)
        self.go.clicked.connect(self.submit)
        self.account.returnPressed.connect(lambda: self.pin.setFocus())
        self.pin.returnPressed.connect(self.submit)
        self.retranslate()

    def submit(self) -> None:
        account, pin = self.account.text().strip(), self.pin.text()
        if not account:
            self.show_error(self.tr("Please type your account number first."))
            self.account.setFocus()
        elif not pin:
            self.show_error(self.tr("Please type your PIN."))
            self.pin.setFocus()
        else:
            self.error.clear()
            self.submitted.emit(account, pin)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Check your electricity"))
        self.labels[0].setText(self.tr("1. Account number (on your receipt) or shop number"))
        self.labels[1].setText(self.tr("2. PIN (4 to 8 digits)"))
        self.go.setText(self.tr("Show my account  ➜"))
        self.staff.setText(self.tr("Staff"))


class ExitPage(KeypadPage):
    """The staff's way out: the exit PIN set in the system settings."""

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pin = self.add_field("exit_pin", secret=True, max_length=12)
        self.back = self.add_button("back", "normal")
        self.buttons.addStretch(1)
        self.go = self.add_button("leave", "danger")
        self.back.clicked.connect(self.cancelled)
        self.go.clicked.connect(lambda: self.submitted.emit(self.pin.text()))
        self.pin.returnPressed.connect(self.go.click)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff only: close the kiosk"))
        self.labels[0].setText(self.tr("The kiosk's exit PIN"))
        self.back.setText(self.tr("Back"))
        self.go.setText(self.tr("Close the kiosk"))


class ChangePinPage(KeypadPage):
    """A tenant's own new PIN, typed twice."""

    submitted = Signal(str, str)  # old, new
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.old = self.add_field("old_pin", secret=True, max_length=8)
        self.new = self.add_field("new_pin", secret=True, max_length=8)
        self.again = self.add_field("new_pin_again", secret=True, max_length=8)
        self.back = self.add_button("back", "normal")
        self.buttons.addStretch(1)
        self.go = self.add_button("change_pin", "primary")
        self.back.clicked.connect(self.cancelled)
        self.go.clicked.connect(self.submit)
        self.retranslate()

    def submit(self) -> None:
        new = self.new.text()
        if not (new.isdigit() and 4 <= len(new) <= 8):
            self.show_error(self.tr("The new PIN must be 4 to 8 digits."))
        elif new != self.again.text():
            self.show_error(self.tr("The two new PINs are not the same. Please type them again."))
            self.new.clear()
            self.again.clear()
            self.new.setFocus()
        else:
            self.error.clear()
            self.submitted.emit(self.old.text(), new)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Change my PIN"))
        self.labels[0].setText(self.tr("Your PIN now"))
        self.labels[1].setText(self.tr("New PIN (4 to 8 digits)"))
        self.labels[2].setText(self.tr("New PIN again"))
        self.back.setText(self.tr("Back"))
        self.go.setText(self.tr("Save the new PIN"))
