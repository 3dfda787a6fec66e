"""The simulated GSM modem (issue #13): AT commands, PDUs, phones that receive and send."""

from app.serial_io.simulator.modem.device import FAULTS, SimModem
from app.serial_io.simulator.modem.server import ModemServer, order_control, read_received

__all__ = ["FAULTS", "ModemServer", "SimModem", "order_control", "read_received"]
