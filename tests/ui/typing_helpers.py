"""How a cashier's keyboard reaches a widget in tests: input-method commits and non-Latin-1 keys.

Shared by the MoneyEdit and sale dialog tests, which both feed full-width
digits and Chinese input-method text into the amount field.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QWidget


def commit_ime(widget: QWidget, text: str) -> None:
    """What a Chinese input method does when the cashier picks a candidate (or a paste)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)


def type_unicode(widget: QWidget, text: str) -> None:
    """Key presses carrying non-Latin-1 text (QTest.keyClicks aborts on those)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
            QCoreApplication.sendEvent(widget, event)
