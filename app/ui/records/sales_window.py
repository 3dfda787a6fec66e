"""The sales records window: every ledger entry, filtered, fetched a page at a time.

A site's ledger grows to millions of entries, so the model asks the database
for 200 rows at a time as the view scrolls (``canFetchMore``/``fetchMore``
over keyset pages, newest first) and never holds the whole list. From a row
the cashier reprints its receipt (marked COPY) or starts a sale, refund or
correction on that row's meter.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.permissions import Permission
from app.services.sales_records import (
    PAGE_SIZE,
    RecordFilter,
    RecordRow,
    count_records,
    fetch_records,
    operator_names,
)
from app.ui.cashier.kinds import Launch
from app.ui.cashier.receipts import show_receipt
from app.ui.cashier.texts import (
    KIND_LABELS,
    STATE_LABELS,
    kind_label,
    money,
    payment_label,
    state_label,
)
from app.ui.records.record_exports import sales_job
from app.ui.support import colors
from app.ui.support.export_runner import file_name, start_export
from app.ui.widgets.row_table import RowTableModel, size_columns

log = logging.getLogger(__name__)

RecordRole = Qt.ItemDataRole.UserRole + 1
DATE_FORMAT = "yyyy-MM-dd"  # the program writes dates one way everywhere (ISO, as 2026-12-02)

(
    COL_DATE,
    COL_RECEIPT,
    COL_KIND,
    COL_STATE,
    COL_METER,
    COL_TENANT,
    COL_AMOUNT,
    COL_BALANCE,
    COL_PAYMENT,
    COL_OPERATOR,
) = range(10)
COLUMN_COUNT = 10


class SalesRecordsModel(RowTableModel):
    """Ledger entries matching a ``RecordFilter``, loaded incrementally."""

    column_count = COLUMN_COUNT

    def __init__(self, actor, parent=None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.actor = actor  # the services check it may read money records
        self.page_size = page_size
        self.filter = RecordFilter()
        self._exhausted = True
        self._headers = [
            self.tr("Date"),
            self.tr("Receipt no."),
            self.tr("Kind"),
            self.tr("State"),
            self.tr("Meter"),
            self.tr("Tenant"),
            self.tr("Amount"),
            self.tr("Balance after"),
            self.tr("Payment"),
            self.tr("Operator"),
        ]

    def set_filter(self, flt: RecordFilter) -> None:
        """Start over with ``flt``: the first page now, the rest as the view scrolls."""
        self._exhausted = True  # nothing to fetch while the reset is under way
        self.beginResetModel()
        self.filter = flt
        self._rows = fetch_records(self.actor, flt, limit=self.page_size)
        self.endResetModel()
        self._exhausted = len(self._rows) < self.page_size

    def refresh(self) -> None:
        self.set_filter(self.filter)

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        before = self._rows[-1].entry_id if self._rows else None
        more = fetch_records(self.actor, self.filter, before_id=before, limit=self.page_size)
        self._exhausted = True  # a view asking again while these rows go in gets nothing
        self.append_rows(more)
        self._exhausted = len(more) < self.page_size

    def record(self, row: int) -> RecordRow | None:
        return self.row_record(row)

    def header_texts(self) -> list[str]:
        return self._headers

    def role_data(self, rec: RecordRow, col: int, role: int):
        if role == RecordRole:
            return rec
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_AMOUNT, COL_BALANCE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and rec.state in ("failed", "uncertain"):
            return QBrush(QColor(colors.ERROR if rec.state == "failed" else colors.WARNING))
        if role == Qt.ItemDataRole.ToolTipRole and rec.reason:
            return rec.reason
        return None

    def display_text(self, rec: RecordRow, col: int) -> str:
        if col == COL_DATE:
            return f"{rec.at:%Y-%m-%d %H:%M:%S}"
        if col == COL_RECEIPT:
            return rec.receipt_no
        if col == COL_KIND:
            text = kind_label(rec.kind)
            if rec.reversed:
                text += " " + self.tr("(reversed)")
            if rec.estimated:
                text += " " + self.tr("(estimated)")
            return text
        if col == COL_STATE:
            return state_label(rec.state)
        if col == COL_METER:
            return rec.meter_no
        if col == COL_TENANT:
            return f"{rec.tenant_name} ({rec.account_no})" if rec.account_no else ""
        if col == COL_AMOUNT:
            return money(rec.signed_fen)
        if col == COL_BALANCE:
            return "" if rec.balance_after is None else money(rec.balance_after)
        if col == COL_PAYMENT:
            return payment_label(rec.payment_method) if rec.payment_method else ""
        return rec.operator


def records_view(model: SalesRecordsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    # date, receipt, kind, state, meter, tenant, amount, balance, payment, operator
    size_columns(view, (19, 16, 12, 10, 8, 16, 12, 12, 10, 10))
    return view


class SalesWindow(QWidget):
    """Records query with filters; reprint, sell, refund and correct from the selected row."""

    def __init__(self, site, actor, launch: Launch, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._launch = launch  # opens the cashier dialogs (app.ui.cashier.actions.launch)
        self.site, self.actor = site, actor
        self.preview_dialog = None
        self.setWindowTitle(self.tr("Sales records"))
        self.resize(1200, 700)
        self.model = SalesRecordsModel(actor, self)
        self.view = records_view(self.model)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._text_timer = QTimer(self, singleShot=True, interval=300)
        self._text_timer.timeout.connect(self.apply_filter)
        box = QVBoxLayout(self)
        box.addLayout(self._filter_bar())
        box.addWidget(self.view, 1)
        box.addLayout(self._button_bar())
        self.apply_filter()

    def _filter_bar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        today = QDate.currentDate()
        self.dates_box = QCheckBox(self.tr("From"))
        self.from_edit = QDateEdit(today.addDays(-30), calendarPopup=True)
        self.to_edit = QDateEdit(today, calendarPopup=True)
        for edit in (self.from_edit, self.to_edit):
            edit.setDisplayFormat(DATE_FORMAT)  # never "2 11 2026" under a bare C locale
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("All kinds"), "")
        for key in KIND_LABELS:
            self.kind_combo.addItem(kind_label(key), key)
        self.state_combo = QComboBox()
        self.state_combo.addItem(self.tr("All states"), "")
        for key in STATE_LABELS:
            self.state_combo.addItem(state_label(key), key)
        self.operator_combo = QComboBox()
        self.operator_combo.addItem(self.tr("All operators"), "")
        for name in operator_names(self.actor):
            self.operator_combo.addItem(name, name)
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(self.tr("Receipt, meter, tenant, account no…"))
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.textChanged.connect(lambda _t: self._text_timer.start())
        for w in (self.dates_box, self.from_edit):
            row.addWidget(w)
        row.addWidget(QLabel(self.tr("to")))
        for w in (self.to_edit, self.kind_combo, self.state_combo, self.operator_combo):
            row.addWidget(w)
        row.addWidget(self.text_edit, 1)
        self.dates_box.toggled.connect(lambda _on: self.apply_filter())
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(lambda _d: self.apply_filter())
        for combo in (self.kind_combo, self.state_combo, self.operator_combo):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        return row

    def _button_bar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.count_label = QLabel()
        row.addWidget(self.count_label, 1)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(lambda: self.export())
        row.addWidget(self.export_button)
        self.reprint_button = QPushButton(self.tr("Reprint receipt (COPY)…"))
        self.reprint_button.clicked.connect(self.reprint)
        self.reprint_button.setVisible(self.actor.can(Permission.RECEIPTS))
        row.addWidget(self.reprint_button)
        self.money_buttons: dict[str, QPushButton] = {}
        for kind, text in (
            ("sale", self.tr("Sell…")),
            ("refund", self.tr("Refund…")),
            ("correction", self.tr("Correct this sale…")),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, k=kind: self.start(k))
            button.setVisible(self.actor.can(Permission.SELL))
            self.money_buttons[kind] = button
            row.addWidget(button)
        return row

    def current_filter(self) -> RecordFilter:
        dates = self.dates_box.isChecked()
        return RecordFilter(
            date_from=_pydate(self.from_edit.date()) if dates else None,
            date_to=_pydate(self.to_edit.date()) if dates else None,
            kinds=(self.kind_combo.currentData(),) if self.kind_combo.currentData() else (),
            states=(self.state_combo.currentData(),) if self.state_combo.currentData() else (),
            operator=self.operator_combo.currentData() or "",
            text=self.text_edit.text().strip(),
        )

    def apply_filter(self) -> None:
        flt = self.current_filter()
        self.model.set_filter(flt)
        self.count_label.setText(self.tr("{n} entries").format(n=count_records(self.actor, flt)))
        self._update_buttons()

    def export(self, path: str | None = None):
        """Every entry the filters select (not only the rows loaded) to .xlsx, in the background."""
        combos = (self.kind_combo, self.state_combo, self.operator_combo)
        filters = [c.currentText() for c in combos if c.currentData()]
        filters.append(self.text_edit.text().strip())
        job = sales_job(self.actor, self.current_filter(), self.windowTitle(),
                        self.model.header_texts(), filters)  # fmt: skip
        return start_export(self, self.tr("Export sales records"), file_name("sales"), job, path)

    def selected(self) -> RecordRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.view.selectRow(row)

    def _update_buttons(self) -> None:
        rec = self.selected()
        self.reprint_button.setEnabled(bool(rec and rec.state == "confirmed"))
        for kind, button in self.money_buttons.items():
            ok = rec is not None
            if kind == "correction":
                ok = ok and rec.kind == "sale" and rec.state == "confirmed" and not rec.reversed
            button.setEnabled(ok)

    def reprint(self):
        rec = self.selected()
        if rec is None:
            return None
        self.preview_dialog = show_receipt(self, self.site, self.actor, rec.entry_id, copy=True)
        return self.preview_dialog

    def start(self, kind: str):
        """Open the sale, refund or correction dialog for the selected row's meter."""
        rec = self.selected()
        if rec is None:
            return None
        sale_id = rec.entry_id if kind == "correction" else None
        dialog = self._launch(kind, self, self.site, self.actor, rec.meter_id, sale_id=sale_id)
        dialog.operationFinished.connect(lambda _o: self.model.refresh())
        return dialog


def _pydate(qdate: QDate) -> dt.date:
    return dt.date(qdate.year(), qdate.month(), qdate.day())
