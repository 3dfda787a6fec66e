"""Screenshots of the real program on a demo site (run under Xvfb: see README).

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/demo_screenshot.py OUT_DIR

Creates a fresh demo site, opens the main window as the demo cashier with the
real bus worker and simulator, lets it poll, and saves the grid, the table and
the detail dialog of the dead meter 57 (what the technician would look at).

With ``--collector`` a ``main.py collector`` process owns and polls the bus
first, so the window owns no port and shows the state the collector stores
(the window of a site that runs its collection service apart).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(out: Path, lang: str = "zh_CN", collector: bool = False) -> None:
    import subprocess

    from PySide6.QtWidgets import QApplication

    from app.models import Meter
    from app.paths import SitePaths
    from app.services.auth import AuthService
    from app.services.demo_site import create_demo_site
    from app.services.site import Site
    from app.ui.shell.application import install_translators, make_application
    from app.ui.shell.main_window import MainWindow
    from app.ui.shell.session import Session
    from app.ui.support.qt_bridge import BusSignals

    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    install_translators(app, lang)
    paths = SitePaths(Path(tempfile.mkdtemp(prefix="pem-shot-")))
    create_demo_site(paths, history=False)
    service = None
    if collector:
        service = subprocess.Popen(
            [sys.executable, "main.py", "collector", "--data-dir", str(paths.data_dir)],
            cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        print(service.stdout.readline().strip())
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
    suffix = "-client" if collector else ""
    window.grab().save(str(out / f"demo-grid-{lang}{suffix}.png"))
    window.set_view_mode("table")
    pump(1)
    window.grab().save(str(out / f"demo-table-{lang}.png"))
    window.set_view_mode("tiles")
    for number, name in (("M057", "detail57"), ("M066", "detail-adl400"),
                         ("M065-03", "detail-circuit")):  # fmt: skip
        dialog = window.open_detail(Meter.get(Meter.number == number).id)
        pump(2)
        if dialog is not None:
            dialog.grab().save(str(out / f"demo-{name}-{lang}.png"))
            dialog.close()
    window.filter_bar.search.setText("M06")  # the ADF400L's circuits and the ADL400s
    pump(1)
    window.grab().save(str(out / f"demo-grid-families-{lang}.png"))
    window.filter_bar.search.clear()
    window.close()
    site.stop()
    if service is not None:
        service.terminate()
        service.wait(20)
    QApplication.processEvents()


if __name__ == "__main__":
    argv = [a for a in sys.argv[1:] if a != "--collector"]
    main(Path(argv[0] if argv else "screenshots/tmp"), argv[1] if len(argv) > 1 else "zh_CN",
         "--collector" in sys.argv)  # fmt: skip
