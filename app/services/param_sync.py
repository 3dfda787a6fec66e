"""What each meter should hold and what it was last read to hold (``param_sync``).

The grid's "parameters not in sync" mark, the list window and the downloads all
read it here; kept apart from the downloads (which need the tariffs, which queue
batches, which read the grid) so the grid reads it without that chain.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from app.models import Meter, ParamSync, Tenant
from app.models.site import utcnow
from app.models.tenants import Account
from app.serial_io.meter_data import MeterParams
from app.serial_io.profiles import Capability, MeterProfile
from app.services.meter_profiles import profile_of

TARIFF_FIELDS = ("prices", "segments", "ladder")
SETTINGS_FIELDS = ("alarm1", "alarm2", "overload_w")


def params_fields(params: MeterParams, names: Iterable[str]) -> dict:
    """The named fields of ``params`` as JSON values (tuples become lists)."""
    out = {}
    for name in names:
        value = getattr(params, name)
        out[name] = (
            [list(v) for v in value]
            if name in ("segments", "ladder")
            else (list(value) if isinstance(value, tuple) else value)
        )
    return out


# Families whose parameter block holds the daily time segments and the ladder; the Acrel
# block holds four prices only and the meter keeps its own time-of-use table (docs/profiles.md).
SEGMENTS_HELD = frozenset({"default"})


@dataclass(frozen=True)
class Unsynced:
    """A meter whose parameters differ from what the database wants (the list window)."""

    meter_id: int
    number: str
    tenant: str | None
    fields: tuple[str, ...]  # TARIFF_FIELDS / SETTINGS_FIELDS names that differ (all: never read)
    checked_at: object  # datetime of the last read-back, None: never


# ---- what a family holds -------------------------------------------------------------------
def held_fields(profile: MeterProfile) -> tuple[str, ...]:
    """The MeterParams fields this family's parameter download sets and reads back."""
    out: list[str] = []
    if profile.can(Capability.TARIFF):
        out.append("prices")
        if profile.name in SEGMENTS_HELD:
            out += ["segments", "ladder"]
    if profile.can(Capability.ALARMS):
        out += ["alarm1", "alarm2"]
    if profile.can(Capability.OVERLOAD):
        out.append("overload_w")
    return tuple(out)


def differing(wanted: dict, read: MeterParams | None, profile: MeterProfile) -> tuple[str, ...]:
    """The wanted fields the meter holds otherwise (all wanted it holds, when never read)."""
    fields = [f for f in held_fields(profile) if f in wanted]
    if read is None:
        return tuple(fields)
    got = params_fields(read, fields)
    return tuple(f for f in fields if got[f] != wanted[f])


def params_from_json(text: str) -> MeterParams | None:
    if not text:
        return None
    data = json.loads(text)
    return MeterParams(
        prices=tuple(data["prices"]),
        segments=tuple(tuple(s) for s in data["segments"]),
        ladder=tuple(tuple(s) for s in data["ladder"]),
        alarm1=data["alarm1"],
        alarm2=data["alarm2"],
        overload_w=data["overload_w"],
    )


def _params_json(params: MeterParams) -> str:
    return json.dumps(params_fields(params, TARIFF_FIELDS + SETTINGS_FIELDS))


def record(meter_id: int, read: MeterParams, profile: MeterProfile) -> bool:
    """Store what the meter was read to hold; whether that is what the database wants."""
    row = ParamSync.get_or_none(ParamSync.meter == meter_id)
    wanted = json.loads(row.wanted_json or "{}") if row else {}
    in_sync = not differing(wanted, read, profile)
    values = {"read_json": _params_json(read), "in_sync": in_sync, "checked_at": utcnow()}
    if row is None:
        ParamSync.create(meter=meter_id, wanted_json="{}", **values)
    else:
        ParamSync.update(**values).where(ParamSync.meter == meter_id).execute()
    return in_sync


# ---- the jobs ------------------------------------------------------------------------------
def unsynced() -> list[Unsynced]:
    """Every meter whose parameters are not known to be what the database wants."""
    rows = (
        ParamSync.select(ParamSync, Meter)
        .join(Meter)
        .where(ParamSync.in_sync == False)  # noqa: E712 (peewee)
        .order_by(Meter.number)
    )
    tenants = dict(
        Account.select(Account.meter, Tenant.name)
        .join(Tenant)
        .where(Account.closed_at.is_null())
        .tuples()
    )
    out = []
    for row in rows:
        profile = profile_of(row.meter)
        fields = differing(json.loads(row.wanted_json or "{}"), params_from_json(row.read_json),
                           profile)  # fmt: skip
        if not fields:
            continue  # nothing wanted that this family holds
        out.append(Unsynced(row.meter.id, row.meter.number, tenants.get(row.meter.id), fields,
                            row.checked_at))  # fmt: skip
    return out


def unsynced_ids() -> frozenset[int]:
    """The meters the grid marks "parameters not in sync"."""
    return frozenset(u.meter_id for u in unsynced())
