"""Job rows and the supervisor, in one process: what a window without the port gets.

The cross-process behaviour is tested with real processes in tests/test_bus_owner.py;
here the pieces are driven directly: a row's round trip (result, refusal, withdrawal,
deadline), the owner re-reading the operator's role, and the live state of a bus
another process polls reaching the grid's listener.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import threading

import pytest

from app.errors import PermissionDenied, ValidationError
from app.models import Building, Bus, BusJob, BusLease, JobState, Meter, MeterState, Operator
from app.models.site import utcnow
from app.serial_io.events import Priority
from app.services import bus_jobs, jobs
from app.services.bus_supervisor import BusSupervisor
from app.services.job_kinds import read_balance_job
from app.services.permissions import Actor, Role

BOTH_DATABASES = True  # job rows on PostgreSQL too (issue #17)


class InlineWorker:
    """A stand-in bus worker that runs jobs at once with a fake link."""

    def __init__(self, balance: int = 1234) -> None:
        self.balance = balance

    def submit(self, fn, priority=Priority.OPERATOR, label=""):
        from concurrent.futures import Future

        from app.serial_io.meter_data import MeterStatus

        balance = self.balance

        class Link:
            def meter(self, meter_id):
                return meter_id

            def read_status(self, _ref):
                return MeterStatus(balance=balance)

        future = Future()
        try:
            future.set_result(fn(Link()))
        except Exception as exc:
            future.set_exception(exc)
        return future


@pytest.fixture
def bus(database):
    return Bus.create(name="b1", port="socket://x:1", building=Building.create(name="B"))


def _finished(job_id: int) -> BusJob:
    return BusJob.get_by_id(job_id)


def test_a_row_runs_on_the_owner_and_its_result_comes_back(bus):
    job_id = bus_jobs.submit_row(bus.id, read_balance_job(7), Priority.OPERATOR, "read", 60)
    assert bus_jobs.claim_and_run({bus.id: InlineWorker(balance=4321)}) == 1
    row = _finished(job_id)
    assert row.state == JobState.DONE and json.loads(row.result_json) == 4321
    assert row.owner == bus_jobs.OWNER
    assert bus_jobs.claim_and_run({bus.id: InlineWorker()}) == 0  # never run twice


def _refuse(link):
    raise ValidationError("no {x}", x=3)


def test_a_refusal_comes_back_as_the_same_error_class_and_sentence(bus):
    jobs.register("test_refuse", _refuse)
    job_id = bus_jobs.submit_row(bus.id, jobs.make("test_refuse"), Priority.OPERATOR, "", 60)
    bus_jobs.claim_and_run({bus.id: InlineWorker()})
    row = _finished(job_id)
    assert row.state == JobState.FAILED
    err = jobs.decode_error(json.loads(row.error_json))
    assert isinstance(err, ValidationError) and str(err) == "no 3"


def test_a_withdrawn_or_expired_row_never_runs(bus):
    gone = bus_jobs.submit_row(bus.id, read_balance_job(1), Priority.OPERATOR, "", 60)
    assert bus_jobs.withdraw(gone)
    late = bus_jobs.submit_row(bus.id, read_balance_job(1), Priority.OPERATOR, "", 60)
    BusJob.update(start_by=utcnow() - dt.timedelta(seconds=1)).where(BusJob.id == late).execute()
    assert bus_jobs.claim_and_run({bus.id: InlineWorker()}) == 0
    assert _finished(gone).state == _finished(late).state == JobState.CANCELLED
    assert not bus_jobs.withdraw(late)


def test_the_owner_reads_the_operators_role_again_before_running(bus):
    op = Operator.create(
        login="kiosk", role=Role.CASHIER.value, password_hash="x", created_at=utcnow()
    )
    seen = []
    jobs.register("test_actor", lambda link, actor: seen.append(actor))
    actor = Actor(op.id, "kiosk", Role.ADMIN)  # what the submitter claimed
    job_id = bus_jobs.submit_row(
        bus.id, jobs.make("test_actor", actor=actor), Priority.OPERATOR, "", 60
    )
    bus_jobs.claim_and_run({bus.id: InlineWorker()})
    assert _finished(job_id).state == JobState.DONE and seen[0].role is Role.CASHIER
    Operator.update(active=False).where(Operator.id == op.id).execute()
    job_id = bus_jobs.submit_row(
        bus.id, jobs.make("test_actor", actor=actor), Priority.OPERATOR, "", 60
    )
    bus_jobs.claim_and_run({bus.id: InlineWorker()})
    err = jobs.decode_error(json.loads(_finished(job_id).error_json))
    assert isinstance(err, PermissionDenied)


def test_rows_another_owner_was_running_are_lost_and_name_their_entry(bus):
    job_id = bus_jobs.submit_row(bus.id, read_balance_job(1), Priority.OPERATOR, "", 60)
    BusJob.update(state=JobState.RUNNING, owner="elsewhere:1:x", entry_id=42).where(
        BusJob.id == job_id
    ).execute()
    assert bus_jobs.mark_lost([bus.id]) == 1
    from concurrent.futures import Future

    future = Future()
    bus_jobs._resolve(_finished(job_id), future)
    err = future.exception()
    assert isinstance(err, bus_jobs.JobLost) and err.entry_id == 42 and "entry 42" in str(err)


class Listener:
    def __init__(self) -> None:
        self.meters, self.buses = [], []
        self.event = threading.Event()

    def meter_updated(self, update) -> None:
        self.meters.append(update)
        self.event.set()

    def bus_updated(self, update) -> None:
        self.buses.append(update)


class RemoteOnlySite:
    """The part of ``Site`` the supervisor uses, for a window whose bus another process owns."""

    role = "gui"

    def __init__(self, bus_id: int, listener) -> None:
        self.bus_id, self.listener = bus_id, listener

    def owned_workers(self):
        return {}

    def remote_bus_ids(self):
        return [self.bus_id]

    def bus_name(self, bus_id):
        return "b1"


def test_a_window_without_the_port_sees_the_stored_state_of_the_bus(bus):
    meter = Meter.create(number="M001", bus=bus, address=1, serial="S1")
    status = {"balance": 5000, "purchase_count": 2}
    MeterState.create(
        meter=meter, online=True, status_json=json.dumps(status), answers=9, updated_at=utcnow()
    )
    alive = f"{socket.gethostname()}:{os.getppid()}:t"  # a live owner: no take-over
    BusLease.create(
        bus=bus, owner=alive, kind="collector", expires_at=utcnow() + dt.timedelta(seconds=60)
    )
    listener = Listener()
    supervisor = BusSupervisor(RemoteOnlySite(bus.id, listener), takeover=False)
    supervisor._relay_store()
    [update] = listener.meters
    assert (update.meter_id, update.bus_id, update.address) == (meter.id, bus.id, 1)
    assert update.online and update.status.balance == 5000 and update.stats.answers == 9
    assert listener.buses[0].online == 1
    assert listener.buses[0].served_by == f"collector on {socket.gethostname()}"
    supervisor._relay_store()
    assert len(listener.meters) == 1  # unchanged rows are not sent again


def test_the_store_relay_hands_on_a_stored_error_as_its_message(bus):
    from app.errors import NO_ANSWER, MeterOffline
    from app.messages import Message

    meter = Meter.create(number="M001", bus=bus, address=1, serial="S1")
    missed = MeterOffline(NO_ANSWER, 1).message
    MeterState.create(
        meter=meter, online=False, timeouts=3, last_error=missed.to_json(), updated_at=utcnow()
    )
    listener = Listener()
    BusSupervisor(RemoteOnlySite(bus.id, listener), takeover=False)._relay_store()
    [update] = listener.meters
    assert not update.online
    assert update.error == missed and update.stats.last_error == missed
    assert update.error == Message(NO_ANSWER, {"address": "1"})
