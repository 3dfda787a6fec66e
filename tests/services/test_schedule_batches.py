"""A schedule's run is a real batch: the runner claims it, ``batches.start`` sends the
command through the bus worker, and the simulated meters show it (no fake batch start)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.models.control import Batch, BatchItem
from app.services import batches, schedules
from app.services.schedule_runner import ScheduleRunner
from app.services.schedule_times import When
from app.services.schedules import ScheduleSpec
from tests.billing_helpers import ADMIN, make_env
from tests.services.schedule_helpers import SHANGHAI, Clock


@pytest.fixture
def env(database, master_key):
    env = make_env(master_key, n_meters=3)
    batches.attach(env.worker_for)
    yield env
    batches.detach(env.worker_for)


def test_a_due_daily_trip_trips_every_meter_once_through_a_real_batch(env):
    clock = Clock(2026, 5, 13, 12, 0)
    spec = ScheduleSpec(
        name="night trip", command="trip", selection={"all": True},
        when=When("daily", time=dt.time(23, 0)),
    )  # fmt: skip
    sid = schedules.create(ADMIN, spec, now=clock(), zone=SHANGHAI)
    runner = ScheduleRunner(clock=clock, zone=SHANGHAI)  # the real batches.start
    clock.set(2026, 5, 13, 23, 0, 2)
    [outcome] = runner.tick()
    batch = Batch.get_by_id(outcome.batch_id)
    assert batch.schedule_id == sid and batch.command == "trip"
    items = list(BatchItem.select().where(BatchItem.batch == batch))
    assert sorted(i.state for i in items) == ["ok"] * 3
    assert all(env.sim_meter(m).forced_trip for m in env.meter_ids)  # the meters themselves
    assert runner.tick() == []  # once
