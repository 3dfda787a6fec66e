"""Screenshots of the meter grid (tiles, table) and a meter's detail, for looking at them.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python bench/grid_screenshots.py OUT_DIR

Uses the in-memory preview site (every state and mark appears) and a bus
status line like a running site's.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from app.serial_io.events import BusState, BusUpdate
from app.ui.shell.application import install_translators
from app.ui.shell.main_window import TABLE, MainWindow
from tests.support.preview_site import PreviewSite, sample_buses, sample_rows, sample_update


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    lang = sys.argv[2] if len(sys.argv) > 2 else "en"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    install_translators(app, lang)
    rows = sample_rows(90, 3)
    site = PreviewSite(rows, sample_buses(3))
    window = MainWindow(site)
    window.resize(1440, 900)
    window.show()
    now = time.time()
    for row in rows:
        site.signals.meterUpdated.emit(sample_update(row, 1, now - 40))
    site.signals.busUpdated.emit(BusUpdate(1, "Bus 1", BusState.RUNNING, 11.8, 30, 0))
    site.signals.busUpdated.emit(BusUpdate(2, "Bus 2", BusState.RUNNING, 12.6, 28, 2))
    site.signals.busUpdated.emit(
        BusUpdate(3, "Bus 3", BusState.PORT_ERROR, None, 0, 30, "cannot open /dev/ttyUSB2")
    )
    window.model.flush()
    window.select_meters([12, 13])
    settle(app)
    window.grab().save(str(out / f"grid_tiles_{lang}.png"))
    window.set_view_mode(TABLE)
    settle(app)
    window.grab().save(str(out / f"grid_table_{lang}.png"))
    dialog = window.open_detail(4)  # an offline meter: what the technician looks at
    settle(app)
    dialog.grab().save(str(out / f"detail_{lang}.png"))
    dialog.tabs.setCurrentIndex(1)
    settle(app)
    dialog.grab().save(str(out / f"detail_comm_{lang}.png"))
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
