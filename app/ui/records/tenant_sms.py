"""The tenant detail's record of SMS: every message sent to the tenant or received from them.

"Did they get the warning?" is answered here: when, which way, what for,
what became of it (queued, sent, failed and why) and the text itself. Read
off the GUI thread; a failed read is said in the tab, never in a box.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import QT_TRANSLATE_NOOP
from app.messages import Message
from app.models.alarms import SmsState
from app.services.schedule_times import local_zone, to_local
from app.services.sms_outbox import tenant_messages
from app.ui.support import colors
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text

COL_WHEN, COL_WAY, COL_KIND, COL_STATE, COL_TEXT = range(5)
CTX = "TenantSmsView"

KIND_NAMES = {  # SmsMessage.kind -> words (translated when shown)
    "alarm1": QT_TRANSLATE_NOOP("TenantSmsView", "Alarm 1"),
    "alarm2": QT_TRANSLATE_NOOP("TenantSmsView", "Alarm 2"),
    "arrears": QT_TRANSLATE_NOOP("TenantSmsView", "Arrears"),
    "balance_reply": QT_TRANSLATE_NOOP("TenantSmsView", "Balance reply"),
    "refusal": QT_TRANSLATE_NOOP("TenantSmsView", "Refusal"),
    "incoming": QT_TRANSLATE_NOOP("TenantSmsView", "From the tenant"),
}
STATE_NAMES = {
    SmsState.QUEUED: QT_TRANSLATE_NOOP("TenantSmsView", "queued"),
    SmsState.SENDING: QT_TRANSLATE_NOOP("TenantSmsView", "sending"),
    SmsState.SENT: QT_TRANSLATE_NOOP("TenantSmsView", "sent"),
    SmsState.FAILED: QT_TRANSLATE_NOOP("TenantSmsView", "failed"),
    SmsState.RECEIVED: QT_TRANSLATE_NOOP("TenantSmsView", "received"),
    SmsState.ANSWERED: QT_TRANSLATE_NOOP("TenantSmsView", "answered"),
    SmsState.IGNORED: QT_TRANSLATE_NOOP("TenantSmsView", "not answered"),
}


def _words(table: dict[str, str], key: str) -> str:
    return QCoreApplication.translate(CTX, table[key]) if key in table else key


class TenantSmsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Way"), self.tr("What"), self.tr("State"), self.tr("Text")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for col in (COL_WHEN, COL_WAY, COL_KIND, COL_STATE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(colors.text_style(colors.ERROR))
        self.problem.hide()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.problem)
        box.addWidget(self.table)
        self.future = None

    def load(self, actor, tenant_id: int) -> None:
        """Read the tenant's messages off the GUI thread; only the newest read is shown."""
        future = run_then(
            lambda: [_row(m) for m in tenant_messages(actor, tenant_id)],
            lambda rows: self._show(future, rows),
            lambda exc: self._failed(future, exc),
            self,
        )
        self.future = future

    def _show(self, future, rows: list[tuple]) -> None:
        if future is not self.future:
            return
        self.problem.hide()
        self.table.setRowCount(len(rows))
        for r, (when, way, kind, state, text, error) in enumerate(rows):
            cells = (when, way, _words(KIND_NAMES, kind), _words(STATE_NAMES, state), text)
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if c == COL_STATE and error:
                    item.setToolTip(error_text(error))
                    if state == SmsState.FAILED:
                        item.setForeground(QColor(colors.ERROR))
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()

    def _failed(self, future, exc: BaseException) -> None:
        if future is not self.future:
            return
        self.problem.setText(
            self.tr("The messages could not be read: %1").replace("%1", error_text(exc))
        )
        self.problem.show()


def _row(message) -> tuple:
    """One message as the table shows it (made in the background: no Qt, data only)."""
    when = to_local(message.sent_at or message.created_at, local_zone())
    way = "←" if message.direction == "in" else "→"
    return (
        f"{when:%Y-%m-%d %H:%M}",
        way + " " + message.phone,
        message.kind,
        message.state,
        message.body,
        Message.from_json(message.error) if message.error else None,
    )
