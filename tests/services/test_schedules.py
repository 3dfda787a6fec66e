"""Schedules: an administrator's, refused with the reason named, each change logged."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from app.errors import InvalidField, PermissionDenied
from app.models import SystemLog
from app.models.control import Schedule
from app.services import schedules
from app.services.schedule_times import When
from app.services.schedules import ScheduleSpec, resolve_meters
from tests.billing_helpers import ADMIN, CASHIER, MAINTENANCE
from tests.services.schedule_helpers import SHANGHAI, Clock, make_meters, weekend_spec

BOTH_DATABASES = True


@pytest.fixture
def meters(database):
    return make_meters()


def create(spec, clock):
    return schedules.create(ADMIN, spec, now=clock(), zone=SHANGHAI)


def test_the_selection_is_resolved_to_enabled_meters(meters):
    assert resolve_meters({"all": True}) == meters["A"] + meters["B"][:1]
    assert resolve_meters({"building": meters["b"]}) == meters["B"][:1]
    assert resolve_meters({"bus": meters["bus1"]}) == meters["A"]
    assert resolve_meters({"meters": [meters["A"][1], meters["B"][1]]}) == [meters["A"][1]]


def test_a_new_window_is_due_at_its_next_edge_and_logged(meters):
    clock = Clock(2026, 5, 13, 12, 0)  # Wednesday
    sid = create(weekend_spec(), clock)
    row = Schedule.get_by_id(sid)
    assert row.next_run_at == Clock(2026, 5, 15, 18, 0)()
    assert row.created_by == "admin"
    log = SystemLog.select().order_by(SystemLog.id.desc()).first()
    assert (log.action, log.operator_name) == ("schedule.create", "admin")
    assert "weekend power" in log.target


def test_a_window_made_while_inside_it_is_due_at_once(meters):
    clock = Clock(2026, 5, 16, 12, 0)  # Saturday
    sid = create(weekend_spec(), clock)
    assert Schedule.get_by_id(sid).next_run_at == clock()


BAD = [
    (dict(name="  "), "name"),
    (dict(command="explode"), "command"),
    (dict(selection={"meters": []}), "meters"),
    (dict(selection={"bus": 999}), "meters"),
    (dict(selection={"colour": "red"}), "meters"),
    (
        dict(
            when=When("daily", time=dt.time(8), first=dt.date(2026, 6, 2), last=dt.date(2026, 6, 1))
        ),
        "last",
    ),
    (
        dict(
            when=When(
                "window", start=(4, dt.time(18)), end=(4, dt.time(18)), end_command="keep_power_off"
            )
        ),
        "end",
    ),
    (
        dict(when=When("window", start=(4, dt.time(18)), end=(0, dt.time(8)), end_command="nap")),
        "end_command",
    ),
    (
        dict(
            when=When(
                "window", start=(4, dt.time(18)), end=(0, dt.time(8)), end_command="keep_power_on"
            )
        ),
        "end_command",
    ),
    (dict(when=When("once", at=dt.datetime(2026, 5, 1, 8, 0))), "at"),
    (dict(when=When("daily", time=dt.time(8), last=dt.date(2026, 5, 1))), "last"),
]


@pytest.mark.parametrize(("change", "field"), BAD)
def test_what_cannot_run_is_refused_naming_it_and_nothing_is_written(meters, change, field):
    clock = Clock(2026, 5, 13, 12, 0)
    logged = SystemLog.select().count()
    with pytest.raises(InvalidField) as caught:
        create(replace(weekend_spec(), **change), clock)
    assert caught.value.field == field
    assert str(caught.value)  # a sentence, the template filled in
    assert Schedule.select().count() == 0
    assert SystemLog.select().count() == logged


def test_a_schedule_whose_end_is_before_its_start_is_refused_in_words(meters):
    spec = ScheduleSpec(
        "June",
        "keep_power_on",
        {"all": True},
        When("daily", time=dt.time(8), first=dt.date(2026, 6, 30), last=dt.date(2026, 6, 1)),
    )
    with pytest.raises(InvalidField, match=r"ends \(2026-06-01\) before it starts \(2026-06-30\)"):
        create(spec, Clock(2026, 5, 13, 12, 0))


def test_only_an_administrator_changes_schedules_and_maintenance_reads_them(meters):
    clock = Clock(2026, 5, 13, 12, 0)
    for actor in (MAINTENANCE, CASHIER):
        with pytest.raises(PermissionDenied):
            schedules.create(actor, weekend_spec(), now=clock(), zone=SHANGHAI)
    sid = create(weekend_spec(), clock)
    with pytest.raises(PermissionDenied):
        schedules.delete(MAINTENANCE, sid)
    with pytest.raises(PermissionDenied):
        schedules.set_enabled(MAINTENANCE, sid, False)
    assert [r.id for r in schedules.list_schedules(MAINTENANCE)] == [sid]
    with pytest.raises(PermissionDenied):
        schedules.list_schedules(CASHIER)


def test_update_disable_enable_delete_each_leave_a_log_row(meters):
    clock = Clock(2026, 5, 13, 12, 0)
    sid = create(weekend_spec(), clock)
    spec = replace(
        weekend_spec(),
        name="weekend and May day",
        when=replace(weekend_spec().when, holidays=(dt.date(2026, 5, 14),)),
    )
    schedules.update(ADMIN, sid, spec, now=clock(), zone=SHANGHAI)
    assert Schedule.get_by_id(sid).next_run_at == Clock(2026, 5, 14, 0, 0)()
    schedules.set_enabled(ADMIN, sid, False, now=clock(), zone=SHANGHAI)
    assert Schedule.get_by_id(sid).next_run_at is None
    schedules.set_enabled(ADMIN, sid, True, now=clock(), zone=SHANGHAI)
    assert Schedule.get_by_id(sid).next_run_at == Clock(2026, 5, 14, 0, 0)()
    assert schedules.get_spec(ADMIN, sid) == spec
    schedules.delete(ADMIN, sid)
    assert Schedule.select().count() == 0
    actions = [r.action for r in SystemLog.select().order_by(SystemLog.id)]
    assert actions == [
        "schedule.create",
        "schedule.update",
        "schedule.disable",
        "schedule.enable",
        "schedule.delete",
    ]
