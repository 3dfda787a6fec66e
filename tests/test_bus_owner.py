"""One owner per bus across processes (issue #6 finding 12, SPEC "Data and operations").

Real processes on a real site folder: ``main.py collector`` owns the bus and
polls it; ``main.py sell`` next to it owns no port and hands the sale over as a
job row; without a collector, ``sell`` owns the bus itself; when the owner is
killed, another process takes the bus over (finding 11).
"""

from __future__ import annotations

import json
import signal

import pytest

from app.models import BusJob, BusLease, LedgerEntry, close_database, open_database
from tests.site_procs import kill_all, make_site, read_line_with
from tests.waiting import wait_for

pytestmark = pytest.mark.slow


@pytest.fixture
def site(tmp_path, master_key):
    real = make_site(tmp_path, master_key)
    procs = []
    yield real, procs
    kill_all(procs)
    real.stop()
    close_database()


def _sell(real, amount: str) -> dict:
    proc = real.sell(amount)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, (out, err)
    return json.loads(out)


def test_sell_next_to_a_collector_is_run_by_the_collector(site):
    real, procs = site
    collector = real.collector()
    procs.append(collector)
    read_line_with(collector, "serving 1 bus(es)")

    result = _sell(real, "12.34")
    assert result["state"] == "confirmed" and result["balance_after"] == "12.34"

    open_database(real.data_dir / "site.db")
    [job] = list(BusJob.select())
    assert job.kind == "money" and job.state == "done"
    assert f":{collector.pid}:" in job.owner  # the collector ran it, not the sell process
    assert job.entry_id == result["entry"]
    assert LedgerEntry.get_by_id(job.entry_id).origin.endswith(f":{collector.pid}")
    assert f":{collector.pid}:" in BusLease.get().owner
    close_database()

    collector.send_signal(signal.SIGTERM)
    out, _err = collector.communicate(timeout=20)
    assert collector.returncode == 0 and "collector: stopped" in out
    open_database(real.data_dir / "site.db")
    assert BusLease.select().count() == 0  # released: the next process owns at once
    close_database()

    result = _sell(real, "1.00")  # nobody serves the bus: sell owns it for its own run
    assert result["state"] == "confirmed" and result["balance_after"] == "13.34"
    open_database(real.data_dir / "site.db")
    assert BusJob.select().count() == 1  # no job row: it ran the sale itself
    close_database()
    assert real.meter_state()["balance"] == 1334


def test_a_waiting_process_takes_the_bus_over_when_its_owner_is_killed(site):
    real, procs = site
    first = real.collector()
    procs.append(first)
    read_line_with(first, "serving 1 bus(es)")
    second = real.collector()
    procs.append(second)
    read_line_with(second, "1 served by another process")

    first.kill()  # SIGKILL: no clean release; the lease names a dead process
    first.wait(5)
    read_line_with(second, "serving 1 bus(es)", timeout=15)

    def owner():
        open_database(real.data_dir / "site.db")
        try:
            return BusLease.get().owner
        finally:
            close_database()

    assert f":{second.pid}:" in wait_for(owner, what="lease row")
    assert _sell(real, "5.00")["state"] == "confirmed"
    assert real.meter_state()["purchase_count"] == 1
