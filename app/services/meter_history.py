"""What the charts show of a meter's (or a building's) past (issue #14): daily energy, the load
curve of one day, the balance over time and the recharges.

Past days come from ``DailyTotal`` (kept forever); a day without one (today, or a day the
night roll-up has not reached yet) is counted from the stored readings by the roll-up's own
rule (``daily_totals.figures_between``), so a day's bar and the report's figure agree; a day
without readings is a gap. Within a day's load curve, energy between two consecutive readings
is spread over the time between them; two readings further apart than ``reading_gap()`` (two
reading intervals) leave a gap, and a counter that went back (a replaced or reset meter) is
not counted either: a gap is shown as a gap, never invented. Readings come through
``reading_store`` as plain tuples, so archived readings count as well.

Days and half hours are the site PC's local calendar; the database keeps naive UTC.
Energy is 0.01 kWh, power W, money fen. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app import settings
from app.models import DailyTotal, LedgerEntry, Meter
from app.models.ledger import EntryKind, EntryState
from app.services import daily_totals
from app.services.permissions import Actor, Permission, require
from app.services.reading_store import rows_between
from app.services.reports.period import day_start_utc

DAY = dt.timedelta(days=1)
SLOT = dt.timedelta(minutes=30)
CHART_DAYS = 30


@dataclass(frozen=True)
class DayEnergy:
    day: dt.date
    energy: int | None  # 0.01 kWh; None: nothing known of that day (a gap)
    complete: bool = True  # False: part of the day is a gap, or the day is not over
    reset: bool = False  # the counter went back within the day


@dataclass(frozen=True)
class Slot:
    """One half hour of a day's load curve."""

    start: dt.datetime  # local
    energy: int | None  # 0.01 kWh used in it; None: no readings around it
    power: int | None  # W, the mean of the power read in it; None: no reading in it


@dataclass(frozen=True)
class BalancePoint:
    at: dt.datetime  # local
    balance: int | None  # fen; None breaks the line (the readings stopped for a while)


@dataclass(frozen=True)
class Recharge:
    entry_id: int
    at: dt.datetime  # local time the meter confirmed it
    amount: int  # fen
    balance_after: int | None  # fen, read back at confirmation
    receipt_no: str


@dataclass(frozen=True)
class MeterHistory:
    meter_id: int
    days: list[DayEnergy]
    balance: list[BalancePoint]
    recharges: list[Recharge]


# -- time --------------------------------------------------------------------------------
def to_utc(local: dt.datetime) -> dt.datetime:
    """Naive local time of the site PC -> naive UTC (the database's clock)."""
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def to_local(utc: dt.datetime) -> dt.datetime:
    return utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def midnight(day: dt.date) -> dt.datetime:
    """Local midnight starting ``day``, as naive UTC."""
    return day_start_utc(day)


def reading_gap() -> dt.timedelta:
    """Readings further apart than this leave a gap between them (two reading intervals)."""
    return dt.timedelta(minutes=2 * settings.get("poll.reading_interval_min"))


# -- spreading readings over buckets -------------------------------------------------------
@dataclass
class _Bucket:
    start: dt.datetime  # naive UTC
    end: dt.datetime
    energy: int = 0
    covered: float = 0.0  # seconds between good pairs of readings
    broken: bool = False  # a gap or a counter going back touched it
    reset: bool = False


def _buckets(edges: Sequence[dt.datetime]) -> list[_Bucket]:
    return [_Bucket(a, b) for a, b in itertools.pairwise(edges)]


def _spread(buckets: list[_Bucket], readings: Sequence, gap: dt.timedelta) -> None:
    """Add the energy between consecutive readings (one meter, by time) to the buckets they
    span, in proportion to time; the last bucket takes the rounding so the total is exact."""
    for a, b in itertools.pairwise(readings):
        span = (b.taken_at - a.taken_at).total_seconds()
        if span <= 0:
            continue
        hit = [x for x in buckets if x.start < b.taken_at and a.taken_at < x.end]
        if not hit:
            continue
        delta = b.energy_total - a.energy_total
        if b.taken_at - a.taken_at > gap or delta < 0:
            for x in hit:
                x.broken = True
                x.reset = x.reset or delta < 0
            continue
        given = 0
        for i, x in enumerate(hit):
            overlap = (min(b.taken_at, x.end) - max(a.taken_at, x.start)).total_seconds()
            x.covered += overlap
            share = delta - given if i == len(hit) - 1 else round(delta * overlap / span)
            x.energy += share
            given += share


def _day_of_total(row: DailyTotal) -> DayEnergy:
    if row.readings == 0:
        return DayEnergy(row.day, None, False, row.reset)
    return DayEnergy(row.day, row.energy_total, row.complete, row.reset)


# -- queries ------------------------------------------------------------------------------
def daily_energy(
    meter_ids: Iterable[int],
    first_day: dt.date,
    last_day: dt.date,
    now: dt.datetime,
    gap: dt.timedelta | None = None,
) -> dict[int, list[DayEnergy]]:
    """Each meter's days ``first_day``..``last_day``: its ``DailyTotal`` where there is one,
    else counted from its readings as the roll-up counts them (``gap``: the longest step that
    is no gap, default the roll-up's); a day not over yet (``now``, naive UTC) is incomplete."""
    ids = list(meter_ids)
    totals: dict[int, dict[dt.date, DailyTotal]] = {m: {} for m in ids}
    rows = DailyTotal.select().where(
        DailyTotal.meter.in_(ids) & (DailyTotal.day >= first_day) & (DailyTotal.day <= last_day)
    )
    for row in rows:
        totals[row.meter_id][row.day] = row
    count = (last_day - first_day).days + 1
    wanted = [first_day + i * DAY for i in range(count)]
    missing = {m: [d for d in wanted if d not in totals[m]] for m in ids}
    need = [m for m in ids if missing[m]]
    counted: dict[tuple[int, dt.date], DayEnergy] = {}
    if need:
        start = min(min(missing[m]) for m in need)
        end = max(max(missing[m]) for m in need)
        for f in daily_totals.figures_between(need, start, end, gap):
            over = midnight(f["day"] + DAY) <= now
            counted[f["meter"], f["day"]] = DayEnergy(
                f["day"], f["energy_total"], f["complete"] and over, f["reset"]
            )
    return {
        m: [
            _day_of_total(totals[m][d])
            if d in totals[m]
            else counted.get((m, d), DayEnergy(d, None, False))
            for d in wanted
        ]
        for m in ids
    }


def building_daily(
    actor: Actor,
    building_id: int,
    first_day: dt.date,
    last_day: dt.date,
    now: dt.datetime,
    gap: dt.timedelta | None = None,
) -> list[DayEnergy]:
    """A building's daily total: the sum over its meters; a day is complete only if every
    meter's is, and a gap (None) only if no meter has anything for it."""
    require(actor, Permission.REPORTS)
    ids = [m.id for m in Meter.select(Meter.id).where(Meter.building == building_id)]
    per_meter = daily_energy(ids, first_day, last_day, now, gap)
    count = (last_day - first_day).days + 1
    out = []
    for i in range(count):
        days = [per_meter[m][i] for m in ids]
        known = [d.energy for d in days if d.energy is not None]
        out.append(
            DayEnergy(
                first_day + i * DAY,
                sum(known) if known else None,
                bool(days) and all(d.complete for d in days),
                any(d.reset for d in days),
            )
        )
    return out


def load_curve(
    actor: Actor, meter_id: int, day: dt.date, now: dt.datetime, gap: dt.timedelta | None = None
) -> list[Slot]:
    """The 48 half hours of ``day`` (local): energy used in each, and the mean power read."""
    require(actor, Permission.VIEW)
    gap = reading_gap() if gap is None else gap
    start = dt.datetime.combine(day, dt.time.min)
    local_edges = [start + i * SLOT for i in range(int(DAY / SLOT) + 1)]
    buckets = _buckets([to_utc(t) for t in local_edges])
    readings = rows_between([meter_id], buckets[0].start - gap, buckets[-1].end + gap)
    _spread(buckets, readings, gap)
    slots = []
    for x, local in zip(buckets, local_edges, strict=False):
        powers = [r.power for r in readings if x.start <= r.taken_at < x.end]
        slots.append(
            Slot(
                local,
                x.energy if x.covered > 0 else None,
                round(sum(powers) / len(powers)) if powers else None,
            )
        )
    return slots


def balance_line(readings: Sequence, gap: dt.timedelta) -> list[BalancePoint]:
    """The balance at each reading; a point without balance where readings stopped for longer
    than ``gap``, so the line breaks there."""
    points: list[BalancePoint] = []
    previous = None
    for reading in readings:
        if previous is not None and reading.taken_at - previous.taken_at > gap:
            points.append(BalancePoint(to_local(previous.taken_at + gap / 2), None))
        points.append(BalancePoint(to_local(reading.taken_at), reading.balance))
        previous = reading
    return points


def recharges(meter_id: int, start: dt.datetime, end: dt.datetime) -> list[Recharge]:
    """Confirmed sales to the meter settled within ``start``..``end`` (naive UTC)."""
    when = LedgerEntry.settled_at
    q = (
        LedgerEntry.select()
        .where(
            (LedgerEntry.meter == meter_id)
            & (LedgerEntry.kind == EntryKind.SALE.value)
            & (LedgerEntry.state == EntryState.CONFIRMED.value)
            & (when >= start)
            & (when < end)
        )
        .order_by(when, LedgerEntry.id)
    )
    return [
        Recharge(e.id, to_local(e.settled_at), e.amount_fen, e.balance_after, e.receipt_no)
        for e in q
    ]


def meter_history(
    actor: Actor, meter_id: int, last_day: dt.date, now: dt.datetime, days: int = CHART_DAYS
) -> MeterHistory:
    """What the meter detail's History tab shows: ``days`` days up to ``last_day``."""
    require(actor, Permission.VIEW)
    gap = reading_gap()
    first_day = last_day - (days - 1) * DAY
    start, end = midnight(first_day), midnight(last_day + DAY)
    readings = rows_between([meter_id], start, end)
    return MeterHistory(
        meter_id,
        daily_energy([meter_id], first_day, last_day, now)[meter_id],
        balance_line(readings, gap),
        recharges(meter_id, start, end),
    )
