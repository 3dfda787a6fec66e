"""What a signed-in tenant sees at the kiosk: balance and days left in big type, power off/on
with the reason when it is not offered, daily use, recharges, SMS.

The page only shows and asks: the window reads and acts through the tenant
service off the GUI thread and hands the answers to the ``show_*`` methods.
Switching the power off asks once more ("Yes, switch it off") so a brushing
hand does not black out a shop.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.meter_history import DayEnergy, to_local
from app.services.tenant_view import DayUsage, MeterView, RechargeRow, ServiceState, SmsRow
from app.ui.charts.daily_chart import DailyEnergyChart
from app.ui.kiosk import style
from app.ui.kiosk.lists import KioskTable, fill_recharges, fill_sms
from app.ui.kiosk.style import set_role
from app.ui.support import formatting as fmt
from app.ui.support.error_text import error_text

SECTIONS = ("usage", "recharges", "sms")


def day_energy(rows: list[DayUsage]) -> list[DayEnergy]:
    return [DayEnergy(r.day, r.energy, r.complete) for r in rows]


def kiosk_chart() -> DailyEnergyChart:
    """The daily chart without its "Export PNG…" (a file dialog is a way out of the kiosk),
    its ticks readable from a step away."""
    chart = DailyEnergyChart()
    chart.export_button.hide()
    font = QFont()
    font.setPointSize(14)
    for name in ("left", "bottom"):
        chart.plot.getAxis(name).setStyle(tickFont=font)
    return chart


class AccountPage(QWidget):
    signOut = Signal()
    changePin = Signal()
    meterChosen = Signal(int)
    refreshAsked = Signal(int)
    switchAsked = Signal(int, bool)  # meter id, True: on
    sectionChosen = Signal(str)
    buyAsked = Signal(int)  # meter id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meters: list[MeterView] = []
        self.meter: MeterView | None = None
        self.name = ""
        self.hello = set_role(QLabel(), "title")
        self.sign_out = set_role(QPushButton(), "primary")
        self.sign_out.setObjectName("sign_out")
        self.notice = set_role(QLabel(), "notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.message = set_role(QLabel(), "error")
        self.message.setWordWrap(True)
        self.picker = QHBoxLayout()
        self.picks = QButtonGroup(self)
        self.picks.setExclusive(True)
        self.picks.idClicked.connect(self._pick)

        self.balance_caption, self.balance = QLabel(), set_role(QLabel(), "big")
        self.balance.setObjectName("balance")
        self.days_left = set_role(QLabel(), "title")
        self.days_left.setObjectName("days_left")
        self.balance_when = set_role(QLabel(), "hint")
        self.refresh = QPushButton()
        self.refresh.setObjectName("refresh")
        self.buy = set_role(QPushButton(), "primary")
        self.buy.setObjectName("buy")
        self.can_buy = False  # online purchase offered (the window says)
        self.power_state = set_role(QLabel(), "title")
        self.power_state.setObjectName("power_state")
        self.power_hint = set_role(QLabel(), "hint")
        self.power_hint.setWordWrap(True)
        self.switch_off = set_role(QPushButton(), "danger")
        self.switch_off.setObjectName("switch_off")
        self.switch_on = set_role(QPushButton(), "primary")
        self.switch_on.setObjectName("switch_on")
        self.confirm_text = set_role(QLabel(), "error")
        self.confirm_text.setWordWrap(True)
        self.confirm_yes = set_role(QPushButton(), "danger")
        self.confirm_yes.setObjectName("confirm_off")
        self.confirm_no = QPushButton()
        self.confirm = QWidget()
        confirm_row = QGridLayout(self.confirm)
        confirm_row.setContentsMargins(0, 0, 0, 0)
        confirm_row.addWidget(self.confirm_text, 0, 0, 1, 2)
        confirm_row.addWidget(self.confirm_yes, 1, 0)
        confirm_row.addWidget(self.confirm_no, 1, 1)
        self.confirm.hide()

        self.section_buttons: dict[str, QPushButton] = {}
        self.chart = kiosk_chart()
        self.recharges, self.sms = KioskTable(), KioskTable()
        self.sections = QStackedWidget()
        for widget in (self.chart, self.recharges, self.sms):
            self.sections.addWidget(widget)
        self.pin_button = QPushButton()
        self.pin_button.setObjectName("change_pin")
        self._layout()
        self.sign_out.clicked.connect(self.signOut)
        self.pin_button.clicked.connect(self.changePin)
        self.refresh.clicked.connect(
            lambda: self.meter and self.refreshAsked.emit(self.meter.meter_id)
        )
        self.switch_on.clicked.connect(
            lambda: self.meter and self.switchAsked.emit(self.meter.meter_id, True)
        )
        self.switch_off.clicked.connect(self._ask_off)
        self.buy.clicked.connect(lambda: self.meter and self.buyAsked.emit(self.meter.meter_id))
        self.confirm_no.clicked.connect(self.confirm.hide)
        self.confirm_yes.clicked.connect(self._confirmed_off)
        self.retranslate()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.hello, 1)
        top.addWidget(self.pin_button)
        top.addWidget(self.sign_out)
        money = set_role(QFrame(), "card")
        m = QVBoxLayout(money)
        m.addWidget(self.balance_caption)
        m.addWidget(self.balance)
        m.addWidget(self.days_left)
        m.addWidget(self.balance_when)
        m.addWidget(self.refresh)
        m.addWidget(self.buy)
        power = set_role(QFrame(), "card")
        p = QVBoxLayout(power)
        p.addWidget(self.power_state)
        p.addWidget(self.power_hint)
        p.addWidget(self.switch_off)
        p.addWidget(self.switch_on)
        p.addWidget(self.confirm)
        p.addStretch(1)
        cards = QHBoxLayout()
        cards.addWidget(money, 1)
        cards.addWidget(power, 1)
        tabs = QHBoxLayout()
        group = QButtonGroup(self)
        for key in SECTIONS:
            button = QPushButton()
            button.setObjectName(f"section_{key}")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, k=key: self.show_section(k))
            group.addButton(button)
            tabs.addWidget(button)
            self.section_buttons[key] = button
        self.section_buttons["usage"].setChecked(True)
        tabs.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addLayout(self.picker)
        layout.addLayout(cards)
        layout.addWidget(self.message)
        layout.addLayout(tabs)
        layout.addWidget(self.sections, 1)

    # -- what the window hands over ---------------------------------------------------
    def start(self, name: str) -> None:
        """A new tenant: nothing of the one before is left on screen."""
        self.name, self.meters, self.meter = name, [], None
        self.message.clear()
        self.confirm.hide()
        self.notice.hide()
        self.chart.set_days([])
        self.recharges.setRowCount(0)
        self.sms.setRowCount(0)
        self.show_section("usage")
        self._fill_meter()
        self.retranslate()

    def show_meters(self, meters: list[MeterView]) -> None:
        chosen = self.meter.meter_id if self.meter else None
        self.meters = meters
        while self.picker.count():
            widget = self.picker.takeAt(0).widget()
            if widget is not None:
                self.picks.removeButton(widget)
                widget.deleteLater()
        if len(meters) > 1:
            for index, m in enumerate(meters):
                button = QPushButton(f"{m.number}  {m.location}".strip())
                button.setCheckable(True)
                self.picks.addButton(button, index)
                self.picker.addWidget(button)
            self.picker.addStretch(1)
        ids = [m.meter_id for m in meters]
        index = ids.index(chosen) if chosen in ids else 0
        self.meter = meters[index] if meters else None
        if len(meters) > 1:
            self.picks.button(index).setChecked(True)
        self._fill_meter()
        if self.meter is not None and self.meter.meter_id != chosen:
            self.meterChosen.emit(self.meter.meter_id)

    def show_usage(self, rows: list[DayUsage]) -> None:
        self.chart.set_days(day_energy(rows))

    def show_recharges(self, rows: list[RechargeRow]) -> None:
        fill_recharges(self.recharges, rows)

    def show_sms(self, rows: list[SmsRow]) -> None:
        fill_sms(self.sms, rows)

    def show_service(self, state: ServiceState) -> None:
        self.notice.setVisible(not state.live)
        if not state.live:
            self.notice.setText(
                error_text(state.note)
                or self.tr("Only showing: the power cannot be switched from here right now.")
            )

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def show_section(self, key: str) -> None:
        self.section_buttons[key].setChecked(True)
        self.sections.setCurrentIndex(SECTIONS.index(key))
        self.sectionChosen.emit(key)

    # -- inside -----------------------------------------------------------------------
    def _pick(self, index: int) -> None:
        if 0 <= index < len(self.meters):
            self.meter = self.meters[index]
            self.confirm.hide()
            self._fill_meter()
            self.meterChosen.emit(self.meter.meter_id)

    def _ask_off(self) -> None:
        self.confirm.show()

    def _confirmed_off(self) -> None:
        self.confirm.hide()
        if self.meter is not None:
            self.switchAsked.emit(self.meter.meter_id, False)

    def _fill_meter(self) -> None:
        m = self.meter
        for w in (self.refresh, self.switch_off, self.switch_on, self.buy):
            w.setVisible(m is not None)
        if m is None:
            self.balance.setText("—")
            self.days_left.clear()
            self.balance_when.setText(self.tr("No meter on this account."))
            self.power_state.clear()
            self.power_hint.clear()
            return
        if not m.prepaid:
            self.balance.setText("—")
            self.days_left.setText(self.tr("This meter only measures: no balance."))
        else:
            self.balance.setText("—" if m.balance is None else fmt.money_text(m.balance))
            self._days_text(m)
        self.refresh.setVisible(m.prepaid)
        self.buy.setVisible(m.prepaid and self.can_buy)
        self.balance_when.setText(
            self.tr("Not read yet")
            if m.balance_at is None
            else self.tr("As read at {0}").format(to_local(m.balance_at).strftime("%Y-%m-%d %H:%M"))
        )
        self.power_state.setText(
            self.tr("Power is OFF") if m.relay_open else self.tr("Power is ON")
        )
        self.power_state.setStyleSheet(
            f"color: {style.POWER_OFF if m.relay_open else style.POWER_ON};"
        )
        self.switch_off.setVisible(m.can_switch_off)
        self.switch_on.setVisible(m.can_switch_on)
        hint = error_text(m.switch_note) if m.switch_note else ""
        if m.can_switch_off:
            hint = self.tr("You can switch your shop's power off, e.g. when closing for the night.")
        elif m.can_switch_on:
            hint = self.tr("You switched it off. Press the button to have power again.")
        self.power_hint.setText(hint)

    def _days_text(self, m: MeterView) -> None:
        """Days left in big type; when they cannot be told, the reason in small type."""
        days = m.forecast.days
        if days is None:
            text = error_text(m.forecast.reason) if m.forecast.reason else ""
        elif days < 1:
            text = self.tr("Less than one day of credit left")
        else:
            text = self.tr("About {0} days of credit left").format(int(days))
        set_role(self.days_left, "title" if days is not None else "hint")
        self.days_left.style().unpolish(self.days_left)  # the new role's style
        self.days_left.style().polish(self.days_left)
        self.days_left.setText(text)

    def retranslate(self) -> None:
        self.hello.setText(self.tr("Hello, {0}").format(self.name) if self.name else "")
        self.sign_out.setText(self.tr("Sign out"))
        self.pin_button.setText(self.tr("Change PIN"))
        self.balance_caption.setText(self.tr("Balance"))
        self.refresh.setText(self.tr("⟳ Read the balance from the meter now"))
        self.buy.setText(self.tr("Buy credit with WeChat Pay or Alipay"))
        self.switch_off.setText(self.tr("Switch my shop's power OFF"))
        self.switch_on.setText(self.tr("Switch my shop's power back ON"))
        self.confirm_text.setText(
            self.tr("Switch the power off? Everything in your shop will stop.")
        )
        self.confirm_yes.setText(self.tr("Yes, switch it off"))
        self.confirm_no.setText(self.tr("No, keep the power on"))
        for key, text in (
            ("usage", self.tr("Daily use (30 days)")),
            ("recharges", self.tr("Recharges")),
            ("sms", self.tr("SMS to me")),
        ):
            self.section_buttons[key].setText(text)
        self._fill_meter()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
