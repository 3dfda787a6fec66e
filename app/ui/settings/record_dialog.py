"""The edit form every settings page opens: labelled fields, each with its error beneath it.

A page gives the form its fields and a ``submit(info)`` callback; the service's
refusal comes back as an ``InvalidField`` whose ``field`` names the widget to
mark and focus, or as another error shown in a message box. Read-only (a
cashier looking) disables every field and hides OK.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidField
from app.messages import Message
from app.ui.support.colors import ERROR, text_style
from app.ui.support.error_text import error_text


def settings_error_text(err: BaseException | Message) -> str:
    """``error_text`` with the field's name (a marked label, "Address") translated too."""
    message = Message.of(err)
    if "field" in message.params:
        params = dict(message.params)
        params["field"] = QCoreApplication.translate("Errors", params["field"])
        message = Message(message.template, params)
    return error_text(message) if message.params else error_text(err)


def select_data(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


class RecordDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None, read_only: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.read_only = read_only
        self.submit: Callable[[], None] | None = None
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        self.extra = QVBoxLayout()
        layout.addLayout(self.extra)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setVisible(not read_only)
        layout.addWidget(self.buttons)

    def add_field(self, key: str, label: str, widget: QWidget) -> QWidget:
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(widget)
        error = QLabel(holder)
        error.setObjectName(f"error_{key}")
        error.setWordWrap(True)
        error.setStyleSheet(text_style(ERROR))
        error.hide()
        column.addWidget(error)
        widget.setObjectName(key)
        widget.setEnabled(not self.read_only)
        self.form.addRow(label, holder)
        self._fields[key] = (widget, error)
        return widget

    def field(self, key: str) -> QWidget:
        return self._fields[key][0]

    def error_label(self, key: str) -> QLabel:
        return self._fields[key][1]

    def clear_errors(self) -> None:
        for _widget, label in self._fields.values():
            label.clear()
            label.hide()

    def show_error(self, exc: BaseException) -> None:
        """At its field when the refusal names one of ours, else in a message box."""
        self.set_busy(False)
        text = settings_error_text(exc)
        key = getattr(exc, "field", None) if isinstance(exc, InvalidField) else None
        if key in self._fields:
            widget, label = self._fields[key]
            label.setText(text)
            label.show()
            widget.setFocus()
            self.adjustSize()  # room for the sentence under its field
            return
        QMessageBox.warning(self, self.windowTitle(), text)

    def set_busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)

    def _ok(self) -> None:
        self.clear_errors()
        if self.submit is not None:
            self.set_busy(True)
            self.submit()
