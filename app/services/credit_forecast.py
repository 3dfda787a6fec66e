"""Days of credit left for an opened meter (issue #13).

At the last 7 days' use and the tariff in force: the meter's own energy
registers per rate (sharp, peak, flat, valley) say how much of the week's
energy fell in each time-of-day rate, so the week's cost is each rate's energy
times that rate's price now (the tariff assigned to the meter, with its
override; failing that, the prices the meter was read to hold). Spread over the
time between the first and the last reading of the week, that is a cost per
day; the balance divided by it is the days left. Ladder adders are not counted
(the monthly step ahead is not known from a week).

Less than ``MIN_SPAN`` between the week's first and last reading (a new meter,
a gap, a counter that went back when the meter was replaced) is "too little
history", not a guess. ``use_rates`` answers for many meters at once (the grid,
5,000 meters: two indexed queries and a few small ones), and ``days_left`` then
turns a live balance into days with no query.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from app.errors import QT_TRANSLATE_NOOP
from app.messages import Message
from app.models import Meter, MeterState, MeterTariff, ParamSync, Reading, TariffVersion
from app.models.site import utcnow
from app.serial_io.poll_store import load_status

TOO_LITTLE_HISTORY = QT_TRANSLATE_NOOP("Errors", "too little history to tell")
NO_USE = QT_TRANSLATE_NOOP("Errors", "no use in the last 7 days")
NO_PRICES = QT_TRANSLATE_NOOP("Errors", "no tariff known for the meter")
NO_BALANCE = QT_TRANSLATE_NOOP("Errors", "the meter's balance is not known yet")

WINDOW = dt.timedelta(days=7)
MIN_SPAN = dt.timedelta(days=1)
RATE_FIELDS = ("energy_sharp", "energy_peak", "energy_flat", "energy_valley")
CHUNK = 500
DAY_S = 86_400


@dataclass(frozen=True)
class Forecast:
    days: float | None  # None: cannot tell (``reason`` says why)
    runs_out_at: dt.datetime | None  # naive UTC
    reason: Message | None = None


@dataclass(frozen=True)
class UseRate:
    """What the meter's use costs a day at the week's pace (None: cannot tell, ``reason``)."""

    fen_per_day: float | None
    reason: Message | None = None


def week_cost(first: tuple[int, ...], last: tuple[int, ...], prices: tuple[int, ...]) -> int | None:
    """The cost in fen of the energy between two readings (per-rate registers, 0.01 kWh) at
    ``prices`` (0.0001 yuan/kWh); None when a register went back (meter replaced or reset)."""
    used = [b - a for a, b in zip(first, last, strict=True)]
    if any(u < 0 for u in used):
        return None
    # 0.01 kWh x 0.0001 yuan/kWh = 1e-4 fen
    return sum(u * p for u, p in zip(used, prices, strict=True)) // 10_000


def rate_of(
    first: tuple[dt.datetime, tuple[int, ...]] | None,
    last: tuple[dt.datetime, tuple[int, ...]] | None,
    prices: tuple[int, ...] | None,
) -> UseRate:
    if first is None or last is None or last[0] - first[0] < MIN_SPAN:
        return UseRate(None, Message(TOO_LITTLE_HISTORY))
    if prices is None:
        return UseRate(None, Message(NO_PRICES))
    cost = week_cost(first[1], last[1], prices)
    if cost is None:
        return UseRate(None, Message(TOO_LITTLE_HISTORY))
    days = (last[0] - first[0]).total_seconds() / DAY_S
    return UseRate(cost / days)


def days_left(balance: int | None, rate: UseRate, now: dt.datetime | None = None) -> Forecast:
    """When ``balance`` (fen) runs out at ``rate``; no query (the grid calls it per poll)."""
    if rate.fen_per_day is None:
        return Forecast(None, None, rate.reason)
    if balance is None:
        return Forecast(None, None, Message(NO_BALANCE))
    now = now or utcnow()
    if balance <= 0:
        return Forecast(0.0, now)
    if rate.fen_per_day <= 0:
        return Forecast(None, None, Message(NO_USE))
    days = balance / rate.fen_per_day
    return Forecast(days, now + dt.timedelta(days=days))


def _chunks(ids: list[int]):
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _end_readings(ids: list[int], since: dt.datetime, now: dt.datetime) -> dict[int, tuple]:
    """meter -> (first, last) reading of the window, each (taken_at, per-rate energies)."""
    r = Reading.alias("r")
    in_window = (r.meter == Meter.id) & (r.taken_at >= since) & (r.taken_at <= now)
    first = r.select(r.id).where(in_window).order_by(r.taken_at, r.id).limit(1)
    last = r.select(r.id).where(in_window).order_by(r.taken_at.desc(), r.id.desc()).limit(1)
    pairs = list(
        Meter.select(Meter.id, first.alias("first"), last.alias("last"))
        .where(Meter.id.in_(ids))
        .tuples()
    )
    wanted = {i for _, a, b in pairs for i in (a, b) if i is not None}
    fields = [getattr(Reading, f) for f in RATE_FIELDS]
    readings = {}
    for chunk in _chunks(sorted(wanted)):
        q = Reading.select(Reading.id, Reading.taken_at, *fields).where(Reading.id.in_(chunk))
        for rid, taken_at, *energy in q.tuples():
            readings[rid] = (taken_at, tuple(energy))
    return {m: (readings.get(a), readings.get(b)) for m, a, b in pairs}


def _prices(ids: list[int]) -> dict[int, tuple[int, ...]]:
    """The prices in force per meter: the newest tariff assignment, else what it was read to
    hold, else (a meter whose prices never went through the program) the price it reports
    charging now, for every rate."""
    out: dict[int, tuple[int, ...]] = {}
    q = (
        MeterTariff.select(MeterTariff.meter, MeterTariff.price_override, TariffVersion.prices_json)
        .join(TariffVersion)
        .where(MeterTariff.meter.in_(ids))
        .order_by(MeterTariff.assigned_at, MeterTariff.id)
        .tuples()
    )
    for meter_id, override, prices_json in q:  # the newest comes last and wins
        out[meter_id] = (override,) * 4 if override else tuple(json.loads(prices_json))
    missing = [m for m in ids if m not in out]
    if missing:
        held = ParamSync.select(ParamSync.meter, ParamSync.read_json).where(
            ParamSync.meter.in_(missing) & (ParamSync.read_json != "")
        )
        for meter_id, read_json in held.tuples():
            out[meter_id] = tuple(json.loads(read_json)["prices"])
    missing = [m for m in ids if m not in out]
    if missing:  # never set through the program: the price the meter says it charges now
        states = MeterState.select(MeterState.meter, MeterState.status_json).where(
            MeterState.meter.in_(missing) & (MeterState.status_json != "")
        )
        for meter_id, status_json in states.tuples():
            status = load_status(status_json)
            if status is not None and status.price > 0:
                out[meter_id] = (status.price,) * 4
    return out


def use_rates(meter_ids, now: dt.datetime | None = None) -> dict[int, UseRate]:
    """Cost per day at the last 7 days' use, for each of ``meter_ids``."""
    now = now or utcnow()
    out: dict[int, UseRate] = {}
    for ids in _chunks(list(meter_ids)):
        ends = _end_readings(ids, now - WINDOW, now)
        prices = _prices(ids)
        for meter_id in ids:
            first, last = ends.get(meter_id, (None, None))
            out[meter_id] = rate_of(first, last, prices.get(meter_id))
    return out


def forecast(meter_id: int, now: dt.datetime | None = None) -> Forecast:
    """Days left for one meter at its last known balance (the meter detail, the SMS)."""
    now = now or utcnow()
    rate = use_rates([meter_id], now)[meter_id]
    state = MeterState.get_or_none(MeterState.meter == meter_id)
    status = load_status(state.status_json) if state is not None else None
    return days_left(status.balance if status is not None else None, rate, now)
