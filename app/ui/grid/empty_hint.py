"""What the grid says while the site has no meters: how to get them in.

A site made by the setup wizard starts empty; an empty grid with nothing on it
would be a dead end. This panel lies over the grid while the (unfiltered)
model has no rows, says what to do, and for an operator who may configure the
site offers the three ways as buttons (``next_steps`` hooks); others read the
sentence only (an administrator or maintenance does it).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyGridHint(QWidget):
    importRequested = Signal()
    scanRequested = Signal()
    addRequested = Signal()

    def __init__(self, model: QAbstractItemModel, over: QWidget) -> None:
        super().__init__(over)
        self._model = model
        self._over = over
        self.setObjectName("emptyGridHint")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setStyleSheet("font-size: 16px;")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.import_button, self.scan_button, self.add_button = (
            QPushButton(),
            QPushButton(),
            QPushButton(),
        )
        self.import_button.clicked.connect(self.importRequested)
        self.scan_button.clicked.connect(self.scanRequested)
        self.add_button.clicked.connect(self.addRequested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.import_button, self.scan_button, self.add_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        layout.addStretch(2)
        self.can_configure = False
        self.set_can_configure(False)
        self.retranslate()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.refresh)
        over.installEventFilter(self)
        self.refresh()

    def retranslate(self) -> None:
        self.text.setText(
            self.tr("No meters yet: import an Excel file, scan a port, or add meters by hand.")
        )
        self.note.setText(self.tr("An administrator or the maintenance staff adds the meters."))
        self.import_button.setText(self.tr("Import an Excel file…"))
        self.scan_button.setText(self.tr("Scan a port…"))
        self.add_button.setText(self.tr("Add by hand…"))

    def set_can_configure(self, can: bool) -> None:
        """Buttons for who may configure the site; the note for everyone else."""
        self.can_configure = can
        for button in (self.import_button, self.scan_button, self.add_button):
            button.setVisible(can)
        self.note.setVisible(not can)

    def refresh(self, *_args) -> None:
        """Shown while the site has no meters at all (not when a filter hides them)."""
        empty = self._model.rowCount() == 0
        self.setGeometry(self._over.rect())
        self.setVisible(empty)
        if empty:
            self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._over and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._over.rect())
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
