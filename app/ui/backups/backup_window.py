"""Maintenance > "Backups and archive…" (admin): back up now; the last backups and archive run.

Everything is read and made off the GUI thread; a failure is a line in the
window, never a box popping up. The menu entry reads the operator from the
main window when it is used, so the session sets nothing on it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.messages import Message
from app.services.permissions import Permission
from app.ui.support.background import run_then
from app.ui.support.windows import bring_to_front


def load_state(paths) -> dict:
    """What the window shows (runs on a pool thread)."""
    from app.services import backup, night_jobs

    folder = backup.backup_folder(paths)
    return {
        "folder": str(folder),
        "backups": backup.list_backups(folder),
        "runs": night_jobs.last_runs(),
    }


def _local(utc_text: str) -> str:
    at = dt.datetime.fromisoformat(utc_text)
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class BackupWindow(QWidget):
    def __init__(self, site, actor_of) -> None:
        super().__init__()
        self.site, self._actor_of = site, actor_of
        self.setObjectName("backup_window")
        self.setWindowTitle(self.tr("Backups and archive"))
        self.folder = QLabel()
        self.last_backup = QLabel()
        self.last_archive = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.listing = QListWidget()
        self.back_up = QPushButton(self.tr("Back up now"))
        self.back_up.clicked.connect(self.back_up_now)
        row = QHBoxLayout()
        row.addWidget(self.back_up)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        for widget in (self.folder, self.last_backup, self.last_archive):
            layout.addWidget(widget)
        layout.addWidget(QLabel(self.tr("Backups kept:")))
        layout.addWidget(self.listing, 1)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.resize(560, 420)
        self.reload()

    def reload(self, note: str = "") -> None:
        """Read again; ``note`` is the line shown once read (what was just done)."""
        self._note = note
        self.status.setText(self.tr("Reading…"))
        run_then(lambda: load_state(self.site.paths), self._show, self._failed, self)

    def _show(self, state: dict) -> None:
        self.status.setText(self._note)
        self.folder.setText(self.tr("Backup folder: %1").replace("%1", state["folder"]))
        self.listing.clear()
        for b in state["backups"]:
            size = f"{b.size / 1e6:.1f} MB"
            self.listing.addItem(f"{b.made_at:%Y-%m-%d %H:%M}   {size}   {b.path.name}")
        runs = state["runs"]
        self.last_backup.setText(self._backup_line(runs.get("backup"), state["backups"]))
        self.last_archive.setText(self._archive_line(runs.get("archive")))

    def _backup_line(self, run: dict | None, backups: list) -> str:
        if run and not run.get("ok"):
            stored = Message.from_json(run.get("error", ""))
            error = stored.text() if stored is not None else ""
            return (
                self.tr("Last night's backup failed at %1: %2")
                .replace("%1", _local(run["at"]))
                .replace("%2", error)
            )
        if backups:
            return self.tr("Last backup: %1").replace("%1", f"{backups[0].made_at:%Y-%m-%d %H:%M}")
        return self.tr("Last backup: none yet")

    def _archive_line(self, run: dict | None) -> str:
        if not run:
            return self.tr("Last archive run: none yet")
        text = self.tr("Last archive run: %1, %2 readings moved")
        return text.replace("%1", _local(run["at"])).replace("%2", str(run.get("moved", 0)))

    def back_up_now(self) -> None:
        from app.services.backup import backup_now

        actor, paths = self._actor_of(), self.site.paths
        self.back_up.setEnabled(False)
        self.status.setText(self.tr("Backing up…"))
        run_then(lambda: backup_now(actor, paths), self._made, self._failed, self)

    def _made(self, info) -> None:
        self.back_up.setEnabled(True)
        self.reload(self.tr("Backup made: %1").replace("%1", str(info.path)))

    def _failed(self, exc: BaseException) -> None:
        self.back_up.setEnabled(True)
        self.status.setText(Message.of(exc).text())


def _entry_text() -> str:
    return QCoreApplication.translate("BackupActions", "&Backups and archive…")


class BackupActions:
    """The Maintenance menu's entry; it follows the window's language change (``retranslated``)."""

    def __init__(self, window, site) -> None:
        self.window, self.site = window, site
        self.view: BackupWindow | None = None
        self.action = window.add_action(
            "backups.window", _entry_text(), "maintenance", Permission.BACKUP
        )
        self.action.triggered.connect(self.show)
        retranslated = getattr(window, "retranslated", None)
        if retranslated is not None:
            retranslated.connect(self.retranslate)

    def retranslate(self) -> None:
        self.action.setText(_entry_text())

    def show(self) -> BackupWindow:
        if self.view is not None:
            self.view.close()
        self.view = BackupWindow(self.site, lambda: self.window.actor)
        bring_to_front(self.view)
        return self.view


def install_backup_actions(window, site) -> BackupActions:
    """Add "Backups and archive…" to ``window``'s Maintenance menu (admin only)."""
    return BackupActions(window, site)
