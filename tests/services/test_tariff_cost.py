"""The cost preview against the simulated meter: the same day, the same fen, to the fen.

The day crosses time-of-use segment changes (one at a minute that is not a
load-slot boundary) and a ladder step; the simulator running that day with
the same parameters must take from its balance exactly what the preview says.
"""

from __future__ import annotations

import pytest

from app.errors import InvalidField
from app.serial_io.meter_data import MeterIdentity, MeterParams
from app.serial_io.simulator.load import LoadProfile
from app.serial_io.simulator.meter import SimMeter, month_start
from app.services import tariff_cost

DAY = month_start(2024, 3)  # a Friday, local midnight at offset 0
TOU = MeterParams(
    prices=(13000, 10500, 8000, 4100),
    segments=((0, 3), (487, 1), (660, 0), (780, 2), (1083, 1), (1320, 3)),
    ladder=((100_500, 1500), (101_500, 3000)),
)


class QuarterLoad:
    """A simulator load from 96 quarter-hour powers (the preview's typed profile)."""

    def __init__(self, watts):
        self.watts = watts

    def power_at(self, local_s: int) -> int:
        return self.watts[(local_s % 86400) // 900]


def _sim_day(params, load, month_energy: int) -> tuple[int, SimMeter]:
    meter = SimMeter(1, MeterIdentity("SIM000000001"), load=load, params=params,
                     balance=10_000_000, utc_offset=0)  # fmt: skip
    meter.advance(DAY)
    meter.month_energy = month_energy
    before = meter.balance
    meter.advance(DAY + 86400)
    return before - meter.balance, meter


@pytest.mark.parametrize("kind", ["shop", "office", "home"])
@pytest.mark.parametrize("month_energy", [0, 100_000, 101_000])
def test_preview_takes_exactly_what_the_simulator_takes(kind, month_energy):
    load = LoadProfile(kind=kind, base_w=350, peak_w=4200, seed=7)
    got = tariff_cost.preview(TOU, load, DAY, month_energy)
    taken, meter = _sim_day(TOU, load, month_energy)
    assert got.total_fen == taken
    assert list(got.energy) == meter.energy_rates
    assert got.month_energy_after == meter.month_energy
    assert sum(got.cost) == got.total_fen


def test_a_ladder_step_is_crossed_inside_the_day():
    load = LoadProfile(kind="shop", base_w=350, peak_w=4200, seed=7)
    got = tariff_cost.preview(TOU, load, DAY, 100_000)
    assert got.month_energy_after > 101_500 > 100_000  # both steps crossed today
    flat_only = MeterParams(prices=TOU.prices, segments=TOU.segments)
    assert got.total_fen > tariff_cost.preview(flat_only, load, DAY, 100_000).total_fen


def test_a_typed_hourly_profile_matches_the_simulator():
    hourly = ["0.5"] * 7 + ["2.25"] * 4 + ["3.125"] * 6 + ["1.2"] * 5 + ["0"] * 2
    watts = tariff_cost.hourly_kwh(hourly)
    got = tariff_cost.preview(TOU, watts, DAY, 100_400)
    taken, meter = _sim_day(TOU, QuarterLoad(watts), 100_400)
    assert got.total_fen == taken
    assert list(got.energy) == meter.energy_rates
    # 7*0.5 + 4*2.25 + 6*3.125 + 5*1.2 kWh = 37.25 kWh
    assert got.total_energy == 3725


def test_hand_computed_flat_day():
    # 1 kW all day = 24 kWh at 0.85 yuan = 20.40 yuan
    params = MeterParams(prices=(8500,) * 4)
    got = tariff_cost.preview(params, [1000] * 96)
    assert (got.total_energy, got.total_fen) == (2400, 2040)


@pytest.mark.parametrize("bad", ["-1", "abc", "0.0005"])
def test_a_bad_hourly_amount_is_refused(bad):
    with pytest.raises(InvalidField) as info:
        tariff_cost.hourly_kwh(["1"] * 23 + [bad])
    assert info.value.params["hour"] == 23
