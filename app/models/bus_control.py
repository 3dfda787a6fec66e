"""Who owns each bus, and the meter operations other processes hand to that owner.

SPEC "Data and operations": one owner per bus across processes. ``BusLease``
is the owner's claim (renewed while it lives, taken over once it lapses);
``BusJob`` rows are operations (sale, settlement, poll now, ...) that a
process without the port submits and the owner runs in its priority queue.
Both are created by schema migration 3.
"""

from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.models.base import BaseModel
from app.models.site import Bus, utcnow


class BusLease(BaseModel):
    bus = ForeignKeyField(Bus, primary_key=True, backref="lease", on_delete="CASCADE")
    owner = CharField()  # "host:pid:token" of the owning process
    kind = CharField(max_length=16)  # collector, gui or cli
    acquired_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField()

    class Meta:
        table_name = "bus_lease"


class JobState:
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"  # the job raised: ``error_json`` says why
    CANCELLED = "cancelled"  # withdrawn before it started, or past its deadline
    LOST = "lost"  # its owner stopped while running it: ``entry_id`` settles from the meter


FINISHED = (JobState.DONE, JobState.FAILED, JobState.CANCELLED, JobState.LOST)


class BusJob(BaseModel):
    id = AutoField()
    bus = ForeignKeyField(Bus, backref="jobs", on_delete="CASCADE")
    kind = CharField(max_length=32)
    args_json = TextField()
    priority = IntegerField()
    label = CharField(default="")
    state = CharField(max_length=16, default=JobState.QUEUED)
    origin = CharField()  # "host:pid" of the submitting process
    owner = CharField(default="")  # the lease owner that ran it
    created_at = DateTimeField(default=utcnow)
    start_by = DateTimeField()  # not started by then: cancelled (the submitter gave up)
    started_at = DateTimeField(null=True)
    finished_at = DateTimeField(null=True)
    entry_id = IntegerField(null=True)  # ledger entry a money job wrote, as soon as it exists
    result_json = TextField(default="")
    error_json = TextField(default="")

    class Meta:
        table_name = "bus_job"
        indexes = ((("bus", "state"), False),)
