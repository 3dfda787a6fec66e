"""What the bus-facing subcommands (``scan``, ``read``) share: port options and opening.

Both take the same serial settings, refuse a port they cannot open with the
same one-line message and exit code 2, and describe a meter's identity the
same way, so a script can read either output with one parser. (Not a
subcommand itself: main.py lists the subcommand modules by name.)
"""

from __future__ import annotations

import argparse
import sys

from app.errors import ConfigError, PortError
from app.serial_io import profiles
from app.serial_io.events import BusConfig
from app.serial_io.meter_data import MeterIdentity
from app.serial_io.profiles import LineDefaults, MeterProfile
from app.serial_io.transport import ModbusBus

PORT_UNUSABLE = 2  # the exit code both commands give when the port cannot be used


def add_port_arguments(parser: argparse.ArgumentParser, port_required: bool = True) -> None:
    """The serial settings ``scan`` and ``read`` share (``scan --bus`` needs no ``--port``)."""
    parser.add_argument(
        "--port",
        required=port_required,
        help="device (/dev/ttyUSB0, COM3), pty, or socket://host:port",
    )
    parser.add_argument(
        "--profile",
        choices=profiles.names(),
        help="the meters' family (default: told apart by their model code); its factory "
        "line settings are the defaults of --baud, --parity and --stopbits",
    )
    parser.add_argument("--baud", type=int, help="2400-115200 (default 9600)")
    parser.add_argument(
        "--parity",
        type=str.upper,
        choices=("N", "E", "O"),
        help="default E (N for the Acrel families)",
    )
    parser.add_argument("--stopbits", type=int, choices=(1, 2), help="default 1")
    parser.add_argument(
        "--timeout-ms",
        type=int,
        default=0,
        help="how long a meter may take to start answering (default: from the baud rate)",
    )
    parser.add_argument(
        "--turnaround-ms", type=int, default=50, help="meter turnaround (default 50)"
    )


def chosen_profile(args: argparse.Namespace) -> MeterProfile | None:
    return profiles.get_profile(args.profile) if getattr(args, "profile", None) else None


def bus_config(args: argparse.Namespace) -> BusConfig:
    """The line settings given, the rest from ``--profile``'s factory settings (or 9600 8E1)."""
    profile = chosen_profile(args)
    line = profile.line if profile is not None else LineDefaults()
    return BusConfig(
        bus_id=0,
        name="cli",
        port=args.port,
        baud=args.baud or line.baud,
        parity=args.parity or line.parity,
        stopbits=args.stopbits or line.stopbits,
        timeout_ms=args.timeout_ms,
        turnaround_ms=args.turnaround_ms,
    )


def open_bus(args: argparse.Namespace) -> ModbusBus | None:
    """The open port, or None after printing why it cannot be used (exit ``PORT_UNUSABLE``)."""
    try:
        bus = ModbusBus(bus_config(args))
        bus.open()
    except (PortError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    return bus


def identity_json(address: int, ident: MeterIdentity) -> dict:
    """Address, serial, model, phases and firmware ("1.2") of one meter."""
    return {
        "address": address,
        "serial": ident.serial,
        "model": ident.model,
        "phases": ident.phases,
        "firmware": f"{ident.firmware >> 8}.{ident.firmware & 0xFF}",
    }
