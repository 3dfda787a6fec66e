"""Deterministic daily load curves for simulated meters.

A meter's power must be reproducible from its seed alone, so a test or a demo
replays the same day every time; power is constant within one slot
(``SLOT_S`` seconds), which lets the meter integrate energy exactly, slot by slot.
Power values are watts (physics, not money): floats inside are harmless.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

SLOT_S = 300  # power is constant for five minutes
KINDS = ("shop", "office", "home", "constant")


def _noise(seed: int, slot: int) -> float:
    """A cheap deterministic value in [0, 1) for (seed, slot)."""
    x = (seed * 1_000_003 + slot * 7919 + 0x9E3779B9) & 0xFFFFFFFF
    x = (x ^ (x >> 16)) * 0x45D9F3B & 0xFFFFFFFF
    x = (x ^ (x >> 16)) * 0x45D9F3B & 0xFFFFFFFF
    x ^= x >> 16
    return (x & 0xFFFFFF) / 0x1000000


def _shape(kind: str, minute_of_day: int, weekday: int) -> float:
    """Fraction of the peak load in use (shops open 9-21, offices weekdays 8-18)."""
    hour = minute_of_day / 60
    if kind == "shop":
        if 9 <= hour < 21:
            return 0.7 if hour < 10 or hour >= 20 else 1.0
        return 0.0
    if kind == "office":
        if weekday < 5 and 8 <= hour < 18:
            return 1.0
        return 0.05
    if kind == "home":
        if 18 <= hour < 23:
            return 1.0
        if 7 <= hour < 8:
            return 0.5
        if hour >= 23 or hour < 6:
            return 0.1
        return 0.3
    return 1.0


@dataclass(frozen=True)
class LoadProfile:
    """``kind`` shapes the day; ``base_w`` always runs (fridges, lights); ``peak_w`` on top.

    ``constant`` draws exactly ``base_w`` (tests use it for exact arithmetic).
    """

    kind: str = "shop"
    base_w: int = 200
    peak_w: int = 2000
    seed: int = 0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown load kind {self.kind!r} (one of {', '.join(KINDS)})")
        if self.base_w < 0 or self.peak_w < 0:
            raise ValueError("load power must not be negative")

    def power_at(self, local_s: int) -> int:
        """Watts drawn at ``local_s`` (seconds since the epoch, in the meter's local time)."""
        if self.kind == "constant":
            return self.base_w
        slot = local_s // SLOT_S
        minute = (local_s // 60) % 1440
        weekday = (local_s // 86400 + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
        noise = _noise(self.seed, slot)
        base = self.base_w * (0.9 + 0.2 * noise)
        return int(base + self.peak_w * _shape(self.kind, minute, weekday) * (0.75 + 0.5 * noise))

    def jitter(self, local_s: int, salt: int) -> float:
        """A deterministic value in [0, 1) for small variations (voltage, power factor)."""
        return _noise(self.seed * 31 + salt, local_s // SLOT_S)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> LoadProfile:
        return cls(**{k: data[k] for k in ("kind", "base_w", "peak_w", "seed") if k in data})
