"""What the window needs of a site: the typed interface ``Site`` and the test sites satisfy.

The window is written against this Protocol, not against ``Site``, so that the
grid, the dialogs and the benchmarks can run on a preview site with made-up
meters (tests/support/preview_site.py) and the real one alike; a test checks
that both provide every member with the same parameters.
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import Protocol, runtime_checkable

from app.serial_io.events import BusConfig


@runtime_checkable
class SiteApi(Protocol):
    @property
    def signals(self):
        """Where bus and meter updates arrive (the GUI's Qt bridge, or None)."""

    def grid_rows(self) -> list:
        """Every meter as the grid starts with it (``services.grid_data.GridRow``)."""

    def bus_configs(self) -> list[BusConfig]:
        """Every bus, for the status bar and the filters."""

    def worker_for(self, meter_id: int):
        """Where a meter's operations go: its bus worker here, or job rows to the owner."""

    def request_poll(self, meter_id: int) -> Future:
        """Poll one meter now (the meter detail's "read now")."""

    def stop(self) -> None:
        """Stop the buses this process owns and close the site."""
