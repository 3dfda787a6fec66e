"""The report centre's windows: sales (groupings, drill-down, export), energy (drill-down),
shift closing (expected cash, counted, difference, recorded), and the Reports menu."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.models import CashCount
from app.services.permissions import SYSTEM, Actor, Permission, Role
from app.services.reports.period import Period, to_local
from app.ui.reports.actions import install_report_actions
from app.ui.reports.closing_window import ClosingWindow
from app.ui.reports.energy_window import EnergyReportWindow
from app.ui.reports.sales_window import SalesReportWindow
from tests.services.report_fixtures import D1, at, entry, site
from tests.services.test_reports import energy_site, ledger  # noqa: F401 (a fixture)

D2 = D1 + dt.timedelta(days=1)
ANN = Actor(1, "ann", Role.CASHIER)


def cells(model, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_sales_window_groupings_drill_down_and_export(qtbot, database, tmp_path):
    ledger(site())
    window = SalesReportWindow(SYSTEM, today=D2)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=5000)  # two days and total
    assert cells(window.model, 2) == ["Total", "170.00", "10.00", "50.00", "12.34", "12.34",
                                      "110.00", "8"]  # fmt: skip
    assert "1 entries not yet settled" in window.state.text()
    window.grouping.setCurrentIndex(window.grouping.findData("method"))
    assert [cells(window.model, r)[0] for r in range(4)] == [
        "not recorded (account closes, transfers)", "Cash", "WeChat Pay", "Total",
    ]  # fmt: skip
    window.drill(window.model.index(2, 1))  # WeChat Pay: the sale and its correction
    dialog = window.drill_dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=5000)
    assert [dialog.model.index(r, 6).data() for r in range(2)] == ["50.00", "-50.00"]
    out = tmp_path / "sales.xlsx"
    dialog = window.export(str(out))
    assert finished(qtbot, dialog) == 3  # three methods, the total excluded
    assert "3 rows written" in dialog.label.text()
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(out).active.iter_rows()]
    assert rows[7] == [
        "not recorded (account closes, transfers)",
        0,
        7,
        0,
        12.34,
        12.34,
        -7,
        3,
    ]  # the close's refund
    assert rows[10] == ["Total", 170, 10, 50, 12.34, 12.34, 110, 8]


def test_energy_window_by_building_with_drill_down(qtbot, energy_site):  # noqa: F811
    window = EnergyReportWindow(SYSTEM, today=D2)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.report is not None, timeout=10000)
    window.grouping.setCurrentIndex(window.grouping.findData("building"))
    window.picker.set_period(Period(D1, D1))
    qtbot.waitUntil(
        lambda: window.report.grouping == "building" and window.report.period.last == D1,
        timeout=10000,
    )
    assert [cells(window.model, r)[:3] for r in range(3)] == [
        ["1", "East", "9.50"], ["2", "West", "5.35"], ["", "Total", "14.85"]]  # fmt: skip
    assert "kWh" in window.state.text()
    window.drill(window.model.index(0, 2))
    dialog = window.drill_dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=5000)
    assert [dialog.model.index(r, 0).data() for r in range(2)] == ["M1", "M2"]
    assert dialog.model.index(1, 10).data() == "yes"  # M2's counter went back that day


def test_energy_window_charts_the_selected_buildings_days(qtbot, energy_site):  # noqa: F811
    window = EnergyReportWindow(SYSTEM, today=D2)
    qtbot.addWidget(window)
    window.grouping.setCurrentIndex(window.grouping.findData("building"))
    window.step.setCurrentIndex(window.step.findData("day"))
    window.picker.set_period(Period(D1, D2))
    qtbot.waitUntil(
        lambda: window.report is not None and window.report.period == Period(D1, D2)
        and window.report.step == "day" and window.building.count() == 2,
        timeout=10000,
    )  # fmt: skip
    figures = {(r.label, r.bucket): r.total / 100 for r in window.report.rows}
    for name in ("East", "West"):
        row = next(i for i, r in enumerate(window.model.table.records) if r.label == name)
        window.view.setCurrentIndex(window.model.index(row, 0))
        assert window.building.currentText() == name
        qtbot.waitUntil(lambda: window.chart.pending.done(), timeout=10000)
        qtbot.waitUntil(lambda n=name: n in window.chart.plot.getPlotItem().titleLabel.text,
                        timeout=5000)  # fmt: skip
        qtbot.wait(50)  # the answer reaches the chart through the event loop
        bars = {d.isoformat(): h for d, h in window.chart.bar_heights().items()}
        expected = {b: kwh for (label, b), kwh in figures.items() if label == name and kwh}
        assert bars and bars == pytest.approx(expected)
    assert bars[D1.isoformat()] == pytest.approx(5.35)  # West on D1, as in the report by total


def finished(qtbot, dialog):
    """What an export dialog wrote (None: cancelled or failed), once it is over."""
    with qtbot.waitSignal(dialog.finishedExport, timeout=10000) as got:
        pass
    return got.args[0]


def test_closing_window_counts_the_drawer(qtbot, database, tmp_path):
    entries = ledger(site())
    entry(entries["s2"].meter_id, "sale", 500, at(D1, 11 * 60 + 30), state="uncertain")
    window = ClosingWindow(ANN, now=to_local(at(D1, 12 * 60)))
    qtbot.addWidget(window)
    assert not window.operator.isEnabled()  # a cashier closes their own shift only
    qtbot.waitUntil(lambda: window.figures is not None, timeout=5000)
    assert window.expected.text() == "120.00"
    assert "1 entries not yet settled" in window.state.text()  # a cash sale may be in the drawer
    assert not window.save.isEnabled()
    window.counted.setText("119.50")
    assert window.difference.text() == "-0.50" and window.save.isEnabled()
    window.note.setText("short")
    window.save.click()
    qtbot.waitUntil(lambda: CashCount.select().count() == 1 and bool(window.figures.counts),
                    timeout=5000)  # fmt: skip
    count = CashCount.get()
    assert (count.operator, count.expected, count.counted, count.note) == ("ann", 12000, 11950,
                                                                            "short")  # fmt: skip
    assert "119.50" in window.counts.text()
    out = tmp_path / "closing.xlsx"
    assert finished(qtbot, window.export(str(out))) == 1  # cash, then the total row
    ws = openpyxl.load_workbook(out).active
    notes = {r[0].value: r[1].value for r in ws.iter_rows(min_row=3, max_row=7)}
    assert notes["Operator"] == "ann" and notes["Cash expected in the drawer"] == "120.00"
    assert "counted 119.50, expected 120.00, difference -0.50" in notes["Counts recorded"]
    assert ws["A1"].value == "Shift closing"


def test_manager_chooses_all_operators(qtbot, database):
    ledger(site())
    window = ClosingWindow(Actor(9, "boss", Role.ADMIN), now=to_local(at(D2, 23 * 60)))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.operator.count() == 3, timeout=5000)  # all, ann, bob
    window.operator.setCurrentIndex(0)
    window.start.setDateTime(window.start.dateTime().addDays(-1))
    window.reload()
    qtbot.waitUntil(
        lambda: window.figures is not None and window.figures.operator is None, timeout=5000
    )
    assert window.expected.text() == "110.00"  # 120 cash taken on D1, 10 paid out on D2


class _Window(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.actor = ANN
        self.added = {}

    def add_action(self, key, text, menu, permission):
        act = QAction(text, self)
        self.added[key] = (menu, permission)
        return act


def test_reports_menu_entries_open_windows(qtbot, database):
    window = _Window()
    qtbot.addWidget(window)
    actions = install_report_actions(window, None, SYSTEM)
    keys = ("reports.sales", "reports.energy", "reports.closing")
    assert window.added == {k: ("reports", Permission.REPORTS) for k in keys}
    view = actions.show("reports.closing")
    qtbot.addWidget(view)
    assert view.actor is ANN and isinstance(view, ClosingWindow)
    qtbot.waitUntil(lambda: view.figures is not None, timeout=5000)
