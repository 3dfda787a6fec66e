"""What one day's load costs under a tariff, to the fen, as the meter itself would charge it.

The arithmetic is the simulated meter's (``app/serial_io/simulator/meter.py``),
which is the reference: the day is cut where the load may change (every
five-minute load slot) and where a rate segment starts; in each piece the
power is constant, energy accrues in watt-milliseconds and is counted in
whole 0.01 kWh units; every unit costs the price of its rate plus the ladder
adder in force for the month's energy so far, split exactly where a ladder
step is crossed; the cost is kept in 1e-4 fen and only whole fen are taken.
A test runs the simulator over the same day with the same parameters and
expects exactly the same fen.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from app.errors import QT_TRANSLATE_NOOP, InvalidField
from app.serial_io.meter_data import MeterParams
from app.serial_io.simulator.load import SLOT_S, LoadProfile

UNIT_WMS = 36_000_000  # watt-milliseconds in 0.01 kWh (as the simulated meter)
RESIDUE_PER_FEN = 10_000  # 0.01 kWh at 0.0001 yuan/kWh is 1e-4 fen
DAY_MS = 86_400_000
QUARTERS = 96
QUARTER_MS = 900_000

BAD_HOURLY = QT_TRANSLATE_NOOP(
    "Errors", "Hour {hour}: {text} is not an amount of kWh (0 or more, at most 3 decimals)"
)
BAD_MONTH_USED = QT_TRANSLATE_NOOP(
    "Errors", "Used this month: {text} is not an amount of kWh (0 or more, at most 2 decimals)"
)
HOURLY_COUNT = QT_TRANSLATE_NOOP("Errors", "Give 24 hourly amounts of kWh (there are {count})")


@dataclass(frozen=True)
class CostPreview:
    """One day under a tariff: energy (0.01 kWh) and cost (fen) per rate, and the totals.

    ``cost`` per rate shares ``total_fen`` out by the exact part each rate
    caused (largest remainder), so the four add up to the total shown.
    ``month_energy_after`` tells whether a ladder step was crossed.
    """

    energy: tuple[int, int, int, int]
    cost: tuple[int, int, int, int]
    total_energy: int
    total_fen: int
    month_energy_after: int


def quarter_hour_load(watts: Sequence[int]) -> Callable[[int], int]:
    """A load of 96 quarter-hour powers (W) as a function of the millisecond of the day."""
    if len(watts) != QUARTERS:
        raise ValueError(f"96 quarter-hour powers are needed, not {len(watts)}")
    values = [int(w) for w in watts]
    return lambda ms: values[ms // QUARTER_MS]


def hourly_kwh(texts: Sequence[str]) -> list[int]:
    """24 typed amounts of kWh per hour as 96 quarter-hour powers in W (constant in the hour)."""
    if len(texts) != 24:
        raise InvalidField("hourly", HOURLY_COUNT, count=len(texts))
    watts = []
    for hour, text in enumerate(texts):
        shown = str(text).strip() or "0"
        try:
            w = Decimal(shown) * 1000
        except InvalidOperation:
            raise InvalidField("hourly", BAD_HOURLY, hour=hour, text=shown) from None
        if not w.is_finite() or w < 0 or w != w.to_integral_value():
            raise InvalidField("hourly", BAD_HOURLY, hour=hour, text=shown)
        watts += [int(w)] * 4
    return watts


def month_used(text: str) -> int:
    """kWh already used this month ("1000", "12.5") as 0.01 kWh; blank is 0."""
    shown = str(text).strip() or "0"
    try:
        value = Decimal(shown) * 100
    except InvalidOperation:
        raise InvalidField("month_used", BAD_MONTH_USED, text=shown) from None
    if not value.is_finite() or value < 0 or value != value.to_integral_value():
        raise InvalidField("month_used", BAD_MONTH_USED, text=shown)
    return int(value)


def _power_source(load: LoadProfile | Sequence[int], day_start: int) -> Callable[[int], int]:
    if isinstance(load, LoadProfile):
        return lambda ms: load.power_at(day_start + ms // 1000)
    return quarter_hour_load(load)


def _boundaries(params: MeterParams) -> list[int]:
    cuts = set(range(0, DAY_MS, SLOT_S * 1000))
    cuts.update(start * 60_000 for start, _rate in params.segments)
    return [*sorted(cuts), DAY_MS]


def preview(
    params: MeterParams,
    load: LoadProfile | Sequence[int],
    day_start: int = 0,
    month_energy: int = 0,
) -> CostPreview:
    """The cost of one day from local midnight ``day_start`` (unix seconds, the meter's local
    time; a LoadProfile's weekday comes from it) with ``month_energy`` (0.01 kWh) already
    used this month before the day began."""
    power_at = _power_source(load, day_start)
    energy = [0, 0, 0, 0]
    residue = [0, 0, 0, 0]  # 1e-4 fen by rate
    acc = 0
    month = month_energy
    cuts = _boundaries(params)
    for a, b in itertools.pairwise(cuts):
        rate = params.rate_at(a // 60_000)
        acc += power_at(a) * (b - a)
        units, acc = divmod(acc, UNIT_WMS)
        while units > 0:
            chunk = units
            for threshold, _add in params.ladder:
                if month < threshold:
                    chunk = min(chunk, threshold - month)
                    break
            price = params.prices[rate] + params.ladder_adder(month)
            energy[rate] += chunk
            residue[rate] += chunk * price
            month += chunk
            units -= chunk
    total_fen = sum(residue) // RESIDUE_PER_FEN
    return CostPreview(
        tuple(energy),  # type: ignore[arg-type]
        _shares(residue, total_fen),
        sum(energy),
        total_fen,
        month,
    )


def _shares(residue: list[int], total_fen: int) -> tuple[int, int, int, int]:
    """``total_fen`` shared out by rate: whole fen each, the rest by largest remainder."""
    base = [r // RESIDUE_PER_FEN for r in residue]
    left = total_fen - sum(base)
    order = sorted(range(4), key=lambda i: residue[i] % RESIDUE_PER_FEN, reverse=True)
    for i in order[:left]:
        base[i] += 1
    return tuple(base)  # type: ignore[return-value]
