"""The PC's serial ports with their descriptions, plus free text (socket://host:port)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget


def serial_ports() -> list[tuple[str, str]]:
    """(device, description) of each serial port this PC has (a USB adapter names itself)."""
    try:
        from serial.tools import list_ports

        found = list_ports.comports()
    except Exception:  # no port enumeration on this system: type the name
        return []
    return [(p.device, p.description or "") for p in sorted(found, key=lambda p: p.device)]


class PortPicker(QComboBox):
    """Editable: the list offers "COM3 — USB-SERIAL CH340", the text is the port itself."""

    def __init__(self, current: str = "", parent: QWidget | None = None, ports=None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        for device, description in serial_ports() if ports is None else ports:
            label = f"{device} — {description}" if description and description != "n/a" else device
            self.addItem(label, device)
        self.activated.connect(self._picked)
        self.setCurrentIndex(-1)
        self.setEditText(current)

    def _picked(self, index: int) -> None:
        device = self.itemData(index)
        if device:
            self.setEditText(device)

    def port(self) -> str:
        text = self.currentText().strip()
        index = self.findText(text)
        if index >= 0 and self.itemData(index):
            return self.itemData(index)
        return text
