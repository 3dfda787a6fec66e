"""Where the cashier's dialogs plug into the main window: menu items and grid context entries.

The main window calls ``install_cashier_actions(window, site, actor)`` once
the operator has logged in; the grid's context menu gets entries that fit the
meters under the click (sell on an opened meter, open an account on unopened
ones) from ``meter_actions``. What the actor's role may not do is not offered
at all, nor what the meter's profile cannot do (no sale on a metering-only
meter: absent from the context menu, disabled with the reason in the main
menu); the services refuse both as well.
"""

from __future__ import annotations

import logging
from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.errors import CannotDo
from app.serial_io.profiles import Capability
from app.services import db_health
from app.services.meter_profiles import meters_that_can, refusal
from app.services.permissions import Actor, Permission
from app.services.sales_records import meter_summary
from app.ui.cashier import db_refusal
from app.ui.cashier.kinds import NEEDS, PERMISSIONS
from app.ui.support.error_text import error_text
from app.ui.support.windows import bring_to_front

log = logging.getLogger(__name__)


def launch(
    kind: str,
    parent: QWidget | None,
    site,
    actor: Actor,
    meter_id: int | None = None,
    sale_id: int | None = None,
    meter_ids: list[int] | None = None,
):
    """Open one of the cashier's dialogs (non-modal, deleted when closed) and return it."""
    from app.ui.cashier.close_account_dialog import CloseAccountDialog
    from app.ui.cashier.correction_dialog import CorrectionDialog
    from app.ui.cashier.open_account_dialog import OpenAccountDialog
    from app.ui.cashier.refund_dialog import RefundDialog
    from app.ui.cashier.replace_meter_dialog import ReplaceMeterDialog
    from app.ui.cashier.sale_dialog import SaleDialog

    refused = db_refusal.refuse(parent)  # the dialogs read the server as they open
    if refused is not None:
        return refused
    if kind == "sale":
        dialog = SaleDialog(site, actor, meter_id, parent)
    elif kind == "refund":
        dialog = RefundDialog(site, actor, meter_id, parent)
    elif kind == "correction":
        dialog = CorrectionDialog(site, actor, meter_id, sale_id, parent)
    elif kind == "open":
        ids = meter_ids or ([meter_id] if meter_id else [])
        dialog = OpenAccountDialog(site, actor, ids, parent)
    elif kind == "close":
        dialog = CloseAccountDialog(site, actor, meter_id, parent)
    elif kind == "replace":
        dialog = ReplaceMeterDialog(site, actor, meter_id, parent)
    else:
        raise ValueError(f"unknown dialog {kind!r}")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if kind in ("open", "close", "replace"):  # the grid shows tenants: tell it at once
        dialog.operationFinished.connect(lambda _outcome: _refresh_grids())
    dialog.show()
    return dialog


def _refresh_grids() -> None:
    """Every open meter grid (from the grid, a tenant window or the sales window)."""
    for widget in QApplication.topLevelWidgets():
        refresh = getattr(widget, "refresh_accounts", None)
        if refresh is not None and widget.isVisible():
            refresh()


def _action(parent: QObject, text: str, key: str, slot) -> QAction:
    act = QAction(text, parent)
    act.setObjectName(key)
    act.triggered.connect(lambda _checked=False: slot())
    return act


def kind_refusal(kind: str, meter_id: int) -> CannotDo | None:
    """Why this meter's profile cannot do ``kind`` (a ``CannotDo``), or None when it can."""
    return refusal(meter_id, *NEEDS[kind])


def meter_actions(parent: QWidget, site, actor: Actor, meter_ids: list[int]) -> list[QAction]:
    """Context-menu entries for the meters under the click: only those the role allows
    and the meters' profiles can do."""
    if not meter_ids or db_health.refusal() is not None:  # no money while the server is down
        return []
    summaries = [meter_summary(m) for m in meter_ids]
    window = parent.window() if isinstance(parent, QWidget) else None
    out: list[QAction] = []

    def add(kind: str, text: str, **kw) -> None:
        meter_id = kw.get("meter_id")
        if meter_id is not None and kind_refusal(kind, meter_id) is not None:
            return
        if actor.can(PERMISSIONS[kind]):
            slot = lambda: launch(kind, window, site, actor, **kw)  # noqa: E731
            out.append(_action(parent, text, f"cashier.{kind}", slot))

    if len(summaries) == 1 and summaries[0].opened:
        m = summaries[0].meter_id
        add("sale", QCoreApplication.translate("Cashier", "Sell electricity…"), meter_id=m)
        add("refund", QCoreApplication.translate("Cashier", "Refund…"), meter_id=m)
        add("correction", QCoreApplication.translate("Cashier", "Correct a sale…"), meter_id=m)
        add("close", QCoreApplication.translate("Cashier", "Close account…"), meter_id=m)
        add("replace", QCoreApplication.translate("Cashier", "Replace meter…"), meter_id=m)
    elif all(not s.opened for s in summaries):
        able = meters_that_can(Capability.MONEY, meter_ids)  # metering meters hold no account
        if able:
            add(
                "open",
                QCoreApplication.translate("Cashier", "Open account…"),
                meter_ids=[s.meter_id for s in summaries if s.meter_id in able],
            )
    return out


class CashierActions(QObject):
    """The installed menu actions; keeps the sales and tenant windows it opened alive."""

    def __init__(self, window, site, actor: Actor) -> None:
        super().__init__(window)
        self.window, self.site, self.actor = window, site, actor
        self.actions: dict[str, QAction] = {}
        self.sales_window = None
        self.tenant_window = None
        self.online_window = None
        selection = getattr(window, "selection", None)  # the grid's selection model
        if selection is not None:
            selection.selectionChanged.connect(self._selection_changed)

    def add(self, key: str, text: str, menu: str, permission: Permission, slot) -> None:
        add_action = getattr(self.window, "add_action", None)
        if add_action is not None:
            act = add_action(key, text, menu, permission)
            menus = getattr(self.window, "menus", {})
            if menu in menus:  # a disabled entry says why in its tooltip
                menus[menu].setToolTipsVisible(True)
        else:
            act = QAction(text, self.window)
            act.setObjectName(key)
        act.setVisible(self.actor.can(permission))
        act.triggered.connect(lambda _checked=False: slot())
        self.actions[key] = act

    def selection_refusal(self, kind: str) -> CannotDo | None:
        """Why ``kind`` cannot be done on the grid's selection, by the meters' profiles.

        Opening an account refuses only when no selected meter can hold one
        (the others are left out of the dialog); the rest act on the first
        selected meter. No selection: nothing to refuse (the dialog lets the
        cashier choose a meter, or says to select one).
        """
        ids = getattr(self.window, "selected_meter_ids", lambda: [])()
        if not ids or db_health.refusal() is not None:  # the entry itself then says why
            return None
        if kind == "open" and meters_that_can(Capability.MONEY, ids):
            return None
        return kind_refusal(kind, ids[0])

    def _selection_changed(self, *_args) -> None:
        self.update_enabled()

    def update_enabled(self) -> None:
        """Disable the menu entries the selected meter's profile cannot do, saying why."""
        for key, kind in MENU_KINDS.items():
            act = self.actions.get(key)
            if act is None:
                continue
            refused = self.selection_refusal(kind)
            act.setEnabled(refused is None)
            act.setToolTip(error_text(refused) if refused is not None else "")

    def selected_meter(self) -> int | None:
        ids = getattr(self.window, "selected_meter_ids", lambda: [])()
        return ids[0] if ids else None

    def on_selected(self, kind: str) -> None:
        """Refund, correct, close, replace: they need one opened meter chosen in the grid."""
        refused = db_refusal.refuse(self.window)
        if refused is not None:
            return
        meter_id = self.selected_meter()
        refused = kind_refusal(kind, meter_id) if meter_id is not None else None
        if refused is not None:  # the entry is disabled; a shortcut still gets the reason
            QMessageBox.information(self.window, self.window.windowTitle(), error_text(refused))
            return
        if meter_id is None or not meter_summary(meter_id).opened:
            QMessageBox.information(
                self.window,
                self.window.windowTitle(),
                self.tr("Select one meter with an open account in the grid first."),
            )
            return
        launch(kind, self.window, self.site, self.actor, meter_id)

    def sell(self):
        """Sell on the selected meter, or let the cashier pick one."""
        refused = db_refusal.refuse(self.window)
        if refused is not None:
            return refused
        meter_id = self.selected_meter()
        if meter_id is not None and (
            kind_refusal("sale", meter_id) is not None or not meter_summary(meter_id).opened
        ):
            meter_id = None
        return launch("sale", self.window, self.site, self.actor, meter_id)

    def open_account(self) -> None:
        refused = db_refusal.refuse(self.window)
        if refused is not None:
            return
        ids = getattr(self.window, "selected_meter_ids", lambda: [])()
        able = meters_that_can(Capability.MONEY, ids)
        free = [m for m in ids if m in able and not meter_summary(m).opened]
        launch("open", self.window, self.site, self.actor, meter_ids=free)

    def show_sales(self):
        from app.ui.records.sales_window import SalesWindow

        if self.sales_window is None:
            self.sales_window = SalesWindow(self.site, self.actor, launch, self.window)
        self.sales_window.apply_filter()
        bring_to_front(self.sales_window)
        return self.sales_window

    def show_online_orders(self):
        from app.ui.records.online_orders_window import OnlineOrdersWindow

        if self.online_window is None:
            self.online_window = OnlineOrdersWindow(self.actor, self.window)
        self.online_window.reload()
        bring_to_front(self.online_window)
        return self.online_window

    def show_tenants(self):
        from app.ui.records.tenant_list import TenantListWindow

        if self.tenant_window is None:
            self.tenant_window = TenantListWindow(self.site, self.actor, launch, self.window)
        self.tenant_window.reload()
        bring_to_front(self.tenant_window)
        return self.tenant_window

    def context_menu(self, meter_ids: list[int], menu) -> None:
        entries = meter_actions(menu, self.site, self.actor, meter_ids)
        if entries:
            menu.addSeparator()
            for act in entries:
                menu.addAction(act)


# (action key, menu text, menu, permission, CashierActions method, dialog kind passed to it)
MENU_ENTRIES = (
    ("sales.sell", QT_TRANSLATE_NOOP("CashierActions", "&Sell electricity…"), "sales",
     Permission.SELL, "sell", None),
    ("sales.refund", QT_TRANSLATE_NOOP("CashierActions", "&Refund…"), "sales",
     Permission.SELL, "on_selected", "refund"),
    ("sales.correct", QT_TRANSLATE_NOOP("CashierActions", "&Correct a sale…"), "sales",
     Permission.SELL, "on_selected", "correction"),
    ("sales.records", QT_TRANSLATE_NOOP("CashierActions", "Sales r&ecords…"), "sales",
     Permission.RECEIPTS, "show_sales", None),
    ("sales.online", QT_TRANSLATE_NOOP("CashierActions", "O&nline orders…"), "sales",
     Permission.RECEIPTS, "show_online_orders", None),
    ("tenants.list", QT_TRANSLATE_NOOP("CashierActions", "&Tenants…"), "tenants",
     Permission.ACCOUNTS, "show_tenants", None),
    ("tenants.open", QT_TRANSLATE_NOOP("CashierActions", "&Open account…"), "tenants",
     Permission.ACCOUNTS, "open_account", None),
    ("tenants.close", QT_TRANSLATE_NOOP("CashierActions", "&Close account…"), "tenants",
     Permission.ACCOUNTS, "on_selected", "close"),
    ("tenants.replace", QT_TRANSLATE_NOOP("CashierActions", "&Replace meter…"), "tenants",
     Permission.ACCOUNTS, "on_selected", "replace"),
)  # fmt: skip


# Menu entries that act on the selected meter, by the dialog kind they open (its NEEDS).
MENU_KINDS = {
    "sales.sell": "sale",
    "sales.refund": "refund",
    "sales.correct": "correction",
    "tenants.open": "open",
    "tenants.close": "close",
    "tenants.replace": "replace",
}


def install_cashier_actions(window, site, actor: Actor) -> CashierActions:
    """Menu items (Sales, Tenants) and grid context entries for the cashier's work."""
    ca = CashierActions(window, site, actor)
    for key, text, menu, permission, method, kind in MENU_ENTRIES:
        slot = getattr(ca, method)
        if kind is not None:
            slot = partial(slot, kind)
        ca.add(key, QCoreApplication.translate("CashierActions", text), menu, permission, slot)
    ca.update_enabled()
    signal = getattr(window, "meter_context_menu_requested", None)
    if signal is not None:
        signal.connect(ca.context_menu)
    return ca
