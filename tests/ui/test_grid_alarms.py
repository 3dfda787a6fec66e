"""The grid's alarm mark, days left in the tooltip and detail, and the "runs out within" filter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.messages import Message
from app.models import Building, Bus, Meter
from app.models.alarms import AlarmKind, Level
from app.serial_io.meter_data import MeterStatus
from app.services import alarm_store, credit_forecast
from app.services.credit_forecast import UseRate
from app.services.grid_data import AlarmView
from app.ui.grid.alarm_refresh import GridAlarmRefresher, install_alarm_grid_actions
from app.ui.grid.filter import MeterFilterProxy
from app.ui.grid.marks import Mark
from app.ui.grid.model import MeterGridModel
from app.ui.meter.detail_values import live_values
from app.ui.shell.main_window import MainWindow
from tests.support.preview_site import PreviewSite, grid_row, meter_update, sample_buses

PER_DAY = UseRate(1000.0)  # 10 yuan a day
ROWS = [
    grid_row(1, status=MeterStatus(balance=2000), use_rate=PER_DAY, unacked_alarm=True),  # 2 days
    grid_row(2, status=MeterStatus(balance=50_000), use_rate=PER_DAY),  # 50 days
    grid_row(3, tenant=None, status=MeterStatus(balance=100), use_rate=PER_DAY),  # not opened
    grid_row(4, use_rate=UseRate(None, Message(credit_forecast.TOO_LITTLE_HISTORY))),
    grid_row(5, status=MeterStatus(balance=-10), use_rate=PER_DAY),  # arrears: 0 days
]


@pytest.fixture
def model(qapp):
    return MeterGridModel(ROWS, flush_ms=5)


def tooltip(model, meter_id):
    return model.data(model.index(model.row_of(meter_id), 0), Qt.ItemDataRole.ToolTipRole)


def test_unacknowledged_alarm_is_a_mark_until_acknowledged(model):
    assert Mark.ALARM in model.record(1).marks
    assert Mark.ALARM not in model.record(2).marks
    assert "Alarm not acknowledged" in tooltip(model, 1)
    changed = model.set_alarm_view(AlarmView(frozenset({2}), None))
    assert sorted(changed) == [1, 2]
    assert Mark.ALARM not in model.record(1).marks and Mark.ALARM in model.record(2).marks
    assert model.record(2).row.use_rate == PER_DAY  # rates not asked: kept


def test_days_left_in_the_tooltip_follow_the_live_balance(model, qtbot):
    assert "Credit lasts: about 2.0 days (to " in tooltip(model, 1)
    assert "Credit lasts: too little history to tell" in tooltip(model, 4)
    assert "Credit lasts: none left" in tooltip(model, 5)
    assert "Credit lasts" not in tooltip(model, 3)  # no account, no forecast
    model.apply_update(meter_update(ROWS[1], balance=4500))
    qtbot.waitUntil(lambda: model.pending_count() == 0)
    assert "about 4.5 days" in tooltip(model, 2)


def test_runs_out_within_filter(model, qtbot):
    proxy = MeterFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_runs_out_within(3)
    assert proxy.meter_ids() == [1, 5] and proxy.is_filtering()
    model.set_alarm_view(AlarmView(frozenset(), {2: UseRate(20_000.0), 5: PER_DAY}))
    proxy.refilter_forecasts()
    assert proxy.meter_ids() == [2, 5]  # 1 lost its rate (not in the refreshed rates)
    proxy.set_runs_out_within(None)
    assert proxy.meter_ids() == [1, 2, 3, 4, 5]


def test_detail_shows_days_left(model):
    assert live_values(model.record(2))["days_left"].startswith("about 50.0 days")
    assert live_values(model.record(4))["days_left"] == "too little history to tell"


@pytest.fixture
def window(qtbot):
    w = MainWindow(PreviewSite(ROWS, sample_buses(1)))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_filter_bar_check_box(window, qtbot):
    box = window.filter_bar.runs_out
    assert box.text() == "Runs out within 3 day(s)"
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert window.proxy.meter_ids() == [1, 5]
    assert window.filter_bar.shown.text() == "2 of 5 meters"
    window.filter_bar.set_warn_days(60)
    assert box.text() == "Runs out within 60 day(s)"
    assert window.proxy.meter_ids() == [1, 2, 5]
    box.click()
    assert window.proxy.runs_out_within() is None


def test_refresher_reads_marks_and_warn_days_off_the_gui_thread(database, qtbot):
    from app import settings

    bus = Bus.create(name="b", building=Building.create(name="B"), port="x")
    ids = [Meter.create(number=f"M{i:03d}", bus=bus, address=i).id for i in range(1, 3)]
    settings.put("credit.warn_days", 7)
    alarm, _ = alarm_store.raise_alarm(ids[1], AlarmKind.COVER_OPEN, Level.CRITICAL)
    rows = [grid_row(i, use_rate=PER_DAY) for i in ids]
    w = MainWindow(PreviewSite(rows, sample_buses(1)))
    qtbot.addWidget(w)
    refresher = install_alarm_grid_actions(w, None, None)
    assert isinstance(refresher, GridAlarmRefresher)
    qtbot.waitUntil(lambda: w.filter_bar.warn_days == 7)
    refresher.refresh()
    qtbot.waitUntil(lambda: refresher.refreshes == 1)
    assert Mark.ALARM in w.model.record(ids[1]).marks
    assert Mark.ALARM not in w.model.record(ids[0]).marks
    alarm_store.acknowledge([alarm.id], "admin", "seen")
    refresher.refresh()
    qtbot.waitUntil(lambda: refresher.refreshes == 2)
    assert Mark.ALARM not in w.model.record(ids[1]).marks
