"""An export run off the GUI thread, with a progress bar, Cancel, and its outcome in the dialog.

``start_export(parent, title, name, job)`` asks where to save (unless given a
path), then runs ``job(path, progress, cancelled)`` on the background pool
(``background.run``: its own database connection). The job is any export
function of ``app.services.xlsx_export``'s shape: it calls ``progress(done,
total)`` now and then and stops, leaving no file, once ``cancelled()`` is true.

The pool thread never touches Qt: ``progress`` only stores the two numbers and
a timer on the GUI thread puts them on the bar. Cancel (or closing the dialog,
or the window going away) sets an event the writer checks. The outcome stays
in the dialog that the operator opened (rows written, cancelled, or why it
failed), never a box popping up unasked; Close ends it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from app.services.xlsx_export import ExportCancelled
from app.ui.support import colors
from app.ui.support.background import on_gui, outcome, run
from app.ui.support.error_text import error_text

Job = Callable[[Path, Callable[[int, "int | None"], None], Callable[[], bool]], int]
TICK_MS = 100


class _Counts:
    """The last (done, total) a job reported; set on the pool thread, read by the timer."""

    def __init__(self) -> None:
        self.value: tuple[int, int | None] = (0, None)

    def set(self, done: int, total: int | None) -> None:
        self.value = (done, total)


class ExportDialog(QDialog):
    """The progress of one export; Cancel while it runs, Close once it is over."""

    finishedExport = Signal(object)  # the rows written, or None (cancelled or failed)

    def __init__(self, parent: QWidget, title: str, path: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.path = path
        self._counts = _Counts()  # written by the pool thread
        self._cancel = threading.Event()
        self.future: Future | None = None
        self.label = QLabel(self.tr("Writing {0}…").format(path.name))
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first count arrives
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.label)
        box.addWidget(self.bar)
        box.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self._show_counts)
        cancel = self._cancel
        self.destroyed.connect(lambda *_: cancel.set())  # the window closed under a running export

    def start(self, job: Job) -> None:
        # the pool thread gets plain objects only: a counter and the event's check
        self.future = run(job, self.path, self._counts.set, self._cancel.is_set)
        on_gui(self.future, self._done, self)
        self._timer.start()

    def running(self) -> bool:
        return self.future is not None and not self.future.done()

    def cancel(self) -> None:
        if self.running():
            self._cancel.set()
            self.label.setText(self.tr("Cancelling…"))
            self.buttons.setEnabled(False)

    def reject(self) -> None:  # Cancel, Esc, the title bar's close
        if self.running():
            self.cancel()
        else:
            super().reject()

    def _show_counts(self) -> None:
        done, total = self._counts.value
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if done and not self._cancel.is_set():
            self.label.setText(self.tr("Writing {0}: {1} rows…").format(self.path.name, done))

    def _done(self, future: Future) -> None:
        self._timer.stop()
        result, exc = outcome(future)
        self.buttons.setEnabled(True)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.bar.setRange(0, 1)
        if exc is None:
            self.bar.setValue(1)
            self.label.setText(self.tr("{0} rows written to {1}").format(result, self.path))
        elif isinstance(exc, ExportCancelled):
            self.bar.setValue(0)
            self.label.setText(self.tr("Cancelled: no file was written."))
        else:
            self.bar.setValue(0)
            self.label.setStyleSheet(colors.text_style(colors.ERROR))
            self.label.setText(self.tr("The export failed: {0}").format(error_text(exc)))
        self.finishedExport.emit(result if exc is None else None)


def file_name(base: str) -> str:
    """The name offered in the save dialog: ``sales-2026-03-01.xlsx``."""
    return f"{base}-{dt.date.today():%Y-%m-%d}.xlsx"


def whole_file(write: Callable[[Path], int]) -> Job:
    """The job of a writer that takes no progress or cancel (``write(path) -> rows``): the bar
    stays busy, and Cancel stops it only before it starts. For the services' exports that do
    not take ``progress``/``cancelled`` yet."""

    def job(path: Path, progress, cancelled) -> int:
        if cancelled():
            raise ExportCancelled()
        progress(0, None)
        return write(path)

    return job


def start_export(
    parent: QWidget, title: str, name: str, job: Job, path: str | Path | None = None
) -> ExportDialog | None:
    """Ask for a file (``name`` suggested) unless ``path`` is given, then run ``job`` into it."""
    if not path:
        path, _ = QFileDialog.getSaveFileName(parent, title, name, "Excel (*.xlsx)")
        if not path:
            return None
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    dialog = ExportDialog(parent, title, path)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.start(job)
    return dialog
