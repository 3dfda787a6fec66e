"""Writing a checked workbook: everything in one transaction, or nothing.

A preview with any problem is refused. The site is compared with the file
again inside the transaction (which holds the write lock): if someone changed
it since the preview was made, nothing is written and the operator checks
the file again. Objects are written in the order they refer to each other
(buildings, gateways, buses, meters); meters that swap places are first moved
aside, so the unique bus + address + circuit never stands in the way.

The system log gets one summary row for the import (file, how many new and
changed per kind) and one row per changed object naming each field's old and
new value; new objects are counted, not listed one by one: the file lists
them, and 5,000 rows of "meter created" would bury everything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP, ValidationError
from app.messages import Message
from app.models import Building, Bus, Gateway, Meter
from app.services import ledger
from app.services.audit import METER_TARGET, log_action
from app.services.permissions import Actor, Permission, require
from app.services.site_workbook.diff import diff
from app.services.site_workbook.preview import CHANGED, NEW, ORDER, Preview
from app.services.site_workbook.snapshot import current_site, open_accounts

STALE = QT_TRANSLATE_NOOP(
    "Errors", "the site changed since the file was checked; check the file again"
)
IMPORT_DETAIL = QT_TRANSLATE_NOOP(
    "SystemLog",
    "{file}: new {buildings_new} buildings, {gateways_new} gateways, {buses_new} buses, "
    "{meters_new} meters; changed {buildings_changed} buildings, {gateways_changed} gateways, "
    "{buses_changed} buses, {meters_changed} meters",
)
CHANGE_DETAIL = QT_TRANSLATE_NOOP("SystemLog", "changed {changes}")
BUILDING_TARGET = QT_TRANSLATE_NOOP("SystemLog", "building {name}")
GATEWAY_TARGET = QT_TRANSLATE_NOOP("SystemLog", "gateway {name}")
BUS_TARGET = QT_TRANSLATE_NOOP("SystemLog", "bus {name}")

_MODELS = {"buildings": Building, "gateways": Gateway, "buses": Bus, "meters": Meter}
_KEYS = {"buildings": "name", "gateways": "name", "buses": "name", "meters": "number"}
_REFS = {"building": Building, "gateway": Gateway, "bus": Bus}  # cell holds its name
_BATCH = 400  # rows per INSERT: well under SQLite's limit of variables


@dataclass(frozen=True)
class Applied:
    """What one import wrote (counts by sheet key and NEW / CHANGED)."""

    counts: dict[str, dict[str, int]]

    @property
    def nothing(self) -> bool:
        return not any(n for kinds in self.counts.values() for n in kinds.values())


def apply_topology(preview: Preview, actor: Actor) -> Applied:
    """Write the buildings, gateways, buses and meters of a problem-free preview at once.

    Tenants are not written here: taking them over reads each meter first
    (``takeover.take_over``), after this transaction made the meters exist.
    """
    require(actor, Permission.COMMISSION)
    preview.refuse_if_problems()
    counts = {k: {NEW: 0, CHANGED: 0} for k in ORDER if k != "tenants"}
    with ledger.write_txn():
        fresh = Preview(preview.path, rows=preview.rows)
        diff(fresh, current_site(), open_accounts())
        if _signature(fresh) != _signature(preview):
            raise ValidationError(STALE)
        changes = [c for c in fresh.changes if c.sheet != "tenants"]
        if not changes:
            return Applied(counts)
        rows = {k: {v[_KEYS[k]]: v for _n, v in preview.rows.get(k, [])} for k in counts}
        for key in counts:
            mine = [c for c in changes if c.sheet == key]
            _write_sheet(key, mine, rows[key], actor)
            for c in mine:
                counts[key][c.kind] += 1
        params = {f"{k}_{kind}": n for k, kinds in counts.items() for kind, n in kinds.items()}
        detail = Message(IMPORT_DETAIL, {"file": Path(preview.path).name, **params})
        log_action(actor, "site.import", Path(preview.path).name, "ok", detail)
    return Applied(counts)


def _signature(preview: Preview) -> list[tuple]:
    return [(c.sheet, c.key, c.kind, c.fields) for c in preview.changes]


def _ids(model) -> dict[str, int]:
    return {name: i for i, name in model.select(model.id, model.name).tuples()}


def _db_values(values: dict, refs: dict[str, dict[str, int]]) -> dict:
    """A checked row as model fields: names of buildings, gateways, buses become their ids."""
    out = {}
    for key, value in values.items():
        if key in _REFS:
            out[key] = refs[key].get(value) if value else None
        else:
            out[key] = value
    return out


def _write_sheet(key: str, changes, rows: dict[str, dict], actor: Actor) -> None:
    model = _MODELS[key]
    refs = {name: _ids(m) for name, m in _REFS.items()}
    new = [_db_values(rows[c.key], refs) for c in changes if c.kind == NEW]
    changed = [c for c in changes if c.kind == CHANGED]
    moving = []
    if key == "meters":
        moving = [c for c in changed if {"bus", "address", "circuit"} & set(c.fields)]
        for c in moving:  # out of the way first: two meters may swap places
            Meter.update(address=0 - Meter.id).where(Meter.number == c.key).execute()
    for c in changed:
        values = _db_values({f: rows[c.key][f] for f in c.fields}, refs)
        if key == "meters" and c in moving:
            values.update(
                _db_values(
                    {f: rows[c.key][f] for f in ("bus", "address", "circuit") if f in rows[c.key]},
                    refs,
                )
            )
        model.update(**values).where(getattr(model, _KEYS[key]) == c.key).execute()
        _log_change(actor, key, c, rows[c.key])
    for start in range(0, len(new), _BATCH):
        model.insert_many(new[start : start + _BATCH]).execute()
    if key == "meters" and moving:
        still = Meter.select(Meter.number).where(Meter.address < 0).tuples()
        if list(still):  # a meter moved aside but not back: never leave it so
            raise RuntimeError("a moved meter kept its temporary address")


def _log_change(actor: Actor, key: str, change, new: dict) -> None:
    target = {
        "buildings": Message(BUILDING_TARGET, {"name": change.key}),
        "gateways": Message(GATEWAY_TARGET, {"name": change.key}),
        "buses": Message(BUS_TARGET, {"name": change.key}),
        "meters": Message(METER_TARGET, {"meter": change.key}),
    }[key]
    singular = {"buildings": "building", "gateways": "gateway", "buses": "bus", "meters": "meter"}
    text = "; ".join(f"{f}: {change.old.get(f)!r} -> {new.get(f)!r}" for f in change.fields)
    detail = Message(CHANGE_DETAIL, {"changes": text})
    log_action(actor, f"{singular[key]}.change", target, "ok", detail)
