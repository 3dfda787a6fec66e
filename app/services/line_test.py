""" "Test the line": open a bus's port and ask a few addresses which family answers.

The settings window offers it beside a bus's settings. A bus this process
already serves is tested inside its worker (the port is the worker's alone);
any other is opened here, on the caller's (background) thread, and closed
again. Silence costs one timeout per address, so only the configured meters'
addresses are asked, or the first few when the bus has none yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass

from app.errors import BadFrame, CommError, MeterException, MeterOffline, PortError
from app.messages import Message
from app.models import Meter
from app.serial_io import profiles
from app.serial_io.events import BusConfig
from app.serial_io.profiles import RegisterBus
from app.serial_io.transport import ModbusBus

FIRST_FEW = range(1, 9)  # a bus without meters yet
MOST = 16  # at most this many configured addresses (each silent one costs a timeout)
UNKNOWN = "?"  # answered, but no family recognised it
DAMAGED = "!"  # a damaged answer: something is there (two meters on one address?)


@dataclass(frozen=True)
class LineReport:
    asked: tuple[int, ...]
    answered: tuple[tuple[int, str], ...] = ()  # (address, family name, UNKNOWN or DAMAGED)
    error: Message | None = None  # the port could not be opened or was lost

    def by_family(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for address, family in self.answered:
            out.setdefault(family, []).append(address)
        return out


def addresses_to_ask(bus_id: int | None) -> list[int]:
    if bus_id:
        query = Meter.select(Meter.address).where(Meter.bus == bus_id).distinct()
        found = sorted({m.address for m in query})[:MOST]
        if found:
            return found
    return list(FIRST_FEW)


def probe(bus: RegisterBus, addresses: Iterable[int]) -> LineReport:
    """Ask each address which family it is; a port failure ends the test with its message."""
    asked = tuple(addresses)
    answered: list[tuple[int, str]] = []
    for address in asked:
        try:
            found = profiles.detect(bus, address)
        except PortError as exc:
            return LineReport(asked, tuple(answered), exc.message)
        except MeterOffline:
            continue
        except (BadFrame, MeterException, CommError):
            answered.append((address, DAMAGED))
            continue
        answered.append((address, found[0].name if found else UNKNOWN))
    return LineReport(asked, tuple(answered))


def check_line(config: BusConfig, addresses: Iterable[int], worker=None) -> LineReport | Future:
    """Through ``worker`` (a running BusWorker of this bus: a Future) or a port of our own."""
    asked = list(addresses)
    if worker is not None:
        return worker.submit(lambda link: probe(link.bus, asked), label="test the line")
    try:
        bus = ModbusBus(config)
        bus.open()
    except PortError as exc:
        return LineReport(tuple(asked), (), exc.message)
    try:
        return probe(bus, asked)
    finally:
        bus.close()
