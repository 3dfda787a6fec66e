"""The meter families the program knows, by name, and how ``scan`` tells them apart.

One module a family (docs/profiles.md, "Adding a fourth family"); the order
of ``_FAMILIES`` is the order a meter of unknown family is probed in.
"""

from __future__ import annotations

from app.errors import QT_TRANSLATE_NOOP, CommError, ConfigError
from app.serial_io.profiles.acrel_adf400l import ACREL_ADF400L
from app.serial_io.profiles.acrel_adl400 import ACREL_ADL400
from app.serial_io.profiles.acrel_ddsy1352 import ACREL_DDSY
from app.serial_io.profiles.base import (
    Capability,
    LineDefaults,
    MeterProfile,
    RegisterBus,
)
from app.serial_io.profiles.default import COMMAND_ADDRESS, COMMAND_MAX_REGISTERS, DEFAULT

_FAMILIES: list[MeterProfile] = [DEFAULT, ACREL_DDSY, ACREL_ADF400L, ACREL_ADL400]
PROFILES: dict[str, MeterProfile] = {p.name: p for p in _FAMILIES}

UNKNOWN_PROFILE = QT_TRANSLATE_NOOP("Errors", "unknown meter profile {name}")


def register(profile: MeterProfile) -> None:
    if profile.name not in PROFILES:
        _FAMILIES.append(profile)
    PROFILES[profile.name] = profile


def get_profile(name: str) -> MeterProfile:
    try:
        return PROFILES[name]
    except KeyError:
        raise ConfigError(UNKNOWN_PROFILE, name=repr(name)) from None


def names() -> list[str]:
    return [p.name for p in _FAMILIES]


def detect(bus: RegisterBus, address: int) -> tuple[MeterProfile, int] | None:
    """The family and model code of the meter at ``address``, probing each family in turn.

    None when a meter answers but no family recognises it; silence
    (``MeterOffline``) propagates on the first probe, so an empty address
    costs one timeout, not one per family.
    """
    for i, profile in enumerate(_FAMILIES):
        try:
            model = profile.probe(bus, address)
        except CommError:
            if i == 0:
                raise
            continue
        if model is not None:
            return profile, model
    return None


__all__ = [
    "COMMAND_ADDRESS",
    "COMMAND_MAX_REGISTERS",
    "DEFAULT",
    "PROFILES",
    "Capability",
    "LineDefaults",
    "MeterProfile",
    "RegisterBus",
    "detect",
    "get_profile",
    "names",
    "register",
]
