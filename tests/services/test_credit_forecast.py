"""Days of credit left against figures computed by hand (TOU prices, the week's readings)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app.models import (
    Building,
    Bus,
    Meter,
    MeterState,
    MeterTariff,
    ParamSync,
    Reading,
    Tariff,
    TariffVersion,
)
from app.serial_io.meter_data import MeterStatus
from app.services import credit_forecast as cf

BOTH_DATABASES = True

NOW = dt.datetime(2026, 3, 10, 12, 0)
TOU = [15000, 12000, 8000, 4000]  # sharp 1.50, peak 1.20, flat 0.80, valley 0.40 yuan/kWh


def meter(number="M1") -> int:
    bus = Bus.get_or_none() or Bus.create(name="b", building=Building.create(name="B"), port="x")
    return Meter.create(number=number, bus=bus, address=Meter.select().count() + 1).id


def tariff(meter_id, prices=TOU, override=None, at=NOW - dt.timedelta(days=30), name="TOU"):
    t = Tariff.get_or_none(Tariff.name == name) or Tariff.create(name=name, kind="tou")
    v = TariffVersion.create(
        tariff=t, version=TariffVersion.select().count() + 1, prices_json=json.dumps(prices),
        segments_json="[[0, 3]]",
    )  # fmt: skip
    MeterTariff.create(meter=meter_id, version=v, price_override=override, assigned_at=at)


def reading(meter_id, at, sharp, peak, flat, valley, balance=0):
    Reading.create(
        meter=meter_id, taken_at=at, energy_total=sharp + peak + flat + valley,
        energy_sharp=sharp, energy_peak=peak, energy_flat=flat, energy_valley=valley,
        balance=balance, purchase_count=1, power=0, relay_open=False,
    )  # fmt: skip


def balance(meter_id, fen):
    MeterState.create(meter=meter_id, status_json=json.dumps(MeterStatus(balance=fen).to_dict()))


def week(meter_id):
    reading(meter_id, NOW - dt.timedelta(days=8), 0, 0, 0, 0)  # before the window: not used
    reading(meter_id, NOW - dt.timedelta(days=7), 0, 1000, 2000, 3000)
    reading(meter_id, NOW - dt.timedelta(days=3), 300, 1600, 2900, 4800)
    # 6 days: 6 kWh sharp, 12 peak, 18 flat, 36 valley
    reading(meter_id, NOW - dt.timedelta(days=1), 600, 2200, 3800, 6600)


def test_tou_week_gives_the_hand_computed_days(database):
    m = meter()
    tariff(m)
    week(m)
    balance(m, 4350)
    # 6 x 1.50 + 12 x 1.20 + 18 x 0.80 + 36 x 0.40 = 52.20 yuan in 6 days: 870 fen a day
    assert cf.use_rates([m], NOW)[m] == cf.UseRate(870.0)
    f = cf.forecast(m, NOW)
    assert f.days == pytest.approx(5.0)
    assert f.runs_out_at == dt.datetime(2026, 3, 15, 12, 0)
    assert f.reason is None


def test_the_same_energy_at_a_flat_override_costs_otherwise(database):
    m = meter()
    tariff(m, override=10000)  # 1.00 yuan for every rate: 72 kWh in 6 days = 1200 fen a day
    week(m)
    balance(m, 3000)
    assert cf.forecast(m, NOW).days == pytest.approx(2.5)


def test_newest_assignment_is_in_force(database):
    m = meter()
    tariff(m, prices=[1, 1, 1, 1], at=NOW - dt.timedelta(days=60), name="old")
    tariff(m, at=NOW - dt.timedelta(days=2))
    week(m)
    assert cf.use_rates([m], NOW)[m].fen_per_day == 870.0


def test_prices_the_meter_holds_when_no_tariff_was_assigned(database):
    m = meter()
    ParamSync.create(meter=m, wanted_json="{}", read_json=json.dumps({"prices": TOU}))
    week(m)
    assert cf.use_rates([m], NOW)[m].fen_per_day == 870.0
    other = meter("M2")
    week(other)
    assert cf.use_rates([other], NOW)[other].reason.template == cf.NO_PRICES


def test_a_meter_never_priced_by_the_program_goes_by_the_price_it_reports(database):
    """A site taken over (or the demo): no tariff assigned, no parameters read back; the
    meter's own current price stands for every rate (72 kWh in 6 days at 0.80 = 960 fen)."""
    m = meter()
    week(m)
    MeterState.create(
        meter=m, status_json=json.dumps(MeterStatus(balance=4800, price=8000).to_dict())
    )
    assert cf.use_rates([m], NOW)[m].fen_per_day == 960.0
    assert cf.forecast(m, NOW).days == pytest.approx(5.0)


@pytest.mark.parametrize(
    "history",
    [
        [],  # never read
        [(NOW - dt.timedelta(hours=5), (0, 0, 0, 0))],  # one reading
        [(NOW - dt.timedelta(hours=20), (0, 0, 0, 0)), (NOW, (10, 10, 10, 10))],  # < a day
        [(NOW - dt.timedelta(days=5), (900, 0, 0, 0)), (NOW, (10, 10, 10, 10))],  # went back
    ],
)
def test_too_little_history_says_so(database, history):
    m = meter()
    tariff(m)
    for at, energy in history:
        reading(m, at, *energy)
    balance(m, 5000)
    f = cf.forecast(m, NOW)
    assert (f.days, f.runs_out_at, f.reason.template) == (None, None, cf.TOO_LITTLE_HISTORY)


def test_arrears_no_use_and_unknown_balance(database):
    rate = cf.UseRate(870.0)
    assert cf.days_left(-5, rate, NOW) == cf.Forecast(0.0, NOW)
    assert cf.days_left(100, cf.UseRate(0.0), NOW).reason.template == cf.NO_USE
    assert cf.days_left(None, rate, NOW).reason.template == cf.NO_BALANCE
    assert cf.days_left(870 * 3, rate, NOW).runs_out_at == NOW + dt.timedelta(days=3)


def test_many_meters_at_once(database):
    ids = [meter(f"M{i}") for i in range(3)]
    for m in ids[:2]:
        tariff(m)
        week(m)
    rates = cf.use_rates(ids, NOW)
    assert [rates[m].fen_per_day for m in ids] == [870.0, 870.0, None]
