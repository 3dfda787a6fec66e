"""Starting the GUI: QApplication, logging, crash dialog, translations, the site, the window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from app.errors import PemError
from app.resources import resource_path
from app.ui.shell import gc_guard
from app.ui.shell.crash_dialog import install_excepthook
from app.ui.support.error_text import error_text

log = logging.getLogger(__name__)
qt_log = logging.getLogger("app.qt")

I18N_DIR = resource_path("i18n")  # beside the sources, or in the PyInstaller bundle

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings (a bad signal connection, a font problem) go to our log file."""
    where = f" ({context.file}:{context.line})" if context.file else ""
    qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s%s", message, where)


def install_translators(app: QApplication, lang: str) -> list[QTranslator]:
    """Our ``pem_<lang>.qm`` and Qt's own; a missing file leaves English, which is fine."""
    installed: list[QTranslator] = []
    if lang == "en":
        return installed
    QLocale.setDefault(QLocale(lang))
    candidates = [
        (I18N_DIR, f"pem_{lang}.qm"),
        (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), f"qtbase_{lang}.qm"),
    ]
    for folder, name in candidates:
        translator = QTranslator(app)
        if (folder / name).exists() and translator.load(name, str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.info("no translation %s in %s", name, folder)
    return installed


class Translations:
    """The interface language of the running program; ``switch`` takes effect at once.

    Removing and installing translators makes Qt send LanguageChange to every
    window, and each window (login dialog, main window, session menus) sets its
    texts again: a language chosen at the login or the lock screen shows
    everywhere at once, not only on the next window opened (issue #8).
    """

    def __init__(self, app: QApplication, lang: str) -> None:
        self._app = app
        self.lang = lang
        self._installed = install_translators(app, lang)

    def switch(self, lang: str) -> None:
        if lang == self.lang:
            return
        for translator in self._installed:
            self._app.removeTranslator(translator)
        if lang == "en":  # install_translators leaves the locale alone for English
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        self._installed = install_translators(self._app, lang)
        self.lang = lang
        log.info("interface language: %s", lang)


def _language(args) -> str:
    lang = getattr(args, "lang", None)
    if lang:
        return lang
    try:
        from app import settings

        return settings.get("ui.language")
    except Exception:  # no database open yet: the site decides later
        return "zh_CN"


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Prepaid Energy Manager")
    app.setOrganizationName("PrepaidEnergy")
    app.setOrganizationDomain("prepaid-energy.local")
    qInstallMessageHandler(qt_message_handler)
    install_excepthook()
    gc_guard.install(app)
    return app


def _open_or_set_up(args, paths, open_site, listener_type, translations: Translations):
    """(the site, the wizard's outcome) or (None, None) when the wizard was cancelled first.

    Only the setup wizard creates a site from the GUI, and only once its
    administrator page is accepted: a folder without one is never turned into
    an empty site silently.
    """
    from app.models.db import NoSite
    from app.ui.shell import setup_wizard

    serve = True if getattr(args, "serve_buses", False) else None  # None: the site's rule
    try:
        return open_site(paths, listener=listener_type(), serve=serve), None
    except NoSite as exc:
        log.info("no site at %s: the setup wizard", exc.path)
        setup = setup_wizard.run_setup(paths, translations.lang, translations.switch)
        if setup is None:
            print(f"error: {exc}", file=sys.stderr)  # cancelled: the site stays absent
            return None, None
    return open_site(paths, listener=listener_type(), serve=serve), setup


def run_gui(args, paths) -> int:
    """The window on the site in ``paths``; with ``--demo`` it first builds the demo site there.

    The demo is built behind a splash (``demo_splash``), so a newcomer sees a
    window at once instead of a silent terminal.
    """
    app = make_application()
    if getattr(args, "demo", False) and not paths.on_server and not paths.db.exists():
        from app.services.demo_site import demo_logins, demo_tenant_banner
        from app.ui.shell.demo_splash import build_demo_with_splash

        translators = install_translators(app, getattr(args, "lang", None) or "zh_CN")
        failed = build_demo_with_splash(paths)
        for t in translators:
            app.removeTranslator(t)
        if failed is not None:
            log.error("the demo site could not be built: %s", failed)
            QMessageBox.critical(
                None,
                QCoreApplication.translate("Application", "Prepaid Energy Manager"),
                error_text(failed) if isinstance(failed, PemError) else str(failed),
            )
            return 2
        print(f"demo site in {paths.data_dir}; {demo_logins()}", flush=True)
        print(demo_tenant_banner(paths.data_dir), flush=True)
    from app import settings
    from app.services.auth import AuthService
    from app.services.site import open_site
    from app.ui.auth.login_dialog import login
    from app.ui.shell.main_window import MainWindow
    from app.ui.shell.session import Session, settle_at_startup
    from app.ui.support.qt_bridge import BusSignals

    # Before the site: the --lang given, else Chinese; the site's setting once it is open.
    translations = Translations(app, getattr(args, "lang", None) or "zh_CN")
    try:
        site, setup = _open_or_set_up(args, paths, open_site, BusSignals, translations)
    except PemError as exc:
        log.error("cannot open the site: %s", exc)
        QMessageBox.critical(
            None,
            QCoreApplication.translate("Application", "Prepaid Energy Manager"),
            error_text(exc),
        )
        return 2
    if site is None:
        return 2  # no site, and the operator did not want a new one there
    try:
        translations.switch(_language(args))  # the setting needs the database

        def switch_language(lang: str) -> None:
            """Picked at the login or the lock screen: shown at once, stored for the site."""
            translations.switch(lang)
            settings.put("ui.language", lang)

        auth = AuthService()
        if setup is not None:
            actor = setup.actor  # the administrator who just chose the password
        else:
            actor = login(
                None,
                auth,
                translations.lang,
                site_name=settings.get("site.name"),
                on_language=switch_language,
            )
        if actor is None:
            return 0
        window = MainWindow(site)
        window.session = Session(
            window, site, auth, actor, translations.lang, on_language=switch_language
        )
        settle_at_startup(site)
        window.show()
        gc_guard.freeze_startup()
        if setup is not None:  # the wizard's next step, over the window it fills
            from PySide6.QtCore import QTimer

            from app.ui.shell import next_steps

            QTimer.singleShot(0, window, lambda: next_steps.HOOKS.run(setup.choice, window))
        return app.exec()
    finally:
        site.stop()
