"""The main window: the meter grid (tiles or table), legend, filters, bus status.

Other dialogs plug in through ``add_action`` (menu items and grid context
menu entries, each with the permission it needs) and the
``meter_context_menu_requested`` signal; ``apply_role`` hides what the
logged-in operator may not do. The window never waits on a bus: it only
reacts to the site's ``meterUpdated``/``busUpdated`` signals. Quit asks first,
but only while something is in flight (a dialog waiting for a meter, work in
the background); otherwise it leaves at once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.serial_io.events import BusConfig
from app.services.permissions import Actor, Permission
from app.services.site_api import SiteApi
from app.ui.grid.bus_status import BusStatusWidget, StateCountsWidget
from app.ui.grid.columns import MeterIdRole
from app.ui.grid.empty_hint import EmptyGridHint
from app.ui.grid.filter import MeterFilterProxy
from app.ui.grid.filter_bar import FilterBar
from app.ui.grid.legend import LegendWidget
from app.ui.grid.model import MeterGridModel
from app.ui.grid.views import make_table_view, make_tile_view, select_whole_rows
from app.ui.shell import db_status, next_steps
from app.ui.support import background

log = logging.getLogger(__name__)

MENU_KEYS = ("sales", "tenants", "maintenance", "reports", "system", "view")
TILES, TABLE = "tiles", "table"


@dataclass
class RegisteredAction:
    action: QAction
    permission: Permission | None
    context: bool  # also in the grid's context menu


class MainWindow(QMainWindow):
    # (meter ids under the click or selected, the menu about to show): add entries to it.
    meter_context_menu_requested = Signal(list, QMenu)
    detail_opened = Signal(int)  # meter id
    retranslated = Signal()  # the language changed and the window's own texts are set again

    def __init__(self, site: SiteApi, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site = site
        self.actor: Actor | None = None
        self.actions_registry: dict[str, RegisteredAction] = {}
        self.detail_dialogs: dict[int, QWidget] = {}
        self.quit_question: QMessageBox | None = None
        self._quit_anyway = False
        self.setWindowTitle(self.tr("Prepaid Energy Manager"))
        self.resize(1400, 860)

        self.bus_configs: list[BusConfig] = list(site.bus_configs())
        self.model = MeterGridModel(site.grid_rows(), self)
        self.proxy = MeterFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.legend = LegendWidget()
        self.filter_bar = FilterBar(self.proxy)
        self.tile_view = make_tile_view(self.proxy)
        self.table_view = make_table_view(self.proxy)
        self.selection = self.table_view.selectionModel()
        self.tile_view.setSelectionModel(self.selection)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tile_view)
        self.stack.addWidget(self.table_view)
        central = QWidget()
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.legend)
        box.addWidget(self.filter_bar)
        box.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.empty_hint = EmptyGridHint(self.model, self.stack)  # a site with no meters yet
        for signal, choice in (
            (self.empty_hint.importRequested, next_steps.IMPORT),
            (self.empty_hint.scanRequested, next_steps.SCAN),
            (self.empty_hint.addRequested, next_steps.BY_HAND),
        ):
            signal.connect(lambda c=choice: next_steps.HOOKS.run(c, self))

        self._build_menus()
        self._build_status_bar()
        self._refresh_filter_choices()
        for view in (self.tile_view, self.table_view):
            view.activated.connect(self._activated)
            view.customContextMenuRequested.connect(self._context_menu)
        self._connect_site()
        self.set_view_mode(TILES)

    # -- construction ----------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        titles = self._menu_titles()
        self.menus: dict[str, QMenu] = {k: bar.addMenu(titles[k]) for k in MENU_KEYS}
        toolbar = self.addToolBar(self.tr("Grid"))
        toolbar.setObjectName("gridToolBar")
        group = QActionGroup(self)
        self.view_actions: dict[str, QAction] = {}
        view_texts = self._view_texts()
        for mode, key in ((TILES, "Ctrl+1"), (TABLE, "Ctrl+2")):
            act = QAction(view_texts[mode], self)
            act.setCheckable(True)
            act.setShortcut(QKeySequence(key))
            act.triggered.connect(lambda _checked=False, m=mode: self.set_view_mode(m))
            group.addAction(act)
            toolbar.addAction(act)
            self.menus["view"].addAction(act)
            self.view_actions[mode] = act
        toolbar.addSeparator()
        self.detail_action = self.add_action(
            "meter.detail", self._detail_text(), "view", Permission.VIEW, context=True
        )
        self.detail_action.triggered.connect(self._detail_selected)
        toolbar.addAction(self.detail_action)
        self.toolbar = toolbar
        quit_action = self.add_action("system.quit", self._quit_text(), "system")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

    def _menu_titles(self) -> dict[str, str]:
        return {
            "sales": self.tr("&Sales"),
            "tenants": self.tr("&Tenants"),
            "maintenance": self.tr("&Maintenance"),
            "reports": self.tr("&Reports"),
            "system": self.tr("S&ystem"),
            "view": self.tr("&View"),
        }

    def _view_texts(self) -> dict[str, str]:
        return {TILES: self.tr("Tiles"), TABLE: self.tr("Table")}

    def _detail_text(self) -> str:
        return self.tr("Meter &details…")

    def _quit_text(self) -> str:
        return self.tr("&Quit")

    def retranslate(self) -> None:
        """The window's own texts in the current language (Qt's LanguageChange, issue #8).

        Menus, toolbar and view actions are set again here, the legend is made
        again, the table's column titles, filter choices and status counts are
        asked for again; whoever added actions (the session, the cashier's menus)
        listens to ``retranslated``. The filter bar's own labels are its own.
        """
        titles = self._menu_titles()
        for key, menu in self.menus.items():
            menu.setTitle(titles[key])
        self.toolbar.setWindowTitle(self.tr("Grid"))
        for mode, text in self._view_texts().items():
            self.view_actions[mode].setText(text)
        self.detail_action.setText(self._detail_text())
        self.actions_registry["system.quit"].action.setText(self._quit_text())
        if self.actor is None:
            self.setWindowTitle(self.tr("Prepaid Energy Manager"))
        columns = self.model.columnCount()
        if columns:
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        legend = LegendWidget()  # it holds nothing but texts: made again in the new language
        self.centralWidget().layout().replaceWidget(self.legend, legend)
        self.legend.deleteLater()
        self.legend = legend
        self._refresh_filter_choices()
        self._update_counts()
        self.current_view().viewport().update()
        self.retranslated.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _build_status_bar(self) -> None:
        self.bus_status = BusStatusWidget(self.bus_configs)
        self.state_counts = StateCountsWidget()
        self.statusBar().addWidget(self.bus_status, 1)
        self.statusBar().addPermanentWidget(self.state_counts)
        self.db_status = db_status.install(self)  # None on SQLite
        self.model.countsChanged.connect(self._update_counts)
        self._update_counts()

    def _connect_site(self) -> None:
        signals = getattr(self.site, "signals", None)
        if signals is None:
            log.info("site has no live signals: the grid shows stored states only")
            return
        signals.meterUpdated.connect(self.model.apply_update)
        signals.busUpdated.connect(self.bus_status.update_bus)

    def _refresh_filter_choices(self) -> None:
        buildings = {r.row.building for r in self.model.records() if r.row.building}
        self.filter_bar.set_choices(buildings, self.bus_configs)

    def reload(self) -> None:
        """Meters or buses were added, moved or removed (commissioning): reload the grid.

        The only model reset; live updates never reset it.
        """
        self.bus_configs = list(self.site.bus_configs())
        selected = self.selected_meter_ids()
        self.model.set_rows(self.site.grid_rows())
        for cfg in self.bus_configs:
            self.bus_status.ensure_bus(cfg)
        self._refresh_filter_choices()
        self.select_meters(selected)

    def refresh_accounts(self) -> None:
        """An account was opened, closed or moved: show the new tenants at once."""
        self.model.update_accounts(self.site.grid_rows())
        self.proxy.invalidate()

    # -- hook points for other dialogs ---------------------------------------------------
    def add_action(
        self,
        key: str,
        text: str,
        menu: str | None = None,
        permission: Permission | None = None,
        context: bool = False,
    ) -> QAction:
        """Register an action: in ``menu`` (a MENU_KEYS entry), and in the grid's context
        menu when ``context``; hidden by ``apply_role`` unless the role has ``permission``.
        The handler reads ``selected_meter_ids()``."""
        act = QAction(text, self)
        act.setObjectName(key)
        if menu is not None:
            self.menus[menu].addAction(act)
        self.actions_registry[key] = RegisteredAction(act, permission, context)
        if self.actor is not None:
            act.setVisible(permission is None or self.actor.can(permission))
        return act

    def apply_role(self, actor: Actor) -> None:
        """Hide what this operator may not do (the services refuse it as well)."""
        self.actor = actor
        self.empty_hint.set_can_configure(actor.can(Permission.COMMISSION))
        for reg in self.actions_registry.values():
            reg.action.setVisible(reg.permission is None or actor.can(reg.permission))
        for menu in self.menus.values():
            visible = any(a.isVisible() and not a.isSeparator() for a in menu.actions())
            menu.menuAction().setVisible(visible)

    def selected_meter_ids(self) -> list[int]:
        """Selected meters in view order (rows, whichever view selected them)."""
        rows = sorted({i.row() for i in self.selection.selectedIndexes()})
        return [self.proxy.index(r, 0).data(MeterIdRole) for r in rows]

    def select_meters(self, meter_ids: list[int]) -> None:
        self.selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for mid in meter_ids:
            row = self.model.row_of(mid)
            if row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                self.selection.select(index, flags)

    def build_context_menu(self, meter_ids: list[int]) -> QMenu:
        menu = QMenu(self)
        for reg in self.actions_registry.values():
            if reg.context and reg.action.isVisible():
                menu.addAction(reg.action)
        self.meter_context_menu_requested.emit(meter_ids, menu)
        return menu

    # -- behaviour -----------------------------------------------------------------------
    def set_view_mode(self, mode: str) -> None:
        view = self.tile_view if mode == TILES else self.table_view
        if mode == TABLE:
            select_whole_rows(self.selection)
        self.stack.setCurrentWidget(view)
        self.view_actions[mode].setChecked(True)

    def view_mode(self) -> str:
        return TILES if self.stack.currentWidget() is self.tile_view else TABLE

    def current_view(self) -> QAbstractItemView:
        return self.stack.currentWidget()

    def open_detail(self, meter_id: int) -> QWidget | None:
        """One detail dialog per meter, non-modal: a technician compares two meters."""
        from app.ui.charts.history_tab import add_history_tab
        from app.ui.meter.detail import MeterDetailDialog

        dialog = self.detail_dialogs.get(meter_id)
        if dialog is None:
            if self.model.record(meter_id) is None:
                return None
            dialog = MeterDetailDialog(self.site, self.model, meter_id, self)
            add_history_tab(dialog, self.actor)
            dialog.finished.connect(lambda _r, m=meter_id: self.detail_dialogs.pop(m, None))
            self.detail_dialogs[meter_id] = dialog
        dialog.show()
        if QGuiApplication.platformName() != "offscreen":  # it cannot raise (and warns)
            dialog.raise_()
            dialog.activateWindow()
        self.detail_opened.emit(meter_id)
        return dialog

    def _activated(self, index: QModelIndex) -> None:
        meter_id = index.data(MeterIdRole)
        if meter_id is not None:
            self.open_detail(meter_id)

    def _detail_selected(self) -> None:
        ids = self.selected_meter_ids()
        if ids:
            self.open_detail(ids[0])

    def _context_menu(self, pos: QPoint) -> None:
        view = self.current_view()
        index = view.indexAt(pos)
        if index.isValid() and not self.selection.isSelected(index):
            self.selection.select(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        ids = self.selected_meter_ids()
        if not ids:
            return
        menu = self.build_context_menu(ids)
        menu.exec(view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _update_counts(self) -> None:
        self.state_counts.set_counts(self.model.state_counts())

    def work_in_flight(self) -> list[str]:
        """What quitting now would cut off: the titles of dialogs waiting for a meter's answer
        (any window whose ``is_busy()`` says so) and background work not finished."""
        busy = [
            w.windowTitle()
            for w in QApplication.topLevelWidgets()
            if w is not self and callable(getattr(w, "is_busy", None)) and w.is_busy()
        ]
        if background.in_flight():
            busy.append(self.tr("work in the background"))
        return busy

    def _ask_to_quit(self, busy: list[str]) -> None:
        """Ask without blocking (the answers of the meters keep arriving); Yes closes again."""
        if self.quit_question is not None:
            self.quit_question.raise_()
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Quit"),
            self.tr("Still in progress: {what}.").format(what="; ".join(busy)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("quitQuestion")
        box.setInformativeText(
            self.tr(
                "Quit anyway? An operation already sent to a meter is settled automatically "
                "later: do not repeat it. Better wait until it has finished."
            )
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(self._quit_answered)
        self.quit_question = box
        box.open()

    def _quit_answered(self, _result: int) -> None:
        box, self.quit_question = self.quit_question, None
        if box is None:
            return
        answer = box.standardButton(box.clickedButton())
        box.deleteLater()
        if answer == QMessageBox.StandardButton.Yes:
            self._quit_anyway = True
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        busy = [] if self._quit_anyway else self.work_in_flight()
        if busy:
            event.ignore()
            self._ask_to_quit(busy)
            return
        for dialog in list(self.detail_dialogs.values()):
            dialog.close()
        self.model.flush()
        if self.db_status is not None:
            self.db_status.timer.stop()
        super().closeEvent(event)
