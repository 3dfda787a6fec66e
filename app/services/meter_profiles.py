"""Which profile a meter has and what it can do, for windows deciding what to offer.

The services refuse an operation the meter's profile cannot do
(``MeterProfile.require`` raises ``CannotDo`` before any frame is sent); a
window asks here first so it does not offer the operation at all, or offers
it disabled with the same sentence the refusal would show. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.errors import CannotDo, ConfigError
from app.models import Meter
from app.serial_io.profiles import Capability, MeterProfile, get_profile


class _Unknown(MeterProfile):
    """A meter whose profile this program does not know (a newer site's database)."""

    title = ""  # shown as its name


def profile_named(name: str) -> MeterProfile:
    """The profile called ``name``; an unknown name gets one that can do nothing.

    A window shows such a meter (as metering only) rather than failing to
    open; the services still refuse it with "unknown meter profile".
    """
    try:
        return get_profile(name)
    except ConfigError:
        profile = _Unknown()
        profile.name = name
        return profile


def profile_of(meter: Meter | int) -> MeterProfile:
    """The profile of a meter (a row or its id)."""
    if not isinstance(meter, Meter):
        meter = Meter.get_by_id(meter)
    return profile_named(meter.profile)


def capabilities_of(meter_id: int) -> frozenset[Capability]:
    return profile_of(meter_id).capabilities


def refusal(meter_id: int, *capabilities: Capability) -> CannotDo | None:
    """The error the services would raise for the first of ``capabilities`` this meter
    lacks ("this meter (acrel-adl400) cannot do prepaid sales"), or None."""
    profile = profile_of(meter_id)
    try:
        for capability in capabilities:
            profile.require(capability)
    except CannotDo as exc:
        return exc
    return None


def meters_that_can(capability: Capability, meter_ids: Iterable[int]) -> set[int]:
    """Those of ``meter_ids`` whose profile has ``capability`` (one query)."""
    ids = list(meter_ids)
    if not ids:
        return set()
    rows = Meter.select(Meter.id, Meter.profile).where(Meter.id.in_(ids))
    return {m.id for m in rows if profile_named(m.profile).can(capability)}
