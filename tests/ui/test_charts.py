"""The chart widgets: bar heights and gaps, hover text (also through the mouse), PNG export
read back as an image, the History tab reading off the GUI thread, the building chart."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QImage

from app.models import Building, Bus, DailyTotal, LedgerEntry, Meter, Reading
from app.services import meter_history as mh
from app.services.meter_history import BalancePoint, DayEnergy, Recharge, Slot
from app.ui.charts.balance_chart import BalanceChart
from app.ui.charts.daily_chart import BuildingDailyChart, DailyEnergyChart, noon
from app.ui.charts.history_tab import MeterHistoryTab, add_history_tab
from app.ui.charts.load_chart import POWER, LoadCurveChart
from app.ui.charts.plot import epoch
from tests.billing_helpers import CASHIER, MAINTENANCE

D1 = dt.date(2026, 3, 1)
DAYS = [
    DayEnergy(D1, 1234, True),
    DayEnergy(D1 + mh.DAY, None, False),  # no readings at all
    DayEnergy(D1 + 2 * mh.DAY, 500, False),  # half a day
    DayEnergy(D1 + 3 * mh.DAY, 0, True),  # used nothing: a zero, not a gap
]


def at(day: dt.date, hour: float) -> float:
    return epoch(dt.datetime.combine(day, dt.time.min) + dt.timedelta(hours=hour))


@pytest.fixture
def daily(qtbot):
    chart = DailyEnergyChart()
    qtbot.addWidget(chart)
    chart.resize(700, 400)
    chart.set_days(DAYS)
    chart.show()
    return chart


def test_bars_have_the_days_energy_and_a_gap_has_no_bar(daily):
    assert daily.bar_heights() == {D1: 12.34, D1 + 2 * mh.DAY: 5.0, D1 + 3 * mh.DAY: 0.0}
    assert list(daily.whole.opts["height"]) == [12.34, 0.0]
    assert list(daily.partial.opts["height"]) == [5.0]  # drawn lighter
    xs, ys = daily.gaps.getData()
    assert list(xs) == [noon(D1 + mh.DAY)] and list(ys) == [0]
    assert not daily.note.isVisible()


def test_hover_text_of_each_kind_of_day(daily):
    assert daily.hover_at(at(D1, 15)) == "2026-03-01: 12.34 kWh"
    assert daily.readout.text() == "2026-03-01: 12.34 kWh" and daily.crosshair.isVisible()
    assert daily.hover_at(at(D1 + mh.DAY, 1)) == "2026-03-02: no readings"
    assert daily.hover_at(at(D1 + 2 * mh.DAY, 23.9)) == (
        "2026-03-03: 5.00 kWh (part of the day missing or not over)"
    )
    assert daily.hover_at(at(D1 - mh.DAY, 12)) == ""  # outside the chart
    assert daily.readout.text().strip() == "" and not daily.crosshair.isVisible()


def test_hover_follows_the_mouse_over_the_plot(daily, qtbot):
    box = daily.plot.getPlotItem().getViewBox()
    qtbot.waitUntil(lambda: box.sceneBoundingRect().width() > 100)
    from PySide6.QtCore import QPointF

    scene_pos = box.mapViewToScene(QPointF(at(D1 + 2 * mh.DAY, 12), 1.0))
    daily.plot.scene().sigMouseMoved.emit(scene_pos)
    assert daily.readout.text().startswith("2026-03-03: 5.00 kWh")
    daily.plot.scene().sigMouseMoved.emit(QPointF(-50, -50))  # left the plot
    assert daily.readout.text().strip() == ""


def test_png_export_writes_a_readable_image(daily, qtbot, tmp_path):
    path = tmp_path / "daily.png"
    future = daily.export_png(str(path))
    qtbot.waitUntil(lambda: daily.export_outcome.text() != "")
    assert future.exception() is None and daily.export_outcome.text() == "Saved."
    image = QImage(str(path))
    assert not image.isNull()
    assert (image.width(), image.height()) == (daily.plot.width(), daily.plot.height())
    bar = image.pixelColor(image.width() // 8, image.height() - 40)  # low on the first bar
    assert bar.name() == "#1565c0"


def test_png_export_failure_is_said_beside_the_button(daily, qtbot, tmp_path):
    daily.export_png(str(tmp_path / "missing" / "daily.png"))
    qtbot.waitUntil(lambda: daily.export_outcome.text() != "")
    assert daily.export_outcome.text().startswith("cannot write")
    assert daily.export_button.isEnabled()


def test_a_period_without_readings_says_so(qtbot):
    chart = DailyEnergyChart()
    qtbot.addWidget(chart)
    chart.set_days([DayEnergy(D1, None, False)])
    assert chart.bar_heights() == {} and chart.note.text() == "No readings in this period."


def test_load_curve_energy_bars_power_line_and_hover(qtbot):
    chart = LoadCurveChart()
    qtbot.addWidget(chart)
    start = dt.datetime.combine(D1, dt.time.min)
    slots = [Slot(start + i * mh.SLOT, None, None) for i in range(48)]
    slots[12] = Slot(slots[12].start, 25, 500)
    slots[13] = Slot(slots[13].start, 40, None)
    chart.set_slots(D1, slots)
    assert list(chart.bars.opts["height"]) == [0.25, 0.4]
    assert chart.hover_at(at(D1, 6.1)) == "06:00–06:30: 0.25 kWh, 0.500 kW"
    assert chart.hover_at(at(D1, 7.9)) == "07:30–08:00: no readings"
    chart.set_mode(POWER)
    xs, ys = chart.line.getData()
    assert len(xs) == 48 and ys[12] == 0.5 and ys[13] != ys[13]  # NaN: the line breaks
    assert chart.plot.getAxis("left").labelText == "Power (kW)"


def test_balance_line_breaks_and_recharges_are_marked(qtbot):
    chart = BalanceChart()
    qtbot.addWidget(chart)
    start = dt.datetime.combine(D1, dt.time.min)
    points = [
        BalancePoint(start, 1000),
        BalancePoint(start + dt.timedelta(hours=1), None),
        BalancePoint(start + dt.timedelta(hours=2), 11000),
    ]
    sale = Recharge(7, start + dt.timedelta(hours=1.5), 10000, None, "R7")
    chart.set_data(points, [sale], start, start + mh.DAY)
    _, ys = chart.marks.getData()
    assert list(ys) == [110.0]  # no read-back: the next reading's balance
    text = chart.hover_at(at(D1, 1.6))
    assert text.startswith("03-01 02:00: balance 110.00 yuan")
    assert "recharge 100.00 yuan at 03-01 01:30 (receipt R7)" in text
    assert chart.hover_at(at(D1, 0.1)) == "03-01 00:00: balance 10.00 yuan"


# -- with a database ----------------------------------------------------------------------
@pytest.fixture
def site_data(database):
    b = Building.create(name="一号楼")
    bus = Bus.create(name="bus1", port="sim://1", parity="N", building=b)
    m1 = Meter.create(number="M001", bus=bus, address=1, building=b)
    m2 = Meter.create(number="M002", bus=bus, address=2, building=b)
    today = dt.date.today()
    yesterday = today - mh.DAY
    for meter, energy in ((m1, 1500), (m2, 700)):
        DailyTotal.create(meter=meter, day=yesterday - mh.DAY, energy_total=energy, energy_sharp=0,
                          energy_peak=0, energy_flat=0, energy_valley=energy, first_energy=0,
                          last_energy=energy, readings=48)  # fmt: skip
    rows = [
        dict(meter=m1, taken_at=mh.midnight(yesterday) + i * mh.SLOT, energy_total=i * 10,
             energy_sharp=0, energy_peak=0, energy_flat=0, energy_valley=0, balance=5000 - i * 10,
             purchase_count=1, power=400, relay_open=False)
        for i in range(13)  # 00:00..06:00 yesterday
    ]  # fmt: skip
    Reading.insert_many(rows).execute()
    LedgerEntry.create(kind="sale", state="confirmed", meter=m1, amount_fen=2000,
                       created_at=rows[3]["taken_at"], settled_at=rows[3]["taken_at"],
                       balance_after=4970, receipt_no="R1", prev_hash="-", hash="-")  # fmt: skip
    return b, m1, today


def test_history_tab_reads_when_shown_and_a_bar_click_shows_that_day(site_data, qtbot):
    _, m1, today = site_data
    tab = MeterHistoryTab(CASHIER, m1.id, "M001", prepaid=True)
    qtbot.addWidget(tab)
    assert tab.history is None  # nothing read before anyone looks
    tab.show()
    qtbot.waitUntil(lambda: tab.history is not None and tab.load.day == today)
    yesterday = today - mh.DAY
    assert tab.daily.bar_heights() == {yesterday - mh.DAY: 15.0, yesterday: 1.2}
    assert tab.charts.count() == 3 and tab.status.text() == ""
    assert len(tab.balance.recharges) == 1
    assert tab.load.note.text() == "No readings on this day."

    tab.daily.daySelected.emit(yesterday)  # what a click on the bar does
    qtbot.waitUntil(lambda: tab.load.day == yesterday)
    assert tab.charts.currentIndex() == 1
    assert tab.day_edit.date().toPython() == yesterday
    assert sum(s.energy or 0 for s in tab.load.slots) == 120


def test_history_failure_is_a_line_in_the_tab(site_data, qtbot):
    _, m1, _ = site_data
    tab = MeterHistoryTab(CASHIER, m1.id, "M001", prepaid=False)
    qtbot.addWidget(tab)
    import app.ui.charts.history_tab as history_tab

    def refuse(*_args):
        from app.errors import PemError

        raise PemError("no database")

    history_tab.meter_history, real = refuse, history_tab.meter_history
    try:
        tab.show()
        qtbot.waitUntil(lambda: tab.status.text().startswith("Could not read the history"))
    finally:
        history_tab.meter_history = real
    assert tab.charts.count() == 2  # a metering-only meter has no balance to show
    assert tab.refresh_button.isEnabled()


def test_building_chart_sums_the_buildings_meters(site_data, qtbot):
    b, _, today = site_data
    chart = BuildingDailyChart()
    qtbot.addWidget(chart)
    first = today - 2 * mh.DAY
    chart.show_building(CASHIER, b.id, "一号楼", first, first)
    qtbot.waitUntil(lambda: bool(chart.days))
    assert chart.bar_heights() == {first: 22.0}
    assert chart.plot.getPlotItem().titleLabel.text == "一号楼: energy per day"
    chart.show_building(MAINTENANCE, b.id, "一号楼", first, first)  # no reports for them
    qtbot.waitUntil(lambda: chart.note.text().startswith("Could not read the daily totals"))


def test_the_detail_dialog_gets_the_history_tab(qtbot):
    from app.ui.grid.model import MeterGridModel
    from app.ui.meter.detail import MeterDetailDialog
    from tests.support.preview_site import PreviewSite, grid_row

    row = grid_row(57, number="M057")
    dialog = MeterDetailDialog(PreviewSite([row], []), MeterGridModel([row]), 57)
    qtbot.addWidget(dialog)
    assert add_history_tab(dialog, None) is None  # nobody signed in: the placeholder stays
    tab = add_history_tab(dialog, CASHIER)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == ["Live values", "Communication", "History"]
    assert dialog.tabs.widget(2) is tab and tab.number == "M057"
