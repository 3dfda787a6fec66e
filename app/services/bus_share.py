"""Which buses a process may own: its role on the site, and a collector's share (issue #17).

On one PC (SQLite) any process may own a bus, the window when no collection
service runs. On a PostgreSQL server only the collection services do (an operator
PC has no RS485 port), and a collector may be given a share: a second building's
PC owns, and takes over, only its own buses.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import QT_TRANSLATE_NOOP, ConfigError
from app.models import Bus
from app.paths import SitePaths


@dataclass(frozen=True)
class BusChoice:
    """A collection service's share of the buses: by name and/or by building (issue #17)."""

    buses: frozenset[str] = frozenset()
    buildings: frozenset[str] = frozenset()

    def takes(self, bus: Bus) -> bool:
        building = bus.building.name if bus.building_id else None
        return bus.name in self.buses or building in self.buildings

    def check(self) -> None:
        """Every name given must exist (a typo would leave buses nobody serves)."""
        from app.models import Building

        unknown = sorted(self.buses - {b.name for b in Bus.select(Bus.name)})
        unknown += sorted(self.buildings - {b.name for b in Building.select(Building.name)})
        if unknown:
            raise ConfigError(UNKNOWN_SHARE, names=", ".join(unknown))


UNKNOWN_SHARE = QT_TRANSLATE_NOOP("Errors", "no bus or building named {names} in this site")


def serves_buses(paths: SitePaths, role: str) -> bool:
    """May this process own buses? On one PC (SQLite) any process may, the window when no
    collection service runs. On a PostgreSQL server only the collection services do: an
    operator PC has no RS485 port (``--serve-buses`` says this PC has them)."""
    return role == "collector" or not paths.on_server
