"""The scan window and the bus diagnostics window against a real worker on the simulator.

The site is a stand-in holding one real ``BusWorker`` whose port is a
loopback onto a ``SimBus`` (address 6 answers garbled: two meters on it).
Screenshots of both windows go to /tmp/shots-scan/ for a look.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.models import Bus, Meter, SystemLog
from app.serial_io.events import BusConfig, PollSettings
from app.serial_io.loopback import LoopbackBus
from app.serial_io.simulator import default_serial
from app.serial_io.worker import BusWorker
from app.services.bus_scan import Status
from app.services.site import Site
from app.ui.control.control_actions import install_control_actions
from app.ui.control.diagnostics_window import DiagnosticsWindow
from app.ui.control.scan_window import DONE_COL, ScanWindow
from tests.billing_helpers import CASHIER, MAINTENANCE
from tests.services.test_bus_scan import GarbleSim
from tests.sim_helpers import make_sim_bus

MASTER = bytes(range(32))
SHOTS = Path(os.environ.get("PEM_SHOTS", "/tmp/shots-scan"))


class FakeSite:
    """What the windows use of a Site: workers, meter refs, a poll."""

    def __init__(self, workers: dict) -> None:
        self.workers = workers

    def owned_workers(self) -> dict:
        return dict(self.workers)

    meter_refs = staticmethod(Site.meter_refs)

    def request_poll(self, meter_id: int):
        bus_id = Meter.get_by_id(meter_id).bus_id
        return self.workers[bus_id].poll_now(meter_id)


def _shot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def bus_site(database):
    sim = make_sim_bus(MASTER, addresses=[1, 2, 3, 5, 6, 7])
    port = LoopbackBus(GarbleSim(sim, clash=[6]))
    bus = Bus.create(name="bus1", port="/dev/ttyUSB7", parity="N")
    for address, serial in ((1, 1), (2, 3), (3, 2), (4, 4)):
        Meter.create(number=f"M{address:03d}", bus=bus, address=address,
                     serial=default_serial(serial))  # fmt: skip
    settings = PollSettings(offline_after=1, retry_base_s=0.05, retry_max_s=0.1, state_flush_s=0.05)
    config = BusConfig(bus.id, "bus1", "/dev/ttyUSB7", parity="N")
    worker = BusWorker(config, Site.meter_refs(bus.id), MASTER, settings=settings,
                       bus_factory=lambda c: port, poll=True)  # fmt: skip
    worker.start()
    yield FakeSite({bus.id: worker}), bus, sim
    worker.stop()


def _statuses(window) -> dict[int, Status]:
    return {r.address: r.status for r in window.rows}


def test_scan_window_finds_adds_and_commissions(qtbot, bus_site):
    site, bus, sim = bus_site
    window = ScanWindow(site, MAINTENANCE, bus.id)
    qtbot.addWidget(window)
    window.show()
    window.last.setValue(8)
    window.pattern.setText("B1-{address:03d}")
    window.start_button.click()
    qtbot.waitUntil(lambda: window.result is not None, timeout=15000)
    assert _statuses(window) == {
        1: Status.OK, 2: Status.MOVED, 3: Status.MOVED, 4: Status.MISSING,
        5: Status.NEW, 6: Status.CLASHING, 7: Status.NEW,
    }  # fmt: skip
    assert window.progress.value() == 8 and "2 new" in window.status.text()
    _shot(window, "scan_result")

    window.select_rows(lambda r: r.status in (Status.NEW, Status.CLASHING))
    window.add_selected()
    qtbot.waitUntil(lambda: Meter.get_or_none(Meter.number == "B1-007") is not None, timeout=5000)
    qtbot.waitUntil(lambda: _statuses(window)[7] is Status.OK, timeout=5000)
    assert Meter.get(Meter.number == "B1-005").serial == default_serial(5)
    assert Meter.get_or_none(Meter.address == 6) is None  # a clashing address is not added

    futures = window.commission_selected()  # the two just added stay selected
    assert len(futures) == 2
    qtbot.waitUntil(lambda: all(f.done() for f in futures), timeout=10000)
    qtbot.waitUntil(lambda: window.table.item(6, DONE_COL).text() == "ok", timeout=5000)
    assert sim.meter(7).params.alarm1 == Meter.get(Meter.number == "B1-007").alarm1
    assert SystemLog.select().where(SystemLog.action == "meter.commission").count() == 2
    _shot(window, "scan_commissioned")


def test_scan_window_cancel_and_a_bare_port_error(qtbot, bus_site):
    site, bus, _sim = bus_site
    window = ScanWindow(site, MAINTENANCE, bus.id)
    qtbot.addWidget(window)
    window.show()
    window.start_button.click()
    assert not window.start_button.isEnabled()  # the bus is read, then scanned
    qtbot.waitUntil(window.cancel_button.isEnabled, timeout=5000)
    assert not window.start_button.isEnabled()
    window.cancel_button.click()
    qtbot.waitUntil(lambda: window.result is not None, timeout=5000)
    assert window.result.cancelled and len(window.result.scanned) < 247
    assert window.start_button.isEnabled()

    window.set_port_settings(BusConfig(0, "x", "/dev/does-not-exist-pem", parity="N"))
    window.start_button.click()
    qtbot.waitUntil(
        lambda: window.result is not None and window.result.error is not None, timeout=5000
    )
    assert "does-not-exist-pem" in window.status.text()
    assert not window.add_button.isEnabled()  # a bare port: nothing to add to
    _shot(window, "scan_port_error")


def test_diagnostics_window_puts_failing_meters_first_and_polls_one(qtbot, bus_site):
    site, bus, _sim = bus_site
    worker = site.workers[bus.id]
    qtbot.waitUntil(lambda: worker.stats(Meter.get(Meter.number == "M004").id).timeouts > 0,
                    timeout=5000)  # fmt: skip
    window = DiagnosticsWindow(site, MAINTENANCE)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.meter_table.rowCount() == 4, timeout=5000)
    assert window.meter_table.item(0, 0).text() == "M004"  # dead: first
    assert window.bus_table.item(0, 0).text() == "bus1"
    window.select_meter(Meter.get(Meter.number == "M001").id)
    future = window.poll_selected()
    qtbot.waitUntil(lambda: "answered" in window.status.text(), timeout=5000)
    assert future.result().status is not None
    _shot(window, "diagnostics")


def test_a_closed_diagnostics_window_reads_nothing_on_its_timer(qtbot, bus_site):
    """Closed but not deleted yet, it read the open database every few seconds (whatever
    database a later test had open, mid-migration)."""
    site, _bus, _sim = bus_site
    window = DiagnosticsWindow(site, MAINTENANCE)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window._loading is not None and window._loading.done(), timeout=5000)
    window._tick()
    shown_read = window._loading
    qtbot.waitUntil(lambda: shown_read.done(), timeout=5000)
    window.close()
    window._tick()
    assert window._loading is shown_read  # no new read while closed


def test_menu_entries_for_maintenance_not_cashier(qtbot, bus_site):
    from PySide6.QtWidgets import QMainWindow, QMenu

    site, _bus, _sim = bus_site

    class Window(QMainWindow):
        def __init__(self):
            super().__init__()
            self.menus = {"maintenance": QMenu("Maintenance", self)}
            self.registered = {}

        def add_action(self, key, text, menu, permission):
            act = self.menus[menu].addAction(text)
            self.registered[key] = (act, permission)
            return act

    window = Window()
    qtbot.addWidget(window)
    ca = install_control_actions(window, site, MAINTENANCE)
    assert set(window.registered) == {"maintenance.scan", "maintenance.diagnostics"}
    for _act, permission in window.registered.values():
        assert MAINTENANCE.can(permission) and not CASHIER.can(permission)
    window.registered["maintenance.scan"][0].trigger()
    assert isinstance(ca.scan_window, ScanWindow) and ca.scan_window.isVisible()
    window.registered["maintenance.diagnostics"][0].trigger()
    assert ca.diagnostics_window.isVisible()
    ca.scan_window.close()
    ca.diagnostics_window.close()


def test_scan_window_reads_the_bus_off_the_gui_thread(qtbot, bus_site, monkeypatch):
    """The bus's settings and configured meters are database reads: never on the GUI thread."""
    import threading

    from app.services import bus_scan

    site, bus, _sim = bus_site
    threads = []
    real = bus_scan.configured_meters

    def configured_meters(bus_id):
        threads.append(threading.current_thread())
        return real(bus_id)

    monkeypatch.setattr(bus_scan, "configured_meters", configured_meters)
    window = ScanWindow(site, MAINTENANCE, bus.id)
    qtbot.addWidget(window)
    window.last.setValue(4)
    window.start_button.click()
    qtbot.waitUntil(lambda: window.result is not None, timeout=15000)
    assert _statuses(window)[4] is Status.MISSING  # the configured meters were compared
    assert threads and threading.main_thread() not in threads
