"""Tariffs, what each meter should hold, command batches and schedules (issue #12).

Tariffs are versioned: a change makes a new ``TariffVersion`` and never edits
an old one, so the version a meter carried at any time is known from its
``MeterTariff`` rows (the newest is in force). ``ParamSync`` holds the
parameter set the database wants a meter to hold and what was last read back
from it: "parameters not in sync" is ``in_sync`` False. A ``Batch`` is one
command on many meters, one ``BatchItem`` each (pending, then ok / failed /
cancelled, never rewritten once finished); a ``Schedule`` makes batches at
its times. All created by schema migration 6.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from app.models.base import BaseModel
from app.models.site import Meter, utcnow


class Tariff(BaseModel):
    id = AutoField()
    name = CharField(unique=True)  # what an account's ``tariff`` names
    kind = CharField(max_length=16)  # flat | tou | ladder
    archived = BooleanField(default=False)
    created_at = DateTimeField(default=utcnow)


class TariffVersion(BaseModel):
    """One immutable version: prices (0.0001 yuan/kWh) by rate, daily segments, ladder."""

    id = AutoField()
    tariff = ForeignKeyField(Tariff, backref="versions", on_delete="RESTRICT")
    version = IntegerField()  # 1, 2, ... per tariff
    prices_json = TextField()  # [sharp, peak, flat, valley]
    segments_json = TextField()  # [[start minute, rate index], ...] from minute 0
    ladder_json = TextField(default="[]")  # [[monthly threshold 0.01 kWh, price adder], ...]
    created_at = DateTimeField(default=utcnow)
    created_by = CharField(default="")

    class Meta:
        table_name = "tariff_version"
        indexes = ((("tariff", "version"), True),)


class MeterTariff(BaseModel):
    """A tariff version assigned to a meter from ``assigned_at`` (the newest row is in force)."""

    id = AutoField()
    meter = ForeignKeyField(Meter, backref="tariffs", on_delete="CASCADE")
    version = ForeignKeyField(TariffVersion, backref="meters", on_delete="RESTRICT")
    price_override = IntegerField(null=True)  # one price for every rate, 0.0001 yuan/kWh
    assigned_at = DateTimeField(default=utcnow)
    assigned_by = CharField(default="")

    class Meta:
        table_name = "meter_tariff"


class ParamSync(BaseModel):
    """What the database wants the meter to hold, and what it was last read to hold."""

    meter = ForeignKeyField(Meter, primary_key=True, backref="param_sync", on_delete="CASCADE")
    wanted_json = TextField()  # MeterParams fields the program downloads
    read_json = TextField(default="")  # as last read back ("" never read)
    checked_at = DateTimeField(null=True)
    in_sync = BooleanField(default=False, index=True)

    class Meta:
        table_name = "param_sync"


class Batch(BaseModel):
    id = AutoField()
    command = CharField(max_length=32)  # trip, close, keep_power_on, ..., download_price
    args_json = TextField(default="{}")
    created_by = CharField(default="")
    created_at = DateTimeField(default=utcnow)
    finished_at = DateTimeField(null=True)
    state = CharField(max_length=16, default="running")  # running | done | cancelled
    schedule_id = IntegerField(null=True)  # the schedule that made it


class BatchItem(BaseModel):
    id = AutoField()
    batch = ForeignKeyField(Batch, backref="items", on_delete="CASCADE")
    meter = ForeignKeyField(Meter, backref="batch_items", on_delete="CASCADE")
    state = CharField(max_length=16, default="pending")  # pending | ok | failed | cancelled
    detail = TextField(default="")  # a Message as JSON: the verified state or the reason
    finished_at = DateTimeField(null=True)

    class Meta:
        table_name = "batch_item"
        indexes = ((("batch", "state"), False),)


class Schedule(BaseModel):
    id = AutoField()
    name = CharField()
    command = CharField(max_length=32)
    args_json = TextField(default="{}")
    meters_json = TextField()  # the selection: {"all": true} or {"building": id} or ids
    when_json = TextField()  # {"at": ISO} or {"daily": "HH:MM"} or {"weekly": [...]}, holidays
    enabled = BooleanField(default=True)
    next_run_at = DateTimeField(null=True, index=True)
    last_run_at = DateTimeField(null=True)
    created_by = CharField(default="")
    created_at = DateTimeField(default=utcnow)
