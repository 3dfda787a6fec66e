"""One address of a Modbus line: who answers there, and whether two meters do.

The bus scan (``services/bus_scan``) asks each address through this, in the
thread that owns the port (a bus worker's job, or the scan's own thread for a
bare port), so it lives beside the profiles and knows no database.

An absent address costs one answer timeout: ``profiles.detect`` lets the first
family's silence through instead of asking every family. A damaged answer is
asked again; ``CLASH_DAMAGED`` damaged answers in ``CLASH_TRIES`` probes make the
address *clashing*: two meters on one address garble each other's frames,
while a merely noisy line gets through on a second try (and the transport
already reads a damaged answer again up to three times within each probe).
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, replace

from app.errors import QT_TRANSLATE_NOOP, BadFrame, MeterException, MeterOffline, MeterRejected
from app.messages import Message
from app.serial_io import profiles
from app.serial_io.profiles import MeterProfile, RegisterBus

log = logging.getLogger(__name__)

CLASH_TRIES = 3  # probes of an address whose answer came damaged
CLASH_DAMAGED = 2  # damaged answers among them that make it "two meters on one address"

NO_FAMILY = QT_TRANSLATE_NOOP("Errors", "answers, but no meter family recognises it")
GARBLED = QT_TRANSLATE_NOOP(
    "Errors", "damaged answers on {damaged} of {tries} tries: two meters on one address?"
)


# ---------------------------------------------------------------- one address
class Outcome(enum.Enum):
    ANSWER = "answer"  # a family recognised it; identity read
    SILENT = "silent"
    CLASHING = "clashing"  # damaged answers on CLASH_DAMAGED tries
    UNKNOWN = "unknown"  # answers, but no family recognises or decodes it


@dataclass(frozen=True)
class Probe:
    """What answered at one address (plain values: it crosses a process as JSON)."""

    address: int
    outcome: str = Outcome.SILENT.value
    serial: str = ""
    profile: str = ""
    model: int = 0
    phases: int = 0
    firmware: int = 0
    ct_ratio: int = 1
    pt_ratio: int = 1
    circuits: int = 0  # >0 on a multi-circuit device
    tries: int = 1
    damaged: int = 0
    error: str = ""  # a Message as JSON (why it is unknown or clashing)

    @property
    def answered(self) -> bool:
        return self.outcome != Outcome.SILENT.value

    @property
    def error_message(self) -> Message | None:
        return Message.from_json(self.error) if self.error else None


def probe_address(bus: RegisterBus, address: int, profile: MeterProfile | None = None) -> Probe:
    """Probe one address (in the thread that owns ``bus``): family, identity, circuits.

    Silence costs one timeout and ends the probe. A damaged answer is tried
    again, up to ``CLASH_TRIES`` in all; ``CLASH_DAMAGED`` damaged answers make
    the address clashing. A ``PortError`` propagates: the scan cannot go on.
    """
    damaged = 0
    last_damage: BadFrame | None = None
    for attempt in range(1, CLASH_TRIES + 1):
        try:
            found = _identify(bus, address, profile)
        except MeterOffline:
            if damaged == 0:
                return Probe(address, tries=attempt)
            continue  # silence after a damaged answer: ask again
        except BadFrame as exc:
            damaged += 1
            last_damage = exc
            if damaged >= CLASH_DAMAGED:
                msg = Message(GARBLED, {"damaged": damaged, "tries": attempt})
                return Probe(
                    address, Outcome.CLASHING.value, tries=attempt, damaged=damaged,
                    error=msg.to_json(),
                )  # fmt: skip
            continue
        return replace(found, tries=attempt, damaged=damaged)
    log.debug("address %d: one damaged answer, then silence (%s)", address, last_damage)
    return Probe(address, tries=CLASH_TRIES, damaged=damaged)


def _identify(bus: RegisterBus, address: int, profile: MeterProfile | None) -> Probe:
    try:
        if profile is None:
            found = profiles.detect(bus, address)
            if found is None:
                return Probe(address, Outcome.UNKNOWN.value, error=Message(NO_FAMILY).to_json())
            profile = found[0]
        ident = profile.read_identity(bus, address)
        circuits = 0
        if profile.max_circuits:
            circuits = getattr(ident, "circuits", 0) or profile.circuit_count(bus, address)
    except (MeterException, MeterRejected) as exc:  # refused: not a family we can read
        return Probe(address, Outcome.UNKNOWN.value, profile=getattr(profile, "name", "") or "",
                     error=Message.of(exc).to_json())  # fmt: skip
    except ValueError as exc:
        return Probe(address, Outcome.UNKNOWN.value, error=Message.of(str(exc)).to_json())
    return Probe(
        address,
        Outcome.ANSWER.value,
        serial=ident.serial,
        profile=profile.name,
        model=ident.model,
        phases=ident.phases,
        firmware=ident.firmware,
        ct_ratio=ident.ct_ratio,
        pt_ratio=ident.pt_ratio,
        circuits=circuits,
    )
