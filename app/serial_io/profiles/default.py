"""The SPEC's default meter profile: our own map, 3DES + CMAC frames, verified commands.

Every command is built from the status read in the same bus job (``fresh``):
the frame takes the account epoch and the meter clock from it
(docs/protocol.md). Non-money commands are confirmed by the command counter
(and, for an account opening, the new epoch) in the status read back.
"""

from __future__ import annotations

import struct
from dataclasses import fields

from app.errors import QT_TRANSLATE_NOOP, MeterException, MeterRejected
from app.serial_io import security
from app.serial_io.commands import Command, RelayCommand, next_counter, result_template
from app.serial_io.meter_data import (
    NO_SEGMENT,
    STATUS_FLAGS,
    MeterIdentity,
    MeterParams,
    MeterStatus,
)
from app.serial_io.profiles.base import (
    RELAY_NEEDS,
    Capability,
    LineDefaults,
    MeterProfile,
    RegisterBus,
    target,
)
from app.serial_io.registers import Block, Field, decode_block, encode_block
from app.serial_io.site_keys import as_site_keys


def _f(name: str, offset: int, kind: str) -> Field:
    return Field(name, offset, kind)


STATUS_BLOCK = Block(
    0x0000,
    40,
    (
        _f("energy_total", 0, "u32"),
        _f("energy_sharp", 2, "u32"),
        _f("energy_peak", 4, "u32"),
        _f("energy_flat", 6, "u32"),
        _f("energy_valley", 8, "u32"),
        _f("balance", 10, "s32"),
        _f("purchase_count", 12, "u16"),
        _f("total_purchased", 13, "u32"),
        _f("command_counter", 15, "u16"),
        _f("status_bits", 16, "u16"),
        _f("voltage_a", 17, "u16"),
        _f("voltage_b", 18, "u16"),
        _f("voltage_c", 19, "u16"),
        _f("current_a", 20, "u16"),
        _f("current_b", 21, "u16"),
        _f("current_c", 22, "u16"),
        _f("power", 23, "s32"),
        _f("power_factor", 25, "s16"),
        _f("frequency", 26, "u16"),
        _f("rate", 27, "u16"),
        _f("price", 28, "u32"),
        _f("clock", 30, "u32"),
        _f("last_result", 32, "u16"),
        _f("account_epoch", 33, "u16"),
    ),
)

IDENTITY_BLOCK = Block(
    0x0100,
    16,
    (
        _f("serial", 0, "ascii12"),
        _f("model", 6, "u16"),
        _f("phases", 7, "u16"),
        _f("firmware", 8, "u16"),
        _f("ct_ratio", 9, "u16"),
        _f("pt_ratio", 10, "u16"),
    ),
)

_PARAM_FIELDS = [_f(f"price{i}", 2 * i, "u32") for i in range(4)]
for _i in range(8):
    _PARAM_FIELDS += [
        _f(f"seg{_i}_start", 8 + 2 * _i, "u16"),
        _f(f"seg{_i}_rate", 9 + 2 * _i, "u16"),
    ]
for _i in range(3):
    _PARAM_FIELDS += [
        _f(f"step{_i}_kwh", 24 + 4 * _i, "u32"),
        _f(f"step{_i}_add", 26 + 4 * _i, "u32"),
    ]
_PARAM_FIELDS += [_f("alarm1", 36, "s32"), _f("alarm2", 38, "s32"), _f("overload_w", 40, "u32")]
PARAMS_BLOCK = Block(0x0200, 48, tuple(_PARAM_FIELDS))

COMMAND_ADDRESS = 0x0300
COMMAND_MAX_REGISTERS = 64

_STATUS_NAMES = [f.name for f in fields(MeterStatus)]
MODEL_CODES = frozenset({1, 3, 36})  # single-phase, three-phase, one circuit of a multi-meter


class DefaultProfile(MeterProfile):
    """The SPEC's default meter profile."""

    name = "default"
    title = QT_TRANSLATE_NOOP("Profile", "default (SPEC map)")
    capabilities = frozenset(Capability) - {Capability.CIRCUITS}
    line = LineDefaults(baud=9600, parity="E", stopbits=1)
    model_codes = MODEL_CODES
    status_block = STATUS_BLOCK
    identity_block = IDENTITY_BLOCK
    params_block = PARAMS_BLOCK
    flag_bits = STATUS_FLAGS  # bit 0 upwards

    def result_template(self, code: int) -> tuple[str, dict[str, object]]:
        return result_template(code)

    def meter_keys(self, site_keys, serial: str) -> security.MeterKeys:
        return security.derive_meter_keys(as_site_keys(site_keys).master, serial)

    def probe(self, bus: RegisterBus, address: int) -> int | None:
        try:
            ident = self.read_identity(bus, address)
        except (MeterException, ValueError):
            return None
        return ident.model if ident.model in self.model_codes else None

    # ---- codec (pure) ----
    def decode_status(self, registers: list[int]) -> MeterStatus:
        values = decode_block(self.status_block, registers)
        bits = values.pop("status_bits")
        flags = {name: bool(bits >> i & 1) for i, name in enumerate(self.flag_bits)}
        return MeterStatus(**values, **flags)

    def encode_status(self, status: MeterStatus) -> list[int]:
        values = {n: getattr(status, n) for n in _STATUS_NAMES if n not in self.flag_bits}
        values["status_bits"] = sum(
            1 << i for i, name in enumerate(self.flag_bits) if getattr(status, name)
        )
        return encode_block(self.status_block, values)

    def decode_identity(self, registers: list[int]) -> MeterIdentity:
        return MeterIdentity(**decode_block(self.identity_block, registers))

    def encode_identity(self, ident: MeterIdentity) -> list[int]:
        return encode_block(self.identity_block, ident.__dict__)

    def decode_params(self, registers: list[int]) -> MeterParams:
        v = decode_block(self.params_block, registers)
        segments = tuple(
            (v[f"seg{i}_start"], v[f"seg{i}_rate"])
            for i in range(8)
            if v[f"seg{i}_start"] != NO_SEGMENT
        )
        ladder = tuple(
            (v[f"step{i}_kwh"], v[f"step{i}_add"]) for i in range(3) if v[f"step{i}_kwh"]
        )
        return MeterParams(
            prices=tuple(v[f"price{i}"] for i in range(4)),
            segments=segments or ((0, 2),),
            ladder=ladder,
            alarm1=v["alarm1"],
            alarm2=v["alarm2"],
            overload_w=v["overload_w"],
        )

    def encode_params(self, params: MeterParams) -> list[int]:
        values: dict[str, int] = {f"price{i}": p for i, p in enumerate(params.prices)}
        for i in range(8):
            start, rate = params.segments[i] if i < len(params.segments) else (NO_SEGMENT, 0)
            values[f"seg{i}_start"], values[f"seg{i}_rate"] = start, rate
        for i in range(3):
            kwh, add = params.ladder[i] if i < len(params.ladder) else (0, 0)
            values[f"step{i}_kwh"], values[f"step{i}_add"] = kwh, add
        values.update(alarm1=params.alarm1, alarm2=params.alarm2, overload_w=params.overload_w)
        return encode_block(self.params_block, values)

    def params_payload(self, params: MeterParams) -> bytes:
        """The WRITE_PARAMS payload: the parameter block's first 42 registers."""
        return struct.pack(f">{42}H", *self.encode_params(params)[:42])

    def payload_params(self, payload: bytes) -> MeterParams:
        regs = list(struct.unpack(">42H", payload)) + [0] * 6
        return self.decode_params(regs)

    # ---- reads ----
    def read_status(self, bus: RegisterBus, ref) -> MeterStatus:
        b = self.status_block
        return self.decode_status(bus.read_registers(target(ref).address, b.address, b.count))

    def raw_blocks(self, bus: RegisterBus, ref) -> dict[str, list[int]]:
        b = self.status_block
        return {f"0x{b.address:04X}": bus.read_registers(target(ref).address, b.address, b.count)}

    def read_identity(self, bus: RegisterBus, ref) -> MeterIdentity:
        b = self.identity_block
        return self.decode_identity(bus.read_registers(target(ref).address, b.address, b.count))

    def read_params(self, bus: RegisterBus, ref) -> MeterParams:
        b = self.params_block
        return self.decode_params(bus.read_registers(target(ref).address, b.address, b.count))

    # ---- the protected frame ----
    def send_command(
        self,
        bus: RegisterBus,
        ref,
        keys: security.MeterKeys,
        code: Command,
        counter: int,
        fresh: MeterStatus,
        payload: bytes = b"",
    ) -> None:
        """Write one protected frame; a refusal becomes ``MeterRejected(result)``.

        ``fresh`` is the status read in the same bus job: the frame carries its
        account epoch (the next one for OPEN_ACCOUNT) and is stamped with its
        meter clock, so the time always agrees with the meter's own, however
        fast a simulator runs and however far a real meter's clock has drifted.
        """
        ref = target(ref)
        epoch = fresh.account_epoch
        if code == Command.OPEN_ACCOUNT:  # == : a plain int code counts too
            epoch = next_counter(epoch)
        frame = security.encode_frame(
            keys, int(code), counter, ref.serial, fresh.clock, payload, epoch=epoch
        )
        try:
            bus.write_registers(ref.address, COMMAND_ADDRESS, security.frame_to_registers(frame))
        except MeterException as exc:
            status = self.read_status(bus, ref)
            template, params = result_template(status.last_result)
            raise MeterRejected(status.last_result, ref.address, template, params) from exc

    def _counted(
        self, bus, ref, keys, code: Command, fresh: MeterStatus, payload=b""
    ) -> MeterStatus:
        """A non-money command confirmed by the command counter in the status read back."""
        counter = next_counter(fresh.command_counter)
        self.send_command(bus, ref, keys, code, counter, fresh, payload)
        after = self.read_status(bus, ref)
        self.confirm(after.command_counter == counter, ref, code.name)
        return after

    # ---- money ----
    def credit(self, bus, ref, keys, amount_fen: int, next_count: int, fresh: MeterStatus):
        self._money(bus, ref, keys, Command.RECHARGE, amount_fen, next_count, fresh)

    def refund(self, bus, ref, keys, amount_fen: int, next_count: int, fresh: MeterStatus):
        self._money(bus, ref, keys, Command.REFUND, amount_fen, next_count, fresh)

    def _money(self, bus, ref, keys, code, amount_fen, next_count, fresh) -> None:
        if not 0 < amount_fen <= 0xFFFFFFFF:
            raise ValueError(f"amount {amount_fen} fen is not a positive 32-bit value")
        payload = struct.pack(">I", amount_fen)
        self.send_command(bus, ref, keys, code, next_count, fresh, payload)

    # ---- verified commands ----
    def relay(self, bus, ref, keys, command: RelayCommand, fresh: MeterStatus) -> MeterStatus:
        self.require(RELAY_NEEDS[command])
        return self._counted(bus, ref, keys, command.value, fresh)

    def write_params(self, bus, ref, keys, params: MeterParams, fresh: MeterStatus) -> MeterParams:
        payload = self.params_payload(params)
        self._counted(bus, ref, keys, Command.WRITE_PARAMS, fresh, payload)
        return self.confirm_params(params, self.read_params(bus, ref), ref)

    def open_account(self, bus, ref, keys, fresh: MeterStatus) -> MeterStatus:
        """OPEN_ACCOUNT carries the next account epoch; done once the meter shows it,
        with its purchase count and balance reset."""
        after = self._counted(bus, ref, keys, Command.OPEN_ACCOUNT, fresh)
        reset = after.purchase_count == 0 and after.balance == 0
        self.confirm(after.account_epoch == next_counter(fresh.account_epoch), ref, "OPEN_ACCOUNT")
        self.confirm(reset, ref, "OPEN_ACCOUNT")
        return after

    def set_clock(self, bus, ref, keys, unix_time: int, fresh: MeterStatus) -> MeterStatus:
        payload = struct.pack(">I", unix_time)
        return self._counted(bus, ref, keys, Command.SET_CLOCK, fresh, payload)


DEFAULT = DefaultProfile()
