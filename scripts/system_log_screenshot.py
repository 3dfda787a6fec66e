"""Screenshot of the Chinese system log of a demo site (run under Xvfb: see README).

    xvfb-run -a .venv/bin/python scripts/system_log_screenshot.py OUT.png

A failed login, a sale and a refused sale on the dead meter 57 are made first,
so the log shows green, red and translated targets and details.
"""

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(out: Path) -> None:
    from app.errors import PemError
    from app.models import Meter
    from app.paths import SitePaths
    from app.services import billing
    from app.services.auth import AuthService
    from app.services.demo_site import create_demo_site
    from app.services.site import Site
    from app.ui.records.system_log_view import SystemLogView
    from app.ui.shell.application import install_translators, make_application
    from app.ui.support.qt_bridge import BusSignals

    app = make_application()
    install_translators(app, "zh_CN")
    paths = SitePaths(Path(tempfile.mkdtemp(prefix="pem-log-")))
    create_demo_site(paths, history=False)
    site = Site(paths).open().start(BusSignals())
    auth = AuthService()
    try:
        auth.login("cashier", "wrong-password")
    except PemError:
        pass
    cashier = auth.login("cashier", "cashier-demo-1")
    admin = auth.login("admin", "admin-demo-1")
    m7 = Meter.get(Meter.number == "M007").id
    billing.sell(site.worker_for(m7), cashier, m7, 10_000, "cash")
    dead = Meter.get(Meter.address == 57).id
    try:
        billing.sell(site.worker_for(dead), cashier, dead, 5_000, "cash")
    except Exception as exc:
        print("refused:", exc)
    view = SystemLogView(admin)
    view.resize(1400, 700)
    view.show()
    end = time.monotonic() + 3
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    out.parent.mkdir(parents=True, exist_ok=True)
    view.grab().save(str(out))
    view.close()
    site.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots/tmp/system-log-zh.png"))
