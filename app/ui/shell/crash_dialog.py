"""Unexpected exceptions: logged with their traceback and shown, never swallowed.

``install_excepthook`` replaces ``sys.excepthook`` so that a bug in a slot
(which Qt would otherwise only print) reaches the log file and the operator,
who can copy the text for the maintainer. The application keeps running:
one broken dialog should not stop the collection service.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)


class CrashDialog(QDialog):
    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unexpected error"))
        self.resize(720, 420)
        box = QVBoxLayout(self)
        box.addWidget(
            QLabel(
                self.tr(
                    "Something went wrong inside the program. It was written to the log file. "
                    "Please copy the details below for the maintainer. "
                    "Meters keep being polled; check the last operation's result "
                    "before repeating it."
                )
            )
        )
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        box.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)


_showing = False


def handle_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.critical("unhandled exception", exc_info=(exc_type, exc, tb))
    global _showing
    app = QApplication.instance()
    if app is None or _showing:  # no GUI, or an error inside the crash dialog itself
        return
    _showing = True
    try:
        CrashDialog("".join(traceback.format_exception(exc_type, exc, tb))).exec()
    finally:
        _showing = False


def install_excepthook() -> None:
    sys.excepthook = handle_exception
