"""Batches: dead meters, a meter that cannot, cancel in the middle, retry, roles, priorities."""

from __future__ import annotations

import pytest

from app.errors import PemError, PermissionDenied
from app.messages import Message
from app.models import Batch, BatchItem, SystemLog
from app.serial_io.profiles import DEFAULT, PROFILES, MeterProfile
from app.serial_io.profiles.base import CANNOT_DO
from app.services import batches, billing
from app.services.meter_profiles import profile_named
from tests.billing_helpers import ADMIN, CASHIER, MAINTENANCE
from tests.services.batch_env import give_tenant, make_batch_site
from tests.waiting import wait_for

BOTH_DATABASES = True


@pytest.fixture
def site(database, master_key):
    s = make_batch_site(master_key, per_bus=(4, 3), dead={1: "2", 2: "2"})
    yield s
    s.stop()


def _states(batch_id):
    return {r.meter_id: r.state for r in BatchItem.select().where(BatchItem.batch == batch_id)}


def _log(action):
    return [(r.target, r.result) for r in SystemLog.select().where(SystemLog.action == action)]


@pytest.mark.allow_log_warnings
def test_dead_meters_fail_with_their_reason_and_the_others_are_confirmed(site):
    ids = site.ids()
    batch_id = batches.start(MAINTENANCE, "trip", ids, worker_for=site.worker_for)
    p = batches.wait(batch_id, 30)
    assert p.finished and p.state == "done"
    assert (p.total("done"), p.total("failed"), p.total("remaining")) == (5, 2, 0)
    assert {b.bus_name: (b.done, b.failed) for b in p.buses} == {"bus1": (3, 1), "bus2": (2, 1)}
    dead = {site.ids(b)[1] for b in site.workers}
    for r in batches.results(batch_id):
        if r.meter_id in dead:
            assert r.state == "failed" and "answer" in r.detail.text()
        else:
            assert r.state == "ok" and r.detail.text() == "confirmed: the relay is open (no power)"
            assert site.sim_meter(r.meter_id).relay_open  # the meter itself
    rows = _log("relay.trip")
    assert sorted(res for _t, res in rows) == ["failed"] * 2 + ["ok"] * 5  # each logged


@pytest.mark.allow_log_warnings
def test_retry_the_failed_ones_runs_only_those(site):
    first = batches.start(MAINTENANCE, "trip", site.ids(), worker_for=site.worker_for)
    batches.wait(first, 30)
    for sim in site.sims.values():
        sim.faults.dead.clear()  # the technician fixed the wiring
    again = batches.retry_failed(MAINTENANCE, first, worker_for=site.worker_for)
    p = batches.wait(again, 30)
    assert set(_states(again)) == {site.ids(b)[1] for b in site.workers}
    assert (p.total("done"), p.total("failed")) == (2, 0)
    with pytest.raises(PemError, match="no failed meters"):
        batches.retry_failed(MAINTENANCE, again, worker_for=site.worker_for)


def test_a_meter_whose_family_cannot_is_listed_failed_and_sent_nothing(site, monkeypatch):
    class MeteringOnly(MeterProfile):
        name = "metering-test"
        read_status = DEFAULT.read_status

    monkeypatch.setitem(PROFILES, "metering-test", MeteringOnly())
    from app.models import Meter

    bus1 = site.ids(1)
    healthy = [bus1[0], bus1[2]]
    Meter.update(profile="metering-test").where(Meter.id == bus1[2]).execute()
    described = batches.describe("trip", healthy)
    assert [m.meter_id for m in described.cannot] == [bus1[2]]
    assert "1 meters cannot do remote trip and close" in described.warnings()[0].text()
    batch_id = batches.start(MAINTENANCE, "trip", healthy, worker_for=site.worker_for)
    batches.wait(batch_id, 30)
    assert _states(batch_id) == {bus1[0]: "ok", bus1[2]: "failed"}
    item = BatchItem.get(BatchItem.meter == bus1[2])
    assert Message.from_json(item.detail).template == CANNOT_DO
    assert site.lines[1].writes_to == [1]  # address 3 never got a frame
    assert profile_named("metering-test").name == "metering-test"


def test_cancel_in_the_middle_lets_the_running_one_finish_and_starts_no_other(database, master_key):
    site = make_batch_site(master_key, per_bus=(5,))
    try:
        line = site.lines[1]
        line.hold()
        ids = site.ids()
        batch_id = batches.start(MAINTENANCE, "trip", ids, worker_for=site.worker_for)
        assert line.started.wait(10)  # the first meter's command is on the wire
        assert batches.cancel(MAINTENANCE, batch_id) == 4
        line.release()
        p = batches.wait(batch_id, 30)
        assert p.finished and p.state == "cancelled"
        assert _states(batch_id) == {ids[0]: "ok", **{m: "cancelled" for m in ids[1:]}}
        assert site.sim_meter(ids[0]).relay_open
        assert not any(site.sim_meter(m).relay_open for m in ids[1:])
        assert line.writes_to == [1]
        assert [res for _t, res in _log("relay.trip")] == ["ok"]  # logged; the rest never ran
        assert Batch.get_by_id(batch_id).finished_at is not None
    finally:
        site.stop()


def test_polling_goes_on_during_a_batch(database, master_key):
    site = make_batch_site(master_key, per_bus=(5,))
    try:
        ids = site.ids()
        with site.recorder.lock:
            site.recorder.updates.clear()
        line = site.lines[1]
        line.hold()
        batch_id = batches.start(MAINTENANCE, "trip", ids, worker_for=site.worker_for)
        assert line.started.wait(10)
        with site.recorder.lock:
            before = len(site.recorder.updates)
        line.release()
        batches.wait(batch_id, 30)
        # a relay job reads its meter 2 times; anything more came from polls between the jobs
        with site.recorder.lock:
            after = site.recorder.updates[before:]
        polled_between = len(after) - 2 * len(ids)
        assert polled_between >= len(ids) - 1
    finally:
        site.stop()


def test_a_sale_during_a_batch_goes_first(database, master_key):
    site = make_batch_site(master_key, per_bus=(5,))
    try:
        ids = site.ids()
        give_tenant(ids[4], "Shop E", 0, "A005")
        line = site.lines[1]
        line.hold()
        batch_id = batches.start(MAINTENANCE, "close", ids[:4], worker_for=site.worker_for)
        assert line.started.wait(10)
        done_at_sale = []
        sale = billing.submit_sale(site.worker_for(ids[4]), CASHIER, ids[4], 5000, "cash")
        sale.add_done_callback(lambda _f: done_at_sale.append(batches.progress(batch_id)))
        line.release()
        assert sale.result(20).ok
        wait_for(lambda: done_at_sale, timeout=5)
        assert done_at_sale[0].total("done") == 1  # only the command already on the wire
        assert batches.wait(batch_id, 30).total("done") == 4
    finally:
        site.stop()


def test_roles_and_zero_meters(site):
    with pytest.raises(PermissionDenied):
        batches.start(CASHIER, "trip", site.ids(), worker_for=site.worker_for)
    with pytest.raises(PemError, match="at least one meter"):
        batches.start(ADMIN, "trip", [], worker_for=site.worker_for)
    with pytest.raises(PemError, match="unknown command"):
        batches.start(ADMIN, "explode", site.ids(), worker_for=site.worker_for)
    assert Batch.select().count() == 0 and BatchItem.select().count() == 0
    assert all(not line.writes_to for line in site.lines.values())
    batch_id = batches.start(ADMIN, "close", site.ids()[:1], worker_for=site.worker_for)
    with pytest.raises(PermissionDenied):
        batches.cancel(CASHIER, batch_id)


def test_describe_names_tenants_with_credit_and_keep_power_arrears(site):
    a, b, c = site.ids()[:3]
    give_tenant(a, "Tea House", 12_300, "A001")
    give_tenant(b, "Noodles", -500, "A002")
    trip = batches.describe("trip", [a, b, c])
    assert [m.number for m in trip.credit] == ["M001"] and trip.tenants == 2
    assert trip.warnings()[0].text() == (
        "1 tenants still have credit and lose power anyway: M001 Tea House"
    )
    keep = batches.describe("keep_power_on", [a, b, c])
    assert [m.number for m in keep.arrears] == ["M002"]
    assert "keeping the power on lets the debt grow: M002" in keep.warnings()[0].text()
    assert batches.describe("close", [a, b, c]).warnings() == []


def test_an_item_asks_the_operator_for_its_own_commands_permission(monkeypatch):
    """Not CONTROL for every command: a command needing the admin's settings right is
    checked as such when its item runs (found in review)."""
    from app.serial_io.profiles import Capability
    from app.services.permissions import Permission

    spec = batches.CommandSpec("test_admin_only", "test_kind", Capability.ALARMS, "t",
                               permission=Permission.SETTINGS)  # fmt: skip
    monkeypatch.setitem(batches.COMMANDS, spec.name, spec)
    assert batches._permission_of("test_kind") is Permission.SETTINGS
    assert batches._permission_of(batches.COMMANDS["trip"].kind) is Permission.CONTROL
