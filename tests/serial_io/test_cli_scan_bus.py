"""``main.py scan --bus NAME``: a configured bus's line settings, compared with its meters."""

from __future__ import annotations

import json

import pytest

import main
from app.models import Bus, Meter, close_database
from app.paths import SitePaths
from app.serial_io.simulator import default_serial
from app.services.new_site import create_site
from tests.sim_helpers import running_pty_sim


@pytest.fixture
def site_dir(tmp_path, master_key):
    data = tmp_path / "site"
    data.mkdir()
    (data / "master.key").write_text(master_key.hex() + "\n")
    create_site(SitePaths(data))
    yield data
    close_database()


def _configure(port: str, enabled: bool = True) -> None:
    bus = Bus.create(name="bus1", port=port, parity="N", timeout_ms=40, turnaround_ms=0,
                     enabled=enabled)  # fmt: skip
    for address, serial in ((1, 1), (2, 3), (3, 2), (4, 4)):  # 2 and 3 swapped, 4 is dead
        Meter.create(number=f"M{address:03d}", bus=bus, address=address,
                     serial=default_serial(serial))  # fmt: skip
    close_database()


@pytest.mark.parametrize("enabled", [True, False])
def test_scan_bus_compares_with_the_configured_meters(site_dir, master_key, capsys, enabled):
    with running_pty_sim(master_key, addresses=[1, 2, 3, 5]) as sim:
        _configure(sim.port, enabled)
        argv = ["scan", "--bus", "bus1", "--data-dir", str(site_dir), "--to", "6", "--json"]
        code = main.main(argv)
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert [f["address"] for f in data["found"]] == [1, 2, 3, 5]
    statuses = {(r["address"], r["status"], r["meter"]) for r in data["compared"]}
    assert statuses == {
        (1, "ok", "M001"),
        (2, "moved", "M003"),
        (3, "moved", "M002"),
        (4, "missing", "M004"),
        (5, "new", None),
    }


def test_scan_bus_text_output_names_the_comparison(site_dir, master_key, capsys):
    with running_pty_sim(master_key, addresses=[1, 5]) as sim:
        _configure(sim.port)
        code = main.main(["scan", "--bus", "bus1", "--data-dir", str(site_dir), "--to", "5"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "new           address 5" in out
    assert "missing       address 4       meter M004" in out


def test_unknown_bus_and_missing_port_exit_2(site_dir, capsys):
    _configure("/dev/ttyUSB0")
    code = main.main(["scan", "--bus", "nope", "--data-dir", str(site_dir)])
    _, err = capsys.readouterr()
    assert code == 2 and "no bus named 'nope'" in err and "bus1" in err
    code = main.main(["scan"])
    _, err = capsys.readouterr()
    assert code == 2 and "--port" in err and "--bus" in err
