"""SimMeter arithmetic to the fen: rates, segments, ladder, month, relay rules."""

from __future__ import annotations

import pytest

from app.serial_io.meter_data import MeterIdentity, MeterParams
from app.serial_io.simulator import LoadProfile, SimMeter
from app.serial_io.simulator.meter import month_start

T0 = month_start(2026, 3, 0)  # 2026-03-01 00:00 local (utc_offset 0)
HOUR = 3600


def meter(power=1000, balance=10_000, params=None, prepaid=True) -> SimMeter:
    m = SimMeter(
        1,
        MeterIdentity("PEM000000001"),
        load=LoadProfile("constant", base_w=power),
        params=params or MeterParams(prices=(10_000,) * 4),
        balance=balance,
        prepaid_mode=prepaid,
        utc_offset=0,
    )
    m.advance(T0)
    return m


def test_price_that_is_not_a_whole_fen_per_unit_is_exact():
    m = meter(params=MeterParams(prices=(8500,) * 4))
    m.advance(T0 + 36)  # 1000 W for 36 s = 0.01 kWh
    assert (m.energy_total, m.balance, m.cost_residue) == (1, 10_000, 8500)
    m.advance(T0 + 72)
    assert (m.energy_total, m.balance, m.cost_residue) == (2, 9_999, 7000)
    m.advance(T0 + 3 * HOUR)  # 300 units at 0.85 yuan/kWh
    assert m.energy_total == 300
    assert m.balance == 10_000 - 255 and m.cost_residue == 0


def test_many_small_steps_equal_one_big_step():
    a, b = meter(power=777), meter(power=777)
    for i in range(1, 601):
        a.advance(T0 + i * 7.3)
    b.advance(T0 + 600 * 7.3)
    assert (a.energy_total, a.balance, a.cost_residue, a.energy_acc) == (
        b.energy_total,
        b.balance,
        b.cost_residue,
        b.energy_acc,
    )


def test_segment_boundary_in_the_middle_of_an_advance():
    params = MeterParams(prices=(20_000, 12_000, 8_000, 4_000), segments=((0, 3), (480, 1)))
    m = meter(params=params)
    m.advance(T0 + 7 * HOUR)
    before = m.balance
    m.advance(T0 + 9 * HOUR)  # 07:00-08:00 valley, 08:00-09:00 peak
    assert m.energy_rates == [0, 100, 0, 800]
    assert before - m.balance == (100 * 4_000 + 100 * 12_000) // 10_000  # 160 fen
    assert m.status().rate == 1 and m.status().price == 12_000


def test_ladder_step_reached_mid_advance_and_month_reset():
    params = MeterParams(prices=(10_000,) * 4, ladder=((150, 5_000), (10_000, 9_000)))
    m = meter(params=params)
    m.advance(T0 + 3 * HOUR)  # 300 units: 150 at 1.00, 150 at 1.50 yuan/kWh
    assert m.month_energy == 300
    assert m.balance == 10_000 - 150 - 225
    assert m.status().price == 15_000
    m2 = meter(params=params, balance=100_000)
    m2.keep_power = True  # a month of 1 kW costs more than the balance
    m2.advance(month_start(2026, 4, 0) - HOUR)
    assert m2.month_energy > 150
    m2.advance(month_start(2026, 4, 0) + HOUR)  # the month turns: the ladder starts again
    assert m2.month_energy == 100 and m2.status().price == 10_000


def test_alarm_bits_follow_thresholds():
    params = MeterParams(prices=(10_000,) * 4, alarm1=2000, alarm2=500)
    m = meter(balance=2001, params=params, power=0)
    st = m.status()
    assert not (st.alarm1 or st.alarm2 or st.arrears)
    m.balance = 2000
    assert m.status().alarm1 and not m.status().alarm2
    m.balance = 500
    assert m.status().alarm1 and m.status().alarm2 and not m.status().arrears
    m.balance = 0
    st = m.status()
    assert st.alarm1 and st.alarm2 and st.arrears and st.relay_open


def test_relay_opens_at_zero_balance_and_energy_stops():
    m = meter(balance=10, power=1000)  # 1 fen per unit
    m.advance(T0 + HOUR)
    assert m.energy_total == 10 and m.balance == 0
    st = m.status()
    assert st.relay_open and st.arrears and st.power == 0 and st.current_a == 0
    m.advance(T0 + 5 * HOUR)
    assert m.energy_total == 10  # nothing while the relay is open


def test_relay_opens_on_the_unit_that_reaches_zero_with_sub_fen_price():
    m = meter(balance=1, params=MeterParams(prices=(8500,) * 4))
    m.advance(T0 + HOUR)
    assert m.energy_total == 2 and m.balance == 0 and m.relay_open


def test_out_of_prepaid_mode_the_meter_only_measures():
    m = meter(balance=0, prepaid=False)  # an unopened meter stays at 0 and can be opened
    m.advance(T0 + HOUR)
    assert m.energy_total == 100 and m.balance == 0 and not m.relay_open


def test_overload_trips_after_sixty_seconds():
    m = meter(power=1000, params=MeterParams(prices=(10_000,) * 4, overload_w=800))
    m.advance(T0 + 59)
    assert not m.relay_open
    m.advance(T0 + 61)
    assert m.overload_trip and m.relay_open and m.status().overload_trip
    assert m.energy_total == 1  # 60 s at 1 kW = 1.67 units; the 0.67 stays in the register
    assert m.energy_acc == 24_000_000
    m.advance(T0 + HOUR)
    assert m.energy_total == 1


def test_overload_timer_restarts_when_power_drops():
    m = meter(power=1000, params=MeterParams(prices=(10_000,) * 4, overload_w=800))
    m.advance(T0 + 40)
    m.load = LoadProfile("constant", base_w=500)
    m.advance(T0 + 50)
    m.load = LoadProfile("constant", base_w=1000)
    m.advance(T0 + 100)  # 50 s above the limit since it came back
    assert not m.overload_trip
    m.advance(T0 + 111)
    assert m.overload_trip


def test_keep_power_suppresses_arrears_and_overload_trips():
    m = meter(balance=5, power=1000, params=MeterParams(prices=(10_000,) * 4, overload_w=800))
    m.keep_power = True
    m.advance(T0 + HOUR)
    assert not m.relay_open and m.balance == -95 and m.energy_total == 100


def test_reboot_keeps_money_and_counters():
    m = meter()
    m.advance(T0 + 1000)
    m.purchase_count, m.last_result = 7, 2
    before = (m.balance, m.energy_total, m.purchase_count)
    m.reboot()
    assert (m.balance, m.energy_total, m.purchase_count) == before
    assert m.last_result == 0 and m.energy_acc == 0


def test_realistic_load_is_deterministic_and_follows_shop_hours():
    shop = LoadProfile("shop", base_w=100, peak_w=3000, seed=4)
    night, noon = 3 * HOUR, 12 * HOUR
    assert shop.power_at(T0 + noon) == LoadProfile("shop", 100, 3000, 4).power_at(T0 + noon)
    assert shop.power_at(T0 + night) < 200 < 2000 < shop.power_at(T0 + noon)
    with pytest.raises(ValueError):
        LoadProfile("factory")


def test_three_phase_status_values():
    m = SimMeter(
        9,
        MeterIdentity("PEM000000009", model=3, phases=3),
        load=LoadProfile("constant", base_w=6600),
        balance=100,
        utc_offset=0,
    )
    m.advance(T0)
    st = m.status()
    assert all(2170 <= v <= 2230 for v in (st.voltage_a, st.voltage_b, st.voltage_c))
    assert 900 <= st.power_factor <= 990
    # 6600 W over three phases at ~220 V: roughly 10-11 A each
    assert all(1000 <= c <= 1200 for c in (st.current_a, st.current_b, st.current_c))
    assert 4990 <= st.frequency <= 5010
