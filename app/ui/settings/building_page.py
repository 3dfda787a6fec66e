"""Buildings: add, rename, remove (refused while meters use it)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from app.services import site_config
from app.services import site_config_rows as rows
from app.services.site_config import BuildingInfo
from app.ui.settings.config_page import ConfigPage
from app.ui.settings.record_dialog import RecordDialog


class BuildingPage(ConfigPage):
    def columns(self):
        return [
            (self.tr("Name"), lambda r: r.name),
            (self.tr("Address"), lambda r: r.address),
            (self.tr("Meters"), lambda r: r.meters),
        ]

    def load(self):
        return rows.buildings()

    def make_dialog(self, record) -> RecordDialog:
        title = self.tr("New building") if record is None else self.tr("Building %1")
        dialog = RecordDialog(
            title.replace("%1", record.name if record else ""), self, not self.editable
        )
        name = dialog.add_field("name", self.tr("Name"), QLineEdit(record.name if record else ""))
        dialog.add_field("address", self.tr("Address"), QLineEdit(record.address if record else ""))
        name.setFocus()
        return dialog

    def save(self, record, dialog, confirmed):
        info = BuildingInfo(dialog.field("name").text(), dialog.field("address").text())
        actor = self.actor
        if record is None:
            return lambda: site_config.add_building(actor, info)
        return lambda: site_config.update_building(actor, record.id, info)

    def remove(self, record):
        return site_config.remove_building(self.actor, record.id)
