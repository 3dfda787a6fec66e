"""The GUI's first start: a folder without a site becomes a new site only when the operator says so.

Opening never creates a site on its own: a mistyped ``--data-dir`` or a lost
``site.db`` would otherwise turn into an empty site whose login refuses every
password. The question shows the full path, and says that a site that existed
is restored from the backup instead.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.paths import SitePaths


def new_site_question(paths: SitePaths, parent: QWidget | None = None) -> QMessageBox:
    """The question, built but not shown (tests read it); "Create" is not the default."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("FirstStart", "No site in this folder"))
    box.setText(
        QCoreApplication.translate(
            "FirstStart",
            "There is no site database at:\n\n{path}\n\nCreate a new, empty site in {folder}?",
        )
        .replace("{path}", str(paths.db))
        .replace("{folder}", str(paths.data_dir))
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "FirstStart",
            "If this PC already had a site, choose Cancel: check the folder given with "
            "--data-dir, or restore site.db and master.key from the backup.",
        )
    )
    box.create_button = box.addButton(
        QCoreApplication.translate("FirstStart", "Create the site"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box


def confirm_new_site(paths: SitePaths, parent: QWidget | None = None) -> bool:
    """Ask whether to create a new site in ``paths``; True only for "Create the site"."""
    box = new_site_question(paths, parent)
    box.exec()
    return box.clickedButton() is box.create_button


def site_created_text(paths: SitePaths) -> str:
    return (
        QCoreApplication.translate(
            "FirstStart",
            "A new site was created in {folder}.\n\nKeep a copy of the master key {key} "
            "with your backups: the meters accept commands made with this key only.",
        )
        .replace("{folder}", str(paths.data_dir))
        .replace("{key}", str(paths.key_file))
    )


def tell_site_created(paths: SitePaths, parent: QWidget | None = None) -> None:
    QMessageBox.information(
        parent, QCoreApplication.translate("FirstStart", "New site"), site_created_text(paths)
    )
