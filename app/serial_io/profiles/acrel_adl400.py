"""Acrel ADL400 multi-function meter: metering only, no prepaid, no relay.

It feeds the energy reports of meters that are not prepaid; the grid shows
it as "metering". Every money, relay or parameter operation is refused by
the base class with ``CannotDo`` before any frame is sent.

Status reads: energy (u32 at 0, 0.01 kWh), the three currents (100-102,
0.01 A) and the total active power (s32 at 362, W). One read cannot cover
0..363 (125 registers at most), and the fewest requests, two (0..102 and
362..363), would carry 98 registers nobody asked for: 196 bytes, about
204 ms at 9600 8N1, against one extra request's ~18 ms of framing plus the
meter's turnaround (5-35 ms typical). Meters also often refuse a read that
spans undocumented registers. So the status is three small reads of the
documented registers only (about 55 ms on the wire in all). If a site's
ADL400s turn out slow to answer (turnaround above ~170 ms), merge the first
two in ``STATUS_READS``.

There is no public model register: ``probe`` recognises the ADL400 by
elimination (the Acrel model register 0x0200 does not exist, energy at
0x0000 does) and reports model 0; it is probed last.
"""

from __future__ import annotations

from app.errors import QT_TRANSLATE_NOOP, MeterException
from app.serial_io.meter_data import MeterIdentity, MeterStatus
from app.serial_io.profiles import acrel_frames as frames
from app.serial_io.profiles.base import LineDefaults, MeterProfile, RegisterBus, target
from app.serial_io.registers import decode_block

STATUS_READS = (frames.ADL_ENERGY, frames.ADL_CURRENTS, frames.ADL_POWER)
MODEL_UNKNOWN = 0


class AcrelAdl400Profile(MeterProfile):
    """Acrel ADL400: energy and live values, nothing to sell."""

    name = "acrel-adl400"
    title = QT_TRANSLATE_NOOP("Profile", "Acrel ADL400 (metering only)")
    unread = frozenset(  # it reads energy, currents and powers only (PROFILES.md)
        {"energy_sharp", "energy_peak", "energy_flat", "energy_valley", "voltage_a",
         "voltage_b", "voltage_c", "power_factor", "frequency", "rate", "price", "clock",
         "balance", "purchase_count", "total_purchased", "command_counter", "account_epoch",
         "last_result", "cover_open", "key_installed", "alarm1", "alarm2", "arrears",
         "prepaid_mode", "keep_power", "forced_trip", "overload_trip"}
    )  # fmt: skip
    capabilities = frozenset()
    line = LineDefaults(baud=9600, parity="N", stopbits=1)
    model_codes = frozenset({MODEL_UNKNOWN})

    def probe(self, bus: RegisterBus, address: int) -> int | None:
        try:
            bus.read_registers(address, frames.MODEL_ADDRESS, 1)
        except MeterException:
            pass  # no Acrel model register: maybe an ADL400
        else:
            return None  # a meter with a model register is not an ADL400
        try:
            bus.read_registers(address, frames.ADL_ENERGY.address, frames.ADL_ENERGY.count)
        except MeterException:
            return None
        return MODEL_UNKNOWN

    def _blocks(self, bus: RegisterBus, ref) -> dict[str, list[int]]:
        address = target(ref).address
        return {
            f"0x{b.address:04X}": bus.read_registers(address, b.address, b.count)
            for b in STATUS_READS
        }

    def read_status(self, bus: RegisterBus, ref) -> MeterStatus:
        values: dict = {}
        for block, regs in zip(STATUS_READS, self._blocks(bus, ref).values(), strict=True):
            values.update(decode_block(block, regs))
        return MeterStatus(**values, prepaid_mode=False)

    def raw_blocks(self, bus: RegisterBus, ref) -> dict[str, list[int]]:
        return self._blocks(bus, ref)

    def read_identity(self, bus: RegisterBus, ref) -> MeterIdentity:
        """No public identity registers: a three-phase meter of unknown model and serial.

        The energy is read all the same, so an address where nothing answers
        is not given an identity.
        """
        b = frames.ADL_ENERGY
        bus.read_registers(target(ref).address, b.address, b.count)
        return MeterIdentity("", model=MODEL_UNKNOWN, phases=3)


ACREL_ADL400 = AcrelAdl400Profile()
