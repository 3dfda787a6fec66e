"""The tenant list: every tenant with their meters, searchable as the cashier types.

A tenant at the counter gives a name, a shop, a phone number or reads a meter
number off the box; the search box matches any of them (and the account
number) in one go. A site has hundreds or a few thousand tenants, so the list
is loaded at once and filtered in the proxy.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.permissions import Permission
from app.services.sales_records import TenantRow, tenant_rows
from app.ui.cashier.kinds import Launch
from app.ui.records.record_exports import tenants_job
from app.ui.support.export_runner import file_name, start_export
from app.ui.support.windows import bring_to_front
from app.ui.widgets.row_table import RowTableModel, size_columns

log = logging.getLogger(__name__)

TenantIdRole = Qt.ItemDataRole.UserRole + 1
COL_ACCOUNT, COL_NAME, COL_SHOP, COL_PHONE, COL_METERS, COL_STATUS = range(6)
COLUMN_COUNT = 6


class TenantTableModel(RowTableModel):
    column_count = COLUMN_COUNT

    def __init__(self, rows: list[TenantRow] | None = None, parent=None) -> None:
        super().__init__(parent)
        self._rows = list(rows or [])
        self._headers = [
            self.tr("Account no."),
            self.tr("Name"),
            self.tr("Shop / room"),
            self.tr("Phone"),
            self.tr("Meters"),
            self.tr("Status"),
        ]

    def tenant(self, row: int) -> TenantRow | None:
        return self.row_record(row)

    def header_texts(self) -> list[str]:
        return self._headers

    def role_data(self, t: TenantRow, col: int, role: int):
        return t.tenant_id if role == TenantIdRole else None

    def display_text(self, t: TenantRow, col: int):
        if col == COL_ACCOUNT:
            return t.account_no
        if col == COL_NAME:
            return t.name
        if col == COL_SHOP:
            return t.shop
        if col == COL_PHONE:
            return t.phone
        if col == COL_METERS:
            return t.meters
        return self.tr("closed") if t.closed else self.tr("active")


SEARCH_COLUMNS = (COL_ACCOUNT, COL_NAME, COL_SHOP, COL_PHONE, COL_METERS)


class TenantFilterProxy(QSortFilterProxyModel):
    """Case-insensitive substring over name, account no, shop, phone and meter numbers."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().casefold()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        model = self.sourceModel()
        tenant = model.tenant(source_row)
        if tenant is None:
            return False
        if not self._needle:
            return True
        return any(
            self._needle in str(model.index(source_row, c).data() or "").casefold()
            for c in SEARCH_COLUMNS
        )


class TenantListWindow(QWidget):
    """Search, open the detail of a tenant, or open a new account."""

    def __init__(self, site, actor, launch: Launch, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._launch = launch  # opens the cashier dialogs (app.ui.cashier.actions.launch)
        self.site, self.actor = site, actor
        self.details: dict[int, QWidget] = {}
        self.setWindowTitle(self.tr("Tenants"))
        self.resize(900, 600)
        self.model = TenantTableModel(parent=self)
        self.proxy = TenantFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Name, account no, shop, phone or meter no"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.proxy.set_search)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(COL_ACCOUNT, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        # account no., name, shop, phone, meters, status
        size_columns(self.view, (10, 20, 14, 14, 16, 8))
        self.view.activated.connect(lambda index: self.open_detail(index.data(TenantIdRole)))
        self.detail_button = QPushButton(self.tr("Details…"))
        self.detail_button.clicked.connect(self._detail_selected)
        self.open_button = QPushButton(self.tr("Open account…"))
        self.open_button.clicked.connect(self._open_account)
        self.open_button.setVisible(actor.can(Permission.ACCOUNTS))
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(lambda: self.export())
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.detail_button)
        box = QVBoxLayout(self)
        box.addWidget(self.search_edit)
        box.addWidget(self.view, 1)
        box.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(tenant_rows(self.actor))

    def visible_account_numbers(self) -> list[str]:
        return [self.proxy.index(r, COL_ACCOUNT).data() for r in range(self.proxy.rowCount())]

    def export(self, path: str | None = None):
        """The tenants shown (search and order as on screen) to .xlsx, off the GUI thread."""
        shown = [self.proxy.mapToSource(self.proxy.index(r, 0)).row()
                 for r in range(self.proxy.rowCount())]  # fmt: skip
        rows = [self.model.tenant(r) for r in shown]
        job = tenants_job(self.actor, rows, self.windowTitle(), self.model.header_texts(),
                          [self.search_edit.text().strip()])  # fmt: skip
        return start_export(self, self.tr("Export tenants"), file_name("tenants"), job, path)

    def _detail_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self.open_detail(rows[0].data(TenantIdRole))

    def open_detail(self, tenant_id: int | None):
        from app.ui.records.tenant_detail import TenantDetailDialog

        if tenant_id is None:
            return None
        dialog = self.details.get(tenant_id)
        if dialog is None:
            dialog = TenantDetailDialog(self.site, self.actor, tenant_id, self._launch, self)
            dialog.finished.connect(lambda _r, t=tenant_id: self.details.pop(t, None))
            dialog.changed.connect(self.reload)
            self.details[tenant_id] = dialog
        bring_to_front(dialog)
        return dialog

    def _open_account(self):
        dialog = self._launch("open", self, self.site, self.actor)
        dialog.operationFinished.connect(lambda _o: self.reload())
        return dialog
