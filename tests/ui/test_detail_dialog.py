"""The meter detail dialog: live values, communication statistics, following updates, Read now."""

from __future__ import annotations

import threading

import pytest

from app.errors import MeterOffline
from app.serial_io.meter_data import CommStats, MeterStatus
from app.ui.grid.model import MeterGridModel
from app.ui.meter.detail import MeterDetailDialog
from app.ui.meter.detail_values import comm_values, live_values
from app.ui.support import qt_bridge
from tests.support.preview_site import (
    PreviewSite,
    grid_row,
    meter_update,
    missed_update,
    sample_buses,
)

STATUS = MeterStatus(
    energy_total=1_234_567,
    energy_sharp=100,
    energy_peak=200_050,
    energy_flat=300_000,
    energy_valley=734_417,
    balance=98_765,
    purchase_count=12,
    total_purchased=500_000,
    relay_open=False,
    prepaid_mode=True,
    alarm1=False,
    voltage_a=2201,
    voltage_b=2199,
    voltage_c=2305,
    current_a=1234,
    current_b=5,
    current_c=0,
    power=3456,
    power_factor=982,
    frequency=4998,
    rate=1,
    price=8765,
    clock=1_700_000_000,
)
ROW = grid_row(
    57,
    number="M057",
    tenant="Blue Sky Books",
    location="2F-17",
    bus_name="Bus 3",
    address=57,
    serial="000000000057",
    phases=3,
    tariff="TOU business",
    status=STATUS,
    stats=CommStats(answers=1200, timeouts=7, crc_errors=2, exceptions=1, last_response_ms=41.6),
    updated_at=1_700_000_000.0,
)


@pytest.fixture
def site():
    return PreviewSite([ROW], sample_buses(3))


@pytest.fixture
def model(qapp):
    return MeterGridModel([ROW], flush_ms=10)


@pytest.fixture
def dialog(qtbot, site, model):
    d = MeterDetailDialog(site, model, 57)
    qtbot.addWidget(d)
    d.show()
    return d


def test_shows_live_values_in_readable_units(dialog):
    v = dialog.value_text
    assert dialog.windowTitle() == "Meter M057"
    assert v("tenant") == "Blue Sky Books"
    assert v("location") == "2F-17"
    assert v("bus") == "Bus 3, address 57"
    assert v("serial") == "000000000057"
    assert v("tariff") == "TOU business"
    assert v("balance") == "987.65"
    assert v("purchase_count") == "12"
    assert v("total_purchased") == "5,000.00"
    assert v("energy_total") == "12,345.67"
    assert v("energy_peak") == "2,000.50"
    assert v("energy_valley") == "7,344.17"
    assert v("voltage") == "220.1 / 219.9 / 230.5"
    assert v("current") == "12.34 / 0.05 / 0.00"
    assert v("power") == "3.456"
    assert v("power_factor") == "0.982"
    assert v("frequency") == "49.98"
    assert v("rate") == "peak"
    assert v("price") == "0.8765"
    assert v("relay") == "Closed"
    assert v("flags") == "prepaid mode"
    assert v("clock").startswith("2023-11-1")
    assert dialog.state_chip.text() == "Normal"


def test_shows_communication_statistics(dialog):
    v = dialog.value_text
    assert v("online") == "answering"
    assert (v("answers"), v("timeouts"), v("crc_errors"), v("exceptions")) == (
        "1200",
        "7",
        "2",
        "1",
    )
    assert v("response_ms") == "42 ms"
    assert v("last_error") == "none"
    assert v("last_answer").startswith("2023-11-1")


def test_follows_live_updates_of_its_meter_only(dialog, model, qtbot):
    model.apply_update(meter_update(grid_row(99), balance=1))  # another meter: ignored
    model.apply_update(missed_update(ROW, misses=3))
    qtbot.waitUntil(lambda: dialog.value_text("online").startswith("OFFLINE"), timeout=2000)
    assert dialog.value_text("misses") == "3"
    assert dialog.value_text("last_error") == "timeout"
    assert dialog.value_text("balance") == "987.65"  # last known value stays
    assert dialog.state_chip.text() == "Offline"
    model.apply_update(meter_update(ROW, at=1_700_000_500.0, balance=-120, relay_open=True,
                                    arrears=True))  # fmt: skip
    qtbot.waitUntil(lambda: dialog.value_text("balance") == "-1.20", timeout=2000)
    assert dialog.value_text("relay") == "Open (arrears)"
    assert "arrears" in dialog.value_text("flags")
    assert dialog.state_chip.text() == "Arrears"


def test_read_now_shows_the_answer(dialog, site, model, qtbot):
    dialog.read_button.click()
    assert not dialog.read_button.isEnabled()
    assert dialog.outcome.text() == "Reading…"
    (meter_id, future), = site.poll_requests  # fmt: skip
    assert meter_id == 57
    answer = meter_update(ROW, at=1_700_000_900.0, balance=4321)
    worker = threading.Thread(target=future.set_result, args=(answer,))  # a bus thread
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: dialog.read_button.isEnabled(), timeout=2000)
    assert dialog.outcome.text().startswith("Answered at") and "20 ms" in dialog.outcome.text()
    assert dialog.value_text("balance") == "43.21"
    assert model.record(57).status.balance == 4321


def test_read_now_shows_no_answer(dialog, site, qtbot):
    dialog.read_now()
    (_, future), = site.poll_requests  # fmt: skip
    future.set_result(missed_update(ROW, misses=1))
    qtbot.waitUntil(lambda: dialog.read_button.isEnabled(), timeout=2000)
    assert dialog.outcome.text() == "No answer: timeout"


def test_read_now_shows_an_error(dialog, site, qtbot):
    dialog.read_now()
    (_, future), = site.poll_requests  # fmt: skip
    future.set_exception(MeterOffline("meter 57 is not answering", 57))
    qtbot.waitUntil(lambda: dialog.read_button.isEnabled(), timeout=2000)
    assert dialog.outcome.text() == "Read failed: meter 57 is not answering"


def test_read_now_error_reads_in_the_operators_language(dialog, site, qtbot, qapp):
    from PySide6.QtCore import QLocale

    from app.errors import NO_ANSWER
    from app.ui.shell import application

    before = QLocale()
    installed = application.install_translators(qapp, "zh_CN")
    try:
        dialog.read_now()
        (_, future), = site.poll_requests  # fmt: skip
        future.set_exception(MeterOffline(NO_ANSWER, 57))
        qtbot.waitUntil(lambda: dialog.read_button.isEnabled(), timeout=2000)
        assert "地址 57 的电表无应答" in dialog.outcome.text()
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        QLocale.setDefault(before)


def test_read_now_when_the_site_cannot(dialog, site, qtbot):
    site.request_poll = lambda meter_id: None
    dialog.read_now()
    assert dialog.outcome.text() == "Poll requested."
    assert dialog.read_button.isEnabled()


def test_answer_after_close_is_dropped(site, model, qtbot):
    d = MeterDetailDialog(site, model, 57)
    d.show()
    d.read_now()
    (_, future), = site.poll_requests  # fmt: skip
    d.close()  # deleted on close
    qtbot.waitUntil(lambda: not d.isVisible())
    future.set_result(meter_update(ROW, balance=1))
    # the queued delivery runs and must not touch the deleted dialog
    qtbot.waitUntil(lambda: qt_bridge.pending_deliveries() == 0, timeout=2000)
    assert model.record(57).status.balance == STATUS.balance  # nothing applied


def test_history_tab_hook(dialog):
    from PySide6.QtWidgets import QLabel

    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == ["Live values", "Communication", "History"]
    dialog.add_tab(QLabel("chart"), "Usage")
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == ["Live values", "Communication", "Usage"]


def test_values_without_status_and_single_phase():
    from app.ui.grid.record import MeterRecord

    rec = MeterRecord(grid_row(1, status=None, online=False, tenant=None, updated_at=None))
    live = live_values(rec)
    assert live["tenant"] == "(not opened)" and "balance" not in live
    comm = comm_values(rec)
    assert comm["online"].startswith("OFFLINE") and comm["last_answer"] == "never"
    single = MeterRecord(grid_row(2, phases=1, status=STATUS))
    assert live_values(single, now=STATUS.clock)["voltage"] == "220.1"
    assert "from this PC" not in live_values(single, now=STATUS.clock)["clock"]
    assert "+2 h" in live_values(single, now=STATUS.clock - 7200)["clock"]


def test_offline_meter_opens_on_the_communication_tab(qtbot, site, dialog):
    assert dialog.tabs.currentIndex() == 0  # answering: live values first
    dead = grid_row(57, online=False, status=STATUS, stats=CommStats(timeouts=9))
    d = MeterDetailDialog(site, MeterGridModel([dead]), 57)
    qtbot.addWidget(d)
    assert d.tabs.tabText(d.tabs.currentIndex()) == "Communication"


def test_a_demo_meter_clock_is_demo_time_not_a_clock_fault(qapp):
    """Issue #8: '+2 h from this PC' read as a clock fault on the demo, whose time runs 30x."""
    from app.ui.grid.record import MeterRecord
    from app.ui.meter.detail_values import live_values

    row = grid_row(1, status=MeterStatus(balance=100, clock=1_700_007_200))
    rec = MeterRecord(row)
    real = live_values(rec, now=1_700_000_000)["clock"]
    demo = live_values(rec, now=1_700_000_000, speed=30.0)["clock"]
    assert "from this PC" in real  # a real meter two hours ahead is worth a look
    assert "from this PC" not in demo and "demo time, runs 30× faster" in demo
