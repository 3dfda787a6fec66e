"""The kiosk's "Buy credit" screen (issue #16): pick an amount and WeChat Pay or Alipay, then a
QR code to scan with the phone, and the order's state as it changes.

The amounts are the site's presets (the phone page also takes a free amount; a
keypad of yuan and fen on a corridor screen invites mistakes). The order is placed
with channel "kiosk" (the provider gives a QR code: WeChat Pay Native
``code_url``, Alipay pre-create ``qr_code``), drawn with segno. While it is open
the page asks every ``POLL_MS`` where it stands, off the GUI thread through the
window's runner (an answer for a tenant who signed out is dropped), and keeps the
kiosk from going idle for up to ``HOLD_S`` (a tenant paying on a phone does not
touch the screen).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable

import segno
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.payments import OrderState
from app.services.payments import tenant_buy
from app.services.payments.provider import ALIPAY, WECHAT
from app.ui.kiosk.style import set_role
from app.ui.support import formatting as fmt
from app.ui.support.error_text import error_text

POLL_MS = 2000
HOLD_S = 300  # the QR screen stays this long without a touch while the order is open
QR_SCALE = 8


def qr_pixmap(content: str, scale: int = QR_SCALE) -> QPixmap:
    """The QR code of ``content`` as a pixmap (black on white, a quiet zone of 4 modules)."""
    buffer = io.BytesIO()
    segno.make(content, error="m").save(buffer, kind="png", scale=scale, border=4)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


class BuyPage(QWidget):
    back = Signal()  # to the account page
    keepAlive = Signal()  # an open order is on screen: do not go idle yet

    def __init__(self, run: Callable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run = run  # the window's runner: (fn, done, failed) off the GUI thread
        self.who = None
        self.options: tenant_buy.BuyOptions | None = None
        self.order: tenant_buy.OrderStatus | None = None
        self.hold_until = 0.0
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.title = set_role(QLabel(), "title")
        self.message = set_role(QLabel(), "error")
        self.message.setWordWrap(True)
        self.amount_row, self.provider_row = QHBoxLayout(), QHBoxLayout()
        self.amounts, self.providers = QButtonGroup(self), QButtonGroup(self)
        self.amount_caption, self.provider_caption = QLabel(), QLabel()
        self.place_button = set_role(QPushButton(), "primary")
        self.place_button.setObjectName("place_order")
        self.place_button.clicked.connect(self.place)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.leave)
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setObjectName("qr")
        self.sum = set_role(QLabel(), "big")
        self.state = set_role(QLabel(), "title")
        self.state.setObjectName("order_state")
        self.state.setWordWrap(True)
        self.scan_hint = set_role(QLabel(), "hint")
        self.scan_hint.setWordWrap(True)
        self._layout()
        self.retranslate()

    def _layout(self) -> None:
        choose = QWidget()
        c = QVBoxLayout(choose)
        for part in (self.amount_caption, self.amount_row, self.provider_caption):
            c.addWidget(part) if isinstance(part, QWidget) else c.addLayout(part)
        c.addLayout(self.provider_row)
        c.addWidget(self.place_button)
        c.addStretch(1)
        paying = QWidget()
        p = QHBoxLayout(paying)
        p.addWidget(self.qr, 1)
        side = QVBoxLayout()
        for widget in (self.sum, self.state, self.scan_hint):
            side.addWidget(widget)
        side.addStretch(1)
        p.addLayout(side, 1)
        self.panels = QStackedWidget()
        self.panels.addWidget(choose)
        self.panels.addWidget(paying)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.panels, 1)

    # -- the window hands over ------------------------------------------------------------
    def open(self, who, meter_id: int) -> None:
        """Show the choices for ``meter_id`` of ``who`` (read off the GUI thread)."""
        self.reset()
        self.who = who
        self.run(lambda: tenant_buy.options(who, meter_id), self.show_options, self._failed)

    def reset(self) -> None:
        self.timer.stop()
        self.who, self.options, self.order = None, None, None
        self.message.clear()
        self.qr.clear()
        self.panels.setCurrentIndex(0)
        self._fill_choices()

    def set_busy(self, busy: bool) -> None:
        self.place_button.setEnabled(not busy and bool(self.options and self.options.enabled))

    def show_options(self, options: tenant_buy.BuyOptions | None) -> None:
        self.options = options
        self._fill_choices()
        if options is None or not options.enabled or not options.presets:
            self.message.setText(self.tr("Buying online is not offered here."))

    def _fill_choices(self) -> None:
        for group, row in ((self.amounts, self.amount_row), (self.providers, self.provider_row)):
            for button in group.buttons():
                group.removeButton(button)
                button.deleteLater()
            while row.count():
                row.takeAt(0)
        options = self.options
        if options is not None and options.enabled:
            for i, amount in enumerate(options.presets):
                self._choice(self.amounts, self.amount_row, fmt.money_text(amount), i)
            for i, name in enumerate(options.providers):
                self._choice(self.providers, self.provider_row, self._provider_name(name), i)
            self.title.setText(self.tr("Buy credit for meter {0}").format(options.number))
        else:
            self.title.setText(self.tr("Buy credit"))
        self.set_busy(False)

    @staticmethod
    def _choice(group: QButtonGroup, row: QHBoxLayout, text: str, index: int) -> None:
        button = QPushButton(text)
        button.setCheckable(True)
        button.setChecked(index == 0)
        group.addButton(button, index)
        row.addWidget(button)

    # -- placing and following the order --------------------------------------------------
    def place(self) -> None:
        options, who = self.options, self.who
        if options is None or who is None or self.amounts.checkedId() < 0:
            return
        amount = options.presets[self.amounts.checkedId()]
        provider = options.providers[max(self.providers.checkedId(), 0)]
        self.set_busy(True)
        self.message.setText(
            self.tr("Asking {0} for a QR code…").format(self._provider_name(provider))
        )

        def failed(exc: BaseException) -> None:
            self.set_busy(False)
            self._failed(exc)

        self.run(
            lambda: tenant_buy.place(who, options.meter_id, amount, provider, "kiosk"),
            self.show_order,
            failed,
        )

    def show_order(self, status: tenant_buy.OrderStatus | None) -> None:
        if status is None:
            return
        first = self.order is None or self.order.order_no != status.order_no
        self.order = status
        self.message.clear()
        if first:
            self.hold_until = time.monotonic() + HOLD_S
            self.panels.setCurrentIndex(1)
            if status.checkout:
                self.qr.setPixmap(qr_pixmap(status.checkout))
        self.sum.setText(fmt.money_text(status.amount))
        self.state.setText(self.state_text(status))
        self.scan_hint.setVisible(status.state == OrderState.PAYING)
        self.qr.setVisible(status.state in (OrderState.CREATED, OrderState.PAYING))
        if status.open:
            self.timer.start()
            if time.monotonic() < self.hold_until:
                self.keepAlive.emit()
        else:
            self.timer.stop()

    def poll(self) -> None:
        order, who = self.order, self.who
        if order is None or who is None:
            self.timer.stop()
            return
        self.run(lambda: tenant_buy.status(who, order.order_no), self.show_order, self._failed)

    def leave(self) -> None:
        self.reset()
        self.back.emit()

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(error_text(exc))

    # -- texts ----------------------------------------------------------------------------
    def _provider_name(self, name: str) -> str:
        return {WECHAT: self.tr("WeChat Pay"), ALIPAY: self.tr("Alipay")}.get(name, name)

    def state_text(self, status: tenant_buy.OrderStatus) -> str:
        texts = {
            OrderState.CREATED: self.tr("Placing the order…"),
            OrderState.PAYING: self.tr("Scan the code with {0} to pay").format(
                self._provider_name(status.provider)
            ),
            OrderState.PAID: self.tr("Paid. Crediting your meter…"),
            OrderState.CREDITING: self.tr("Paid. Crediting your meter…"),
            OrderState.CREDITED: self.tr("Credited. Receipt {0}").format(status.receipt),
            OrderState.REFUND_PENDING: self.tr(
                "Could not be credited: the money is being refunded"
            ),
            OrderState.REFUNDED: self.tr("Refunded"),
            OrderState.CLOSED: self.tr("Closed: not paid"),
        }
        return texts.get(status.state, status.state)

    def retranslate(self) -> None:
        self.amount_caption.setText(self.tr("Amount"))
        self.provider_caption.setText(self.tr("Pay with"))
        self.place_button.setText(self.tr("Show the QR code"))
        self.back_button.setText(self.tr("Back"))
        self.scan_hint.setText(
            self.tr("The credit goes onto your meter by itself once you have paid.")
        )
        for button, name in zip(
            self.providers.buttons(), self.options.providers if self.options else (), strict=False
        ):
            button.setText(self._provider_name(name))
        if self.order is not None:
            self.state.setText(self.state_text(self.order))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
