"""The window a newcomer sees at once while ``--demo`` builds its site (a few seconds).

The site is built off the GUI thread (``support.background``); the builder
reports its stage into a plain holder that a GUI timer reads, so the worker
never calls Qt. The splash says what is being made and how far it got.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from app.paths import SitePaths
from app.ui.support.background import on_gui, outcome, run


class _Progress:
    """(stage, done, total) as the builder last reported it; read by the GUI timer."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.value = ("site", 0, 1)

    def __call__(self, stage: str, done: int, total: int) -> None:
        with self._lock:
            self.value = (stage, done, total)

    def snapshot(self) -> tuple[str, int, int]:
        with self._lock:
            return self.value


class DemoSplash(QWidget):
    """Title, what is being built, and a bar; shown centred while the demo site is made."""

    def __init__(self, folder: str) -> None:
        super().__init__(None, Qt.WindowType.SplashScreen | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("demoSplash")
        title = QLabel(self.tr("Prepaid Energy Manager"))
        font = title.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        title.setFont(font)
        self.stage_label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMinimumWidth(420)
        where = QLabel(self.tr("Creating a demo site in {0}").format(folder))
        where.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        for widget in (title, where, self.stage_label, self.bar):
            layout.addWidget(widget)
        self.show_progress(("site", 0, 1))

    def stage_text(self, stage: str) -> str:
        return {
            "site": self.tr("Building, bus and 90 meters…"),
            "history": self.tr("Two days of readings…"),
            "operators": self.tr("Operators…"),
            "accounts": self.tr("Opening accounts on the meters…"),
            "done": self.tr("Starting…"),
        }.get(stage, "")

    def show_progress(self, value: tuple[str, int, int]) -> None:
        stage, done, total = value
        if stage == "accounts":
            self.stage_label.setText(
                self.tr("{0} ({1} of {2})").format(self.stage_text(stage), done, total)
            )
        else:
            self.stage_label.setText(self.stage_text(stage))
        # the bar covers the stages in order; accounts take most of the time
        steps = {"site": 0, "history": 10, "operators": 25, "accounts": 30, "done": 100}
        share = steps.get(stage, 0)
        if stage == "accounts" and total:
            share += 70 * done // total
        self.bar.setValue(share)


def build_demo_with_splash(paths: SitePaths) -> BaseException | None:
    """Build the demo site in ``paths`` behind a splash; the refusal, or None when it worked."""
    from app.services.demo_site import create_demo_site

    progress = _Progress()
    splash = DemoSplash(str(paths.data_dir))
    splash.show()
    future: Future = run(create_demo_site, paths, progress=progress)
    loop = QEventLoop()
    timer = QTimer(splash)
    timer.setInterval(50)
    timer.timeout.connect(lambda: splash.show_progress(progress.snapshot()))
    timer.start()
    on_gui(future, lambda _f: loop.quit(), splash)
    if not future.done():
        loop.exec()
    timer.stop()
    splash.close()
    splash.deleteLater()
    return outcome(future)[1]
