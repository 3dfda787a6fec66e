"""The window offers only what a meter's profile can do (issue #10).

A metering-only meter shows "Metering" instead of a balance, never a money
colour, and gets no money actions; circuits of one multi-circuit meter are
rows of their own with their circuit numbers; a refusal for a missing
capability reads as a plain sentence. The profiles here are small test
families registered for the test, so this does not depend on the Acrel ones.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QColor

from app.errors import CannotDo
from app.models import Bus, Meter
from app.serial_io import profiles
from app.serial_io.meter_data import MeterStatus
from app.serial_io.profiles import Capability, MeterProfile
from app.services.grid_data import load_grid_rows
from app.services.meter_profiles import capabilities_of, profile_named, refusal
from app.services.meter_state import GridState
from app.services.site import bus_config
from app.ui.cashier.actions import install_cashier_actions, meter_actions
from app.ui.grid.columns import COL_ADDRESS, COL_BALANCE, COL_STATE
from app.ui.grid.filter import MeterFilterProxy
from app.ui.grid.model import MeterGridModel
from app.ui.grid.tile_delegate import TileDelegate
from app.ui.meter.detail_values import live_values
from app.ui.support import colors
from app.ui.support.error_text import error_text
from tests.support.preview_site import grid_row
from tests.ui.cashier_fixtures import CASHIER, cashier_site

_MONEY = {Capability.MONEY, Capability.REFUND}


class MeteringOnly(MeterProfile):
    name = "test-metering"
    title = "Test metering meter"


class Circuits(MeterProfile):
    name = "test-circuits"
    title = "Test multi-circuit meter"
    capabilities = frozenset({*_MONEY, Capability.CIRCUITS})
    max_circuits = 12


class SalesOnly(MeterProfile):
    name = "test-sales-only"
    title = "Test meter without refunds"
    capabilities = frozenset({Capability.MONEY})


@pytest.fixture
def test_profiles(monkeypatch):
    monkeypatch.setattr(profiles, "PROFILES", dict(profiles.PROFILES))
    monkeypatch.setattr(profiles, "_FAMILIES", list(profiles._FAMILIES))
    for p in (MeteringOnly(), Circuits(), SalesOnly()):
        profiles.register(p)


# -- the grid ------------------------------------------------------------------------

BROKE = MeterStatus(balance=0, relay_open=True, arrears=True)  # would be arrears if prepaid

ROWS = [
    grid_row(1, status=MeterStatus(balance=0, relay_open=True, arrears=True)),
    grid_row(2, tenant=None, profile="test-metering", status=BROKE, location="Pump room"),
    grid_row(3, address=12, circuit=1, profile="test-circuits"),
    grid_row(4, address=12, circuit=2, profile="test-circuits"),
]


@pytest.fixture
def model(qapp, test_profiles):
    return MeterGridModel(ROWS)


def test_a_metering_meter_shows_metering_not_a_balance_nor_a_money_colour(model):
    prepaid, metering = model.record(1), model.record(2)
    assert prepaid.state is GridState.ARREARS  # the same status on a prepaid meter
    assert metering.state is GridState.METERING
    row = model.row_of(2)
    assert model.index(row, COL_BALANCE).data() == "Metering"
    assert model.index(model.row_of(1), COL_BALANCE).data() == "0.00"
    fill = model.index(row, COL_STATE).data(Qt.ItemDataRole.BackgroundRole).color().name()
    money_fills = {
        QColor(colors.STATE_STYLES[s].fill).name()
        for s in (GridState.ARREARS, GridState.ALARM1, GridState.ALARM2, GridState.NORMAL)
    }
    assert fill not in money_fills
    # the tile: "Metering" where the balance would be, its location (it has no tenant)
    money, _power = TileDelegate._bottom_texts(metering)
    assert money == "Metering"
    assert TileDelegate._second_texts(metering) == ("Pump room", "")
    assert TileDelegate._bottom_texts(prepaid)[0] != "Metering"
    # the legend, the state filter and the counts know the state
    assert GridState.METERING in colors.LEGEND_ORDER
    assert colors.state_label(GridState.METERING) == "Metering"
    assert model.state_counts()[GridState.METERING] == 1


def test_the_filter_picks_the_metering_meters(model):
    proxy = MeterFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_states({GridState.METERING})
    assert proxy.meter_ids() == [2]
    proxy.set_states({GridState.ARREARS})
    assert proxy.meter_ids() == [1]


def test_circuits_of_one_meter_are_rows_of_their_own(model):
    rows = [model.row_of(3), model.row_of(4)]
    assert [model.index(r, COL_ADDRESS).data() for r in rows] == ["12.1", "12.2"]
    assert model.index(model.row_of(1), COL_ADDRESS).data() == "1"
    assert TileDelegate._second_texts(model.record(4)) == ("Tenant 4", "circuit 2")
    tip = model.index(rows[1], COL_STATE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Test multi-circuit meter" in tip and "address 12 / circuit 2" in tip
    assert "Test metering meter" in model.index(model.row_of(2), 0).data(
        Qt.ItemDataRole.ToolTipRole
    )


def test_the_detail_shows_energy_and_the_family_but_no_money_for_a_metering_meter(model):
    metering = live_values(model.record(2))
    assert metering["profile"] == "Test metering meter"
    assert "energy_total" in metering and "energy_peak" in metering and "power" in metering
    assert not {"balance", "purchase_count", "total_purchased", "price"} & set(metering)
    circuit = live_values(model.record(3))
    assert circuit["bus"] == "Bus 1, address 12 / circuit 1"
    assert circuit["balance"] == "500.00"


def test_the_detail_dialog_hides_the_money_group_of_a_metering_meter(qtbot, model):
    from app.ui.meter.detail import MeterDetailDialog

    metering = MeterDetailDialog(None, model, 2)
    prepaid = MeterDetailDialog(None, model, 3)
    for d in (metering, prepaid):
        qtbot.addWidget(d)
        d.show()
    assert not metering.money_group.isVisible() and prepaid.money_group.isVisible()
    assert metering.value_text("profile") == "Test metering meter"
    assert metering.value_text("energy_total") != ""
    assert prepaid.value_text("bus") == "Bus 1, address 12 / circuit 1"


# -- actions -------------------------------------------------------------------------


@pytest.fixture
def site(database, master_key, tmp_path, test_profiles):
    """Meter 0: default profile, opened; 1: metering only; 2 and 3: circuits 1 and 2 of
    one multi-circuit meter at meter 2's address."""
    with cashier_site(master_key, tmp_path) as site:
        ids = site.meter_ids
        Meter.update(profile="test-metering").where(Meter.id == ids[1]).execute()
        shared = Meter.get_by_id(ids[2]).address
        Meter.update(profile="test-circuits", circuit=1).where(Meter.id == ids[2]).execute()
        Meter.update(profile="test-circuits", address=shared, circuit=2).where(
            Meter.id == ids[3]
        ).execute()
        site.bus_configs = lambda: [bus_config(b) for b in Bus.select()]
        site.grid_rows = load_grid_rows
        yield site


def names(actions) -> list[str]:
    return [a.objectName() for a in actions]


def test_context_menu_offers_money_only_where_the_profile_can(qtbot, site):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    opened, metering, c1, c2 = site.meter_ids
    assert capabilities_of(metering) == frozenset()
    full = ["cashier.sale", "cashier.refund", "cashier.correction", "cashier.close"]
    assert names(meter_actions(parent, site, CASHIER, [opened]))[:4] == full
    assert meter_actions(parent, site, CASHIER, [metering]) == []  # no "Open account" either
    # opening several: the metering meter is left out, the circuits stay
    (open_act,) = meter_actions(parent, site, CASHIER, [metering, c1, c2])
    assert open_act.objectName() == "cashier.open"
    # an opened meter whose family cannot hold money (re-profiled): nothing to sell or refund
    Meter.update(profile="test-metering").where(Meter.id == opened).execute()
    assert "cashier.sale" not in names(meter_actions(parent, site, CASHIER, [opened]))
    assert "cashier.refund" not in names(meter_actions(parent, site, CASHIER, [opened]))
    # one that can sell but not refund: sale yes, refund and correction no
    Meter.update(profile="test-sales-only").where(Meter.id == opened).execute()
    got = names(meter_actions(parent, site, CASHIER, [opened]))
    assert "cashier.sale" in got
    assert "cashier.refund" not in got and "cashier.correction" not in got


def test_the_grid_shows_the_circuits_and_the_metering_meter_from_the_database(qtbot, site):
    from app.ui.shell.main_window import MainWindow

    window = MainWindow(site)
    qtbot.addWidget(window)
    _opened, metering, c1, c2 = site.meter_ids
    m = window.model
    assert m.record(metering).state in (GridState.METERING, GridState.WAITING, GridState.OFFLINE)
    assert not m.record(metering).prepaid and m.record(c1).prepaid
    shared = Meter.get_by_id(c1).address
    assert m.index(m.row_of(c1), COL_ADDRESS).data() == f"{shared}.1"
    assert m.index(m.row_of(c2), COL_ADDRESS).data() == f"{shared}.2"


def test_main_menu_entries_are_disabled_with_the_reason(qtbot, site):
    from app.ui.shell.main_window import MainWindow

    window = MainWindow(site)
    qtbot.addWidget(window)
    window.apply_role(CASHIER)
    ca = install_cashier_actions(window, site, CASHIER)
    opened, metering, _c1, _c2 = site.meter_ids
    window.select_meters([metering])
    sell, refund, open_ = (ca.actions[k] for k in ("sales.sell", "sales.refund", "tenants.open"))
    assert not sell.isEnabled() and not refund.isEnabled() and not open_.isEnabled()
    assert sell.toolTip() == "this meter (test-metering) cannot do prepaid sales"
    assert window.menus["sales"].toolTipsVisible()
    window.select_meters([opened])
    assert sell.isEnabled() and refund.isEnabled()
    assert sell.toolTip() != "this meter (test-metering) cannot do prepaid sales"
    # the context menu of the window: money entries for the opened meter only
    assert "cashier.sale" in names(window.build_context_menu([opened]).actions())
    assert "cashier.sale" not in names(window.build_context_menu([metering]).actions())


# -- the refusal, as a sentence ----------------------------------------------------------


def test_cannot_do_reads_as_a_sentence(qapp, test_profiles):
    with pytest.raises(CannotDo) as caught:
        profile_named("test-metering").require(Capability.MONEY)
    assert error_text(caught.value) == "this meter (test-metering) cannot do prepaid sales"
    assert profile_named("no-such-family").capabilities == frozenset()


class _Chinese(QTranslator):
    WORDS = {
        ("Errors", "this meter ({profile}) cannot do {what}"): "此电表（{profile}）不能{what}",
        ("Capability", "refunds"): "退费",
    }

    def translate(self, context, source, disambiguation=None, n=-1):
        return self.WORDS.get((context, source), "")


def test_cannot_do_names_what_in_the_operators_language(qapp, test_profiles, database):
    meter = Meter.create(
        number="X1", bus=Bus.create(name="B", port="/dev/null"), address=1,
        profile="test-sales-only",
    )  # fmt: skip
    refused = refusal(meter.id, Capability.MONEY, Capability.REFUND)
    assert isinstance(refused, CannotDo)
    translator = _Chinese()
    QCoreApplication.installTranslator(translator)
    try:
        assert error_text(refused) == "此电表（test-sales-only）不能退费"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert refusal(meter.id, Capability.MONEY) is None


def test_the_detail_shows_a_dash_for_what_the_family_does_not_read(model, monkeypatch):
    monkeypatch.setattr(Circuits, "unread", frozenset({"voltage_a", "rate", "price"}))
    circuit = live_values(model.record(3))
    assert circuit["voltage"] == circuit["rate"] == circuit["price"] == "—"
    assert circuit["balance"] == "500.00" and circuit["power"] != "—"
    plain = live_values(model.record(1))  # the default profile reads everything
    assert "—" not in (plain["voltage"], plain["rate"], plain["price"])
