"""The meter detail's History tab: daily energy of the last 30 days, the load curve of a chosen
day (click a bar, or pick the date), and for a prepaid meter the balance with its recharges.

Everything is read off the GUI thread the first time the tab is shown (and on "Refresh");
a failed read is a line in the tab, never a box popping up.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.site import utcnow
from app.services.meter_history import CHART_DAYS, DAY, MeterHistory, load_curve, meter_history
from app.services.permissions import Actor
from app.ui.charts.balance_chart import BalanceChart
from app.ui.charts.daily_chart import DailyEnergyChart
from app.ui.charts.load_chart import ENERGY, POWER, LoadCurveChart
from app.ui.support import colors
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text


class MeterHistoryTab(QWidget):
    def __init__(
        self, actor: Actor, meter_id: int, number: str, prepaid: bool, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.actor = actor
        self.meter_id, self.number, self.prepaid = meter_id, number, prepaid
        self.history: MeterHistory | None = None
        self.asked: Future | None = None
        self.asked_day: Future | None = None
        self.loaded = False

        self.daily = DailyEnergyChart()
        self.daily.daySelected.connect(self._bar_clicked)
        self.load = LoadCurveChart()
        self.balance = BalanceChart()
        self.charts = QTabWidget()
        self.charts.setDocumentMode(True)
        self.charts.addTab(self.daily, self.tr("Daily energy"))
        self.charts.addTab(self._load_page(), self.tr("Load curve"))
        if prepaid:
            self.charts.addTab(self.balance, self.tr("Balance and recharges"))
        else:
            self.balance.setParent(self)
            self.balance.hide()

        self.status = QLabel()
        self.status.setObjectName("historyStatus")
        self.status.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.refresh_button)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.charts, 1)

    def _load_page(self) -> QWidget:
        self.day_edit = QDateEdit()
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setDate(QDate.currentDate())
        self.day_edit.setMaximumDate(QDate.currentDate())
        self.day_edit.dateChanged.connect(lambda d: self.show_day(d.toPython()))
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Energy per half hour"), ENERGY)
        self.mode.addItem(self.tr("Power"), POWER)
        self.mode.currentIndexChanged.connect(
            lambda _i: self.load.set_mode(self.mode.currentData())
        )
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Day")))
        row.addWidget(self.day_edit)
        row.addWidget(self.mode)
        row.addStretch(1)
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        box.addWidget(self.load, 1)
        return page

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.loaded:  # read only when someone looks
            self.loaded = True
            self.reload()

    # -- reading --------------------------------------------------------------------------
    def reload(self, today: dt.date | None = None) -> Future:
        today = today or dt.date.today()
        actor, meter_id, now = self.actor, self.meter_id, utcnow()
        self._say(self.tr("Reading the history…"))
        self.refresh_button.setEnabled(False)
        future = self.asked = run_then(
            lambda: meter_history(actor, meter_id, today, now),
            lambda result: self._history_read(future, result, today),
            lambda exc: self._failed(future, exc),
            self,
        )
        self.show_day(self.day_edit.date().toPython())
        return future

    def _history_read(self, future: Future, history: MeterHistory, today: dt.date) -> None:
        if future is not self.asked:
            return
        self.refresh_button.setEnabled(True)
        self.history = history
        self._say("")
        first = today - (CHART_DAYS - 1) * DAY
        self.daily.set_title(self.tr("{0}: energy per day, last {1} days").format(
            self.number, CHART_DAYS))  # fmt: skip
        self.daily.set_days(history.days)
        self.balance.set_title(self.tr("{0}: balance and recharges").format(self.number))
        self.balance.set_data(
            history.balance,
            history.recharges,
            dt.datetime.combine(first, dt.time.min),
            dt.datetime.combine(today + DAY, dt.time.min),
        )

    def _failed(self, future: Future, exc: BaseException) -> None:
        if future is self.asked:
            self.refresh_button.setEnabled(True)
            self._say(self.tr("Could not read the history: {0}").format(error_text(exc)), True)

    def show_day(self, day: dt.date) -> Future:
        """The load curve of ``day``; asked by the date field or a click on a day's bar."""
        if self.day_edit.date().toPython() != day:
            self.day_edit.setDate(QDate(day.year, day.month, day.day))  # comes back here
            return self.asked_day
        actor, meter_id, now = self.actor, self.meter_id, utcnow()
        self.load.set_title(self.tr("{0}: load curve of {1}").format(self.number, day.isoformat()))
        self.load.show_note(self.tr("Reading…"))

        def read_done(slots) -> None:
            if future is self.asked_day:
                self.load.set_slots(day, slots)

        def read_failed(exc: BaseException) -> None:
            if future is self.asked_day:
                text = self.tr("Could not read the day: {0}").format(error_text(exc))
                self.load.show_note(text, error=True)

        future = self.asked_day = run_then(
            lambda: load_curve(actor, meter_id, day, now), read_done, read_failed, self
        )
        return future

    def _bar_clicked(self, day: dt.date) -> None:
        self.show_day(day)
        self.charts.setCurrentIndex(1)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(colors.text_style(colors.ERROR if error else colors.MUTED))


def add_history_tab(dialog, actor: Actor | None) -> MeterHistoryTab | None:
    """Put the History tab into a meter detail dialog, in place of its placeholder."""
    rec = dialog.model.record(dialog.meter_id)
    if rec is None or actor is None:
        return None
    tab = MeterHistoryTab(actor, dialog.meter_id, rec.row.number, rec.prepaid)
    dialog.add_tab(tab, QCoreApplication.translate("MeterDetailDialog", "History"))
    return tab
