"""The DDSY1352 register blocks of one meter (or one circuit), written from PROFILES.md.

Status block (48 registers at 0x0200 on a DDSY1352, at a circuit's base on an
ADF400L) and the prepaid parameter block (28 registers, 0x0046), plus how a
written prepaid block is judged. Offsets are from each block's start.

Choices where PROFILES.md is silent: the relay bits show the phases the meter
has (L1 only on a single-phase meter); "fault" is the cover-open flag; the
arrears and alarm bits are shown in prepaid mode only; the trip and allowed
counts, base energy, clock and maximum demand read 0.
"""

from __future__ import annotations

import math
import struct
from dataclasses import replace

from app.serial_io.simulator.meter import S32_MAX, SimMeter
from app.serial_io.simulator.personalities.base import joined, s16, u32

STATUS_COUNT = 48
PREPAID_COUNT = 28

# status word (0x0224)
FAULT = 0x0100
RELAY_CLOSED = (0x2000, 0x4000, 0x8000)  # L1, L2, L3
OVERLOAD = 0x0010
ARREARS = 0x0020
ALARM1 = 0x0040
ALARM2 = 0x0080

# refusal codes of function 0xAA (docs/profiles.md)
STALE_COUNT = 0x01
UNDECIPHERED = 0x02
NOT_THE_BLOCK = 0x03


def shown_money(meter: SimMeter) -> int:
    """The money register is unsigned: a meter in arrears shows 0 (and its arrears bit)."""
    return min(max(meter.balance, 0), S32_MAX)


def status_word(meter: SimMeter) -> int:
    word = FAULT if meter.cover_open else 0
    if not meter.relay_open:
        for bit in RELAY_CLOSED[: 3 if meter.identity.phases == 3 else 1]:
            word |= bit
    if meter.overload_trip:
        word |= OVERLOAD
    if meter.prepaid_mode:
        p = meter.params
        word |= ARREARS if meter.balance <= 0 else 0
        word |= ALARM1 if meter.balance <= p.alarm1 else 0
        word |= ALARM2 if meter.balance <= p.alarm2 else 0
    return word


def _phase_split(total: int, phases: int) -> list[int]:
    if phases == 1:
        return [total, 0, 0]
    third = int(total / 3)
    return [total - 2 * third, third, third]


def _reactive(power: int, pf_milli: int) -> int:
    if pf_milli <= 0 or pf_milli >= 1000:
        return 0
    return round(power * math.sqrt(1_000_000 - pf_milli**2) / pf_milli)


def status_block(meter: SimMeter, model: int) -> list[int]:
    """The 48 registers of the status block."""
    st = meter.status()  # the meter's own measurements (volts 0.1 V, amps 0.01 A, W)
    phases = 3 if meter.identity.phases == 3 else 1
    powers = _phase_split(st.power, phases)  # W = 0.001 kW
    pfs = [st.power_factor if i < phases else 0 for i in range(3)]
    regs = [model, st.voltage_a, st.voltage_b, st.voltage_c]
    regs += [st.current_a, st.current_b, st.current_c]
    regs += [s16(p) for p in powers] + [s16(st.power)]
    q = [_reactive(p, pf) for p, pf in zip(powers, pfs, strict=True)]
    regs += [s16(v) for v in q] + [s16(sum(q))]
    regs += [s16(pf) for pf in pfs] + [s16(st.power_factor)]
    regs += [meter.identity.pt_ratio, meter.identity.ct_ratio]
    regs += u32(meter.energy_total)
    for e in meter.energy_rates:  # sharp, peak, flat, valley
        regs += u32(e)
    regs += u32(shown_money(meter))
    regs += [meter.purchase_count & 0xFFFF, 0, 0, status_word(meter), 0]
    regs += [0] * (STATUS_COUNT - len(regs))  # base energy, clock, maximum demand
    return regs


def energy_block(meter: SimMeter) -> list[int]:
    """Total, sharp, peak, flat, valley energy, u32 each (the platform plug-in's block at 0)."""
    regs = u32(meter.energy_total)
    for e in meter.energy_rates:
        regs += u32(e)
    return regs


def relay_pair(meter: SimMeter) -> list[int]:
    """(force, trip): (1, 1) forced trip, (1, 0) power kept on, (0, 0) prepaid control."""
    if meter.forced_trip:
        return [1, 1]
    return [1, 0] if meter.keep_power else [0, 0]


def apply_relay_pair(meter: SimMeter, force: int, trip: int) -> bool:
    """Set the relay from a written pair; False for a pair with no meaning."""
    if (force, trip) == (1, 1):
        meter.forced_trip, meter.keep_power = True, False
    elif (force, trip) == (1, 0):
        meter.forced_trip, meter.keep_power, meter.overload_trip = False, True, False
    elif (force, trip) == (0, 0):
        meter.forced_trip, meter.keep_power, meter.overload_trip = False, False, False
    else:
        return False
    return True


def prepaid_block(meter: SimMeter) -> list[int]:
    """The 28 registers of the prepaid parameter block."""
    p = meter.params
    regs = u32(p.alarm1) + u32(p.alarm2) + u32(0) + [0, 0]  # overdraft allowance, reserved
    regs += [meter.purchase_count & 0xFFFF] + u32(shown_money(meter)) + [0] * 4
    regs += [(1 if meter.prepaid_mode else 0) << 8, 0, *relay_pair(meter)]
    for price in p.prices:  # sharp, peak, flat, valley
        regs += u32(price)
    regs += [min(p.overload_w, 0xFFFF)]
    return regs


def judge_prepaid_write(meter: SimMeter, data: bytes) -> int | None:
    """Judge and apply a deciphered 56-byte prepaid block; None = accepted, else the code.

    Plausibility first (a block enciphered with another key deciphers to
    noise: the prepaid-control byte or the relay pair then holds values no
    meter writes), then the count rule: purchase count = stored + 1 sets the
    money (absolute); an unchanged count is a parameter write, in which the
    meter keeps its own money whatever the block carries (docs/profiles.md), so
    a replayed copy of the latest credit moves no money; any other count is
    refused.
    """
    regs = struct.unpack(">28H", data)
    alarm1, alarm2 = joined(*regs[0:2]), joined(*regs[2:4])
    count, money = regs[8], joined(*regs[9:11])
    control, relay = regs[15], regs[17:19]
    prices = tuple(joined(*regs[19 + 2 * i : 21 + 2 * i]) for i in range(4))
    if control not in (0x0000, 0x0100) or any(v > 1 for v in relay):
        return UNDECIPHERED
    if money > S32_MAX or alarm1 > S32_MAX or alarm2 > S32_MAX:
        return UNDECIPHERED
    try:
        params = replace(meter.params, alarm1=alarm1, alarm2=alarm2, prices=prices,
                         overload_w=regs[27])  # fmt: skip
    except ValueError:
        return UNDECIPHERED
    if count == (meter.purchase_count + 1) & 0xFFFF:
        bought = money - shown_money(meter)
        meter.balance = money
        meter.total_purchased = (meter.total_purchased + max(bought, 0)) & 0xFFFFFFFF
        meter.purchase_count = count
    elif count != meter.purchase_count:
        return STALE_COUNT
    meter.params = params
    meter.prepaid_mode = control == 0x0100
    return None
