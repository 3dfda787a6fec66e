"""The energy report window: a period, grouped by meter, tenant, building or bus, as one total
(ranked, beside the same period a month earlier) or by day or month; a double click shows the
daily totals behind a row; the table goes to .xlsx as shown. Below the table, a building's
daily total over the period as bars (``BuildingDailyChart``): the building picked, or the
building of the row selected when the report is grouped by building.

Opening or refreshing first rolls up the daily totals of the days that are over
(``daily_totals.rollup``), off the GUI thread like the report itself.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services import daily_totals, site_config_rows
from app.services.permissions import Actor
from app.services.reports import energy
from app.services.reports.period import Period
from app.services.reports.tables import (
    ENERGY_TITLE,
    Table,
    energy_notes,
    energy_table,
)
from app.ui.charts.daily_chart import BuildingDailyChart
from app.ui.reports.common import PeriodReportWindow, export_report, report_tr
from app.ui.support.background import run_then
from app.ui.support.formatting import kwh, yuan
from app.ui.widgets.row_table import size_columns


def _report(actor: Actor, period: Period, grouping: str, step: str) -> energy.EnergyReport:
    daily_totals.rollup(dt.date.today())
    return energy.energy_report(actor, period, grouping, step)


def bucket_period(period: Period, bucket: str) -> Period:
    """The days of a row: its day, its month within the period, or the whole period."""
    if len(bucket) == 10:
        day = dt.date.fromisoformat(bucket)
        return Period(day, day)
    if len(bucket) == 7:
        first = dt.date.fromisoformat(bucket + "-01")
        nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return Period(max(first, period.first), min(nxt - dt.timedelta(days=1), period.last))
    return period


class EnergyReportWindow(PeriodReportWindow):
    def __init__(self, actor: Actor, parent: QWidget | None = None, today=None) -> None:
        super().__init__(actor, energy.GROUPINGS, energy.GROUPING_TITLES, parent, today)
        self.setWindowTitle(report_tr(ENERGY_TITLE))
        self.resize(1200, 760)
        self.report: energy.EnergyReport | None = None
        self.step = QComboBox()
        for key in energy.STEPS:
            self.step.addItem(report_tr(energy.STEP_TITLES[key]), key)
        layout = self.main_layout(self.step)
        self.building = QComboBox()
        self.building.setMinimumContentsLength(16)
        self.chart = BuildingDailyChart()
        below = QWidget()
        chart_box = QVBoxLayout(below)
        chart_box.setContentsMargins(0, 0, 0, 0)
        pick = QHBoxLayout()
        pick.addWidget(QLabel(self.tr("Daily total of building")))
        pick.addWidget(self.building)
        pick.addStretch(1)
        chart_box.addLayout(pick)
        chart_box.addWidget(self.chart, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(below)
        split.setSizes([300, 340])
        layout.addWidget(split, 1)
        layout.addWidget(QLabel(self.tr(
            "Days missing: no readings that day; days with gaps: part of the day not covered. "
            "Nothing is estimated for either. Double-click a row to see its days.")))  # fmt: skip
        for signal in (self.picker.changed, self.grouping.currentIndexChanged,
                       self.step.currentIndexChanged, self.refresh_button.clicked):  # fmt: skip
            signal.connect(self.reload)
        self.view.doubleClicked.connect(self.drill)
        self.view.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.building.currentIndexChanged.connect(self.show_chart)
        run_then(site_config_rows.buildings, self._buildings, self._failed, self)
        self.reload()

    def _buildings(self, rows: list[site_config_rows.BuildingRow]) -> None:
        self.building.blockSignals(True)
        for row in rows:
            self.building.addItem(row.name, row.id)
        self.building.blockSignals(False)
        self.show_chart()

    def _row_chosen(self, index) -> None:
        """A row of a report grouped by building shows that building's days."""
        row = self.row_at(index)
        if row is None or self.report.grouping != energy.BUILDING:
            return
        found = self.building.findData(row.key)
        if found >= 0:
            self.building.setCurrentIndex(found)

    def show_chart(self) -> None:
        """The picked building's daily totals over the report's period (off the GUI thread)."""
        building_id = self.building.currentData()
        if building_id is None or self.report is None:
            return
        period = self.report.period
        self.chart.show_building(self.actor, building_id, self.building.currentText(),
                                 period.first, period.last)  # fmt: skip

    def read_job(self):
        args = (self.actor, self.picker.period(), self.grouping.currentData(),
                self.step.currentData())  # fmt: skip
        return lambda: _report(*args)

    def show_report(self) -> None:
        assert self.report is not None
        self.model.set_table(self.table())
        size_columns(self.view, [10, 20] + [11] * 12)
        self.show_chart()
        total = self.report.total
        self.state.setText(
            self.tr("Total %1 kWh, %2 yuan; %3 meter-days missing, %4 with gaps.")
            .replace("%1", kwh(total.total)).replace("%2", yuan(total.cost))
            .replace("%3", str(total.missing)).replace("%4", str(total.incomplete))
        )  # fmt: skip

    def table(self) -> Table:
        assert self.report is not None
        return energy_table(self.report, report_tr)

    def drill(self, index) -> None:
        row = self.row_at(index)
        if row is None:
            return
        rows = self.report.rows if row is self.report.total else [row]
        meters = sorted({m for r in rows for m in r.meter_ids})
        headers = [self.tr("Meter"), self.tr("Day"), self.tr("Energy (kWh)"), self.tr("Sharp"),
                   self.tr("Peak"), self.tr("Flat"), self.tr("Valley"), self.tr("Cost"),
                   self.tr("Readings"), self.tr("Complete"), self.tr("Counter reset")]  # fmt: skip
        label = row.label or report_tr("(none)")
        actor, period = self.actor, bucket_period(self.report.period, row.bucket)
        yes, no = self.tr("yes"), self.tr("no")

        def lines(rows: list[energy.DayRow]) -> list[list[str]]:
            return [
                [r.meter_no, r.day.isoformat(), kwh(r.total), kwh(r.sharp), kwh(r.peak),
                 kwh(r.flat), kwh(r.valley), "" if r.cost is None else yuan(r.cost),
                 str(r.readings), yes if r.complete else no, yes if r.reset else no]
                for r in rows
            ]  # fmt: skip

        self.open_drill(
            self.tr("Daily totals: %1").replace("%1", label),
            headers,
            lambda: energy.energy_days(actor, period, meters),
            lines,
        )

    def export(self, path: str | None = None):
        """The table as shown to .xlsx, with a progress dialog (None: nothing to export)."""
        if self.report is None:
            return None
        notes = energy_notes(self.report, report_tr)
        return export_report(
            self,
            path,
            "energy-report.xlsx",
            report_tr(ENERGY_TITLE),
            notes,
            self.table(),
        )
