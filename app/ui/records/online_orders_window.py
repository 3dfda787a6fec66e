"""Sales > Online orders: the tenants' WeChat Pay / Alipay purchases and their refunds (issue #16).

Read in the background every few seconds while shown; a failed read is said
in the window's state line, the rows stay as they were.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models.payments import OrderState
from app.services.payments.order_list import OrderRow, list_orders
from app.ui.cashier.texts import money, payment_label
from app.ui.support import colors
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text
from app.ui.widgets.row_table import RowTableModel, size_columns

REFRESH_MS = 5000
STATES = {
    OrderState.CREATED: QT_TRANSLATE_NOOP("OnlineOrders", "created"),
    OrderState.PAYING: QT_TRANSLATE_NOOP("OnlineOrders", "waiting for payment"),
    OrderState.PAID: QT_TRANSLATE_NOOP("OnlineOrders", "paid"),
    OrderState.CREDITING: QT_TRANSLATE_NOOP("OnlineOrders", "crediting"),
    OrderState.CREDITED: QT_TRANSLATE_NOOP("OnlineOrders", "credited"),
    OrderState.REFUND_PENDING: QT_TRANSLATE_NOOP("OnlineOrders", "refund pending"),
    OrderState.REFUNDED: QT_TRANSLATE_NOOP("OnlineOrders", "refunded"),
    OrderState.CLOSED: QT_TRANSLATE_NOOP("OnlineOrders", "closed unpaid"),
}
STATE_COLORS = {
    OrderState.CREDITED: colors.OK,
    OrderState.REFUND_PENDING: colors.ERROR,
    OrderState.REFUNDED: colors.WARNING,
    OrderState.CLOSED: colors.MUTED,
}
HEADERS = (
    QT_TRANSLATE_NOOP("OnlineOrders", "Created"),
    QT_TRANSLATE_NOOP("OnlineOrders", "Order"),
    QT_TRANSLATE_NOOP("OnlineOrders", "Meter"),
    QT_TRANSLATE_NOOP("OnlineOrders", "Tenant"),
    QT_TRANSLATE_NOOP("OnlineOrders", "Amount"),
    QT_TRANSLATE_NOOP("OnlineOrders", "Paid by"),
    QT_TRANSLATE_NOOP("OnlineOrders", "State"),
    QT_TRANSLATE_NOOP("OnlineOrders", "Receipt"),
    QT_TRANSLATE_NOOP("OnlineOrders", "Refund"),
    QT_TRANSLATE_NOOP("OnlineOrders", "Why"),
)
COL_AMOUNT, COL_STATE = 4, 6


def state_text(state: str) -> str:
    return QCoreApplication.translate("OnlineOrders", STATES[state]) if state in STATES else state


class OnlineOrdersModel(RowTableModel):
    column_count = len(HEADERS)

    def header_texts(self) -> list[str]:
        return [QCoreApplication.translate("OnlineOrders", h) for h in HEADERS]

    def display_text(self, row: OrderRow, col: int) -> str:
        values = (
            f"{row.created:%Y-%m-%d %H:%M:%S}",
            row.order_no,
            row.meter_no,
            row.tenant,
            money(row.amount),
            payment_label(row.provider),
            state_text(row.state),
            row.receipt_no,
            row.refund_no,
            error_text(row.reason) if row.reason else "",
        )
        return values[col]

    def role_data(self, row: OrderRow, col: int, role: int):
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and col == COL_STATE
            and row.state in STATE_COLORS
        ):
            return QBrush(QColor(STATE_COLORS[row.state]))
        return None


class OnlineOrdersWindow(QWidget):
    def __init__(self, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.actor = actor
        self._asked = None  # the newest read's future: older answers are dropped
        self.setWindowTitle(self.tr("Online orders"))
        self.resize(1500, 600)
        self.model = OnlineOrdersModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        size_columns(self.view, (20, 38, 8, 18, 10, 11, 19, 22, 38, 30))
        self.open_only = QCheckBox(self.tr("Only orders not finished"))
        self.open_only.toggled.connect(self.reload)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.reload)
        self.state_line = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.open_only)
        bar.addStretch(1)
        bar.addWidget(self.state_line)
        bar.addWidget(refresh)
        box = QVBoxLayout(self)
        box.addLayout(bar)
        box.addWidget(self.view, 1)
        self._timer = QTimer(self, interval=REFRESH_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        actor, open_only = self.actor, self.open_only.isChecked()
        self._asked = asked = run_then(
            lambda: list_orders(actor, open_only),
            lambda rows: self._shown(asked, rows),
            lambda exc: self._failed(asked, exc),
            self,
            routine=True,
        )

    def _shown(self, asked, rows: list[OrderRow]) -> None:
        if asked is not self._asked:
            return
        self.model.set_rows(rows)
        pending = sum(1 for r in rows if r.state == OrderState.REFUND_PENDING)
        text = self.tr("%n order(s)", "", len(rows))
        if pending:
            text += " · " + self.tr("%n refund(s) pending", "", pending)
        self.state_line.setStyleSheet("")
        self.state_line.setText(text)

    def _failed(self, asked, exc: BaseException) -> None:
        if asked is not self._asked:
            return
        self.state_line.setStyleSheet(f"color: {colors.ERROR}")
        self.state_line.setText(
            self.tr("Could not read the orders: %1").replace("%1", error_text(exc))
        )
