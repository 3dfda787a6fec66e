"""The status bar's bus line, also for a bus another process serves (issue #6)."""

from __future__ import annotations

from app.serial_io.events import BusConfig, BusState, BusUpdate
from app.ui.grid.bus_status import BusStatusWidget


def test_a_bus_served_by_a_collector_says_so(qtbot):
    widget = BusStatusWidget([BusConfig(1, "Bus 1", "socket://x:1")])
    qtbot.addWidget(widget)
    widget.update_bus(
        BusUpdate(1, "Bus 1", BusState.RUNNING, None, 87, 3, served_by="collector on pc7")
    )
    text = widget.text(1)
    assert "87/90" in text and "served by the collection service on pc7" in text


def test_a_bus_this_window_serves_names_no_other_process(qtbot):
    widget = BusStatusWidget([BusConfig(1, "Bus 1", "socket://x:1")])
    qtbot.addWidget(widget)
    widget.update_bus(BusUpdate(1, "Bus 1", BusState.RUNNING, 12.5, 90, 0))
    assert "served by" not in widget.text(1) and "cycle 12.5 s" in widget.text(1)


def test_a_demo_bus_says_its_time_runs_faster(qtbot):
    """Issue #8: the demo ran 30x faster without saying so (arrears spread in minutes)."""
    widget = BusStatusWidget([BusConfig(1, "Bus 1", "socket://x:1", time_speed=30.0)])
    qtbot.addWidget(widget)
    assert "demo time runs 30× faster" in widget.text(1)  # already while waiting
    widget.update_bus(BusUpdate(1, "Bus 1", BusState.RUNNING, 3.0, 87, 3))
    assert "87/90 online" in widget.text(1) and "demo time runs 30× faster" in widget.text(1)
