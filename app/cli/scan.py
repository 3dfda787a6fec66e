"""``main.py scan``: which Modbus addresses answer on a port or a configured bus.

Maintenance staff use it while commissioning a bus ("is meter 57 wired, and
which serial is it?"). It tells each meter's family from its model code
(``profiles.detect``) unless ``--profile`` names it, and reads its identity;
progress goes to stderr so stdout stays a clean list.

``--port`` scans a bare port with the given line settings (the scan opens it).
``--bus NAME`` scans a bus of the site in ``--data-dir`` with its stored line
settings and compares what answers with the meters configured on it (new,
missing, moved, other serial, clashing). The rule for who touches the port:
if another process (the collection service, a window) serves the bus, each
address is asked as a ``probe`` job row that process runs between its polls;
if nobody does, this command takes the bus's lease like ``sell`` and opens the
port itself for the scan. A disabled bus has no owner: its port is opened
directly.

Exit 0 when something answered, 1 when nothing did, 2 when the port, the site
or the bus is unusable, 130 when interrupted (the scan is cancelled first).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from app.cli.serial_port import (
    PORT_UNUSABLE,
    add_port_arguments,
    chosen_profile,
    identity_json,
    open_bus,
)
from app.errors import QT_TRANSLATE_NOOP, ConfigError
from app.serial_io.address_probe import Outcome, Probe
from app.services.bus_scan import STATUS_TEXT, BusScan, ScanResult, ScanRow, scan_port

NAME = "scan"
HELP = "find the meter addresses that answer on a serial port, a gateway or a configured bus"

NO_BUS = QT_TRANSLATE_NOOP("Errors", "no bus named {name} in this site (buses: {known})")
PORT_OR_BUS = "error: give --port (a bare port) or --bus NAME (a bus of the site)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_port_arguments(parser, port_required=False)
    parser.add_argument(
        "--bus",
        help="scan this configured bus of the site (its line settings; compared with its meters)",
    )
    parser.add_argument("--from", dest="first", type=int, default=1, help="first address")
    parser.add_argument("--to", dest="last", type=int, default=247, help="last address")
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.first <= args.last <= 247:
        print("error: scan addresses must satisfy 1 <= --from <= --to <= 247", file=sys.stderr)
        return 2
    if bool(args.port) == bool(args.bus):
        print(PORT_OR_BUS, file=sys.stderr)
        return 2
    if args.bus:
        return _scan_configured(args)
    port = open_bus(args)  # refused here, before any progress line, as always
    if port is None:
        return PORT_UNUSABLE
    scan = scan_port(
        port.config, args.first, args.last, bus_factory=lambda c: port, profile=chosen_profile(args)
    )
    return _finish(args, scan, compared=False)


def _scan_configured(args: argparse.Namespace) -> int:
    """Through the bus's owner (job rows) or this process's own worker; see the docstring."""
    from app.cli.site_args import open_site
    from app.models import Bus
    from app.services.bus_scan import configured_meters, scan_bus
    from app.services.site import bus_config as stored_config

    site = open_site(args, poll=False, role="cli")
    try:
        bus = Bus.get_or_none(Bus.name == args.bus)
        if bus is None:
            known = ", ".join(b.name for b in Bus.select().order_by(Bus.name)) or "-"
            raise ConfigError(NO_BUS, name=repr(args.bus), known=known)
        config = stored_config(bus)
        configured = configured_meters(bus.id)
        worker = site.workers.get(bus.id)
        if worker is None:  # a disabled bus: nobody serves it
            scan = scan_port(config, args.first, args.last, configured)
        else:
            served = "this command" if bus.id in site.owned_workers() else "the bus's owner"
            print(f"scanning bus {bus.name} ({config.port}) through {served}", file=sys.stderr)
            scan = scan_bus(worker, bus.id, args.first, args.last, configured, config)
        return _finish(args, scan, compared=True)
    finally:
        site.stop()


def _finish(args: argparse.Namespace, scan: BusScan, compared: bool) -> int:
    progress = _Progress(len(scan.addresses))
    future = scan.start()
    try:
        while not future.done():
            p = scan.progress
            progress.show(p.address, p.done, p.answered)
            for probe in scan.found()[progress.noted :]:
                progress.note(_line(_entry(probe)))
            time.sleep(0.1)
    except KeyboardInterrupt:
        scan.cancel()
        future.result(timeout=30)
        progress.done(len(scan.found()))
        return 130
    result: ScanResult = future.result()
    for probe in result.probes[progress.noted :]:
        if probe.answered:
            progress.note(_line(_entry(probe)))
    found = [_entry(p) for p in result.probes if p.answered]
    progress.done(len(found), result.elapsed_s)
    if result.error is not None:
        print(f"error: {result.error}", file=sys.stderr)
        return PORT_UNUSABLE
    if args.json:
        if compared:
            rows = [_row_json(r) for r in result.rows]
            print(json.dumps({"found": found, "compared": rows}, indent=2))
        else:
            print(json.dumps(found, indent=2))
    else:
        for entry in found:
            print(_line(entry))
        if compared:
            print()
            for row in result.rows:
                print(_row_line(row))
    return 0 if found else 1


def _entry(p: Probe) -> dict:
    """One answering address as JSON (the shape ``scan --port`` has always printed)."""
    if p.outcome == Outcome.CLASHING.value:
        return {"address": p.address, "serial": None, "error": f"{p.error_message}"}
    if p.outcome == Outcome.UNKNOWN.value:
        return {"address": p.address, "serial": None, "profile": p.profile or None,
                "error": str(p.error_message)}  # fmt: skip
    from app.serial_io.meter_data import MeterIdentity

    ident = MeterIdentity(p.serial, p.model, p.phases, p.firmware, p.ct_ratio, p.pt_ratio)
    entry = identity_json(p.address, ident)
    entry["profile"] = p.profile
    entry["ct_ratio"], entry["pt_ratio"] = p.ct_ratio, p.pt_ratio
    if p.circuits:
        entry["circuits"] = p.circuits
    return entry


def _line(entry: dict) -> str:
    if entry.get("serial") is None:
        return f"{entry['address']:3d}  answers, but {entry['error']}"
    circuits = f"  {entry['circuits']} circuits" if entry.get("circuits") else ""
    return (
        f"{entry['address']:3d}  {entry['serial'] or '-':<12}  {entry['profile']:<15} "
        f"model {entry['model']}  {entry['phases']}-phase  firmware {entry['firmware']}{circuits}"
    )


def _row_json(row: ScanRow) -> dict:
    return {
        "address": row.address,
        "circuit": row.circuit,
        "status": row.status.value,
        "meter": row.number or None,
        "configured_address": row.configured_address,
        "serial": row.probe.serial if row.probe else None,
    }


def _row_line(row: ScanRow) -> str:
    where = f"{row.address}" + (f"/{row.circuit}" if row.circuit else "")
    text = f"{STATUS_TEXT[row.status]:<13} address {where:<7}"
    if row.number:
        text += f" meter {row.number}"
    if row.configured_address is not None and row.configured_address != row.address:
        text += f" (configured at {row.configured_address})"
    if row.probe is not None and row.probe.serial:
        text += f" serial {row.probe.serial}"
    return text


class _Progress:
    """A live counter on a terminal, a line every 16 addresses otherwise."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.shown = -1
        self.noted = 0
        self.tty = sys.stderr.isatty()

    def show(self, address: int | None, done: int, found: int) -> None:
        if done == self.shown or address is None:
            return
        self.shown = done
        text = f"scanning address {address} ({done + 1}/{self.total}), {found} found"
        if self.tty:
            print(f"\r{text}   ", end="", file=sys.stderr, flush=True)
        elif done % 16 == 0:
            print(text, file=sys.stderr, flush=True)

    def note(self, text: str) -> None:
        self.noted += 1
        if self.tty:
            print(f"\r{text:<60}", file=sys.stderr, flush=True)

    def done(self, found: int, elapsed_s: float | None = None) -> None:
        end = "\r" if self.tty else ""
        took = f" in {elapsed_s:.1f} s" if elapsed_s is not None else ""
        print(f"{end}scanned {self.total} addresses, {found} answered{took}   ", file=sys.stderr)
