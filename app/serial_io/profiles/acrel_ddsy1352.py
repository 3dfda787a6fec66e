"""Acrel DDSY1352 (single-phase), DTSY1352 (three-phase) and ADF300 prepaid meters.

Register facts: PROFILES.md; wire formats: docs/profiles.md. Units match
``meter_data`` without conversion (0.1 V, 0.01 A, 0.001 kW = W, 0.001 pf,
0.01 kWh, 0.01 yuan = fen, 0.0001 yuan/kWh).

What the status block does not say, and how it is filled in (inferences):

- ``relay_open``: the L1 relay is not closed (status word high byte bit 5);
  L2/L3 and the fault bit have no field of their own.
- ``forced_trip``: the relay is open and neither arrears nor overload
  explains it, so something forced it (our trip, or the meter's own keys).
- ``keep_power``: the relay is closed while the meter is in arrears: only a
  forced close ("keep power on") does that.
- ``prepaid_mode``: always True (every meter of this family is prepaid; its
  run mode bit is not read by the poll).
- ``balance``: the money register is unsigned, so a meter in arrears shows 0
  and its arrears bit, never a negative balance.
- frequency, rate, price, clock, total purchased, command counter, last
  result, account epoch: not in the block; they stay 0.

Money: a credit or refund is a prepaid-parameter write (vendor function
0xAA) of the block just read, with money = money read +/- amount and
purchase count = ``next_count``; billing confirms it by the purchase count as
on every family. A parameter download writes the same block with the count
and the money as read: the meter treats a write that does not advance the
count as a parameter write and keeps its own money (docs/profiles.md).
"""

from __future__ import annotations

import dataclasses
import struct
from pathlib import Path

from app.errors import (
    DAMAGED_MISMATCH,
    QT_TRANSLATE_NOOP,
    BadFrame,
    ConfigError,
    InsufficientBalance,
    MeterException,
    MeterRejected,
)
from app.serial_io.commands import RelayCommand
from app.serial_io.meter_data import MeterIdentity, MeterParams, MeterStatus
from app.serial_io.profiles import acrel_frames as frames
from app.serial_io.profiles.acrel_cipher import encipher
from app.serial_io.profiles.base import (
    RELAY_NEEDS,
    Capability,
    LineDefaults,
    MeterProfile,
    RegisterBus,
    target,
)
from app.serial_io.registers import decode_block
from app.serial_io.site_keys import as_site_keys, vendor_key_file

NO_SITE_KEY = QT_TRANSLATE_NOOP(
    "Errors",
    "the Acrel site key ({file}) is missing from the data folder: "
    "writes to Acrel meters are enciphered with it",
)

# The block read in the money job holds less than the status read before it (energy used
# between the two reads): nothing is sent and billing settles the entry as failed.
REFUND_ABOVE_MONEY = QT_TRANSLATE_NOOP(
    "Errors", "the refund of {amount} yuan is more than the {money} yuan the meter holds now"
)


def _yuan(fen: int) -> str:
    """Fen as yuan text with two decimals, exact (integer arithmetic)."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


KEY_FILE = vendor_key_file(Path("master.key"), frames.VENDOR_FAMILY).name  # acrel.key

# (force, trip) written at 0x0057 for each relay command.
RELAY_PAIRS = {
    RelayCommand.TRIP: (1, 1),
    RelayCommand.CLOSE: (0, 0),
    RelayCommand.KEEP_POWER_ON: (1, 0),
    RelayCommand.KEEP_POWER_OFF: (0, 0),
}
_MONEY_MAX = 0xFFFFFFFF


# ---- codec shared with the multi-circuit family (pure) ----
def decode_status(registers: list[int]) -> MeterStatus:
    """The 48-register status block to a MeterStatus (inferences: module docstring)."""
    v = decode_block(frames.STATUS_BLOCK, registers)
    word = v.pop("status_word")
    for name in ("model", "pt_ratio", "ct_ratio"):
        del v[name]
    relay_open = not word & frames.BIT_L1_CLOSED
    arrears = bool(word & frames.BIT_ARREARS)
    overload = bool(word & frames.BIT_OVERLOAD)
    return MeterStatus(
        **v,
        relay_open=relay_open,
        prepaid_mode=True,
        keep_power=not relay_open and arrears,
        forced_trip=relay_open and not arrears and not overload,
        alarm1=bool(word & frames.BIT_ALARM1),
        alarm2=bool(word & frames.BIT_ALARM2),
        arrears=arrears,
        overload_trip=overload,
    )


def decode_params(registers: list[int]) -> MeterParams:
    """The 28-register prepaid block to MeterParams (time segments and ladder: defaults)."""
    v = decode_block(frames.PARAMS_BLOCK, registers)
    return MeterParams(
        prices=tuple(v[f"price{i}"] for i in range(4)),
        alarm1=v["alarm1"],
        alarm2=v["alarm2"],
        overload_w=v["power_limit"],
    )


def u32(value: int) -> int:
    """``value`` if it fits an unsigned 32-bit register pair, else ValueError."""
    if not 0 <= value <= 0xFFFFFFFF:
        raise ValueError(f"{value} does not fit in 32 bits")
    return value


def put_u32(registers: list[int], offset: int, value: int) -> None:
    """A u32, high word first, into a register list (refuses what does not fit)."""
    u32(value)
    registers[offset], registers[offset + 1] = value >> 16, value & 0xFFFF


def check_amount(amount_fen: int) -> None:
    """A money amount must be positive and fit 32 bits (checked before any traffic)."""
    if not 0 < amount_fen <= _MONEY_MAX:
        raise ValueError(f"amount {amount_fen} fen is not a positive 32-bit value")


def params_money(registers: list[int]) -> int:
    """The remaining money (fen) of a prepaid parameter block."""
    o = frames.PARAM_MONEY
    return (registers[o] << 16) | registers[o + 1]


def new_money(money: int, amount_fen: int, refund: bool) -> int:
    """The absolute money to write; ValueError for a bad amount, InsufficientBalance for a
    refund above the money (sent nothing: billing settles its entry as failed)."""
    check_amount(amount_fen)
    if refund:
        if amount_fen > money:
            raise InsufficientBalance(
                REFUND_ABOVE_MONEY, amount=_yuan(amount_fen), money=_yuan(money)
            )
        return money - amount_fen
    if money + amount_fen > _MONEY_MAX:
        raise ValueError(f"{money} + {amount_fen} fen does not fit the meter's money register")
    return money + amount_fen


def need_key(keys: bytes | None) -> bytes:
    """The site key, or the clear error that names the missing file."""
    if not keys:
        raise ConfigError(NO_SITE_KEY, file=KEY_FILE)
    return keys


def relay_shown(command: RelayCommand, status: MeterStatus) -> bool | None:
    """Whether the status read back shows ``command`` took; None when it cannot tell.

    TRIP: the relay is open. KEEP_POWER_ON (forced close): closed, unless an
    overload trip explains it (a forced close does not override the
    overload protection, we assume). CLOSE and KEEP_POWER_OFF hand the relay
    back to prepaid control: closed, unless arrears or overload explain it
    being open; then the status cannot tell (None) and the caller reads the
    (force, trip) pair back.
    """
    if command == RelayCommand.TRIP:
        return status.relay_open
    if not status.relay_open:
        return True
    explained = status.overload_trip or (status.arrears and command != RelayCommand.KEEP_POWER_ON)
    return None if explained else False


def rejected(exc: MeterException, address: int, table: dict[int, str]) -> MeterRejected:
    template, params = frames.result_template(table, exc.code)
    return MeterRejected(exc.code, address, template, params)


class AcrelProfile(MeterProfile):
    """What every Acrel family shares: the maker's line settings, its one site key, the
    model code at 0x0200 and the status fields its block does not hold."""

    unread = frames.ACREL_UNREAD
    line = LineDefaults(baud=9600, parity="N", stopbits=1)
    model_register = frames.MODEL_ADDRESS

    def meter_keys(self, site_keys, serial: str) -> bytes | None:
        """The site's Acrel key (one for every meter of the family), None if the site has none."""
        return as_site_keys(site_keys).vendor_key(frames.VENDOR_FAMILY) if site_keys else None

    def probe(self, bus: RegisterBus, address: int) -> int | None:
        try:
            (model,) = bus.read_registers(address, self.model_register, 1)
        except MeterException:
            return None
        return model if model in self.model_codes else None


class AcrelDdsyProfile(AcrelProfile):
    """Acrel DDSY1352 / DTSY1352 / ADF300 (docs/profiles.md)."""

    name = "acrel-ddsy1352"
    title = QT_TRANSLATE_NOOP("Profile", "Acrel DDSY1352 / DTSY1352 / ADF300")
    capabilities = frozenset(
        {
            Capability.MONEY,
            Capability.REFUND,
            Capability.RELAY,
            Capability.KEEP_POWER,
            Capability.ALARMS,
            Capability.TARIFF,
        }
    )
    model_codes = frozenset(frames.DDSY_MODELS)

    def result_template(self, code: int) -> tuple[str, dict[str, object]]:
        return frames.result_template(frames.AA_RESULTS, code)

    # ---- reads ----
    def read_status(self, bus: RegisterBus, ref) -> MeterStatus:
        regs = bus.read_registers(target(ref).address, frames.STATUS_ADDRESS, frames.STATUS_COUNT)
        return decode_status(regs)

    def raw_blocks(self, bus: RegisterBus, ref) -> dict[str, list[int]]:
        address = target(ref).address
        return {
            f"0x{frames.STATUS_ADDRESS:04X}": bus.read_registers(
                address, frames.STATUS_ADDRESS, frames.STATUS_COUNT
            ),
            f"0x{frames.PARAMS_ADDRESS:04X}": bus.read_registers(
                address, frames.PARAMS_ADDRESS, frames.PARAMS_COUNT
            ),
        }

    def read_identity(self, bus: RegisterBus, ref) -> MeterIdentity:
        """Model and CT/PT from the head of the status block; serial from the BCD meter number."""
        address = target(ref).address
        head = bus.read_registers(address, frames.STATUS_ADDRESS, frames.IDENTITY_COUNT)
        number = bus.read_registers(address, frames.METER_NUMBER_ADDRESS, frames.METER_NUMBER_COUNT)
        model = head[0]
        return MeterIdentity(
            serial=bcd_serial(number),
            model=model,
            phases=3 if model in frames.THREE_PHASE_MODELS else 1,
            pt_ratio=head[19],
            ct_ratio=head[20],
        )

    def read_params(self, bus: RegisterBus, ref) -> MeterParams:
        self.require(Capability.ALARMS)
        return decode_params(self._params_registers(bus, target(ref).address))

    def _params_registers(self, bus: RegisterBus, address: int) -> list[int]:
        return list(bus.read_registers(address, frames.PARAMS_ADDRESS, frames.PARAMS_COUNT))

    # ---- the prepaid parameter write (vendor function 0xAA) ----
    def write_block(self, bus: RegisterBus, address: int, keys, registers: list[int]) -> None:
        """Write the 28-register block whole; enciphered when the meter's run mode says so.

        A refusal becomes ``MeterRejected`` with this family's result texts.
        """
        (run_mode,) = bus.read_registers(address, frames.RUN_MODE_ADDRESS, 1)
        data = struct.pack(f">{frames.PARAMS_COUNT}H", *registers)
        if run_mode & frames.RUN_MODE_ENCRYPTED:
            data = encipher(need_key(keys), data)
        payload = struct.pack(">HHB", frames.PARAMS_ADDRESS, frames.PARAMS_COUNT, len(data)) + data
        try:
            answer = bus.transact(
                address, frames.FUNC_WRITE_PARAMS, payload, frames.aa_answer_length
            )
        except MeterException as exc:
            raise rejected(exc, address, frames.AA_RESULTS) from exc
        if len(answer) == 1:  # a refusal the framing passed through as an answer
            code = answer[0]
            raise MeterRejected(code, address, *frames.result_template(frames.AA_RESULTS, code))
        if answer != payload[:4]:
            raise BadFrame(DAMAGED_MISMATCH, address)

    # ---- money ----
    def credit(self, bus, ref, keys, amount_fen: int, next_count: int, fresh: MeterStatus):
        self.require(Capability.MONEY)
        self._money(bus, ref, keys, amount_fen, next_count, refund=False)

    def refund(self, bus, ref, keys, amount_fen: int, next_count: int, fresh: MeterStatus):
        self.require(Capability.REFUND)
        self._money(bus, ref, keys, amount_fen, next_count, refund=True)

    def _money(self, bus, ref, keys, amount_fen: int, next_count: int, refund: bool) -> None:
        check_amount(amount_fen)
        address = target(ref).address
        regs = self._params_registers(bus, address)
        put_u32(regs, frames.PARAM_MONEY, new_money(params_money(regs), amount_fen, refund))
        regs[frames.PARAM_COUNT] = next_count & 0xFFFF
        self.write_block(bus, address, keys, regs)

    # ---- verified commands ----
    def relay(self, bus, ref, keys, command: RelayCommand, fresh: MeterStatus) -> MeterStatus:
        """FC16 (force, trip) at 0x0057, then the status read back must show it."""
        self.require(RELAY_NEEDS[command])
        address = target(ref).address
        pair = RELAY_PAIRS[command]
        bus.write_registers(address, frames.RELAY_ADDRESS, list(pair))
        after = self.read_status(bus, ref)
        shown = relay_shown(command, after)
        if shown is None:  # the status cannot tell: the pair itself must read back
            regs = self._params_registers(bus, address)
            shown = tuple(regs[frames.PARAM_RELAY : frames.PARAM_RELAY + 2]) == pair
        self.confirm(shown, ref, command.name)
        return after

    def write_params(self, bus, ref, keys, params: MeterParams, fresh: MeterStatus) -> MeterParams:
        """Download the alarms and the four prices; the parameters read back.

        The power limit, money and count are written as read (this family has
        no OVERLOAD capability; an unchanged count makes it a parameter write).
        Time segments and the ladder are not in this block and not downloaded:
        the confirmation compares what the meter holds (prices, alarms).
        """
        self.require(Capability.ALARMS)
        self.require(Capability.TARIFF)
        address = target(ref).address
        regs = self._params_registers(bus, address)
        put_u32(regs, frames.PARAM_ALARM1, params.alarm1)
        put_u32(regs, frames.PARAM_ALARM2, params.alarm2)
        for offset, price in zip(frames.PARAM_PRICES, params.prices, strict=True):
            put_u32(regs, offset, price)
        self.write_block(bus, address, keys, regs)
        got = self.read_params(bus, ref)
        wanted = held_params(params, got)
        return self.confirm_params(wanted, got, ref)


def held_params(
    params: MeterParams, got: MeterParams, prices: bool = True, overload: bool = False
) -> MeterParams:
    """``params`` reduced to what an Acrel meter holds and was sent, for the read-back check.

    Time segments and the ladder are not in the Acrel block (defaults on both
    sides); prices and the power limit count only when they were sent.
    """
    defaults = MeterParams()
    return dataclasses.replace(
        params,
        prices=params.prices if prices else got.prices,
        segments=defaults.segments,
        ladder=defaults.ladder,
        overload_w=params.overload_w if overload else got.overload_w,
    )


def bcd_serial(registers: list[int]) -> str:
    """The BCD meter number as 12 digits (a nibble above 9 shows as a hex letter, not hidden)."""
    return "".join(f"{r:04X}" for r in registers)


ACREL_DDSY = AcrelDdsyProfile()
