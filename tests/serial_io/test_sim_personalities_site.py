"""Site files and ``simulate --profile`` make meters of each family, with the Acrel key."""

from __future__ import annotations

import argparse
import json
import struct

import pytest

from app.cli import simulate
from app.errors import ConfigError
from app.serial_io.simulator import SimDevice, load_site_file, make_family_meters
from app.serial_io.simulator.rtu import crc16


def crc(body: bytes) -> bytes:
    return body + struct.pack("<H", crc16(body))


def test_site_file_groups_name_their_family(tmp_path):
    path = tmp_path / "site.json"
    path.write_text(json.dumps([
        {"addresses": "1-2", "profile": "acrel-ddsy1352", "balance": 500, "purchase_count": 2},
        {"addresses": "3", "profile": "acrel-ddsy1352", "phases": 3,
         "serials": ["202400000003"]},
        {"addresses": "4", "profile": "acrel-adf400l", "circuits": 12, "balance": 100},
        {"addresses": "5", "profile": "acrel-adl400"},
        {"addresses": "6"},
    ]))  # fmt: skip
    meters = {m.address: m for m in load_site_file(path)}
    assert meters[1].profile == "acrel-ddsy1352" and meters[1].identity.model == 7
    assert (meters[1].balance, meters[1].purchase_count) == (500, 2)
    assert meters[1].identity.serial == "000000000001"
    assert meters[3].identity.model == 5 and meters[3].identity.serial == "202400000003"
    dev = meters[4]
    assert isinstance(dev, SimDevice) and len(dev.circuits) == 12 and dev.identity.model == 40
    assert {c.balance for c in dev.circuits} == {100}
    assert meters[5].profile == "acrel-adl400" and not meters[5].prepaid_mode
    assert meters[6].profile == "default"


def test_site_file_with_an_unknown_family_or_a_bad_meter_number_is_a_config_error(tmp_path):
    path = tmp_path / "site.json"
    path.write_text(json.dumps([{"addresses": "1", "profile": "acme"}]))
    with pytest.raises(ConfigError):
        load_site_file(path)
    path.write_text(json.dumps([{"addresses": "1", "profile": "acrel-ddsy1352",
                                 "serials": ["PEM000000001"]}]))  # fmt: skip
    with pytest.raises(ConfigError):
        load_site_file(path)


@pytest.mark.parametrize("profile", ["acrel-ddsy1352", "acrel-adf400l", "acrel-adl400"])
def test_the_default_mix_of_one_family(profile):
    meters = make_family_meters(profile, list(range(1, 11)), seed=3)
    assert [m.address for m in meters] == list(range(1, 11))
    assert {m.profile for m in meters} == {profile}


def args_for(tmp_path, **extra) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    simulate.add_arguments(parser)
    argv = ["--meters", "1-3", "--key-file", str(tmp_path / "keys" / "master.key"),
            "--speed", "0"]  # fmt: skip
    for k, v in extra.items():
        argv += [f"--{k.replace('_', '-')}", v]
    ns = parser.parse_args(argv)
    ns.data_dir = str(tmp_path / "data")
    return ns


def test_simulate_profile_makes_acrel_meters_and_the_acrel_key(tmp_path):
    bus = simulate.build_bus(args_for(tmp_path, profile="acrel-ddsy1352"))
    assert (tmp_path / "keys" / "acrel.key").exists()
    assert len(bus.keys.vendor_key("acrel")) == 16
    assert {m.profile for m in bus.meters.values()} == {"acrel-ddsy1352"}
    assert bus.parity == "N"
    answer = bus.handle(crc(struct.pack(">BBHH", 1, 3, 0x0200, 48)))
    assert answer[1] == 3 and answer[2] == 96 and answer[3:5] in (b"\x00\x07", b"\x00\x05")
    again = simulate.build_bus(args_for(tmp_path, profile="acrel-ddsy1352"))
    assert again.keys.vendor_key("acrel") == bus.keys.vendor_key("acrel")  # made once


def test_simulate_default_profile_keeps_even_parity(tmp_path):
    assert simulate.build_bus(args_for(tmp_path)).parity == "E"
