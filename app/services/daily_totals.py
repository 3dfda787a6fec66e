"""Daily totals: one ``DailyTotal`` row per meter and local day, made from its stored readings.

``rollup(until_day)`` fills every finished day before ``until_day`` that has
readings and no row yet (``redo_from`` recomputes from a day on). Running it
again changes nothing: rows are keyed (meter, day) and recomputed the same.

How a day is counted (SPEC: "a gap is shown as a gap, never invented"):

- The day's energy is the sum of the counter steps from each reading to the
  next, for the steps that end inside the day (the step from the previous
  day's last reading to this day's first one belongs to this day). So the
  days of a month add up to the counter's rise over the month.
- A counter that goes back (a meter replaced on the same row, or reset) is a
  ``reset``: that one step counts nothing, since neither the old counter's
  last part nor the new counter's start is known; the steps after it count
  from the new counter.
- ``complete`` is False when some stretch of the day is not covered by readings
  at most 1.5 polling intervals apart (``poll.reading_interval_min``), the
  day's start included; a step across such a gap still counts what the
  counter rose (measured, not spread over the missing days), and a day
  without any reading gets no row at all.
- ``cost`` is the energy of each rate at the price of the tariff version the
  meter carried at the day's end (a price override for every rate), in whole
  fen rounded half up; ladder adders are not included. None: no tariff known.

Readings come through ``reading_store`` (the live table and, later, the
archive); a step back of at most ``LOOKBACK_DAYS`` finds the previous reading.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from operator import le
from typing import NamedTuple

from peewee import fn

from app import settings
from app.models import DailyTotal, Meter, MeterTariff, Reading, TariffVersion, db, dialect
from app.models.site import utcnow
from app.services import reading_store
from app.services.reading_store import ReadingRow
from app.services.reports.period import day_start_utc, local_day

COUNTERS = ("energy_total", "energy_sharp", "energy_peak", "energy_flat", "energy_valley")
LOOKBACK_DAYS = 7
METERS_PER_FETCH = 100
DAYS_PER_FETCH = 16
DAY = dt.timedelta(days=1)


class Sample(NamedTuple):
    """One stored reading as a day's arithmetic needs it."""

    at: dt.datetime  # naive UTC
    counters: tuple[int, int, int, int, int]  # total, sharp, peak, flat, valley (0.01 kWh)
    balance: int


_COUNTERS = slice(ReadingRow._fields.index("energy_total"), ReadingRow._fields.index("balance"))


def sample_of(r: ReadingRow) -> Sample:
    return Sample(r.taken_at, r[_COUNTERS], r.balance)


def max_step() -> dt.timedelta:
    """The longest step between readings that still counts as no gap."""
    return dt.timedelta(minutes=settings.get("poll.reading_interval_min") * 1.5)


def day_figures(
    day: dt.date, before: Sample | None, samples: Sequence[Sample], gap: dt.timedelta
) -> dict:
    """The ``DailyTotal`` fields (without meter and cost) of one day with at least one reading."""
    start, end = day_start_utc(day), day_start_utc(day + DAY)
    used = [0, 0, 0, 0, 0]
    reset = False
    complete = before is not None and samples[0].at - before.at <= gap
    complete = complete and end - samples[-1].at <= gap
    # Steps add up to the counters' rise over a run without a step back: sum runs, not steps.
    run = prev = before if before is not None else samples[0]
    for s in samples:
        if not all(map(le, prev.counters, s.counters)):  # a counter went back: this step is lost
            reset = True
            used = [u + b - a for u, a, b in zip(used, run.counters, prev.counters, strict=True)]
            run = s
        if s.at - prev.at > gap and prev.at >= start:
            complete = False
        prev = s
    used = [u + b - a for u, a, b in zip(used, run.counters, prev.counters, strict=True)]
    return {
        "day": day,
        "energy_total": used[0],
        "energy_sharp": used[1],
        "energy_peak": used[2],
        "energy_flat": used[3],
        "energy_valley": used[4],
        "first_energy": samples[0].counters[0],
        "last_energy": samples[-1].counters[0],
        "balance_end": samples[-1].balance,
        "readings": len(samples),
        "complete": complete,
        "reset": reset,
    }


def day_cost(figures: dict, prices: tuple[int, int, int, int] | None) -> int | None:
    """Fen for the day's energy at ``prices`` (0.0001 yuan/kWh per rate), rounded half up.

    Energy the rate registers do not account for (a meter without time-of-use
    registers) is charged at the flat price.
    """
    if prices is None:
        return None
    rates = [figures[c] for c in COUNTERS[1:]]
    unrated = max(0, figures["energy_total"] - sum(rates))
    residue = sum(e * p for e, p in zip(rates, prices, strict=True)) + unrated * prices[2]
    return (residue + 5_000) // 10_000  # 0.01 kWh x 0.0001 yuan/kWh = 0.0001 fen


class _Tariffs:
    """Every meter's tariff assignments (oldest first) with their prices, read once."""

    def __init__(self, meter_ids: Iterable[int]) -> None:
        self.by_meter: dict[int, list[tuple[dt.datetime, tuple[int, int, int, int]]]] = {}
        q = (
            MeterTariff.select(MeterTariff, TariffVersion)
            .join(TariffVersion)
            .where(MeterTariff.meter.in_(list(meter_ids)))
            .order_by(MeterTariff.assigned_at, MeterTariff.id)
        )
        for mt in q:
            prices = tuple(json.loads(mt.version.prices_json))
            if mt.price_override:
                prices = (mt.price_override,) * 4
            self.by_meter.setdefault(mt.meter_id, []).append((mt.assigned_at, prices))

    def prices_at(self, meter_id: int, at: dt.datetime) -> tuple[int, int, int, int] | None:
        found = None
        for since, prices in self.by_meter.get(meter_id, ()):
            if since <= at:
                found = prices
        return found


def _start_days(meter_ids: list[int], redo_from: dt.date | None) -> dict[int, dt.date]:
    """Where each meter's rollup begins: after its last row (or ``redo_from``), else at the
    site's first stored reading (days already rolled up may since have moved to the archive)."""
    first = Reading.select(fn.MIN(Reading.taken_at)).scalar()
    if first is None:
        return {}
    if isinstance(first, str):
        first = dt.datetime.fromisoformat(first)
    default = local_day(first)
    if redo_from is not None:
        return {m: max(redo_from, default) for m in meter_ids}
    last = dict(
        DailyTotal.select(DailyTotal.meter, fn.MAX(DailyTotal.day))
        .where(DailyTotal.meter.in_(meter_ids))
        .group_by(DailyTotal.meter)
        .tuples()
    )
    out = {}
    for m in meter_ids:
        day = last.get(m)
        if isinstance(day, str):
            day = dt.date.fromisoformat(day)
        out[m] = day + dt.timedelta(days=1) if day else default
    return out


def rollup(
    until_day: dt.date, meter_ids: Iterable[int] | None = None, redo_from: dt.date | None = None
) -> int:
    """Make the ``DailyTotal`` rows of every day before ``until_day`` (local); how many written."""
    ids = sorted(meter_ids) if meter_ids is not None else [m.id for m in Meter.select(Meter.id)]
    starts = _start_days(ids, redo_from)
    gap = max_step()
    written = 0
    by_start: dict[dt.date, list[int]] = {}
    for m, day in starts.items():
        if day < until_day:
            by_start.setdefault(day, []).append(m)
    for first_day, group in sorted(by_start.items()):
        for i in range(0, len(group), METERS_PER_FETCH):
            written += _rollup_meters(group[i : i + METERS_PER_FETCH], first_day, until_day, gap)
    return written


def _rollup_meters(ids: list[int], first_day: dt.date, until_day: dt.date, gap) -> int:
    tariffs = _Tariffs(ids)
    written = 0
    for rows in _figures(ids, first_day, until_day, gap):
        for figures in rows:
            at = day_start_utc(figures["day"] + DAY)
            figures["cost"] = day_cost(figures, tariffs.prices_at(figures["meter"], at))
        _store(rows)
        written += len(rows)
    return written


_STORED = ("meter", "day", *COUNTERS, "cost", "first_energy", "last_energy", "balance_end",
           "readings", "complete", "reset")  # fmt: skip


def _store(rows: list[dict]) -> None:
    """Write the rows, replacing those of the same meter and day (one executemany: a peewee
    insert costs some 300 us a row to build)."""
    columns = [DailyTotal._meta.fields[f].column_name for f in _STORED]
    sql = dialect.upsert(DailyTotal._meta.table_name, [*columns, "made_at"], key=tuple(columns[:2]))
    made = str(utcnow())
    values = [(f["meter"], str(f["day"]), *(f[c] for c in _STORED[2:]), made) for f in rows]
    with db.atomic():
        dialect.executemany(sql, values)


def figures_between(
    meter_ids: Iterable[int], first_day: dt.date, last_day: dt.date, gap: dt.timedelta | None = None
) -> list[dict]:
    """The days ``first_day``..``last_day`` of the meters, counted from their readings as
    ``rollup`` counts them (the same fields, ``meter`` too, no ``cost``); days with readings only.

    For a day without a ``DailyTotal`` row (today, or one the night job has not
    reached): the charts use it, so that a day's bar and the report's figure agree.
    """
    ids = sorted(set(meter_ids))
    gap = max_step() if gap is None else gap
    return [f for rows in _figures(ids, first_day, last_day + DAY, gap) for f in rows]


def _figures(ids: list[int], first_day: dt.date, until_day: dt.date, gap) -> Iterator[list[dict]]:
    """The figures of the meters' days before ``until_day``, ``DAYS_PER_FETCH`` days of
    readings (plain tuples from ``reading_store``) at a time."""
    prev: dict[int, Sample | None] = _previous(ids, first_day)
    day = first_day
    while day < until_day:
        last = min(until_day, day + DAYS_PER_FETCH * DAY)
        per_day: dict[tuple[int, dt.date], list[Sample]] = {}
        days = [day + i * DAY for i in range((last - day).days)]
        edges = [day_start_utc(d) for d in days]  # a bisect, not a time zone sum per reading
        for r in reading_store.rows_between(ids, edges[0], day_start_utc(last)):
            d = days[bisect.bisect_right(edges, r.taken_at) - 1]
            key = (r.meter_id, d)
            if key in per_day:
                per_day[key].append(sample_of(r))
            else:
                per_day[key] = [sample_of(r)]
        rows = []
        for m in ids:
            for d in days:
                samples = per_day.get((m, d))
                if samples:
                    figures = day_figures(d, prev[m], samples, gap)
                    figures["meter"] = m
                    rows.append(figures)
                    prev[m] = samples[-1]
        yield rows
        day = last


def _previous(ids: list[int], first_day: dt.date) -> dict[int, Sample | None]:
    """Each meter's last reading before ``first_day`` within ``LOOKBACK_DAYS`` (None: none)."""
    out: dict[int, Sample | None] = dict.fromkeys(ids)
    end = day_start_utc(first_day)
    for days in (1, LOOKBACK_DAYS):
        missing = [m for m in ids if out[m] is None]
        if not missing:
            break
        for r in reading_store.rows_between(missing, end - dt.timedelta(days=days), end):
            out[r.meter_id] = sample_of(r)  # ordered by time: the last one stays
    return out
