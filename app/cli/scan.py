"""``main.py scan``: which Modbus addresses answer on a port, with their serial numbers.

Maintenance staff use it while commissioning a bus ("is meter 57 wired, and
which serial is it?"). It tells each meter's family from its model code
(``profiles.detect``) unless ``--profile`` names it, and reads its identity;
progress goes to stderr so stdout stays a clean list.
Exit 0 when something answered, 1 when nothing did, 2 when the port is unusable.
"""

from __future__ import annotations

import argparse
import json
import sys

from app.cli.serial_port import (
    PORT_UNUSABLE,
    add_port_arguments,
    chosen_profile,
    identity_json,
    open_bus,
)
from app.errors import BadFrame, MeterException, MeterOffline, PortError
from app.serial_io import profiles
from app.serial_io.profiles import MeterProfile
from app.serial_io.transport import ModbusBus

NAME = "scan"
HELP = "find the meter addresses that answer on a serial port or gateway"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_port_arguments(parser)
    parser.add_argument("--from", dest="first", type=int, default=1, help="first address")
    parser.add_argument("--to", dest="last", type=int, default=247, help="last address")
    parser.add_argument("--json", action="store_true", help="print a JSON list")


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.first <= args.last <= 247:
        print("error: scan addresses must satisfy 1 <= --from <= --to <= 247", file=sys.stderr)
        return 2
    bus = open_bus(args)
    if bus is None:
        return PORT_UNUSABLE
    profile = chosen_profile(args)
    found: list[dict] = []
    progress = _Progress(args.last - args.first + 1)
    try:
        for address in range(args.first, args.last + 1):
            progress.show(address, len(found))
            entry = _probe(bus, address, profile)
            if entry is not None:
                found.append(entry)
                progress.note(_line(entry))
    except PortError as exc:
        progress.done(len(found))
        print(f"error: {exc}", file=sys.stderr)
        return PORT_UNUSABLE
    finally:
        bus.close()
    progress.done(len(found))
    if args.json:
        print(json.dumps(found, indent=2))
    else:
        for entry in found:
            print(_line(entry))
    return 0 if found else 1


def _probe(bus: ModbusBus, address: int, profile: MeterProfile | None) -> dict | None:
    """What answers at ``address``: its family, identity and circuits; None for silence."""
    try:
        if profile is None:
            found = profiles.detect(bus, address)
            if found is None:
                return {"address": address, "serial": None, "profile": None,
                        "error": "answers, but no profile recognises it"}  # fmt: skip
            profile = found[0]
        ident = profile.read_identity(bus, address)
        circuits = profile.circuit_count(bus, address) if profile.max_circuits else 0
    except MeterOffline:
        return None
    except BadFrame as exc:
        return {"address": address, "serial": None, "error": f"damaged answer: {exc}"}
    except MeterException as exc:
        return {"address": address, "serial": None, "error": f"Modbus exception {exc.code}"}
    except ValueError as exc:
        return {"address": address, "serial": None, "error": f"does not decode: {exc}"}
    entry = identity_json(address, ident)
    entry["profile"] = profile.name
    if circuits:
        entry["circuits"] = circuits
    return entry


def _line(entry: dict) -> str:
    if entry.get("serial") is None:
        return f"{entry['address']:3d}  answers, but {entry['error']}"
    circuits = f"  {entry['circuits']} circuits" if entry.get("circuits") else ""
    return (
        f"{entry['address']:3d}  {entry['serial']:<12}  {entry['profile']:<15} "
        f"model {entry['model']}  {entry['phases']}-phase  firmware {entry['firmware']}{circuits}"
    )


class _Progress:
    """A live counter on a terminal, a line every 16 addresses otherwise."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done_count = 0
        self.tty = sys.stderr.isatty()

    def show(self, address: int, found: int) -> None:
        self.done_count += 1
        text = f"scanning address {address} ({self.done_count}/{self.total}), {found} found"
        if self.tty:
            print(f"\r{text}   ", end="", file=sys.stderr, flush=True)
        elif self.done_count % 16 == 1:
            print(text, file=sys.stderr, flush=True)

    def note(self, text: str) -> None:
        if self.tty:
            print(f"\r{text:<60}", file=sys.stderr, flush=True)

    def done(self, found: int) -> None:
        end = "\r" if self.tty else ""
        print(f"{end}scanned {self.total} addresses, {found} answered   ", file=sys.stderr)
