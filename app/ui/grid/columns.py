"""The meter grid's columns: numbering, custom roles, sort keys and cell texts.

Both the item model and the delegates need these (the table delegate paints
cell text straight from ``display_text`` without going through ``data()``),
so they live apart from the model's live-update machinery.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from app.services.grid_data import natural_key
from app.ui.grid.record import SEVERITY, MeterRecord, address_text, comm_failures
from app.ui.support import colors
from app.ui.support.formatting import clock_time, kw, kwh, yuan

(
    COL_NUMBER,
    COL_TENANT,
    COL_BUILDING,
    COL_BUS,
    COL_ADDRESS,
    COL_STATE,
    COL_BALANCE,
    COL_ENERGY,
    COL_POWER,
    COL_RELAY,
    COL_UPDATED,
    COL_COMM,
) = range(12)
COLUMN_COUNT = 12

StateRole = Qt.ItemDataRole.UserRole + 1  # GridState
MeterIdRole = Qt.ItemDataRole.UserRole + 2  # int
MarksRole = Qt.ItemDataRole.UserRole + 3  # frozenset[Mark]
SortRole = Qt.ItemDataRole.UserRole + 4  # a Python sort key for the column
RecordRole = Qt.ItemDataRole.UserRole + 5  # the MeterRecord (delegates paint from it)

VOLATILE_COLUMNS = frozenset(
    {COL_STATE, COL_BALANCE, COL_ENERGY, COL_POWER, COL_RELAY, COL_UPDATED, COL_COMM}
)
NUMERIC_COLUMNS = frozenset({COL_ADDRESS, COL_BALANCE, COL_ENERGY, COL_POWER})


def _status_key(attr: str) -> Callable[[MeterRecord], tuple]:
    def key(rec: MeterRecord) -> tuple:
        return (0, getattr(rec.status, attr)) if rec.status is not None else (1, 0)

    return key


_balance_key = _status_key("balance")

SORT_KEYS: dict[int, Callable[[MeterRecord], object]] = {
    COL_NUMBER: lambda r: r.number_key,
    COL_TENANT: lambda r: (r.row.tenant is None, (r.row.tenant or "").casefold()),
    COL_BUILDING: lambda r: natural_key(r.row.building or ""),
    COL_BUS: lambda r: natural_key(r.row.bus_name),
    COL_ADDRESS: lambda r: (r.row.bus_id, r.row.address, r.row.circuit),
    COL_STATE: lambda r: SEVERITY[r.state],
    # metering-only meters (no balance) after every prepaid one
    COL_BALANCE: lambda r: _balance_key(r) if r.prepaid else (2, 0),
    COL_ENERGY: _status_key("energy_total"),
    COL_POWER: _status_key("power"),
    COL_RELAY: lambda r: r.relay_text(),
    COL_UPDATED: lambda r: r.updated_at if r.updated_at is not None else -1.0,
    COL_COMM: lambda r: comm_failures(r.stats),
}


def display_text(rec: MeterRecord, col: int) -> str:
    """A cell's text; the table delegate calls it directly, without ``data()``."""
    row, st = rec.row, rec.status
    if col == COL_NUMBER:
        return row.number
    if col == COL_TENANT:
        return row.tenant or ""
    if col == COL_BUILDING:
        return row.building or ""
    if col == COL_BUS:
        return row.bus_name
    if col == COL_ADDRESS:
        return address_text(row)
    if col == COL_STATE:
        return colors.state_label(rec.state)
    if col == COL_BALANCE:
        return rec.balance_text(yuan)
    if col == COL_ENERGY:
        return kwh(st.energy_total) if st is not None else ""
    if col == COL_POWER:
        return kw(st.power) if st is not None else ""
    if col == COL_RELAY:
        return rec.relay_text()
    if col == COL_UPDATED:
        return clock_time(rec.updated_at)
    if col == COL_COMM:
        return rec.comm_text()
    return ""
