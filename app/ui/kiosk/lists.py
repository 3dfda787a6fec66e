"""The kiosk's read-only lists: a tenant's recharges and the SMS sent to them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.errors import QT_TRANSLATE_NOOP
from app.services.meter_history import to_local
from app.services.tenant_view import RechargeRow, SmsRow
from app.ui.support import formatting as fmt

KIND_TEXT = {
    "sale": QT_TRANSLATE_NOOP("KioskLists", "Recharge"),
    "online": QT_TRANSLATE_NOOP("KioskLists", "Online recharge"),
    "refund": QT_TRANSLATE_NOOP("KioskLists", "Refund"),
    "correction": QT_TRANSLATE_NOOP("KioskLists", "Correction"),
    "transfer_in": QT_TRANSLATE_NOOP("KioskLists", "Moved in (new meter)"),
    "transfer_out": QT_TRANSLATE_NOOP("KioskLists", "Moved out (old meter)"),
}


def kind_text(kind: str) -> str:
    source = KIND_TEXT.get(kind)
    return QCoreApplication.translate("KioskLists", source) if source else kind


def when(at) -> str:
    return to_local(at).strftime("%Y-%m-%d %H:%M")


class KioskTable(QTableWidget):
    """Big rows, no editing, no selection: something to read, scrolled with a finger."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(64)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(True)

    def fill(self, headers: list[str], rows: list[list[str]], stretch: int) -> None:
        self.clear()
        self.setColumnCount(len(headers))
        self.setHorizontalHeaderLabels(headers)
        self.setRowCount(len(rows) or 1)
        if not rows:  # say so, rather than an empty box a tenant may take for a fault
            nothing = QTableWidgetItem(QCoreApplication.translate("KioskLists", "None yet."))
            self.setItem(0, 0, nothing)
            self.setSpan(0, 0, 1, len(headers))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.setItem(r, c, QTableWidgetItem(text))
        header = self.horizontalHeader()
        for c in range(len(headers)):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if c == stretch
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(c, mode)
        self.resizeRowsToContents()


def fill_recharges(table: KioskTable, rows: list[RechargeRow]) -> None:
    table.fill(
        [
            QCoreApplication.translate("KioskLists", "Date"),
            QCoreApplication.translate("KioskLists", "Meter"),
            QCoreApplication.translate("KioskLists", "What"),
            QCoreApplication.translate("KioskLists", "Amount (yuan)"),
            QCoreApplication.translate("KioskLists", "Receipt"),
        ],
        [
            [when(r.at), r.meter_number, kind_text(r.kind), fmt.yuan(r.amount), r.receipt]
            for r in rows
        ],
        stretch=4,
    )


def fill_sms(table: KioskTable, rows: list[SmsRow]) -> None:
    sent = QCoreApplication.translate("KioskLists", "To you")
    received = QCoreApplication.translate("KioskLists", "From you")
    table.fill(
        [
            QCoreApplication.translate("KioskLists", "Date"),
            QCoreApplication.translate("KioskLists", "Direction"),
            QCoreApplication.translate("KioskLists", "Message"),
        ],
        [[when(r.at), sent if r.direction == "out" else received, r.body] for r in rows],
        stretch=2,
    )
