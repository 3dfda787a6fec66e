"""What reports keep (issue #14): daily totals per meter and cash counts at a shift's close.

``DailyTotal`` is one meter's day (local calendar day), made from its stored
readings by ``services.daily_totals`` once the day is over and kept forever,
also after the raw readings moved to the archive. Energy in 0.01 kWh by rate;
``complete`` is False when readings are missing for part of the day (a gap is
shown as a gap, never invented); ``reset`` when the meter's counter went back
(replaced or reset) within the day.

``CashCount`` is what a cashier or manager counted in the drawer at the close
of a shift, beside what the ledger says should be there; it records, it moves
no money. Both created by schema migration 7.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
)

from app.models.base import BaseModel
from app.models.site import Meter, utcnow


class DailyTotal(BaseModel):
    id = AutoField()
    meter = ForeignKeyField(Meter, backref="daily_totals", on_delete="CASCADE")
    day = DateField()
    energy_total = IntegerField()  # 0.01 kWh used that day
    energy_sharp = IntegerField()
    energy_peak = IntegerField()
    energy_flat = IntegerField()
    energy_valley = IntegerField()
    cost = IntegerField(null=True)  # fen, at the tariff in force (None: no tariff known)
    first_energy = IntegerField()  # the counter at the day's first reading (0.01 kWh)
    last_energy = IntegerField()  # and at its last
    balance_end = IntegerField(null=True)  # fen, at the day's last reading
    readings = IntegerField()  # how many readings the day had
    complete = BooleanField(default=True)
    reset = BooleanField(default=False)
    made_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "daily_total"
        indexes = ((("meter", "day"), True), (("day",), False))


class CashCount(BaseModel):
    id = AutoField()
    operator = CharField()  # whose shift
    shift_start = DateTimeField()
    shift_end = DateTimeField()
    expected = IntegerField()  # fen the ledger says came in as cash (sales - refunds)
    counted = IntegerField()  # fen counted in the drawer
    note = CharField(default="")
    entered_by = CharField()
    entered_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "cash_count"
