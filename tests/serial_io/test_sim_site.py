"""Site files and the default meter mix."""

from __future__ import annotations

import json

import pytest

from app.errors import ConfigError
from app.serial_io.simulator import load_site_file, make_default_meters
from tests.sim_helpers import START, make_sim_bus, simple_meters


def test_default_meters_are_varied_and_deterministic():
    meters = make_default_meters(list(range(1, 91)), seed=1)
    assert [m.address for m in meters] == list(range(1, 91))
    assert len({m.identity.serial for m in meters}) == 90
    assert all(len(m.identity.serial) == 12 and m.identity.serial.isascii() for m in meters)
    assert {m.identity.phases for m in meters} == {1, 3}
    assert {m.load.kind for m in meters} >= {"shop", "office"}
    balances = [m.balance for m in meters if m.prepaid_mode]
    assert min(balances) <= 0 < 2000 < max(balances)
    assert any(not m.prepaid_mode for m in meters)
    again = make_default_meters(list(range(1, 91)), seed=1)
    assert [m.to_state() for m in meters] == [m.to_state() for m in again]


def test_fresh_default_meters_can_be_opened():
    meters = make_default_meters([1, 2, 3], opened=False)
    assert all(m.balance == 0 and m.purchase_count == 0 and not m.prepaid_mode for m in meters)


def test_site_file_groups(tmp_path):
    site = tmp_path / "site.json"
    site.write_text(
        json.dumps(
            {
                "meters": [
                    {"addresses": "1-2", "serials": ["ABC000000001", "ABC000000002"],
                     "balance": 500, "load": {"kind": "constant", "base_w": 2000},
                     "params": {"prices": [8500, 8500, 8500, 8500], "alarm1": 1000,
                                "alarm2": 100}},
                    {"addresses": "10", "phases": 3, "prepaid": False, "ct_ratio": 5},
                ]
            }
        )
    )  # fmt: skip
    meters = load_site_file(site)
    assert [m.address for m in meters] == [1, 2, 10]
    assert meters[1].identity.serial == "ABC000000002" and meters[1].balance == 500
    assert meters[0].params.prices == (8500,) * 4 and meters[0].params.alarm1 == 1000
    assert meters[0].load.power_at(START) == 2000
    assert meters[2].identity.phases == 3 and meters[2].identity.ct_ratio == 5
    assert not meters[2].prepaid_mode


@pytest.mark.parametrize(
    "doc",
    [
        "[]",
        "{bad json",
        '[{"balance": 1}]',
        '[{"addresses": "1-2", "serials": ["ABC000000001"]}]',
        '[{"addresses": "1"}, {"addresses": "1"}]',
        '[{"addresses": "1", "phases": 2}]',
        '[{"addresses": "1", "serials": ["short"]}]',
        '[{"addresses": "1", "load": {"kind": "factory"}}]',
        '[{"addresses": "1", "params": {"alarm1": 1, "alarm2": 5}}]',
        '[{"addresses": "0-3"}]',
    ],
)
def test_bad_site_files_are_config_errors(tmp_path, doc):
    site = tmp_path / "site.json"
    site.write_text(doc)
    with pytest.raises(ConfigError):
        load_site_file(site)


def test_replacing_a_meter_at_an_address(master_key):
    bus = make_sim_bus(master_key, addresses=[1])
    (new,) = simple_meters([1], balance=0)
    new.identity = new.identity.__class__("PEM000000099")
    old = bus.put_meter(new)
    assert old.identity.serial == "PEM000000001"
    assert bus.meter(1) is new and new.keys is not None and new.time_ms is not None
