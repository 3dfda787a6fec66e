"""The lists the forms choose from (buildings, gateways, buses, meter families).

The window reads them off the GUI thread with its pages (``Lookups``) and the
forms fill their combo boxes from that snapshot, so opening a form never waits
for the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from app.serial_io import profiles
from app.services import site_config_rows as rows


@dataclass(frozen=True)
class Lookups:
    buildings: list = field(default_factory=list)
    gateways: list = field(default_factory=list)
    buses: list = field(default_factory=list)


def load_lookups() -> Lookups:
    """Runs on a background thread."""
    return Lookups(rows.buildings(), rows.gateways(), rows.buses())


def profile_title(name: str) -> str:
    try:
        title = profiles.get_profile(name).title
    except Exception:  # a family this program no longer knows: its name
        return name
    return QCoreApplication.translate("Profile", title) if title else name


def profile_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    for name in profiles.names():
        combo.addItem(profile_title(name), name)
    return combo


def row_combo(parent: QWidget, records, none_text: str | None) -> QComboBox:
    """A combo of named rows (data: id); ``none_text`` first, with data None, when given."""
    combo = QComboBox(parent)
    if none_text is not None:
        combo.addItem(none_text, None)
    for record in records:
        combo.addItem(record.name, record.id)
    return combo
