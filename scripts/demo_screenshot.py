"""Screenshots of the real program on a demo site (run under Xvfb: see README).

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/demo_screenshot.py OUT_DIR

Creates a fresh demo site, opens the main window as the demo cashier with the
real bus worker and simulator, lets it poll, and saves the grid, the table and
the detail dialog of the dead meter 57 (what the technician would look at).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(out: Path, lang: str = "zh_CN") -> None:
    from PySide6.QtWidgets import QApplication

    from app.models import Meter
    from app.paths import SitePaths
    from app.serial_io.qt_bridge import BusSignals
    from app.services.auth import AuthService
    from app.services.demo_site import create_demo_site
    from app.services.site import Site
    from app.ui.application import install_translators, make_application
    from app.ui.main_window import MainWindow
    from app.ui.session import Session

    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    install_translators(app, lang)
    paths = SitePaths(Path(tempfile.mkdtemp(prefix="pem-shot-")))
    create_demo_site(paths, history=False)
    site = Site(paths).open().start(BusSignals())
    auth = AuthService()
    window = MainWindow(site)
    Session(window, site, auth, auth.login("cashier", "cashier-demo-1"), lang)
    window.resize(1500, 950)
    window.show()

    def pump(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    pump(12)
    window.grab().save(str(out / f"demo-grid-{lang}.png"))
    window.set_view_mode("table")
    pump(1)
    window.grab().save(str(out / f"demo-table-{lang}.png"))
    window.set_view_mode("tiles")
    dialog = window.open_detail(Meter.get(Meter.address == 57).id)
    pump(2)
    if dialog is not None:
        dialog.grab().save(str(out / f"demo-detail57-{lang}.png"))
        dialog.close()
    window.close()
    site.stop()
    QApplication.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots/tmp"),
         sys.argv[2] if len(sys.argv) > 2 else "zh_CN")  # fmt: skip
