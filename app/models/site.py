"""Site topology: buildings, buses (serial ports or gateways) and meters."""

from __future__ import annotations

import datetime as dt
import os
import socket

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from app.models.base import BaseModel


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# This PC's name in lease owners and ledger origins; PEM_HOST_NAME overrides it (two
# "PCs" on one machine in the tests, or two PCs cloned from one image with one name).
HOST_NAME = os.environ.get("PEM_HOST_NAME") or socket.gethostname()


def site_now() -> dt.datetime:
    """The clock the PCs of a site agree on: the server's on PostgreSQL, else this PC's (UTC).

    Times one PC writes and another compares (lease and job expiries, a pending entry's
    age) must come from it: PCs on an offline LAN drift apart by minutes.
    """
    from app.models import dialect, pg

    if dialect.is_postgresql():
        return pg.server_now(dialect.db.obj)
    return utcnow()


class Building(BaseModel):
    id = AutoField()
    name = CharField(unique=True)
    address = CharField(default="")


class Gateway(BaseModel):
    """A serial-to-Ethernet gateway: one host, ``port_count`` serial ports, each one bus
    reached on its own TCP port (``first_tcp_port`` + port index - 1)."""

    id = AutoField()
    name = CharField(unique=True)
    host = CharField()
    port_count = IntegerField(default=8)
    first_tcp_port = IntegerField(default=4001)
    building = ForeignKeyField(Building, null=True, backref="gateways", on_delete="SET NULL")


class Bus(BaseModel):
    """One serial line: a device path, a pty, or ``socket://host:port`` (gateway).

    ``simulated`` buses belong to a demo or training site: whichever process
    opens the site starts the simulator that serves them (state in ``sim_state``).
    """

    id = AutoField()
    name = CharField(unique=True)
    building = ForeignKeyField(Building, null=True, backref="buses", on_delete="SET NULL")
    port = CharField()
    baud = IntegerField(default=9600)
    parity = CharField(default="E", max_length=1)
    stopbits = IntegerField(default=1)
    timeout_ms = IntegerField(default=0)  # 0: computed from baud and frame size
    turnaround_ms = IntegerField(default=50)
    enabled = BooleanField(default=True)
    simulated = BooleanField(default=False)
    sim_state = CharField(default="")
    gateway = ForeignKeyField(Gateway, null=True, backref="buses", on_delete="RESTRICT")
    gateway_port = IntegerField(default=0)  # 1..port_count on its gateway, 0 for a direct port
    profile = CharField(default="default")  # the family new meters on this bus start with


class Meter(BaseModel):
    id = AutoField()
    number = CharField(unique=True)  # what operators call it: "M057", "3F-12"
    bus = ForeignKeyField(Bus, backref="meters", on_delete="RESTRICT")
    address = IntegerField()
    circuit = IntegerField(default=0)  # 1.. on a multi-circuit meter (profile acrel-adf400l)
    building = ForeignKeyField(Building, null=True, backref="meters", on_delete="SET NULL")
    location = CharField(default="")  # floor / room
    profile = CharField(default="default")
    serial = CharField(default="")  # 12 ASCII chars, read at commissioning
    model = IntegerField(default=0)
    phases = IntegerField(default=1)
    firmware = IntegerField(default=0)
    ct_ratio = IntegerField(default=1)
    pt_ratio = IntegerField(default=1)
    alarm1 = IntegerField(default=2000)  # fen
    alarm2 = IntegerField(default=500)  # fen
    overload_w = IntegerField(default=0)  # 0: no overload threshold
    tariff = CharField(default="")  # "" : the site's default tariff
    enabled = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("bus", "address", "circuit"), True),)


class MeterState(BaseModel):
    """Last known status and communication statistics of one meter (one row each).

    Written in batches by the bus worker; survives restarts so the grid shows
    the last known state at once.
    """

    meter = ForeignKeyField(Meter, primary_key=True, backref="state", on_delete="CASCADE")
    updated_at = DateTimeField(null=True)  # last valid answer
    online = BooleanField(default=False)
    status_json = TextField(default="")
    answers = IntegerField(default=0)
    timeouts = IntegerField(default=0)
    crc_errors = IntegerField(default=0)
    exceptions = IntegerField(default=0)
    last_response_ms = FloatField(null=True)
    # A Message as JSON (app/messages.py), its params cut to fit the 255 characters
    # (poll_store.dump_error); rows from before are plain text and load as themselves.
    last_error = CharField(default="")


class Reading(BaseModel):
    """A stored reading (every 30 minutes per meter by default)."""

    id = AutoField()
    meter = ForeignKeyField(Meter, backref="readings", on_delete="CASCADE")
    taken_at = DateTimeField(index=True)
    energy_total = IntegerField()
    energy_sharp = IntegerField()
    energy_peak = IntegerField()
    energy_flat = IntegerField()
    energy_valley = IntegerField()
    balance = IntegerField()
    purchase_count = IntegerField()
    power = IntegerField()
    relay_open = BooleanField()

    class Meta:
        indexes = ((("meter", "taken_at"), False),)
