"""Filters of the meter grid: building, bus, a set of states, and a text search.

The proxy never sorts (the source model sorts with Python keys in one pass)
and is not dynamic: a value update only passes ``dataChanged`` through.
Rows are re-filtered when a criterion changes, and after an update only if
the state filter is on and some meter's state moved across it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from app.services.meter_state import GridState
from app.ui.grid.model import MeterGridModel
from app.ui.grid.record import MeterRecord

log = logging.getLogger(__name__)


class MeterFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(False)
        self._grid: MeterGridModel | None = None
        self._building: str | None = None  # None: every building
        self._bus_id: int | None = None  # None: every bus
        self._states: frozenset[GridState] | None = None  # None: every state
        self._text = ""
        self._within: int | None = None  # days: only meters whose credit runs out within them
        self.refilters = 0  # how often rows were re-filtered (tests, bench)

    def setSourceModel(self, model: MeterGridModel) -> None:  # type: ignore[override]
        if self._grid is not None:
            self._grid.statesChanged.disconnect(self._states_changed)
        super().setSourceModel(model)
        self._grid = model
        model.statesChanged.connect(self._states_changed)

    # -- criteria --------------------------------------------------------------------
    def set_building(self, building: str | None) -> None:
        if building != self._building:
            self._building = building
            self._refilter()

    def set_bus(self, bus_id: int | None) -> None:
        if bus_id != self._bus_id:
            self._bus_id = bus_id
            self._refilter()

    def set_states(self, states: Iterable[GridState] | None) -> None:
        """None or every state: no state filter."""
        new = None if states is None else frozenset(states)
        if new is not None and new == frozenset(GridState):
            new = None
        if new != self._states:
            self._states = new
            self._refilter()

    def set_text(self, text: str) -> None:
        text = text.strip().casefold()
        if text != self._text:
            self._text = text
            self._refilter()

    def set_runs_out_within(self, days: int | None) -> None:
        """Only opened meters whose credit runs out within ``days`` (None: no such filter)."""
        if days != self._within:
            self._within = days
            self._refilter()

    def runs_out_within(self) -> int | None:
        return self._within

    def refilter_forecasts(self) -> None:
        """Use rates were refreshed: days left moved, re-filter if that filter is on."""
        if self._within is not None:
            self._refilter()

    def states(self) -> frozenset[GridState] | None:
        return self._states

    def is_filtering(self) -> bool:
        return bool(
            self._building is not None
            or self._bus_id is not None
            or self._states is not None
            or self._text
            or self._within is not None
        )

    # -- Qt interface ------------------------------------------------------------------
    def accepts(self, rec: MeterRecord) -> bool:
        row = rec.row
        if self._building is not None and row.building != self._building:
            return False
        if self._bus_id is not None and row.bus_id != self._bus_id:
            return False
        if self._states is not None and rec.state not in self._states:
            return False
        if self._within is not None:
            f = rec.forecast()
            if f is None or f.days is None or f.days > self._within:
                return False
        return not self._text or self._text in rec.search_text

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        return self._grid is not None and self.accepts(self._grid.record_at(source_row))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header clicks sort the source; this proxy keeps the source's order."""
        if self._grid is not None:
            self._grid.sort(column, order)

    def meter_ids(self) -> list[int]:
        """Meters passing the filter, in view order (batch commands on 'all shown')."""
        grid = self._grid
        if grid is None:
            return []
        return [
            grid.record_at(self.mapToSource(self.index(r, 0)).row()).meter_id
            for r in range(self.rowCount())
        ]

    # -- re-filtering ------------------------------------------------------------------
    def _refilter(self) -> None:
        self.refilters += 1
        self.beginFilterChange()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _states_changed(self, source_rows: list[int]) -> None:
        if self._states is None or self._grid is None:
            return
        grid = self._grid
        for row in source_rows:
            shown = self.mapFromSource(grid.index(row, 0)).isValid()
            if shown != self.accepts(grid.record_at(row)):
                self._refilter()
                return
