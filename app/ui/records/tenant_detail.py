"""One tenant: who they are, their meters with the last known balance, their money history.

The cashier answering "how much is left on my shop's meters?" reads it here,
and sells, refunds, corrects, closes or replaces from the selected meter
without going back to the grid. History is the same incremental records
model as the sales window, filtered to this tenant.

A second tab holds the record of SMS sent to and received from the tenant.
The tenant's own details (the mobile number the SMS go to among them) are
corrected from here (``TenantEditDialog``). A tenant who holds no meter (an
opening that outlived the window's wait, an older database) is shown as "no
meter yet" and can be removed, so no tenant is left with every button dead.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.permissions import Permission
from app.services.sales_records import MeterSummary, RecordFilter, tenant_meters
from app.services.tenants import TenantCard, remove_tenant, tenant_card
from app.ui.cashier.kinds import PERMISSIONS, Launch
from app.ui.cashier.texts import money
from app.ui.records.sales_window import COL_TENANT, SalesRecordsModel, records_view
from app.ui.records.tenant_edit_dialog import TenantEditDialog
from app.ui.records.tenant_sms import TenantSmsView
from app.ui.support import colors
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text

log = logging.getLogger(__name__)


class TenantDetailDialog(QDialog):
    changed = Signal()  # an operation finished: lists elsewhere may reload

    def __init__(
        self, site, actor, tenant_id: int, launch: Launch, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._launch = launch  # opens the cashier dialogs (app.ui.cashier.actions.launch)
        self.site, self.actor, self.tenant_id = site, actor, tenant_id
        self.meters: list[MeterSummary] = []
        self.card: TenantCard | None = None
        self.setWindowTitle(self.tr("Tenant"))
        self.resize(900, 640)
        self.info = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        for key, label in (
            ("account_no", self.tr("Account no.")),
            ("name", self.tr("Name")),
            ("shop", self.tr("Shop / room")),
            ("phone", self.tr("Phone")),
            ("id_number", self.tr("ID number")),
            ("status", self.tr("Status")),
            ("total", self.tr("Balance, all meters")),
        ):
            self.fields[key] = QLabel()
            self.fields[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.info.addRow(label, self.fields[key])
        self.edit_button = QPushButton(self.tr("Edit details…"))
        self.edit_button.clicked.connect(self.edit)
        self.remove_button = QPushButton(self.tr("Remove tenant…"))
        self.remove_button.clicked.connect(self.ask_remove)
        self.remove_error = QLabel()
        self.remove_error.setWordWrap(True)
        self.remove_error.setStyleSheet(colors.text_style(colors.ERROR))
        tenant_buttons = QHBoxLayout()
        tenant_buttons.addWidget(self.edit_button)
        tenant_buttons.addWidget(self.remove_button)
        tenant_buttons.addWidget(self.remove_error, 1)
        self.meter_table = QTableWidget(0, 4)
        self.meter_table.setHorizontalHeaderLabels(
            [self.tr("Meter"), self.tr("Balance"), self.tr("Last read"), self.tr("Online")]
        )
        self.meter_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.meter_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.meter_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.meter_table.verticalHeader().setVisible(False)
        self.meter_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.meter_table.itemSelectionChanged.connect(self._update_buttons)
        self.meter_table.setMaximumHeight(150)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for kind, text in (
            ("sale", self.tr("Sell…")),
            ("refund", self.tr("Refund…")),
            ("correction", self.tr("Correct…")),
            ("close", self.tr("Close account…")),
            ("replace", self.tr("Replace meter…")),
        ):
            button = QPushButton(text)
            button.setVisible(actor.can(PERMISSIONS[kind]))
            button.clicked.connect(lambda _c=False, k=kind: self.start(k))
            self.buttons[kind] = button
            row.addWidget(button)
        row.addStretch(1)
        meters_box = QGroupBox(self.tr("Meters"))
        mb = QVBoxLayout(meters_box)
        mb.addWidget(self.meter_table)
        mb.addLayout(row)
        self.history = SalesRecordsModel(actor, self)
        self.history_view = records_view(self.history)
        self.history_view.setColumnHidden(COL_TENANT, True)  # always this tenant
        self.sms_view = TenantSmsView()
        history_box = QTabWidget()
        history_box.addTab(self.history_view, self.tr("History"))
        history_box.addTab(self.sms_view, self.tr("SMS"))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        box = QVBoxLayout(self)
        box.addLayout(self.info)
        box.addLayout(tenant_buttons)
        box.addWidget(meters_box)
        box.addWidget(history_box, 1)
        box.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.reload()

    def reload(self) -> None:
        t = self.card = tenant_card(self.actor, self.tenant_id)
        self.setWindowTitle(self.tr("Tenant {name}").format(name=t.name))
        self.meters = tenant_meters(self.actor, self.tenant_id)
        if t.closed:
            status = self.tr("closed")
        elif not self.meters:
            status = self.tr("no meter yet: open an account on a meter for them, or remove them")
        else:
            status = self.tr("active")
        values = {
            "account_no": t.account_no,
            "name": t.name,
            "shop": t.shop,
            "phone": t.phone,
            "id_number": t.id_number,
            "status": status,
            "total": money(sum(m.balance or 0 for m in self.meters)),
        }
        for key, value in values.items():
            self.fields[key].setText(value)
        self.meter_table.setRowCount(len(self.meters))
        for r, m in enumerate(self.meters):
            when = f"{m.balance_at:%Y-%m-%d %H:%M}" if m.balance_at else ""
            cells = [
                m.number,
                money(m.balance),
                when,
                self.tr("yes") if m.online else self.tr("no"),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.meter_table.setItem(r, c, item)
        if self.meters:
            self.meter_table.selectRow(0)
        self.history.set_filter(RecordFilter(tenant_id=self.tenant_id))
        self.sms_view.load(self.actor, self.tenant_id)
        self._update_buttons()

    def selected_meter(self) -> MeterSummary | None:
        rows = self.meter_table.selectionModel().selectedRows()
        return self.meters[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        has = self.selected_meter() is not None
        for button in self.buttons.values():
            button.setEnabled(has)
        can = self.actor.can(Permission.ACCOUNTS)
        self.edit_button.setVisible(can)
        removable = self.card is not None and not self.card.closed and not self.meters
        self.remove_button.setVisible(can and removable)

    def edit(self) -> TenantEditDialog:
        """The edit dialog (window-modal); saving reloads this detail and the lists."""
        dialog = TenantEditDialog(self.actor, self.tenant_id, self)
        dialog.saved.connect(lambda: (self.reload(), self.changed.emit()))
        dialog.open()
        return dialog

    def ask_remove(self) -> None:
        name = self.card.name if self.card else ""
        answer = QMessageBox.question(
            self,
            self.tr("Remove tenant"),
            self.tr("Remove {name}? They hold no meter; their history is kept.").format(name=name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove()

    def remove(self) -> None:
        """Remove the tenant (deleted if nothing refers to them, else closed); off the GUI
        thread like every database write the window makes."""
        actor, tenant_id = self.actor, self.tenant_id
        self.remove_button.setEnabled(False)
        run_then(lambda: remove_tenant(actor, tenant_id), self._removed, self._not_removed, self)

    def _removed(self, _outcome: str) -> None:
        self.changed.emit()
        self.accept()

    def _not_removed(self, exc: BaseException) -> None:
        self.remove_button.setEnabled(True)
        self.remove_error.setText(error_text(exc))

    def start(self, kind: str):
        meter = self.selected_meter()
        if meter is None or not self.actor.can(PERMISSIONS.get(kind, Permission.SELL)):
            return None
        dialog = self._launch(kind, self, self.site, self.actor, meter.meter_id)
        dialog.operationFinished.connect(lambda _o: (self.reload(), self.changed.emit()))
        return dialog
