"""The ADL400 metering-only profile, and the registry's order of families."""

import pytest

from app.errors import CannotDo
from app.serial_io.commands import RelayCommand
from app.serial_io.meter_data import MeterParams, MeterStatus
from app.serial_io.profiles import detect, get_profile, names
from tests.serial_io.profiles.fakes import FakeBus
from tests.serial_io.profiles.test_acrel_ddsy import status_registers

P = get_profile("acrel-adl400")
FRESH = MeterStatus()
ACREL_MODEL = range(0x0200, 0x0201)


def adl() -> FakeBus:
    bus = FakeBus(
        {0: 0x0001, 1: 0xE240, 100: 1234, 101: 0, 102: 5, 362: 0xFFFF, 363: 0xFF9C},
        missing=set(range(0x0100, 0x0110)) | set(ACREL_MODEL),
    )
    return bus


def test_status_from_three_small_reads():
    bus = adl()
    s = P.read_status(bus, 4)
    assert bus.requests == [("read", 4, 0, 2), ("read", 4, 100, 3), ("read", 4, 362, 2)]
    assert s.energy_total == 123456 and (s.current_a, s.current_b, s.current_c) == (1234, 0, 5)
    assert s.power == -100
    assert not s.prepaid_mode and s.balance == 0 and not P.prepaid


def test_money_relay_and_params_refused_before_any_traffic():
    bus = adl()
    with pytest.raises(CannotDo):
        P.credit(bus, 4, None, 100, 1, FRESH)
    with pytest.raises(CannotDo):
        P.refund(bus, 4, None, 100, 1, FRESH)
    with pytest.raises(CannotDo):
        P.relay(bus, 4, None, RelayCommand.TRIP, FRESH)
    with pytest.raises(CannotDo):
        P.read_params(bus, 4)
    with pytest.raises(CannotDo):
        P.write_params(bus, 4, None, MeterParams(), FRESH)
    assert bus.requests == []


def test_probe_needs_no_acrel_model_register():
    assert P.probe(adl(), 4) == 0
    bus = adl()
    bus.missing -= set(ACREL_MODEL)
    assert P.probe(bus, 4) is None
    assert P.probe(FakeBus(missing={0x0200, 0, 1}), 4) is None


def test_registry_order():
    assert names() == ["default", "acrel-ddsy1352", "acrel-adf400l", "acrel-adl400"]


def test_detect_tells_the_families_apart():
    ddsy = FakeBus(missing=set(range(0x0100, 0x0110)))
    ddsy.put(0x0200, status_registers())
    profile, model = detect(ddsy, 1)
    assert (profile.name, model) == ("acrel-ddsy1352", 7)
    adf = FakeBus({0x0200: 41}, missing=set(range(0x0100, 0x0110)))
    assert detect(adf, 1)[0].name == "acrel-adf400l"
    assert detect(adl(), 1)[0].name == "acrel-adl400"


def test_read_gives_null_for_what_the_adl400_does_not_read_never_an_invented_zero():
    from app.cli.read import status_json
    from app.serial_io.meter_data import MeterIdentity, MeterStatus
    from app.serial_io.profiles import DEFAULT, get_profile

    adl = get_profile("acrel-adl400")
    status = MeterStatus(energy_total=12345, current_a=60, power=366)
    ours = status_json(5, MeterIdentity("000000000005"), status, adl)
    default = status_json(5, MeterIdentity("000000000005"), status, DEFAULT)
    assert set(ours) == set(default)  # the same keys for every family
    assert ours["energy_total_kwh"] == "123.45" and ours["power_w"] == 366
    assert ours["voltage_a_v"] is None and ours["balance_yuan"] is None
    assert ours["frequency_hz"] is None and default["frequency_hz"] == "0.00"
