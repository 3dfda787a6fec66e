"""The simulator's meter families, by profile name: how each one answers on the wire.

Each personality is written from the family's documents (PROFILES.md,
docs/profiles.md), never from the program's profile code, so that a mistake
cannot be made the same way on both sides of the wire.
"""

from __future__ import annotations

from app.errors import QT_TRANSLATE_NOOP, ConfigError
from app.serial_io.simulator.personalities.adf400l import Adf400lPersonality
from app.serial_io.simulator.personalities.adl400 import Adl400Personality
from app.serial_io.simulator.personalities.base import Personality
from app.serial_io.simulator.personalities.ddsy1352 import Ddsy1352Personality
from app.serial_io.simulator.personalities.default import DefaultPersonality

PERSONALITIES: dict[str, Personality] = {
    p.name: p
    for p in (
        DefaultPersonality(),
        Ddsy1352Personality(),
        Adf400lPersonality(),
        Adl400Personality(),
    )
}


def get_personality(name: str) -> Personality:
    try:
        return PERSONALITIES[name]
    except KeyError:
        raise ConfigError(
            QT_TRANSLATE_NOOP("Errors", "the simulator has no meter family {name}"),
            name=repr(name),
        ) from None


__all__ = ["PERSONALITIES", "Personality", "get_personality"]
