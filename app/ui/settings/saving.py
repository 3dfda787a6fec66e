"""How a settings page saves, around its own checks and the service call: nothing while the page
is read-only (the operator may not change settings) or a save is still running; Save disabled
and "Saving…" shown while the service works off the GUI thread; Save back once it answers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.ui.support.background import run_then


class SavingPage(QWidget):
    """A settings page whose ``save_row`` holds its state line, Revert (``load``) and Save
    (``save``); ``editable`` is set from the operator's role. The subclass answers a save in
    ``_saved`` and ``_failed``, each calling ``save_answered`` first."""

    editable: bool

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pending = None

    def save_row(self) -> QHBoxLayout:
        """The state line with Revert and Save (their texts set by the page's retranslate)."""
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.save_button, self.revert_button = QPushButton(), QPushButton()
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.load)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        return buttons

    def save(self) -> None:
        raise NotImplementedError

    def load(self) -> None:
        raise NotImplementedError

    def may_save(self) -> bool:
        return self.editable and self._pending is None

    def save_in_background(self, job: Callable[[], object]) -> None:
        self.save_button.setEnabled(False)
        self.status_label.setText(self.tr("Saving…"))
        self._pending = run_then(job, self._saved, self._failed, self)

    def save_answered(self) -> None:
        self._pending = None
        self.save_button.setEnabled(True)

    def _saved(self, changed: object) -> None:
        raise NotImplementedError

    def _failed(self, exc: BaseException) -> None:
        raise NotImplementedError
