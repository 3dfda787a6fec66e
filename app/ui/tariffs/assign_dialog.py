"""Assign a tariff to meters: the grid's selection, a building, a bus or the whole site.

The service records the version each meter carries from now and queues the
price download as a batch; the dialog says how many were queued and how many
keep their own prices because their family has no price download.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
)

from app.models import Building, Bus
from app.services import tariffs
from app.services.permissions import Actor
from app.ui.support import colors
from app.ui.support.background import run_then
from app.ui.support.error_text import error_text

SELECTED, BUILDING, BUS, ALL = range(4)


class AssignDialog(QDialog):
    def __init__(self, actor: Actor, tariff_id: int, selected: list[int], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("assignDialog")
        self.actor = actor
        self.tariff_id = tariff_id
        self.selected = list(selected)
        self.result_value: tariffs.AssignResult | None = None
        self.setWindowTitle(self.tr("Assign tariff to meters"))
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        layout.addWidget(self.heading)
        grid = QGridLayout()
        self.choice = QButtonGroup(self)
        self.buildings = QComboBox()
        self.buses = QComboBox()
        options = (
            (SELECTED, self.tr("The meters selected in the grid (%1)").replace(
                "%1", str(len(self.selected))), None),
            (BUILDING, self.tr("All meters of the building"), self.buildings),
            (BUS, self.tr("All meters of the bus"), self.buses),
            (ALL, self.tr("All meters of the site"), None),
        )  # fmt: skip
        for row, (key, text, extra) in enumerate(options):
            radio = QRadioButton(text)
            radio.setObjectName(f"choice{key}")
            self.choice.addButton(radio, key)
            grid.addWidget(radio, row, 0)
            if extra is not None:
                grid.addWidget(extra, row, 1)
        (self.choice.button(SELECTED if self.selected else ALL)).setChecked(True)
        self.choice.button(SELECTED).setEnabled(bool(self.selected))
        layout.addLayout(grid)
        form = QFormLayout()
        self.override = QLineEdit()
        self.override.setObjectName("override")
        self.override.setPlaceholderText(self.tr("blank: the tariff's prices"))
        form.addRow(self.tr("Price override (yuan per kWh, every rate):"), self.override)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {colors.ERROR}")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Assign and download"))
        buttons.accepted.connect(self.assign)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.ok_button.setEnabled(False)  # until the tariff and the choices are read
        self.loaded = False
        run_then(lambda: _choices(tariff_id), self._show_choices, self._load_failed, self)

    def _show_choices(self, choices: tuple) -> None:
        name, version, buildings, buses = choices
        self.heading.setText(
            self.tr("Tariff %1, version %2").replace("%1", name).replace("%2", str(version))
        )
        for box, items in ((self.buildings, buildings), (self.buses, buses)):
            for item_id, item_name in items:
                box.addItem(item_name, item_id)
        self.loaded = True
        self.ok_button.setEnabled(True)

    def _load_failed(self, exc: BaseException) -> None:
        self.error.setText(error_text(exc))  # OK stays disabled: nothing to assign

    def chosen(self) -> tuple[int, int | None, int | None]:
        """Which meters: (SELECTED/BUILDING/BUS/ALL, the building's id, the bus's id)."""
        return self.choice.checkedId(), self.buildings.currentData(), self.buses.currentData()

    def assign(self) -> None:
        """Find the meters, assign and queue the download off the GUI thread (a batch for up
        to the site); nothing happens before the choices are read."""
        if not self.loaded:
            return
        actor, tariff_id, override = self.actor, self.tariff_id, self.override.text().strip()
        chosen, selected = self.chosen(), list(self.selected)

        def work() -> tariffs.AssignResult:
            meter_ids = _meter_ids(*chosen, selected)
            return tariffs.assign(actor, tariff_id, meter_ids, override or None)

        self.ok_button.setEnabled(False)
        run_then(work, self._assigned, self._failed, self)

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.error.setText(error_text(exc))

    def _assigned(self, result: tariffs.AssignResult) -> None:
        self.ok_button.setEnabled(True)
        self.result_value = result
        text = self.tr("%1 meters carry this tariff from now.").replace(
            "%1", str(len(result.queued) + len(result.cannot))
        )
        if result.batch_id is not None:
            text += "\n" + self.tr("Price download queued for %1 meters (batch %2).").replace(
                "%1", str(len(result.queued))
            ).replace("%2", str(result.batch_id))
        if result.cannot:
            text += "\n" + self.tr(
                "%1 meters keep their own prices: their family has no price download."
            ).replace("%1", str(len(result.cannot)))
        QMessageBox.information(self, self.windowTitle(), text)
        self.accept()


def _choices(tariff_id: int) -> tuple[str, int, list[tuple[int, str]], list[tuple[int, str]]]:
    """The tariff's name and newest version, the buildings and the buses (a pool thread)."""
    tariff = tariffs.find(tariff_id)
    version = tariffs.current_version(tariff_id).version
    buildings = [(b.id, b.name) for b in Building.select().order_by(Building.name)]
    buses = [(b.id, b.name) for b in Bus.select().order_by(Bus.name)]
    return tariff.name, version, buildings, buses


def _meter_ids(key: int, building: int | None, bus: int | None, selected: list[int]) -> list[int]:
    """The meters the choice names (a pool thread)."""
    if key == SELECTED:
        return selected
    if key == BUILDING:  # no building to choose: no meters (never the whole site)
        return tariffs.meters_of(building=building) if building is not None else []
    if key == BUS:
        return tariffs.meters_of(bus=bus) if bus is not None else []
    return tariffs.meters_of()
