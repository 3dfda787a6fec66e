"""The durable signal that the site's hardware description changed.

Every change the settings window, the import or the scan writes bumps
``config.version`` in the same transaction; each process's bus supervisor
reads it every few seconds (one primary-key lookup) and, when it moved,
re-reads its buses (``Site.apply_config``). So a meter added in a window is
polled by the collector that owns its bus, with no restart and no other
channel between the processes than the database they already share.
"""

from __future__ import annotations

from app import settings

KEY = "config.version"


def current() -> int:
    """The stored version (0 on a site nobody changed yet)."""
    return int(settings.get(KEY))


def bump() -> int:
    """Move the version on; call inside the transaction that writes the change."""
    version = current() + 1
    settings.put(KEY, version)
    return version


class VersionWatch:
    """Remembers the version last acted on; ``moved()`` gives a newer one (None when not)."""

    def __init__(self) -> None:
        self.seen = current()

    def moved(self) -> int | None:
        now = current()
        return None if now == self.seen else now

    def acted_on(self, version: int) -> None:
        """Call once the change was applied: a failed apply is tried again next round."""
        self.seen = version
