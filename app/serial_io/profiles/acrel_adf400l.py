"""Acrel ADF400L / ADF300L multi-circuit meters: several prepaid meters behind one address.

Each circuit is one meter on the grid (same address, its own circuit
number, 1-based). Reads use the DDSY1352 layout at a per-circuit base and
stride (acrel_frames, our choice: the sources do not publish the map), so
status decoding and its inferences are those of ``acrel_ddsy1352``. Writes
go through vendor function 0x20 with a sub-function and one enciphered
8-byte block (docs/profiles.md): 01 purchase (absolute money + purchase
count, confirmed by billing through the count), 02 alarms, 04 overload
(both confirmed by reading the parameters back), 05 forced on/off
(confirmed by the status read back).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from app.errors import (
    DAMAGED_MISMATCH,
    QT_TRANSLATE_NOOP,
    BadFrame,
    ConfigError,
    MeterRejected,
)
from app.serial_io.commands import RelayCommand
from app.serial_io.meter_data import MeterIdentity, MeterParams, MeterStatus
from app.serial_io.profiles import acrel_frames as frames
from app.serial_io.profiles.acrel_cipher import encipher
from app.serial_io.profiles.acrel_ddsy1352 import (
    RELAY_PAIRS,
    AcrelProfile,
    check_amount,
    decode_params,
    decode_status,
    held_params,
    need_key,
    new_money,
    params_money,
    relay_shown,
)
from app.serial_io.profiles.base import (
    RELAY_NEEDS,
    Capability,
    RegisterBus,
    target,
)

NEED_CIRCUIT = QT_TRANSLATE_NOOP(
    "Errors",
    "meter {address} is a multi-circuit meter: give its circuit number (1 to {last})",
)


@dataclass(frozen=True)
class DeviceIdentity(MeterIdentity):
    """A multi-circuit device: the identity fields plus how many circuits it has."""

    circuits: int = 0


def circuit_count(bus: RegisterBus, address: int) -> int:
    """How many circuits the device at ``address`` has (register 0x0201)."""
    (count,) = bus.read_registers(address, frames.DEVICE_ADDRESS + 1, 1)
    return count


class AcrelAdf400lProfile(AcrelProfile):
    """Acrel ADF400L / ADF300L: up to 12 three-phase or 36 single-phase circuits."""

    name = "acrel-adf400l"
    title = QT_TRANSLATE_NOOP("Profile", "Acrel ADF400L / ADF300L multi-circuit")
    capabilities = frozenset(
        {
            Capability.MONEY,
            Capability.REFUND,
            Capability.RELAY,
            Capability.ALARMS,
            Capability.OVERLOAD,
            Capability.CIRCUITS,
        }
    )
    model_codes = frozenset(frames.ADF_MODELS)
    model_register = frames.DEVICE_ADDRESS
    max_circuits = frames.MAX_CIRCUITS

    def result_template(self, code: int) -> tuple[str, dict[str, object]]:
        return frames.result_template(frames.F20_RESULTS, code)

    def circuit_count(self, bus: RegisterBus, address: int) -> int:
        return circuit_count(bus, address)

    def circuit(self, ref) -> tuple[int, int]:
        """(address, circuit) of a reference; a circuit outside 1..36 is a ConfigError."""
        ref = target(ref)
        if not 1 <= ref.circuit <= self.max_circuits:
            raise ConfigError(NEED_CIRCUIT, address=ref.address, last=self.max_circuits)
        return ref.address, ref.circuit

    # ---- reads ----
    def read_status(self, bus: RegisterBus, ref) -> MeterStatus:
        address, c = self.circuit(ref)
        start = frames.circuit_status_address(c)
        return decode_status(bus.read_registers(address, start, frames.STATUS_COUNT))

    def read_identity(self, bus: RegisterBus, ref) -> DeviceIdentity:
        """The device: model, phases (0x0202), circuits (0x0201); no public meter number."""
        model, circuits, three_phase = bus.read_registers(
            target(ref).address, frames.DEVICE_ADDRESS, frames.DEVICE_COUNT
        )
        return DeviceIdentity("", model=model, phases=3 if three_phase else 1, circuits=circuits)

    def read_params(self, bus: RegisterBus, ref) -> MeterParams:
        self.require(Capability.ALARMS)
        address, c = self.circuit(ref)
        return decode_params(self._params_registers(bus, address, c))

    def _params_registers(self, bus: RegisterBus, address: int, c: int) -> list[int]:
        start = frames.circuit_params_address(c)
        return list(bus.read_registers(address, start, frames.PARAMS_COUNT))

    def raw_blocks(self, bus: RegisterBus, ref) -> dict[str, list[int]]:
        address = target(ref).address
        blocks = {
            f"0x{frames.DEVICE_ADDRESS:04X}": bus.read_registers(
                address, frames.DEVICE_ADDRESS, frames.DEVICE_COUNT
            )
        }
        if target(ref).circuit:
            address, c = self.circuit(ref)
            for start, count in (
                (frames.circuit_status_address(c), frames.STATUS_COUNT),
                (frames.circuit_params_address(c), frames.PARAMS_COUNT),
            ):
                blocks[f"0x{start:04X}"] = bus.read_registers(address, start, count)
        return blocks

    # ---- vendor function 0x20 ----
    def send(self, bus: RegisterBus, ref, keys, sub: int, block: bytes) -> None:
        """One 0x20 command for the circuit of ``ref``; a result other than 0 is MeterRejected.

        An exception answer (unknown sub-function, malformed request) stays a
        ``MeterException``: it is the framing's refusal, not the meter's result.
        """
        address, c = self.circuit(ref)
        data = encipher(need_key(keys), block)
        payload = bytes((sub, c, len(data))) + data
        answer = bus.transact(address, frames.FUNC_CIRCUIT, payload, frames.f20_answer_length)
        if len(answer) != 3 or answer[0] != sub or answer[1] != c:
            raise BadFrame(DAMAGED_MISMATCH, address)
        if answer[2]:
            template, params = self.result_template(answer[2])
            raise MeterRejected(answer[2], address, template, params)

    # ---- money ----
    def credit(self, bus, ref, keys, amount_fen: int, next_count: int, fresh: MeterStatus):
        self.require(Capability.MONEY)
        self._purchase(bus, ref, keys, amount_fen, next_count, refund=False)

    def refund(self, bus, ref, keys, amount_fen: int, next_count: int, fresh: MeterStatus):
        self.require(Capability.REFUND)
        self._purchase(bus, ref, keys, amount_fen, next_count, refund=True)

    def _purchase(self, bus, ref, keys, amount_fen, next_count, refund: bool) -> None:
        """Sub 01: the new absolute money (money read + or - amount) and the new count."""
        check_amount(amount_fen)
        need_key(keys)
        address, c = self.circuit(ref)
        money = params_money(self._params_registers(bus, address, c))
        block = struct.pack(">IHH", new_money(money, amount_fen, refund), next_count & 0xFFFF, 0)
        self.send(bus, ref, keys, frames.SUB_PURCHASE, block)

    # ---- verified commands ----
    def relay(self, bus, ref, keys, command: RelayCommand, fresh: MeterStatus) -> MeterStatus:
        """Sub 05 (force, trip), then the circuit's status read back must show it."""
        self.require(RELAY_NEEDS[command])
        pair = RELAY_PAIRS[command]
        self.send(bus, ref, keys, frames.SUB_FORCE, bytes(pair) + bytes(6))
        after = self.read_status(bus, ref)
        shown = relay_shown(command, after)
        if shown is None:  # the status cannot tell: the pair itself must read back
            address, c = self.circuit(ref)
            regs = self._params_registers(bus, address, c)
            shown = tuple(regs[frames.PARAM_RELAY : frames.PARAM_RELAY + 2]) == pair
        self.confirm(shown, ref, command.name)
        return after

    def write_params(self, bus, ref, keys, params: MeterParams, fresh: MeterStatus) -> MeterParams:
        """Sub 02 (alarms) and sub 04 (overload); the parameters read back.

        Prices are not downloaded (no TARIFF): the check takes them as read.
        The overload is kept in a 16-bit register, so more than 65535 W is
        refused before sending.
        """
        self.require(Capability.ALARMS)
        self.require(Capability.OVERLOAD)
        if not 0 <= params.overload_w <= 0xFFFF:
            raise ValueError(f"overload {params.overload_w} W does not fit the meter (0..65535)")
        need_key(keys)
        self.send(
            bus,
            ref,
            keys,
            frames.SUB_PREPAID_SETTINGS,
            struct.pack(">II", params.alarm1, params.alarm2),
        )
        self.send(
            bus, ref, keys, frames.SUB_OVERLOAD, struct.pack(">I", params.overload_w) + bytes(4)
        )
        got = self.read_params(bus, ref)
        return self.confirm_params(held_params(params, got, prices=False, overload=True), got, ref)


ACREL_ADF400L = AcrelAdf400lProfile()
