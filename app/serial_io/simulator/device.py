"""A multi-circuit device: one bus address, several circuits, each a whole SimMeter.

An Acrel ADF400L holds 12 three-phase or 36 single-phase circuits behind one
address; each circuit has its own balance, purchase count, relay and load,
so each is a ``SimMeter`` (with the device's address). The bus treats the
device like a meter: it advances, reboots and saves all of its circuits.
"""

from __future__ import annotations

from app.serial_io.meter_data import MeterIdentity
from app.serial_io.simulator.meter import SimMeter


class SimDevice:
    def __init__(
        self,
        address: int,
        identity: MeterIdentity,
        circuits: list[SimMeter],
        *,
        profile: str,
        encrypted: bool = True,
    ) -> None:
        if not 1 <= address <= 247:
            raise ValueError(f"meter address {address} is outside 1-247")
        if not circuits:
            raise ValueError("a multi-circuit device needs at least one circuit")
        if any(c.address != address for c in circuits):
            raise ValueError("every circuit of a device answers at the device's address")
        self.address = address
        self.identity = identity
        self.circuits = list(circuits)
        self.profile = profile
        self.encrypted = encrypted

    def __repr__(self) -> str:
        return f"SimDevice({self.address}, {self.identity.serial!r}, {len(self.circuits)} circuits)"

    @property
    def three_phase(self) -> bool:
        return self.identity.phases == 3

    def circuit(self, number: int) -> SimMeter:
        """Circuit ``number``, 1-based as on the wire; IndexError if there is none."""
        if not 1 <= number <= len(self.circuits):
            raise IndexError(f"device {self.address} has no circuit {number}")
        return self.circuits[number - 1]

    def set_master_key(self, master: bytes) -> None:
        """The maker's circuits use the site's Acrel key (bus.keys), not our master key."""

    def advance(self, to_time: float) -> None:
        for c in self.circuits:
            c.advance(to_time)

    def reboot(self) -> None:
        for c in self.circuits:
            c.reboot()

    def to_state(self) -> dict:
        return {"serial": self.identity.serial, "circuits": [c.to_state() for c in self.circuits]}

    def load_state(self, state: dict) -> None:
        for c, saved in zip(self.circuits, state.get("circuits", ()), strict=False):
            if saved.get("serial") == c.identity.serial:
                c.load_state(saved)
