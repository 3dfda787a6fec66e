"""The on-screen keypad: ten digits, "delete" and "clear" in keys a finger cannot miss.

It types into the field it is attached to (``attach``); a page with several
fields attaches it to the one the tenant touched last.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

from app.ui.kiosk.style import set_role

ROWS = (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), ("clear", "0", "back"))


class Keypad(QWidget):
    pressed = Signal(str)  # a digit, "back" or "clear"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target: QLineEdit | None = None
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setSpacing(12)
        for r, row in enumerate(ROWS):
            for c, key in enumerate(row):
                button = set_role(QPushButton(key if key.isdigit() else ""), "key")
                button.setObjectName(f"key_{key}")
                button.clicked.connect(lambda _=False, k=key: self.press(k))
                self.keys[key] = button
                grid.addWidget(button, r, c)
        self.retranslate()

    def retranslate(self) -> None:
        self.keys["back"].setText(self.tr("⌫ Delete"))
        self.keys["clear"].setText(self.tr("Clear"))
        for key in ("back", "clear"):
            self.keys[key].setStyleSheet("font-size: 22pt;")

    def attach(self, field: QLineEdit) -> None:
        self.target = field

    def press(self, key: str) -> None:
        field = self.target
        if field is not None:
            text = field.text()
            if key == "back":
                field.setText(text[:-1])
            elif key == "clear":
                field.clear()
            elif field.maxLength() > len(text):
                field.setText(text + key)
        self.pressed.emit(key)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
