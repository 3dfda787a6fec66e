"""Tariffs (SPEC "Billing rules"): flat, time-of-use, ladder; versioned; assigned to meters.

A tariff is edited as a ``TariffDraft`` (texts as the admin typed them, the
day's segments as start-end spans so a gap or an overlap can be named) and
checked into a ``TariffSpec`` in the meter's units (prices in 0.0001
yuan/kWh, segments as (start minute, rate) from minute 0, ladder as (monthly
threshold in 0.01 kWh, price adder)). Every change is a new
``TariffVersion``; an old one is never edited, so the version a meter
carried at any time stays known from its ``MeterTariff`` rows. A refused
draft writes nothing. Assigning a tariff records what each meter should
hold (``ParamSync.wanted``) and queues the price download as a batch
(``app.services.batches``) for the meters whose family can take it.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, Overflow

from app.errors import QT_TRANSLATE_NOOP, InvalidField, ValidationError
from app.models import Meter, MeterTariff, ParamSync, Tariff, TariffVersion, db
from app.models.site import utcnow
from app.serial_io.meter_data import MeterParams
from app.serial_io.profiles import Capability
from app.services.audit import log_action, log_message
from app.services.meter_profiles import profile_of
from app.services.param_sync import (  # re-exported: callers know them as tariffs.*
    SETTINGS_FIELDS,
    TARIFF_FIELDS,
    params_fields,
)
from app.services.permissions import Actor, Permission, require

FLAT, TOU, LADDER = "flat", "tou", "ladder"
KINDS = (FLAT, TOU, LADDER)
DAY_MINUTES = 1440
MAX_SEGMENTS = 8
MAX_STEPS = 3
PRICE_MAX = 0xFFFFFFFF  # a 32-bit register pair
FLAT_RATE = 2  # the rate index a flat tariff's single segment uses

# Marked words filled into the sentences below ({what}); the UI translates them (context "Rate").
RATE_TITLES = (
    QT_TRANSLATE_NOOP("Rate", "Sharp"),
    QT_TRANSLATE_NOOP("Rate", "Peak"),
    QT_TRANSLATE_NOOP("Rate", "Flat"),
    QT_TRANSLATE_NOOP("Rate", "Valley"),
)
PRICE_TITLE = QT_TRANSLATE_NOOP("Rate", "Price")
OVERRIDE_TITLE = QT_TRANSLATE_NOOP("Rate", "Price override")
ADDER_TITLE = QT_TRANSLATE_NOOP("Rate", "Ladder price adder")

NAME_EMPTY = QT_TRANSLATE_NOOP("Errors", "Name: give the tariff a name")
NAME_TAKEN = QT_TRANSLATE_NOOP("Errors", "Name: a tariff named {name} already exists")
BAD_KIND = QT_TRANSLATE_NOOP("Errors", "Kind: {kind} is not flat, time-of-use or ladder")
PRICE_NOT_NUMBER = QT_TRANSLATE_NOOP(
    "Errors", "{what}: {text} is not a price in yuan per kWh (for example 0.8500)"
)
PRICE_NOT_POSITIVE = QT_TRANSLATE_NOOP("Errors", "{what}: the price must be more than 0")
PRICE_DECIMALS = QT_TRANSLATE_NOOP(
    "Errors", "{what}: {text} has more than 4 decimals (the meter counts 0.0001 yuan per kWh)"
)
PRICE_TOO_LARGE = QT_TRANSLATE_NOOP("Errors", "{what}: {text} is more than a meter can hold")
SEG_NONE = QT_TRANSLATE_NOOP("Errors", "Time segments: give at least one segment")
SEG_TOO_MANY = QT_TRANSLATE_NOOP(
    "Errors", "Time segments: at most 8 segments a day (there are {count})"
)
SEG_EMPTY_SPAN = QT_TRANSLATE_NOOP(
    "Errors", "Time segments: {start}–{end} does not end after it starts"
)
SEG_AFTER_MIDNIGHT = QT_TRANSLATE_NOOP("Errors", "Time segments: {start}–{end} ends after 24:00")
SEG_SAME_START = QT_TRANSLATE_NOOP("Errors", "Time segments: two segments start at {start}")
SEG_OVERLAP = QT_TRANSLATE_NOOP("Errors", "Time segments: {first} and {second} overlap")
SEG_GAP = QT_TRANSLATE_NOOP("Errors", "Time segments: nothing covers {start}–{end}")
SEG_BAD_TIME = QT_TRANSLATE_NOOP("Errors", "Time segments: {text} is not a time of day (HH:MM)")
SEG_BAD_RATE = QT_TRANSLATE_NOOP("Errors", "Time segments: {start}–{end} has no rate")
LADDER_NONE = QT_TRANSLATE_NOOP("Errors", "Ladder: give at least one step")
LADDER_TOO_MANY = QT_TRANSLATE_NOOP("Errors", "Ladder: at most 3 steps (there are {count})")
LADDER_THRESHOLD = QT_TRANSLATE_NOOP(
    "Errors", "Ladder step {step}: {text} is not an amount of kWh above 0 (at most 2 decimals)"
)
LADDER_NOT_RISING = QT_TRANSLATE_NOOP(
    "Errors", "Ladder step {step}: {kwh} kWh must be above the step before ({previous} kWh)"
)
ARCHIVED = QT_TRANSLATE_NOOP(
    "Errors", "Tariff {name} is archived: it cannot be changed or assigned"
)
NO_METERS = QT_TRANSLATE_NOOP("Errors", "Choose at least one meter")
NO_TARIFF = QT_TRANSLATE_NOOP("Errors", "No tariff {name}")

TARIFF_TARGET = QT_TRANSLATE_NOOP("SystemLog", "tariff {name}")
VERSION_DETAIL = QT_TRANSLATE_NOOP("SystemLog", "version {version}")
ASSIGN_DETAIL = QT_TRANSLATE_NOOP("SystemLog", "version {version} to {count} meters: {meters}")
ASSIGN_OVERRIDE_DETAIL = QT_TRANSLATE_NOOP(
    "SystemLog", "version {version} to {count} meters: {meters}; price override {price} yuan/kWh"
)


@dataclass(frozen=True)
class Span:
    """A daily time segment as drawn: ``start`` to ``end`` minutes (end exclusive), a rate."""

    start: int
    end: int
    rate: int


@dataclass(frozen=True)
class TariffDraft:
    """A tariff as typed: prices in yuan text ("0.8500"), one for flat and ladder, four
    (sharp, peak, flat, valley) for time-of-use; ladder steps as (kWh text, adder text)."""

    name: str
    kind: str
    prices: Sequence[str]
    spans: Sequence[Span] = ()
    ladder: Sequence[tuple[str, str]] = ()


@dataclass(frozen=True)
class TariffSpec:
    """A checked tariff in the meter's units (what a version stores)."""

    kind: str
    prices: tuple[int, int, int, int]
    segments: tuple[tuple[int, int], ...]
    ladder: tuple[tuple[int, int], ...] = ()

    def params(self, base: MeterParams | None = None) -> MeterParams:
        """``base`` (alarms, overload) with this tariff's prices, segments and ladder."""
        base = base or MeterParams()
        return MeterParams(
            prices=self.prices,
            segments=self.segments,
            ladder=self.ladder,
            alarm1=base.alarm1,
            alarm2=base.alarm2,
            overload_w=base.overload_w,
        )


@dataclass(frozen=True)
class AssignResult:
    """What ``assign`` did: the version given, the batch queued (None: nothing to send),
    the meters that will be sent it and those whose family keeps its own prices."""

    version_id: int
    batch_id: int | None
    queued: tuple[int, ...]
    cannot: tuple[int, ...]


# ---- reading typed values ------------------------------------------------------------------
def hhmm(minute: int) -> str:
    """Minutes of the day as 'HH:MM' (1440 is '24:00')."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def parse_hhmm(text: str) -> int:
    """'08:30' (or '8:30', '24:00') as minutes of the day; anything else refused by name."""
    shown = str(text).strip()
    hours, sep, minutes = shown.partition(":")
    if (
        sep
        and hours.isdigit()
        and minutes.isdigit()
        and len(minutes) == 2
        and int(minutes) < 60
        and int(hours) * 60 + int(minutes) <= DAY_MINUTES
    ):
        return int(hours) * 60 + int(minutes)
    raise InvalidField("segments", SEG_BAD_TIME, text=shown)


def parse_price(text: str | int, field: str = "price", what: str = PRICE_TITLE) -> int:
    """A price in yuan per kWh ("0.8500") as 0.0001 yuan/kWh (8500); above 0, 4 decimals."""
    if isinstance(text, int) and not isinstance(text, bool):
        value = Decimal(text) / 10_000
        shown = format_price(text) if text > 0 else str(text)
    else:
        shown = str(text).strip()
        try:
            value = Decimal(shown)
        except InvalidOperation:
            raise InvalidField(field, PRICE_NOT_NUMBER, what=what, text=shown) from None
        if not value.is_finite():
            raise InvalidField(field, PRICE_NOT_NUMBER, what=what, text=shown)
    if value <= 0:
        raise InvalidField(field, PRICE_NOT_POSITIVE, what=what)
    try:
        scaled = value * 10_000
    except Overflow:  # an exponent beyond Decimal's range
        raise InvalidField(field, PRICE_TOO_LARGE, what=what, text=shown) from None
    if scaled != scaled.to_integral_value() or scaled == 0:  # 0: a tiny price underflowed
        raise InvalidField(field, PRICE_DECIMALS, what=what, text=shown)
    if scaled > PRICE_MAX:
        raise InvalidField(field, PRICE_TOO_LARGE, what=what, text=shown)
    return int(scaled)


def format_price(price: int) -> str:
    """0.0001 yuan/kWh as yuan text with 4 decimals: 8500 -> '0.8500'."""
    sign = "-" if price < 0 else ""
    whole, frac = divmod(abs(price), 10_000)
    return f"{sign}{whole}.{frac:04d}"


def parse_kwh(text: str, step: int) -> int:
    """A monthly threshold in kWh ("200", "200.5") as 0.01 kWh; above 0, 2 decimals."""
    shown = str(text).strip()
    try:
        value = Decimal(shown) * 100
    except (InvalidOperation, Overflow):
        raise InvalidField("ladder", LADDER_THRESHOLD, step=step, text=shown) from None
    if not value.is_finite() or value <= 0 or value != value.to_integral_value():
        raise InvalidField("ladder", LADDER_THRESHOLD, step=step, text=shown)
    if value > PRICE_MAX:
        raise InvalidField("ladder", LADDER_THRESHOLD, step=step, text=shown)
    return int(value)


def format_kwh(hundredths: int) -> str:
    whole, frac = divmod(hundredths, 100)
    return f"{whole}.{frac:02d}" if frac else str(whole)


# ---- checking a draft ----------------------------------------------------------------------
def check_spans(spans: Iterable[Span]) -> tuple[tuple[int, int], ...]:
    """The day's segments as the meter holds them; each problem refused by name."""
    spans = list(spans)
    if not spans:
        raise InvalidField("segments", SEG_NONE)
    if len(spans) > MAX_SEGMENTS:
        raise InvalidField("segments", SEG_TOO_MANY, count=len(spans))
    for s in spans:
        if not 0 <= s.rate <= 3:
            raise InvalidField("segments", SEG_BAD_RATE, start=hhmm(s.start), end=hhmm(s.end))
        if s.start < 0 or s.end <= s.start:
            raise InvalidField("segments", SEG_EMPTY_SPAN, start=hhmm(s.start), end=hhmm(s.end))
        if s.end > DAY_MINUTES:
            raise InvalidField("segments", SEG_AFTER_MIDNIGHT, start=hhmm(s.start), end=hhmm(s.end))
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    for a, b in itertools.pairwise(ordered):
        if a.start == b.start:
            raise InvalidField("segments", SEG_SAME_START, start=hhmm(a.start))
    covered = 0
    previous: Span | None = None
    for s in ordered:
        if s.start < covered and previous is not None:
            raise InvalidField(
                "segments", SEG_OVERLAP, first=span_text(previous), second=span_text(s)
            )
        if s.start > covered:
            raise InvalidField("segments", SEG_GAP, start=hhmm(covered), end=hhmm(s.start))
        covered, previous = s.end, s
    if covered < DAY_MINUTES:
        raise InvalidField("segments", SEG_GAP, start=hhmm(covered), end=hhmm(DAY_MINUTES))
    return tuple((s.start, s.rate) for s in ordered)


def span_text(span: Span) -> str:
    return f"{hhmm(span.start)}–{hhmm(span.end)}"


def spans_of(segments: Sequence[Sequence[int]]) -> list[Span]:
    """Stored (start, rate) segments back as start-end spans (the editor and the bar)."""
    starts = [int(s[0]) for s in segments] + [DAY_MINUTES]
    return [Span(starts[i], starts[i + 1], int(seg[1])) for i, seg in enumerate(segments)]


def check_ladder(steps: Sequence[tuple[str, str]]) -> tuple[tuple[int, int], ...]:
    if not steps:
        raise InvalidField("ladder", LADDER_NONE)
    if len(steps) > MAX_STEPS:
        raise InvalidField("ladder", LADDER_TOO_MANY, count=len(steps))
    out: list[tuple[int, int]] = []
    for i, (kwh_text, adder_text) in enumerate(steps, start=1):
        threshold = parse_kwh(kwh_text, i)
        if out and threshold <= out[-1][0]:
            raise InvalidField(
                "ladder",
                LADDER_NOT_RISING,
                step=i,
                kwh=format_kwh(threshold),
                previous=format_kwh(out[-1][0]),
            )
        out.append((threshold, parse_price(adder_text, f"ladder.{i}", ADDER_TITLE)))
    return tuple(out)


def check_draft(draft: TariffDraft) -> TariffSpec:
    """The draft in the meter's units, or the first problem as an ``InvalidField``."""
    if not draft.name.strip():
        raise InvalidField("name", NAME_EMPTY)
    if draft.kind not in KINDS:
        raise InvalidField("kind", BAD_KIND, kind=draft.kind)
    if draft.kind == TOU:
        texts = list(draft.prices) + [""] * (4 - len(draft.prices))
        prices = tuple(parse_price(texts[i], f"price.{i}", RATE_TITLES[i]) for i in range(4))
        return TariffSpec(TOU, prices, check_spans(draft.spans))  # type: ignore[arg-type]
    one = parse_price(draft.prices[0] if draft.prices else "", "price.0", PRICE_TITLE)
    ladder = check_ladder(draft.ladder) if draft.kind == LADDER else ()
    return TariffSpec(draft.kind, (one, one, one, one), ((0, FLAT_RATE),), ladder)


# ---- versions ------------------------------------------------------------------------------
def spec_of(version: TariffVersion) -> TariffSpec:
    return TariffSpec(
        version.tariff.kind,
        tuple(json.loads(version.prices_json)),  # type: ignore[arg-type]
        tuple(tuple(s) for s in json.loads(version.segments_json)),  # type: ignore[misc]
        tuple(tuple(s) for s in json.loads(version.ladder_json or "[]")),  # type: ignore[misc]
    )


def draft_of(version: TariffVersion) -> TariffDraft:
    """A stored version as the editor shows it."""
    spec = spec_of(version)
    count = 4 if spec.kind == TOU else 1
    return TariffDraft(
        version.tariff.name,
        spec.kind,
        [format_price(p) for p in spec.prices[:count]],
        spans_of(spec.segments),
        [(format_kwh(t), format_price(a)) for t, a in spec.ladder],
    )


def current_version(tariff: Tariff | int) -> TariffVersion:
    tariff_id = tariff.id if isinstance(tariff, Tariff) else tariff
    return (
        TariffVersion.select()
        .where(TariffVersion.tariff == tariff_id)
        .order_by(TariffVersion.version.desc())
        .get()
    )


def versions(tariff: Tariff | int) -> list[TariffVersion]:
    """Every version, newest first (the editor's read-only history)."""
    tariff_id = tariff.id if isinstance(tariff, Tariff) else tariff
    return list(
        TariffVersion.select()
        .where(TariffVersion.tariff == tariff_id)
        .order_by(TariffVersion.version.desc())
    )


def list_tariffs(include_archived: bool = False) -> list[Tariff]:
    query = Tariff.select().order_by(Tariff.name)
    if not include_archived:
        query = query.where(Tariff.archived == False)  # noqa: E712 (peewee)
    return list(query)


def find(name_or_id: str | int) -> Tariff:
    query = Tariff.id == name_or_id if isinstance(name_or_id, int) else Tariff.name == name_or_id
    tariff = Tariff.get_or_none(query)
    if tariff is None:
        raise ValidationError(NO_TARIFF, name=str(name_or_id))
    return tariff


def _new_version(tariff: Tariff, spec: TariffSpec, actor: Actor, number: int) -> TariffVersion:
    return TariffVersion.create(
        tariff=tariff,
        version=number,
        prices_json=json.dumps(list(spec.prices)),
        segments_json=json.dumps([list(s) for s in spec.segments]),
        ladder_json=json.dumps([list(s) for s in spec.ladder]),
        created_by=actor.name,
    )


def create(actor: Actor, draft: TariffDraft) -> TariffVersion:
    """A new tariff and its version 1 (admin)."""
    require(actor, Permission.SETTINGS)
    spec = check_draft(draft)
    name = draft.name.strip()
    with db.atomic():
        if Tariff.get_or_none(Tariff.name == name) is not None:
            raise InvalidField("name", NAME_TAKEN, name=name)
        tariff = Tariff.create(name=name, kind=spec.kind)
        version = _new_version(tariff, spec, actor, 1)
        log_action(
            actor,
            "tariff.create",
            log_message(TARIFF_TARGET, name=name),
            "ok",
            log_message(VERSION_DETAIL, version=1),
        )
    return version


def edit(actor: Actor, tariff: Tariff | int, draft: TariffDraft) -> TariffVersion:
    """A new version of ``tariff`` (its name stays); an unchanged draft writes nothing."""
    require(actor, Permission.SETTINGS)
    tariff = find(tariff.id if isinstance(tariff, Tariff) else tariff)
    if tariff.archived:
        raise ValidationError(ARCHIVED, name=tariff.name)
    spec = check_draft(
        TariffDraft(tariff.name, draft.kind, draft.prices, draft.spans, draft.ladder)
    )
    with db.atomic():
        latest = current_version(tariff)
        if spec_of(latest) == spec:
            return latest
        Tariff.update(kind=spec.kind).where(Tariff.id == tariff.id).execute()
        version = _new_version(tariff, spec, actor, latest.version + 1)
        log_action(
            actor,
            "tariff.edit",
            log_message(TARIFF_TARGET, name=tariff.name),
            "ok",
            log_message(VERSION_DETAIL, version=version.version),
        )
    return version


def archive(actor: Actor, tariff: Tariff | int) -> None:
    """No longer offered or assignable; its versions and the meters' history stay."""
    require(actor, Permission.SETTINGS)
    tariff = find(tariff.id if isinstance(tariff, Tariff) else tariff)
    with db.atomic():
        Tariff.update(archived=True).where(Tariff.id == tariff.id).execute()
        log_action(actor, "tariff.archive", log_message(TARIFF_TARGET, name=tariff.name), "ok")


# ---- what each meter carries ---------------------------------------------------------------
def meter_tariff(meter_id: int) -> MeterTariff | None:
    """The assignment in force: the newest."""
    return (
        MeterTariff.select()
        .where(MeterTariff.meter == meter_id)
        .order_by(MeterTariff.assigned_at.desc(), MeterTariff.id.desc())
        .first()
    )


def history(meter_id: int) -> list[MeterTariff]:
    """Every version the meter carried and since when, newest first."""
    return list(
        MeterTariff.select()
        .where(MeterTariff.meter == meter_id)
        .order_by(MeterTariff.assigned_at.desc(), MeterTariff.id.desc())
    )


def tariff_params(version: TariffVersion, override: int | None, meter: Meter) -> MeterParams:
    """What ``meter`` should hold under ``version``: an override is one price for every
    rate (segments and ladder stay); the alarms and overload are the meter's own."""
    spec = spec_of(version)
    prices = (override,) * 4 if override else spec.prices
    return MeterParams(
        prices=prices,  # type: ignore[arg-type]
        segments=spec.segments,
        ladder=spec.ladder,
        alarm1=meter.alarm1,
        alarm2=meter.alarm2,
        overload_w=meter.overload_w,
    )


def want(meter_id: int, fields: dict) -> None:
    """Merge ``fields`` into what the meter should hold; it is out of sync until read back."""
    row = ParamSync.get_or_none(ParamSync.meter == meter_id)
    if row is None:
        ParamSync.create(meter=meter_id, wanted_json=json.dumps(fields), in_sync=False)
        return
    wanted = {**json.loads(row.wanted_json or "{}"), **fields}
    if wanted != json.loads(row.wanted_json or "{}"):
        ParamSync.update(wanted_json=json.dumps(wanted), in_sync=False).where(
            ParamSync.meter == meter_id
        ).execute()


def assign(
    actor: Actor,
    tariff: Tariff | int | str,
    meter_ids: Sequence[int],
    price_override: str | int | None = None,
) -> AssignResult:
    """Give ``meter_ids`` the tariff's current version (admin) and queue its download.

    History is kept (a new ``MeterTariff`` row a meter); the meters whose family
    has no price download (``Capability.TARIFF``) carry the tariff in the
    database only and are named in ``cannot``.
    """
    require(actor, Permission.SETTINGS)
    ids = list(dict.fromkeys(int(m) for m in meter_ids))
    if not ids:
        raise ValidationError(NO_METERS)
    tariff = find(tariff.id if isinstance(tariff, Tariff) else tariff)
    if tariff.archived:
        raise ValidationError(ARCHIVED, name=tariff.name)
    override = (
        None
        if price_override in (None, "")
        else parse_price(price_override, "override", OVERRIDE_TITLE)  # type: ignore[arg-type]
    )
    meters = {m.id: m for m in Meter.select().where(Meter.id.in_(ids))}
    now = utcnow()
    with db.atomic():
        version = current_version(tariff)
        for meter_id in ids:
            meter = meters[meter_id]
            MeterTariff.create(
                meter=meter_id,
                version=version,
                price_override=override,
                assigned_at=now,
                assigned_by=actor.name,
            )
            Meter.update(tariff=tariff.name).where(Meter.id == meter_id).execute()
            wanted = tariff_params(version, override, meter)
            want(meter_id, params_fields(wanted, TARIFF_FIELDS + SETTINGS_FIELDS))
        numbers = ", ".join(meters[m].number for m in ids)
        detail = (
            log_message(
                ASSIGN_OVERRIDE_DETAIL,
                version=version.version,
                count=len(ids),
                meters=numbers,
                price=format_price(override),
            )
            if override
            else log_message(ASSIGN_DETAIL, version=version.version, count=len(ids), meters=numbers)
        )
        log_action(
            actor, "tariff.assign", log_message(TARIFF_TARGET, name=tariff.name), "ok", detail
        )
    queued = tuple(m for m in ids if profile_of(meters[m]).can(Capability.TARIFF))
    cannot = tuple(m for m in ids if m not in queued)
    batch_id = start_batch(actor, "download_price", list(queued), {}) if queued else None
    return AssignResult(version.id, batch_id, queued, cannot)


def meters_of(building: int | None = None, bus: int | None = None) -> list[int]:
    """The enabled meters of a building, of a bus, or (neither given) of the site."""
    query = Meter.select(Meter.id).where(Meter.enabled == True)  # noqa: E712 (peewee)
    if building is not None:
        query = query.where(Meter.building == building)
    if bus is not None:
        query = query.where(Meter.bus == bus)
    return [m.id for m in query.order_by(Meter.number)]


def meter_counts() -> dict[int, int]:
    """Tariff id -> how many meters carry one of its versions now (the tariff list)."""
    newest: dict[int, int] = {}
    rows = MeterTariff.select(MeterTariff.meter, TariffVersion.tariff).join(TariffVersion)
    for row in rows.order_by(MeterTariff.assigned_at, MeterTariff.id).tuples():
        newest[row[0]] = row[1]
    counts: dict[int, int] = {}
    for tariff_id in newest.values():
        counts[tariff_id] = counts.get(tariff_id, 0) + 1
    return counts


def start_batch(actor: Actor, command: str, meter_ids: list[int], args: dict) -> int:
    """Run ``command`` on ``meter_ids`` through the bus workers' batch lane (a batch id)."""
    from app.services import batches  # the batch runner; imported late: it imports job kinds

    return batches.start(actor, command, meter_ids, args)
