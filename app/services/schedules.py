"""Schedules: a command on a selection of meters at set times (SPEC "Remote control", issue #12).

An administrator makes, changes, switches off and deletes them (one
system-log row each); maintenance may read them. What a schedule does when
due is ``schedule_runner``; when it is due is ``schedule_times``. The meter
selection is kept as a rule (all meters, a building, a bus, a list) and
resolved when the schedule runs, so a meter added to the building later is
included. Each run is a batch (``Batch.schedule_id``); the list shows the
last one's counts.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from peewee import fn

from app.errors import QT_TRANSLATE_NOOP, InvalidField, ValidationError
from app.models import Meter
from app.models.control import Batch, BatchItem, Schedule
from app.models.site import utcnow
from app.services.audit import log_action, log_message
from app.services.ledger import write_txn
from app.services.permissions import Actor, Permission, require
from app.services.schedule_times import ONCE, WINDOW, When, local_zone, next_due, to_utc

COMMANDS = (
    "trip",
    "close",
    "keep_power_on",
    "keep_power_off",
    "prepaid_on",
    "prepaid_off",
    "download_price",
    "download_settings",
)
# What a window's end usually undoes (the editor's suggestion; any command may be chosen).
UNDO = {
    "keep_power_on": "keep_power_off",
    "keep_power_off": "keep_power_on",
    "trip": "close",
    "close": "trip",
    "prepaid_off": "prepaid_on",
    "prepaid_on": "prepaid_off",
}

SCHEDULE_TARGET = QT_TRANSLATE_NOOP("SystemLog", "schedule {name}")
SAVED_DETAIL = QT_TRANSLATE_NOOP("SystemLog", "{command} on {meters}; {when}; next run {next}")
NO_NAME = QT_TRANSLATE_NOOP("Errors", "Name: a schedule needs a name")
UNKNOWN_COMMAND = QT_TRANSLATE_NOOP("Errors", "Command: {command} is not a command a schedule runs")
SAME_END_COMMAND = QT_TRANSLATE_NOOP(
    "Errors", "End command: the window would end with its own start command ({command})"
)
BAD_SELECTION = QT_TRANSLATE_NOOP("Errors", "Meters: not a meter selection this program knows")
NO_METERS = QT_TRANSLATE_NOOP("Errors", "Meters: the selection holds no meters")
IN_THE_PAST = QT_TRANSLATE_NOOP("Errors", "Time: {at} has already passed")
NO_MORE_RUNS = QT_TRANSLATE_NOOP("Errors", "Last day: the schedule would never run again")
NO_SUCH_SCHEDULE = QT_TRANSLATE_NOOP("Errors", "schedule {schedule_id} does not exist")


@dataclass(frozen=True)
class ScheduleSpec:
    """What the editor fills in: everything an administrator chooses."""

    name: str
    command: str
    selection: dict  # {"all": true} / {"building": id} / {"bus": id} / {"meters": [ids]}
    when: When
    args: dict = field(default_factory=dict)
    enabled: bool = True


@dataclass(frozen=True)
class ScheduleRow:
    """One line of the schedule list."""

    id: int
    spec: ScheduleSpec
    next_run_at: dt.datetime | None  # naive UTC
    last_run_at: dt.datetime | None
    created_by: str
    last_batch: int | None
    last_counts: dict[str, int]  # BatchItem state -> count of the last batch


# ---- the meter selection ----
def resolve_meters(selection: dict) -> list[int]:
    """The enabled meters the selection names now, by id."""
    query = Meter.select(Meter.id).where(Meter.enabled)
    if selection.get("all") is True:
        pass
    elif "building" in selection:
        query = query.where(Meter.building == selection["building"])
    elif "bus" in selection:
        query = query.where(Meter.bus == selection["bus"])
    elif isinstance(selection.get("meters"), list):
        query = query.where(Meter.id.in_([int(i) for i in selection["meters"]]))
    else:
        raise InvalidField("meters", BAD_SELECTION)
    return [m.id for m in query.order_by(Meter.id)]


def selection_text(selection: dict) -> str:
    """The selection in a log row (English, as data: ``all``, ``building 3``, ``4 meters``)."""
    if selection.get("all") is True:
        return "all meters"
    for key in ("building", "bus"):
        if key in selection:
            return f"{key} {selection[key]}"
    return f"{len(selection.get('meters', []))} meter(s)"


# ---- checks ----
def validate(spec: ScheduleSpec, now: dt.datetime | None = None, zone=None) -> dt.datetime | None:
    """Refuse what cannot run, naming the field; the first due time (naive UTC) when it can."""
    now = now or utcnow()
    zone = zone or local_zone()
    if not spec.name.strip():
        raise InvalidField("name", NO_NAME)
    if spec.command not in COMMANDS:
        raise InvalidField("command", UNKNOWN_COMMAND, command=spec.command)
    spec.when.check()
    if spec.when.kind == WINDOW:
        if spec.when.end_command not in COMMANDS:
            raise InvalidField("end_command", UNKNOWN_COMMAND, command=spec.when.end_command)
        if spec.when.end_command == spec.command:
            raise InvalidField("end_command", SAME_END_COMMAND, command=spec.command)
    if not isinstance(spec.selection, dict) or not resolve_meters(spec.selection):
        raise InvalidField("meters", NO_METERS)
    if spec.when.kind == ONCE and to_utc(spec.when.at, zone) <= now:
        raise InvalidField("at", IN_THE_PAST, at=spec.when.at.strftime("%Y-%m-%d %H:%M"))
    return first_due(spec.when, now, zone)


def first_due(when: When, now: dt.datetime, zone) -> dt.datetime:
    """When a new or re-enabled schedule is first due.

    A window is due at once when ``now`` is inside it (its start command should
    hold now, and is sent without waiting a week); otherwise at its next edge. A
    schedule that would never run again is refused.
    """
    from app.services.schedule_times import START, latest_due

    if when.kind == WINDOW:
        last = latest_due(when, now, zone)
        if last is not None and last.edge == START:
            return now
    due = next_due(when, now, zone)
    if due is None:
        raise InvalidField("last", NO_MORE_RUNS)
    return due.at


# ---- reading ----
def _spec(row: Schedule) -> ScheduleSpec:
    return ScheduleSpec(
        name=row.name,
        command=row.command,
        selection=json.loads(row.meters_json),
        when=When.from_json(row.when_json),
        args=json.loads(row.args_json or "{}"),
        enabled=row.enabled,
    )


def _get(schedule_id: int) -> Schedule:
    row = Schedule.get_or_none(Schedule.id == schedule_id)
    if row is None:
        raise ValidationError(NO_SUCH_SCHEDULE, schedule_id=schedule_id)
    return row


def get_spec(actor: Actor, schedule_id: int) -> ScheduleSpec:
    require(actor, Permission.CONTROL)
    return _spec(_get(schedule_id))


def list_schedules(actor: Actor) -> list[ScheduleRow]:
    """Every schedule with its next and last run and its last batch's item counts."""
    require(actor, Permission.CONTROL)
    last_batch = dict(
        Batch.select(Batch.schedule_id, fn.MAX(Batch.id))
        .where(Batch.schedule_id.is_null(False))
        .group_by(Batch.schedule_id)
        .tuples()
    )
    counts: dict[int, dict[str, int]] = {}
    if last_batch:
        query = (
            BatchItem.select(BatchItem.batch, BatchItem.state, fn.COUNT(BatchItem.id))
            .where(BatchItem.batch.in_(list(last_batch.values())))
            .group_by(BatchItem.batch, BatchItem.state)
            .tuples()
        )
        for batch_id, state, n in query:
            counts.setdefault(batch_id, {})[state] = n
    out = []
    for row in Schedule.select().order_by(Schedule.name, Schedule.id):
        batch = last_batch.get(row.id)
        out.append(
            ScheduleRow(
                row.id,
                _spec(row),
                row.next_run_at,
                row.last_run_at,
                row.created_by,
                batch,
                counts.get(batch, {}) if batch else {},
            )
        )
    return out


# ---- changing (administrator) ----
def _log(actor: Actor, action: str, spec: ScheduleSpec, next_at: dt.datetime | None) -> None:
    detail = log_message(
        SAVED_DETAIL,
        command=spec.command,
        meters=selection_text(spec.selection),
        when=spec.when.to_json(),
        next=next_at.strftime("%Y-%m-%d %H:%M UTC") if next_at else "-",
    )
    log_action(actor, action, log_message(SCHEDULE_TARGET, name=spec.name), "ok", detail)


def _columns(spec: ScheduleSpec, next_at: dt.datetime | None) -> dict:
    """A schedule's row as ``create`` and ``update`` write it."""
    return {
        "name": spec.name.strip(),
        "command": spec.command,
        "args_json": json.dumps(spec.args, sort_keys=True),
        "meters_json": json.dumps(spec.selection, sort_keys=True),
        "when_json": spec.when.to_json(),
        "enabled": spec.enabled,
        "next_run_at": next_at,
    }


def create(actor: Actor, spec: ScheduleSpec, now: dt.datetime | None = None, zone=None) -> int:
    require(actor, Permission.SETTINGS)
    due = validate(spec, now, zone)
    next_at = due if spec.enabled else None
    with write_txn():
        row = Schedule.create(**_columns(spec, next_at), created_by=actor.name)
        _log(actor, "schedule.create", spec, next_at)
    return row.id


def update(
    actor: Actor, schedule_id: int, spec: ScheduleSpec, now: dt.datetime | None = None, zone=None
) -> None:
    """Replace what the schedule does; its next run is worked out again from now."""
    require(actor, Permission.SETTINGS)
    due = validate(spec, now, zone)
    next_at = due if spec.enabled else None
    with write_txn():
        _get(schedule_id)
        Schedule.update(**_columns(spec, next_at)).where(Schedule.id == schedule_id).execute()
        _log(actor, "schedule.update", spec, next_at)


def set_enabled(
    actor: Actor, schedule_id: int, enabled: bool, now: dt.datetime | None = None, zone=None
) -> None:
    """Switch a schedule on (due from now: runs missed while off are not caught up) or off."""
    require(actor, Permission.SETTINGS)
    with write_txn():
        spec = _spec(_get(schedule_id))
        next_at = first_due(spec.when, now or utcnow(), zone or local_zone()) if enabled else None
        Schedule.update(enabled=enabled, next_run_at=next_at).where(
            Schedule.id == schedule_id
        ).execute()
        _log(actor, "schedule.enable" if enabled else "schedule.disable", spec, next_at)


def delete(actor: Actor, schedule_id: int) -> None:
    """Remove the schedule; the batches it made stay with their results."""
    require(actor, Permission.SETTINGS)
    with write_txn():
        spec = _spec(_get(schedule_id))
        Schedule.delete().where(Schedule.id == schedule_id).execute()
        _log(actor, "schedule.delete", spec, None)


# ---- what the editor offers ----
UNKNOWN_METER = QT_TRANSLATE_NOOP("Errors", "Meters: there is no meter numbered {number}")


def selection_choices() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The buildings and the buses a selection may name, as (id, name), by name."""
    from app.models import Building, Bus

    buildings = [(b.id, b.name) for b in Building.select().order_by(Building.name)]
    buses = [(b.id, b.name) for b in Bus.select().order_by(Bus.name)]
    return buildings, buses


def meter_ids_by_number(text: str) -> list[int]:
    """Meter numbers typed as "M001, M005" to their ids; an unknown number is refused."""
    numbers = [n for n in text.replace(",", " ").split() if n]
    found = {m.number: m.id for m in Meter.select().where(Meter.number.in_(numbers))}
    for number in numbers:
        if number not in found:
            raise InvalidField("meters", UNKNOWN_METER, number=number)
    return [found[n] for n in dict.fromkeys(numbers)]


def meter_numbers(meter_ids: list[int]) -> str:
    """The other way: ids to "M001, M005" for the editor."""
    by_id = {m.id: m.number for m in Meter.select().where(Meter.id.in_(meter_ids))}
    return ", ".join(by_id[i] for i in meter_ids if i in by_id)


def tariff_version_choices() -> list[tuple[int, str]]:
    """Tariff versions a price download may name (args ``{"tariff_version": id}``)."""
    from app.models.control import Tariff, TariffVersion

    query = (
        TariffVersion.select(TariffVersion.id, TariffVersion.version, Tariff.name)
        .join(Tariff)
        .where(~Tariff.archived)
        .order_by(Tariff.name, TariffVersion.version)
    )
    return [(v.id, f"{v.tariff.name} v{v.version}") for v in query]
