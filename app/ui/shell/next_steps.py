"""What a site with no meters does next: import an Excel file, scan a port, or add by hand.

The setup wizard's last page and the empty grid offer the same three ways;
both call these hooks with the main window (or the wizard) as ``parent``, whose
``site`` and ``actor`` the hook may use. The windows that do the work (the
import dialog, the scan window, the settings window) are wired here, in one
place; until one exists its hook says so instead of doing nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.ui.support.background import run as run_in_background

log = logging.getLogger(__name__)

IMPORT, SCAN, BY_HAND, LATER = "import", "scan", "by_hand", "later"


def _not_ready(parent: QWidget | None) -> bool:
    QMessageBox.information(
        parent,
        QCoreApplication.translate("NextSteps", "Not available"),
        QCoreApplication.translate("NextSteps", "This part of the program is not installed."),
    )
    return False


@dataclass
class NextSteps:
    """``on_import(parent) -> bool`` (True: meters were added, reload the grid),
    ``on_scan(parent)``, ``on_add_by_hand(parent)``."""

    on_import: Callable[[QWidget | None], bool] = _not_ready
    on_scan: Callable[[QWidget | None], object] = _not_ready
    on_add_by_hand: Callable[[QWidget | None], object] = _not_ready

    def run(self, choice: str, parent: QWidget | None) -> object:
        """Do the wizard's choice (``LATER``: nothing); an import that added meters reloads
        the grid of ``parent`` (the main window)."""
        hook = {IMPORT: self.on_import, SCAN: self.on_scan, BY_HAND: self.on_add_by_hand}.get(
            choice
        )
        if hook is None:
            return None
        log.info("next step: %s", choice)
        result = hook(parent)
        if choice == IMPORT and result is True and hasattr(parent, "reload"):
            parent.reload()
        return result


def _keep(parent: QWidget | None, window: QWidget) -> QWidget:
    """Show a tool window, kept alive by its parent (a main window or the wizard)."""
    if parent is not None:
        kept = getattr(parent, "_next_step_windows", [])
        kept.append(window)
        parent._next_step_windows = kept
    window.show()
    window.raise_()
    return window


def open_scan(parent: QWidget | None) -> QWidget:
    from app.ui.control.scan_window import ScanWindow

    return _keep(parent, ScanWindow(parent.site, parent.actor))


def open_import(parent: QWidget | None) -> bool:
    """The Excel import; True once it wrote something (the caller reloads the grid)."""
    from app.ui.settings.import_dialog import ImportDialog

    dialog = ImportDialog(parent.actor, getattr(parent.site, "worker_for", None), parent)
    written = []
    dialog.applied.connect(lambda: written.append(True))
    apply_config = getattr(parent.site, "apply_config", None)
    if apply_config is not None:  # the new buses and meters are polled at once
        dialog.applied.connect(lambda: run_in_background(apply_config))
    dialog.choose_file()
    dialog.exec()
    return bool(written)


def open_settings(parent: QWidget | None) -> object:
    """The system settings window (buildings, gateways, buses, meters)."""
    opener = getattr(parent, "open_settings", None)
    return opener() if opener is not None else _not_ready(parent)


HOOKS = NextSteps(on_import=open_import, on_scan=open_scan, on_add_by_hand=open_settings)
