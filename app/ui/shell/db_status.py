"""The status bar's word on the site's PostgreSQL server: which one, and whether it answers.

Only a site whose database is a PostgreSQL server shows it. It reads
``db_health``'s snapshot once a second (no I/O on the GUI thread: the checks run
on their own thread) and, while the server is down, says since when and that
money operations are refused.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from app.services import db_health
from app.services.receipts import local_time
from app.ui.support import colors
from app.ui.support.error_text import error_text

REFRESH_MS = 1000


class DbStatusLabel(QLabel):
    def __init__(self, monitor: db_health.DbHealth, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dbStatus")
        self.monitor = monitor
        self.up: bool | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        state = self.monitor.state()
        self.up = state.up
        if state.up:
            self.setText(self.tr("Database: {where}").format(where=state.where))
            self.setStyleSheet(colors.text_style(colors.OK))
            self.setToolTip(self.tr("The database server answers."))
            return
        since = local_time(state.since).strftime("%H:%M")
        self.setText(
            self.tr(
                "Database server unreachable since {since} — sales, refunds and corrections "
                "are refused"
            ).format(since=since)
        )
        self.setStyleSheet(colors.text_style(colors.ERROR) + " font-weight: bold;")
        self.setToolTip(error_text(state.error))


def install(window) -> DbStatusLabel | None:
    """Start checking the site's server (PostgreSQL only) and show the label in the status bar."""
    from app.models.base import db

    monitor = db_health.current() or db_health.start(db.obj)
    if monitor is None:
        return None
    label = DbStatusLabel(monitor, window)
    window.statusBar().addPermanentWidget(label)
    return label
