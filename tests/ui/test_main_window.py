"""The main window over a site in memory: live updates, bus status, filters, selection, roles."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from app.messages import Message
from app.serial_io.events import BusState, BusUpdate
from app.serial_io.meter_data import MeterStatus
from app.services.meter_state import GridState
from app.services.permissions import Actor, Permission, Role
from app.ui.grid.columns import COL_BALANCE, StateRole
from app.ui.shell.main_window import TABLE, TILES, MainWindow
from tests.support.preview_site import (
    PreviewSite,
    grid_row,
    meter_update,
    missed_update,
    sample_buses,
)

ROWS = [
    grid_row(1, bus_id=1, bus_name="Bus 1", building="Mall A"),
    grid_row(2, bus_id=1, bus_name="Bus 1", building="Mall A", status=MeterStatus(balance=1500)),
    grid_row(3, bus_id=2, bus_name="Bus 2", building="Mall B", tenant=None),
    grid_row(4, bus_id=2, bus_name="Bus 2", building="Mall B", online=False),
]


@pytest.fixture
def site():
    return PreviewSite(ROWS, sample_buses(2))


@pytest.fixture
def window(qtbot, site):
    w = MainWindow(site)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def proxy_row(window: MainWindow, meter_id: int):
    src = window.model.index(window.model.row_of(meter_id), 0)
    return window.proxy.mapFromSource(src)


def test_starts_with_stored_states_and_counts(window):
    assert window.view_mode() == TILES
    assert window.tile_view.model().rowCount() == 4
    assert window.state_counts.labels[GridState.NORMAL].text() == "Normal 1"
    assert window.state_counts.labels[GridState.OFFLINE].text() == "Offline 1"
    assert window.filter_bar.shown.text() == "4 of 4 meters"
    assert window.filter_bar.building.count() == 3  # all, Mall A, Mall B


def test_updates_from_the_bus_signal_reach_the_grid(window, site, qtbot):
    site.signals.meterUpdated.emit(meter_update(ROWS[0], balance=-250))
    site.signals.meterUpdated.emit(missed_update(ROWS[1]))
    qtbot.waitUntil(lambda: proxy_row(window, 1).data(StateRole) is GridState.ARREARS, timeout=3000)
    assert proxy_row(window, 2).data(StateRole) is GridState.OFFLINE
    balance = window.proxy.index(proxy_row(window, 1).row(), COL_BALANCE).data()
    assert balance == "-2.50"
    assert window.state_counts.labels[GridState.ARREARS].text() == "Arrears 1"
    assert window.state_counts.labels[GridState.OFFLINE].text() == "Offline 2"


def test_bus_status_bar(window, site, qtbot):
    assert window.bus_status.text(1) == "Bus 1: waiting"
    site.signals.busUpdated.emit(
        BusUpdate(1, "Bus 1", BusState.RUNNING, cycle_s=12.34, online=88, offline=2)
    )
    site.signals.busUpdated.emit(
        BusUpdate(2, "Bus 2", BusState.PORT_ERROR, message=Message("cannot open /dev/ttyUSB1"))
    )
    qtbot.waitUntil(lambda: "port error" in window.bus_status.text(2), timeout=2000)
    assert window.bus_status.text(1) == "Bus 1: running · cycle 12.3 s · 88/90 online"
    assert window.bus_status.labels[2].toolTip() == "cannot open /dev/ttyUSB1"


def test_filter_bar_drives_the_proxy(window, qtbot):
    fb = window.filter_bar
    fb.building.setCurrentIndex(fb.building.findData("Mall B"))
    assert window.proxy.meter_ids() == [3, 4]
    fb.bus.setCurrentIndex(fb.bus.findData(1))
    assert window.proxy.meter_ids() == []
    fb.building.setCurrentIndex(0)
    assert window.proxy.meter_ids() == [1, 2]
    fb.bus.setCurrentIndex(0)
    fb.show_attention()
    assert window.proxy.meter_ids() == [2, 4]  # alarm 1 and offline
    assert fb.shown.text() == "2 of 4 meters"
    fb.show_all_states()
    qtbot.keyClicks(fb.search, "m003")
    qtbot.waitUntil(lambda: window.proxy.meter_ids() == [3], timeout=2000)


def test_selection_gives_meter_ids_in_both_views(window, qtbot):
    sel = window.selection
    flags = QItemSelectionModel.SelectionFlag.Select
    sel.select(proxy_row(window, 3), flags)
    sel.select(proxy_row(window, 1), flags)
    assert window.selected_meter_ids() == [1, 3]
    window.set_view_mode(TABLE)
    assert window.current_view() is window.table_view
    assert window.selected_meter_ids() == [1, 3]  # the views share one selection
    window.select_meters([2, 4])
    assert window.selected_meter_ids() == [2, 4]
    window.set_view_mode(TILES)
    assert window.selected_meter_ids() == [2, 4]


def test_mouse_selection_on_tiles(window, qtbot):
    view = window.tile_view
    first = view.visualRect(proxy_row(window, 1)).center()
    third = view.visualRect(proxy_row(window, 3)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=first)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, third
    )
    assert window.selected_meter_ids() == [1, 3]


def test_double_click_opens_the_detail_dialog(window, qtbot):
    view = window.tile_view
    pos = view.visualRect(proxy_row(window, 2)).center()
    with qtbot.waitSignal(window.detail_opened, timeout=2000) as blocker:
        # a real double click starts with a press on the same tile
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [2]
    dialog = window.detail_dialogs[2]
    assert dialog.isVisible() and dialog.meter_id == 2
    assert window.open_detail(2) is dialog  # one dialog per meter
    dialog.close()
    qtbot.waitUntil(lambda: 2 not in window.detail_dialogs, timeout=2000)


def test_view_toggle_actions(window):
    window.view_actions[TABLE].trigger()
    assert window.view_mode() == TABLE
    window.view_actions[TILES].trigger()
    assert window.view_mode() == TILES


def test_menus_actions_and_roles(window):
    assert set(window.menus) >= {"sales", "tenants", "maintenance", "reports", "system"}
    sell = window.add_action("sales.sell", "Sell…", "sales", Permission.SELL, context=True)
    trip = window.add_action("control.trip", "Trip", "maintenance", Permission.CONTROL, True)
    assert isinstance(sell, QAction)
    cashier = Actor(1, "li", Role.CASHIER)
    window.apply_role(cashier)
    assert sell.isVisible() and not trip.isVisible()
    assert not window.menus["maintenance"].menuAction().isVisible()
    assert window.menus["sales"].menuAction().isVisible()
    # an action registered after login follows the role at once
    late = window.add_action("control.keep", "Keep power", "maintenance", Permission.CONTROL)
    assert not late.isVisible()
    window.apply_role(Actor(2, "wang", Role.MAINTENANCE))
    assert trip.isVisible() and late.isVisible() and not sell.isVisible()
    assert window.menus["maintenance"].menuAction().isVisible()


def test_context_menu_hook(window):
    window.add_action("sales.sell", "Sell…", "sales", Permission.SELL, context=True)
    seen = []

    def extend(meter_ids: list, menu: QMenu) -> None:
        seen.append(meter_ids)
        menu.addAction("Extra")

    window.meter_context_menu_requested.connect(extend)
    menu = window.build_context_menu([1, 3])
    texts = [a.text() for a in menu.actions()]
    assert seen == [[1, 3]]
    assert "Sell…" in texts and "Extra" in texts and window.detail_action.text() in texts
    window.apply_role(Actor(2, "wang", Role.MAINTENANCE))
    texts = [a.text() for a in window.build_context_menu([1]).actions()]
    assert "Sell…" not in texts


def test_site_without_signals_still_shows_the_grid(qtbot):
    site = PreviewSite(ROWS, sample_buses(2))
    site.signals = None
    w = MainWindow(site)
    qtbot.addWidget(w)
    assert w.model.rowCount() == 4


def test_reload_after_commissioning_keeps_the_selection(window, site):
    window.select_meters([2])
    site.rows = [*ROWS, grid_row(5, bus_id=3, bus_name="Bus 3", building="Annex")]
    site.buses = sample_buses(3)
    window.reload()
    assert window.model.rowCount() == 5
    assert window.selected_meter_ids() == [2]
    assert window.bus_status.text(3) == "Bus 3: waiting"
    assert window.filter_bar.building.findData("Annex") > 0


def test_long_building_names_fit_and_the_state_filter_text_clears_its_arrow(qtbot):
    """Issue #8: the building column was cut off; the state filter's text ran under its arrow."""
    from app.services.meter_state import GridState
    from app.ui.grid.columns import COL_BUILDING

    name = "演示商场 Demo Mall 二期"
    w = MainWindow(PreviewSite([grid_row(1, building=name)], sample_buses(1)))
    qtbot.addWidget(w)
    metrics = w.table_view.fontMetrics()
    assert w.table_view.columnWidth(COL_BUILDING) >= metrics.horizontalAdvance(name)
    button = w.filter_bar.states_button
    text_width = button.fontMetrics().horizontalAdvance(button.text())
    assert button.sizeHint().width() >= text_width + 16  # room for the menu arrow
    w.filter_bar.set_states({GridState.NORMAL})
    assert button.sizeHint().width() >= button.fontMetrics().horizontalAdvance(button.text()) + 16
