"""The grid's filter bar: building, bus, states, and a search field.

Drives a ``MeterFilterProxy``; typing is debounced so a 5,000-meter grid is
re-filtered once per pause, not once per key.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
)

from app.serial_io.events import BusConfig
from app.services.meter_state import GridState
from app.ui.grid.filter import MeterFilterProxy
from app.ui.grid.legend import swatch_pixmap
from app.ui.support import colors

SEARCH_DEBOUNCE_MS = 200


class FilterBar(QWidget):
    def __init__(self, proxy: MeterFilterProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)

        self.building = QComboBox()
        self.building.setObjectName("buildingFilter")
        self.building.setMinimumContentsLength(10)
        self.bus = QComboBox()
        self.bus.setObjectName("busFilter")
        self.bus.setMinimumContentsLength(10)

        self.states_button = QToolButton()
        self.states_button.setObjectName("stateFilter")
        self.states_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # room for the menu arrow: without it the arrow was drawn over the text
        self.states_button.setStyleSheet("QToolButton { padding-right: 16px; }")
        self.states_menu = QMenu(self.states_button)
        self.state_actions: dict[GridState, QAction] = {}
        for state in colors.LEGEND_ORDER:
            act = self.states_menu.addAction(swatch_pixmap(state), colors.state_label(state))
            act.setCheckable(True)
            act.setChecked(True)
            act.toggled.connect(self._states_toggled)
            self.state_actions[state] = act
        self.states_menu.addSeparator()
        self.states_menu.addAction(self.tr("All states"), self.show_all_states)
        self.states_menu.addAction(self.tr("Needs attention"), self.show_attention)
        self.states_button.setMenu(self.states_menu)

        self.search = QLineEdit()
        self.search.setObjectName("searchFilter")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Meter, tenant, location or address"))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.apply_search)

        self.runs_out = QCheckBox()
        self.runs_out.setObjectName("runsOutFilter")
        self.runs_out.setToolTip(self.tr("Opened meters whose credit runs out soon"))
        self.runs_out.toggled.connect(self._runs_out_toggled)
        self.warn_days = 3  # credit.warn_days, set by the window once read

        self.shown = QLabel()
        self.shown.setObjectName("shownCount")
        self.set_warn_days(self.warn_days)

        layout.addWidget(QLabel(self.tr("Building:")))
        layout.addWidget(self.building)
        layout.addWidget(QLabel(self.tr("Bus:")))
        layout.addWidget(self.bus)
        layout.addWidget(QLabel(self.tr("State:")))
        layout.addWidget(self.states_button)
        layout.addWidget(self.runs_out)
        layout.addWidget(QLabel(self.tr("Search:")))
        layout.addWidget(self.search, 1)
        layout.addWidget(self.shown)

        self.building.currentIndexChanged.connect(self._building_changed)
        self.bus.currentIndexChanged.connect(self._bus_changed)
        for signal in (
            proxy.rowsInserted,
            proxy.rowsRemoved,
            proxy.modelReset,
            proxy.layoutChanged,
        ):
            signal.connect(self._update_shown)
        self._update_states_text()
        self._update_shown()

    def set_choices(self, buildings: Iterable[str], buses: Iterable[BusConfig]) -> None:
        """Fill the combos; the current choice is kept when it still exists."""
        current_b, current_bus = self.building.currentData(), self.bus.currentData()
        for combo in (self.building, self.bus):
            combo.blockSignals(True)
            combo.clear()
        self.building.addItem(self.tr("All buildings"), None)
        for name in sorted(set(buildings)):
            self.building.addItem(name, name)
        self.bus.addItem(self.tr("All buses"), None)
        for cfg in buses:
            self.bus.addItem(cfg.name, cfg.bus_id)
        self.building.setCurrentIndex(max(0, self.building.findData(current_b)))
        self.bus.setCurrentIndex(max(0, self.bus.findData(current_bus)))
        for combo in (self.building, self.bus):
            combo.blockSignals(False)
        self._building_changed()
        self._bus_changed()

    def apply_search(self) -> None:
        self._debounce.stop()
        self.proxy.set_text(self.search.text())
        self._update_shown()

    def set_states(self, states: Iterable[GridState]) -> None:
        wanted = set(states)
        for state, act in self.state_actions.items():
            act.blockSignals(True)
            act.setChecked(state in wanted)
            act.blockSignals(False)
        self._states_toggled()

    def show_all_states(self) -> None:
        self.set_states(GridState)

    def show_attention(self) -> None:
        self.set_states({GridState.ALARM1, GridState.ALARM2, GridState.ARREARS, GridState.OFFLINE})

    def _states_toggled(self, *_args) -> None:
        checked = [s for s, a in self.state_actions.items() if a.isChecked()]
        self.proxy.set_states(checked)
        self._update_states_text()
        self._update_shown()

    def _update_states_text(self) -> None:
        states = self.proxy.states()
        if states is None:
            self.states_button.setText(self.tr("All states"))
        elif not states:
            self.states_button.setText(self.tr("No state"))
        else:
            names = [colors.state_label(s) for s in colors.LEGEND_ORDER if s in states]
            self.states_button.setText(", ".join(names))

    def set_warn_days(self, days: int) -> None:
        """The setting ``credit.warn_days``: the check box's text and, when on, the filter."""
        self.warn_days = days
        self.runs_out.setText(self.tr("Runs out within %n day(s)", "", days))
        self._runs_out_toggled(self.runs_out.isChecked())

    def _runs_out_toggled(self, on: bool) -> None:
        self.proxy.set_runs_out_within(self.warn_days if on else None)
        self._update_shown()

    def _building_changed(self, *_args) -> None:
        self.proxy.set_building(self.building.currentData())
        self._update_shown()

    def _bus_changed(self, *_args) -> None:
        self.proxy.set_bus(self.bus.currentData())
        self._update_shown()

    def _update_shown(self, *_args) -> None:
        total = self.proxy.sourceModel().rowCount() if self.proxy.sourceModel() else 0
        self.shown.setText(self.tr("{0} of {1} meters").format(self.proxy.rowCount(), total))
