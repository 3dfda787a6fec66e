"""The grid's filter proxy: building, bus, states, text; re-filtering only when needed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.serial_io.meter_data import MeterStatus
from app.services.meter_state import GridState
from app.ui.grid.columns import COL_BALANCE
from app.ui.grid.filter import MeterFilterProxy
from app.ui.grid.model import MeterGridModel
from tests.support.preview_site import grid_row, meter_update, missed_update

ROWS = [
    grid_row(1, building="Mall A", bus_id=1, tenant="Golden Tea", location="1F-01"),
    grid_row(2, building="Mall A", bus_id=1, tenant="张记饺子", status=MeterStatus(balance=300)),
    grid_row(3, building="Mall B", bus_id=2, tenant=None, location="B1-07", address=57),
    grid_row(4, building="Mall B", bus_id=2, tenant="Blue Books", online=False),
    grid_row(5, building=None, bus_id=3, tenant="Lotus", status=MeterStatus(balance=-1)),
]


@pytest.fixture
def proxy(qapp):
    model = MeterGridModel(ROWS, flush_ms=5)
    proxy = MeterFilterProxy()
    proxy.setSourceModel(model)
    return proxy


def shown(proxy: MeterFilterProxy) -> list[int]:
    return proxy.meter_ids()


def test_no_filter_shows_everything(proxy):
    assert shown(proxy) == [1, 2, 3, 4, 5]
    assert not proxy.is_filtering()


def test_building_and_bus(proxy):
    proxy.set_building("Mall B")
    assert shown(proxy) == [3, 4]
    proxy.set_bus(1)
    assert shown(proxy) == []
    proxy.set_building(None)
    assert shown(proxy) == [1, 2]
    proxy.set_bus(None)
    assert shown(proxy) == [1, 2, 3, 4, 5]


def test_state_set(proxy):
    proxy.set_states({GridState.ALARM2, GridState.ARREARS})
    assert shown(proxy) == [2, 5]
    proxy.set_states({GridState.OFFLINE})
    assert shown(proxy) == [4]
    proxy.set_states(set())
    assert shown(proxy) == []
    proxy.set_states(GridState)  # every state is no filter
    assert proxy.states() is None and shown(proxy) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("m003", [3]),  # meter number, any case
        ("golden", [1]),  # tenant
        ("饺子", [2]),  # Chinese tenant name
        ("b1-", [3]),  # location
        ("57", [3]),  # address
        ("  lotus ", [5]),  # surrounding spaces ignored
        ("nothing like it", []),
    ],
)
def test_text_search(proxy, text, expected):
    proxy.set_text(text)
    assert shown(proxy) == expected


def test_criteria_combine_and_unchanged_criteria_do_not_refilter(proxy):
    proxy.set_building("Mall A")
    proxy.set_text("tea")
    assert shown(proxy) == [1]
    before = proxy.refilters
    proxy.set_building("Mall A")
    proxy.set_text("TEA ")
    assert proxy.refilters == before


def test_state_filter_follows_live_updates(proxy, qtbot):
    model: MeterGridModel = proxy.sourceModel()
    proxy.set_states({GridState.OFFLINE})
    assert shown(proxy) == [4]
    model.apply_update(missed_update(ROWS[0]))  # meter 1 stops answering
    model.flush()
    assert shown(proxy) == [1, 4]
    model.apply_update(meter_update(ROWS[3]))  # meter 4 answers again
    model.flush()
    assert shown(proxy) == [1]


def test_value_updates_do_not_refilter(proxy):
    model: MeterGridModel = proxy.sourceModel()
    proxy.set_states({GridState.NORMAL})
    before = proxy.refilters
    model.apply_update(meter_update(ROWS[0], balance=40_000))  # still normal
    model.flush()
    assert proxy.refilters == before
    proxy.set_states(None)
    model.apply_update(meter_update(ROWS[0], at=2e9, balance=-5))  # state moves, no filter
    model.flush()
    assert proxy.refilters == before + 1  # only the set_states above


def test_sorting_goes_to_the_source(proxy):
    proxy.sort(COL_BALANCE, Qt.SortOrder.AscendingOrder)
    assert proxy.sourceModel().sort_column() == COL_BALANCE
    assert shown(proxy)[0] == 5  # -0.01 first
    proxy.set_building("Mall A")
    assert shown(proxy) == [2, 1]  # filtered, still in balance order
