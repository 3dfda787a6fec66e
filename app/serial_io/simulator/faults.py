"""Fault injection for the simulated bus, from a spec string or set at run time.

``dead=5,7-9;lost=0.05;crc=0.02;late=0.02@300;garbage=0.01;reboot=12@600``

- dead: addresses that never answer (and do not act on requests);
- lost: probability an answer is dropped (the request was still carried out,
  which is exactly the case exactly-once crediting must survive);
- crc: probability the answer's CRC is corrupted;
- late: probability the answer is sent after N ms;
- garbage: probability random bytes precede the answer or replace it;
- reboot: meters that power-cycle every N sim seconds, silent for
  ``reboot_silent_s`` after each reboot, losing RAM values only.

The SimBus draws from one seeded ``random.Random`` so faulty runs repeat.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from app.errors import QT_TRANSLATE_NOOP, ValidationError


def parse_addresses(text: str) -> list[int]:
    """ "1-10,20,30-35" to a sorted list of addresses 1-247; ValidationError if bad."""
    out: set[int] = set()
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        try:
            if "-" in part:
                lo_s, hi_s = part.split("-", 1)
                lo, hi = int(lo_s), int(hi_s)
            else:
                lo = hi = int(part)
        except ValueError:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "bad address or range {part} (use e.g. 1-10,20)"),
                part=repr(part),
            ) from None
        if not 1 <= lo <= hi <= 247:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "address range {part} must lie within 1-247, low to high"
                ),
                part=repr(part),
            )
        out.update(range(lo, hi + 1))
    if not out:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "no addresses in {text}"), text=repr(text)
        )
    return sorted(out)


@dataclass
class Faults:
    dead: set[int] = field(default_factory=set)
    lost: float = 0.0
    crc: float = 0.0
    late: float = 0.0
    late_ms: int = 300
    garbage: float = 0.0
    reboot: dict[int, float] = field(default_factory=dict)  # address -> period, sim seconds
    reboot_silent_s: float = 5.0

    @property
    def any(self) -> bool:
        return bool(self.dead or self.lost or self.crc or self.late or self.garbage or self.reboot)


def _probability(key: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "fault {key}={value}: expected a probability 0-1"),
            key=key,
            value=repr(text),
        ) from None
    if not 0.0 <= value <= 1.0:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "fault {key}={value}: a probability must be within 0-1"),
            key=key,
            value=repr(text),
        )
    return value


# Largest value after @: ``late`` in ms (a minute), ``reboot`` in sim seconds (a year).
_AT_MAX = {"late": 60_000.0, "reboot": 365 * 86_400.0}


def _split_at(key: str, text: str, default: float) -> tuple[str, float]:
    if "@" not in text:
        return text, default
    head, tail = text.rsplit("@", 1)
    try:
        value = float(tail)
    except ValueError:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "fault {key}: {tail} after @ is not a number"),
            key=key,
            tail=repr(tail),
        ) from None
    if not math.isfinite(value) or value <= 0:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "fault {key}: the value after @ must be a positive number"),
            key=key,
        )
    if value > _AT_MAX[key]:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "fault {key}: the value after @ is at most {most}"),
            key=key,
            most=f"{_AT_MAX[key]:g}",
        )
    return head, value


def parse_faults(spec: str | None) -> Faults:
    """Parse a fault spec; an empty spec means a perfect bus."""
    faults = Faults()
    if not spec:
        return faults
    for item in spec.split(";"):
        item = item.strip()
        if not item:
            continue
        key, sep, value = item.partition("=")
        key = key.strip().lower()
        if not sep or not value.strip():
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "fault {item}: expected name=value"), item=repr(item)
            )
        value = value.strip()
        if key == "dead":
            faults.dead = set(parse_addresses(value))
        elif key in ("lost", "crc", "garbage"):
            setattr(faults, key, _probability(key, value))
        elif key == "late":
            head, ms = _split_at(key, value, faults.late_ms)
            faults.late = _probability(key, head)
            faults.late_ms = int(ms)
        elif key == "reboot":
            head, period = _split_at(key, value, 600.0)
            faults.reboot = dict.fromkeys(parse_addresses(head), period)
        else:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "unknown fault {key} (dead, lost, crc, late, garbage, reboot)"
                ),
                key=repr(key),
            )
    return faults
