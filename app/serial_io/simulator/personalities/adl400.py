"""Acrel ADL400: a metering-only three-phase meter (no prepaid, no relay, no writes).

From PROFILES.md: energy at register 0 (u32, 0.01 kWh), currents at 100-102
(u16, 0.01 A), active powers A, B, C, total at 356, 358, 360, 362 (s32, W).
Voltages at 97-99 (u16, 0.1 V) are our choice (the registers before the
currents); every other register answers exception 2, and so does any write.
"""

from __future__ import annotations

from app.serial_io.meter_data import MeterIdentity
from app.serial_io.simulator import rtu
from app.serial_io.simulator.load import LoadProfile
from app.serial_io.simulator.meter import SimMeter
from app.serial_io.simulator.personalities.base import Personality, read_answer, s32, u32

ENERGY = 0
VOLTAGES = 97
CURRENTS = 100
POWERS = 356
MODEL = 400  # not on the wire: the meter has no model register in PROFILES.md


def _powers(meter: SimMeter) -> list[int]:
    total = meter.power
    if meter.identity.phases != 3:
        phases = [total, 0, 0]
    else:
        third = int(total / 3)
        phases = [total - 2 * third, third, third]
    regs: list[int] = []
    for p in [*phases, total]:
        regs += s32(p)
    return regs


class Adl400Personality(Personality):
    name = "acrel-adl400"

    def spans(self, meter: SimMeter):
        def volts() -> list[int]:
            st = meter.status()
            return [st.voltage_a, st.voltage_b, st.voltage_c]

        def amps() -> list[int]:
            st = meter.status()
            return [st.current_a, st.current_b, st.current_c]

        return (
            (ENERGY, 2, lambda: u32(meter.energy_total)),
            (VOLTAGES, 3, volts),
            (CURRENTS, 3, amps),
            (POWERS, 8, lambda: _powers(meter)),
        )

    def serve(self, bus, device: SimMeter, req: rtu.Request) -> tuple[bytes, bool]:
        addr, func = device.address, req.function
        if func == rtu.READ_HOLDING:
            return read_answer(self.spans(device), addr, req), False
        if func in (0x06, rtu.WRITE_MULTIPLE):
            return rtu.exception_response(addr, func, rtu.ILLEGAL_ADDRESS), False
        return rtu.exception_response(addr, func, rtu.ILLEGAL_FUNCTION), False


def make_meter(
    address: int,
    number: str,
    *,
    phases: int = 3,
    load: LoadProfile | None = None,
    ct_ratio: int = 1,
    pt_ratio: int = 1,
    utc_offset: int | None = None,
) -> SimMeter:
    """An ADL400: out of prepaid mode, it only measures (no money ever moves)."""
    ident = MeterIdentity(serial=number, model=MODEL, phases=phases, ct_ratio=ct_ratio,
                          pt_ratio=pt_ratio)  # fmt: skip
    return SimMeter(address, ident, load=load, prepaid_mode=False, utc_offset=utc_offset,
                    profile=Adl400Personality.name, encrypted=False)  # fmt: skip
