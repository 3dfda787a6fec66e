"""What every meter profile is: capabilities, line defaults, and the operations on a bus.

A profile is one family of meters (docs/profiles.md). Operations are
high-level and *verified*: a relay command returns the status read back and
raises when the meter does not show it; a parameter download reads the
parameters back. Money commands only send: billing confirms a credit or a
refund by the purchase count (every prepaid family keeps one, and moves it by
exactly one per accepted money write), so a lost answer is settled the same
way on every family. A profile that cannot do something says so through its
``capabilities``; asking anyway raises ``CannotDo`` before any frame is sent.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from app.errors import QT_TRANSLATE_NOOP, CannotDo, MeterOffline
from app.serial_io.commands import RelayCommand
from app.serial_io.events import MeterRef
from app.serial_io.meter_data import MeterIdentity, MeterParams, MeterStatus
from app.serial_io.raw_frame import AnswerLength  # re-exported for profiles


class RegisterBus(Protocol):
    """What a profile needs from the wire: function 03, function 16, and raw vendor frames."""

    def read_registers(self, address: int, start: int, count: int) -> list[int]: ...

    def write_registers(self, address: int, start: int, values: list[int]) -> None: ...

    def transact(
        self, address: int, function: int, payload: bytes, answer_length: AnswerLength
    ) -> bytes:
        """Send ``address function payload crc``; the answer's bytes between function and CRC.

        A refusal (a 5-byte exception answer) raises ``MeterException``, silence
        ``MeterOffline``, damage ``BadFrame``; sent once, never repeated.
        """
        ...


class Capability(enum.Enum):
    """What a meter family can do; the GUI and the services offer only these."""

    MONEY = "money"  # credit (a sale)
    REFUND = "refund"
    RELAY = "relay"  # trip, close (release a forced trip)
    KEEP_POWER = "keep_power"  # keep power on / restore prepaid
    PREPAID_MODE = "prepaid_mode"  # prepaid on / off
    ALARMS = "alarms"  # alarm 1 / alarm 2 download
    TARIFF = "tariff"  # prices and time segments download
    OVERLOAD = "overload"
    CLOCK = "clock"
    OPEN_ACCOUNT = "open_account"  # a protocol-level account opening (epoch)
    CIRCUITS = "circuits"  # several meters behind one address

    @property
    def title(self) -> str:
        """The marked (untranslated) words the UI shows: "this meter cannot do {what}"."""
        return _TITLES[self]


_TITLES = {
    Capability.MONEY: QT_TRANSLATE_NOOP("Capability", "prepaid sales"),
    Capability.REFUND: QT_TRANSLATE_NOOP("Capability", "refunds"),
    Capability.RELAY: QT_TRANSLATE_NOOP("Capability", "remote trip and close"),
    Capability.KEEP_POWER: QT_TRANSLATE_NOOP("Capability", "keep power on"),
    Capability.PREPAID_MODE: QT_TRANSLATE_NOOP("Capability", "prepaid mode on/off"),
    Capability.ALARMS: QT_TRANSLATE_NOOP("Capability", "alarm threshold download"),
    Capability.TARIFF: QT_TRANSLATE_NOOP("Capability", "price download"),
    Capability.OVERLOAD: QT_TRANSLATE_NOOP("Capability", "overload setting"),
    Capability.CLOCK: QT_TRANSLATE_NOOP("Capability", "clock setting"),
    Capability.OPEN_ACCOUNT: QT_TRANSLATE_NOOP("Capability", "account opening"),
    Capability.CIRCUITS: QT_TRANSLATE_NOOP("Capability", "several circuits"),
}

# Which capability each relay command needs.
RELAY_NEEDS = {
    RelayCommand.TRIP: Capability.RELAY,
    RelayCommand.CLOSE: Capability.RELAY,
    RelayCommand.KEEP_POWER_ON: Capability.KEEP_POWER,
    RelayCommand.KEEP_POWER_OFF: Capability.KEEP_POWER,
    RelayCommand.PREPAID_ON: Capability.PREPAID_MODE,
    RelayCommand.PREPAID_OFF: Capability.PREPAID_MODE,
}

CANNOT_DO = QT_TRANSLATE_NOOP("Errors", "this meter ({profile}) cannot do {what}")
NOT_CONFIRMED = QT_TRANSLATE_NOOP("Errors", "{command} was not confirmed by the meter")
PARAMS_NOT_CONFIRMED = QT_TRANSLATE_NOOP(
    "Errors", "meter {address} did not confirm the parameters (read back differs)"
)


@dataclass(frozen=True)
class LineDefaults:
    """A family's factory line settings (a new bus for it starts from these)."""

    baud: int = 9600
    parity: str = "E"
    stopbits: int = 1
    timeout_ms: int = 0  # 0: computed from baud rate and frame size
    turnaround_ms: int = 50


def target(ref: MeterRef | int) -> MeterRef:
    """A MeterRef for an operation; a bare address is a meter without serial or circuit."""
    return ref if isinstance(ref, MeterRef) else MeterRef(0, int(ref))


class MeterProfile:
    """Base of every family. Subclasses set the class attributes and override the
    operations their capabilities promise; the rest refuse with ``CannotDo``."""

    name = ""
    title = ""  # marked for translation, context "Profile"
    capabilities: frozenset[Capability] = frozenset()
    line = LineDefaults()
    model_codes: frozenset[int] = frozenset()
    max_circuits = 0  # 0: one meter per address
    # MeterStatus fields this family's status read does not hold: shown as "—" and given
    # as null by ``read``, never as an invented 0.
    unread: frozenset[str] = frozenset()

    # ---- what it can do ----
    def can(self, capability: Capability) -> bool:
        return capability in self.capabilities

    def require(self, capability: Capability) -> None:
        if capability not in self.capabilities:
            raise CannotDo(CANNOT_DO, profile=self.name, what=capability.title)

    def require_relay(self, command: RelayCommand) -> None:
        self.require(RELAY_NEEDS[command])

    @property
    def prepaid(self) -> bool:
        """A prepaid meter holds money; a metering-only one just measures."""
        return Capability.MONEY in self.capabilities

    def result_template(self, code: int) -> tuple[str, dict[str, object]]:
        """The marked sentence for the meter's refusal code (the UI translates it)."""
        from app.errors import REFUSED_WITH_CODE

        return REFUSED_WITH_CODE, {"code": code}

    # ---- keys ----
    def meter_keys(self, site_keys, serial: str) -> object:
        """What this family's frame protection needs for one meter (None: no protection)."""
        return None

    # ---- recognising the family ----
    def probe(self, bus: RegisterBus, address: int) -> int | None:
        """The model code if the meter at ``address`` is of this family, else None.

        A ``MeterException`` (the register does not exist) means "not this
        family"; silence and damage propagate (the caller decides).
        """
        return None

    def circuit_count(self, bus: RegisterBus, address: int) -> int:
        """How many circuits the device at ``address`` has (families with circuits)."""
        return 0

    # ---- reads ----
    def read_status(self, bus: RegisterBus, ref: MeterRef | int) -> MeterStatus:
        raise NotImplementedError

    def read_identity(self, bus: RegisterBus, ref: MeterRef | int) -> MeterIdentity:
        raise NotImplementedError

    def read_params(self, bus: RegisterBus, ref: MeterRef | int) -> MeterParams:
        self.require(Capability.ALARMS)
        raise NotImplementedError

    def raw_blocks(self, bus: RegisterBus, ref: MeterRef | int) -> dict[str, list[int]]:
        """The status block's raw registers by start address (``read --raw``)."""
        return {}

    # ---- money (send only; billing confirms by the purchase count) ----
    def credit(self, bus, ref, keys, amount_fen: int, next_count: int, fresh: MeterStatus):
        self.require(Capability.MONEY)
        raise NotImplementedError

    def refund(self, bus, ref, keys, amount_fen: int, next_count: int, fresh: MeterStatus):
        self.require(Capability.REFUND)
        raise NotImplementedError

    # ---- verified commands ----
    def relay(self, bus, ref, keys, command: RelayCommand, fresh: MeterStatus) -> MeterStatus:
        """Send a relay command; the status read back, in which the meter shows it."""
        self.require(RELAY_NEEDS[command])
        raise NotImplementedError

    def write_params(self, bus, ref, keys, params: MeterParams, fresh: MeterStatus) -> MeterParams:
        """Download parameters; the parameters read back (equal to ``params`` or it raised)."""
        self.require(Capability.ALARMS)
        raise NotImplementedError

    def open_account(self, bus, ref, keys, fresh: MeterStatus) -> MeterStatus:
        """Make the meter ready for a new account; the status read back.

        Families without a protocol-level opening (no ``OPEN_ACCOUNT``) only
        check that the meter is in prepaid mode and holds no money.
        """
        status = self.read_status(bus, ref)
        if not status.prepaid_mode:
            raise MeterOffline(NOT_CONFIRMED, target(ref).address, command="OPEN_ACCOUNT")
        return status

    def set_clock(self, bus, ref, keys, unix_time: int, fresh: MeterStatus) -> MeterStatus:
        self.require(Capability.CLOCK)
        raise NotImplementedError

    # ---- helpers for subclasses ----
    def confirm(self, ok: bool, ref: MeterRef | int, command: str) -> None:
        if not ok:
            raise MeterOffline(NOT_CONFIRMED, target(ref).address, command=command)

    def confirm_params(self, wanted: MeterParams, got: MeterParams, ref) -> MeterParams:
        if got != wanted:
            raise MeterOffline(PARAMS_NOT_CONFIRMED, target(ref).address)
        return got
