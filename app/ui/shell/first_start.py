"""The GUI's first start: a folder without a site becomes a site only through the setup wizard.

Opening never creates a site on its own: a mistyped ``--data-dir`` or a lost
``site.db`` would otherwise turn into an empty site whose login refuses every
password. The wizard's first page shows the full path and says that a site
that existed is restored from the backup instead; nothing is written before
its administrator page is accepted, and then the site, its name, language and
administrator are made together (or not at all).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from app.paths import SitePaths
from app.services import auth_passwords as pw
from app.services.permissions import Actor

log = logging.getLogger(__name__)


def new_site_text(paths: SitePaths) -> str:
    return (
        QCoreApplication.translate(
            "FirstStart",
            "There is no site database at:\n\n{path}\n\nCreate a new, empty site in {folder}?",
        )
        .replace("{path}", str(paths.db))
        .replace("{folder}", str(paths.data_dir))
    )


def existing_site_warning() -> str:
    return QCoreApplication.translate(
        "FirstStart",
        "If this PC already had a site, choose Cancel: check the folder given with "
        "--data-dir, or restore site.db and master.key from the backup.",
    )


def password_rules_text() -> str:
    """The rules every password form states (the count is the service's minimum)."""
    return QCoreApplication.translate(
        "PasswordFormDialog",
        "At least %n characters, and not the login name.",
        "",
        pw.MIN_PASSWORD_LENGTH,
    )


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


def create_site_with_admin(
    paths: SitePaths, name: str, language: str, login: str, password: str, display: str
) -> Actor:
    """The site, its name and language and its first administrator, all or nothing.

    Runs off the GUI thread (the password hash is slow) and closes the database
    it made there; the window opens the site afresh. A failure half way (a full
    disk) removes the database and a key made here, so the next start asks again.
    """
    from app import settings
    from app.models import close_database
    from app.services.auth import AuthService
    from app.services.new_site import create_site, remove_database_files

    folder_existed = paths.data_dir.exists()
    made = create_site(paths)
    try:
        settings.put("site.name", name)
        settings.put("ui.language", language)
        actor = AuthService().create_first_admin(login, password, display)
    except BaseException:
        close_database()
        remove_database_files(paths.db)
        if not made.key_kept:
            paths.key_file.unlink(missing_ok=True)
        if not folder_existed:
            try:
                paths.data_dir.rmdir()
            except OSError:
                pass
        raise
    close_database()
    log.info("new site %r created in %s", name, paths.data_dir)
    return actor
