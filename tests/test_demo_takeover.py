"""Issue #6 finding 11: on a demo or training site, when the process that serves the simulated
bus exits, the next process takes the bus over, simulator included, and the meters answer again.
"""

from __future__ import annotations

import json
import signal

import pytest

from app.models import Account, Meter, close_database
from app.paths import SitePaths
from app.services.site import Site
from tests.site_procs import kill_all, main_py, read_line_with

pytestmark = pytest.mark.slow


def _opened_meter(data_dir) -> str:
    Site(SitePaths(data_dir)).open()
    try:
        account = Account.select().where(Account.closed_at.is_null()).order_by(Account.id).first()
        return Meter.get_by_id(account.meter_id).number
    finally:
        close_database()


def test_the_next_process_serves_the_demo_bus_when_its_server_exits(tmp_path):
    data = tmp_path / "demo"
    init = main_py("init-demo", "--data-dir", str(data))
    out, err = init.communicate(timeout=120)
    assert init.returncode == 0, (out, err)
    number = _opened_meter(data)

    def collector(name: str):
        log = open(tmp_path / f"{name}.err", "w")  # noqa: SIM115 - closed with the process
        return main_py(
            "collector", "--data-dir", str(data), "--status-every", "0.3", "-v", stderr=log
        )

    first = collector("first")
    procs = [first]
    try:
        read_line_with(first, "serving 2 bus(es)")
        second = collector("second")  # only once the first serves: it must wait, not race
        procs.append(second)
        read_line_with(second, "2 served by another process")
        first.send_signal(signal.SIGTERM)  # the process serving the simulator exits cleanly
        assert first.wait(20) == 0
        read_line_with(second, "serving 2 bus(es)", timeout=20)

        sale = main_py(
            "sell", "--data-dir", str(data), "--meter", number, "--amount", "3.00",
            "--payment", "cash", "--operator", "cashier",
            env={"PEM_PASSWORD": "cashier-demo-1"},
        )  # fmt: skip
        out, err = sale.communicate(timeout=60)
        assert sale.returncode == 0, (out, err)
        assert json.loads(out)["state"] == "confirmed"  # the simulator answers again
    finally:
        kill_all(procs)
