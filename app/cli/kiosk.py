"""``kiosk``: the tenants' query kiosk, full screen on a touch screen (issue #15).

    python main.py kiosk [--screen N] [--windowed]

It opens the site for tenants only (``tenant_site.open_for_tenants``): it owns
no bus; live reads and switching are job rows for the collection service or
the window that owns the bus. It refuses to start until an administrator has
set the kiosk's exit PIN (System settings → Kiosk), since that PIN is the only
way out of it.

Exit 0 when staff closed it with the exit PIN; 2 when the site cannot be opened
or has no exit PIN.
"""

from __future__ import annotations

import argparse
import socket
import sys

from app.errors import QT_TRANSLATE_NOOP, ConfigError

NAME = "kiosk"
HELP = "the tenants' query kiosk: full screen, touch keypad, leaves only with the exit PIN"

NO_EXIT_PIN = QT_TRANSLATE_NOOP(
    "Errors",
    "the kiosk has no exit PIN yet: an administrator sets one in System settings, Kiosk",
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--screen", type=int, default=None, metavar="N", help="show on screen N (0, 1...)"
    )
    p.add_argument(
        "--windowed", action="store_true", help="a 1280x800 window instead of full screen (testing)"
    )


def run(args) -> int:
    from PySide6.QtGui import QGuiApplication

    from app import settings
    from app.cli.site_args import ensure_demo, site_paths
    from app.services.kiosk_exit import exit_pin_set
    from app.services.tenant_site import open_for_tenants
    from app.ui.kiosk.window import FIRST_LANGUAGE, KioskWindow
    from app.ui.shell.application import Translations, make_application

    paths = site_paths(args)
    ensure_demo(args, paths)
    app = make_application()
    translations = Translations(app, getattr(args, "lang", None) or FIRST_LANGUAGE)
    site = open_for_tenants(paths)
    try:
        if not exit_pin_set():
            raise ConfigError(NO_EXIT_PIN)
        window = KioskWindow(
            site,
            settings.get("kiosk.idle_s"),
            source=f"kiosk:{socket.gethostname()}",
            on_language=translations.switch,
            lang=translations.lang,
            site_name=settings.get("site.name"),
        )
        screens = QGuiApplication.screens()
        if args.screen is not None and 0 <= args.screen < len(screens):
            window.setScreen(screens[args.screen])
            window.move(screens[args.screen].geometry().topLeft())
        if args.windowed:
            window.resize(1280, 800)
            window.show()
        else:
            window.showFullScreen()
        return app.exec()
    finally:
        site.stop()


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run through main.py")
