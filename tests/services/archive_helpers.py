"""A site with readings over many days and daily totals for some of them (archive tests)."""

from __future__ import annotations

import datetime as dt

from app.models import Bus, DailyTotal, Meter, Reading, db
from app.services import reading_store
from app.services.schedule_times import local_zone, to_local

START = dt.datetime(2024, 1, 1, 0, 15)  # UTC; the first reading


def make_meters(count: int) -> list[int]:
    bus = Bus.create(name="bus1", port="sim://off", enabled=False)
    return [Meter.create(number=f"M{i:03d}", bus=bus, address=i + 1).id for i in range(count)]


def add_readings(meter_ids: list[int], days: int, per_day: int = 8, start=START) -> None:
    """``per_day`` readings a day per meter; the counter rises, balance falls."""
    step = dt.timedelta(days=1) / per_day
    rows = []
    for m in meter_ids:
        for i in range(days * per_day):
            rows.append(
                (m, str(start + i * step), 1000 + 7 * i + m, 0, 3 * i, 4 * i + m, 0,
                 50_000 - i, 3, 120 + i % 17, 0)
            )  # fmt: skip
    with db.atomic():
        db.execute_sql("SELECT 1")
        cur = db.connection()
        cur.executemany(
            "INSERT INTO reading (meter_id, taken_at, energy_total, energy_sharp, energy_peak, "
            "energy_flat, energy_valley, balance, purchase_count, power, relay_open) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )


def add_totals(meter_ids: list[int], first: dt.date, last: dt.date) -> None:
    """A DailyTotal row for each meter and local day in [first, last] (figures do not matter)."""
    day = first
    rows = []
    while day <= last:
        rows += [
            {"meter": m, "day": day, "energy_total": 0, "energy_sharp": 0, "energy_peak": 0,
             "energy_flat": 0, "energy_valley": 0, "first_energy": 0, "last_energy": 0,
             "readings": 8}
            for m in meter_ids
        ]  # fmt: skip
        day += dt.timedelta(days=1)
    with db.atomic():
        for i in range(0, len(rows), 500):
            DailyTotal.insert_many(rows[i : i + 500]).execute()


def snapshot(meter_ids=None) -> list[tuple]:
    """Every reading as reading_store returns it, as plain tuples."""
    far = dt.datetime(2000, 1, 1), dt.datetime(2100, 1, 1)
    return [
        (r.id, r.meter_id, r.taken_at, r.energy_total, r.balance, r.power, r.relay_open)
        for r in reading_store.readings_between(meter_ids, *far)
    ]


def daily_figures() -> dict:
    """Energy used per meter and local day, from the readings as reports would see them."""
    zone = local_zone()
    out: dict = {}
    for _id, meter, at, energy, *_ in snapshot():
        key = (meter, to_local(at, zone).date())
        lo, hi = out.get(key, (energy, energy))
        out[key] = (min(lo, energy), max(hi, energy))
    return out


def live_count() -> int:
    return Reading.select().count()
