"""``main.py simulate``: the meter simulator as a program (demo, training, tests).

The first stdout line is the port to open (a pty path, or socket://127.0.0.1:PORT),
flushed at once so a parent process can read it and connect; then it serves
until SIGINT or SIGTERM and saves its state file on the way out.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from datetime import datetime
from pathlib import Path

from app.cli.arg_types import float_range
from app.errors import QT_TRANSLATE_NOOP, ConfigError, ValidationError
from app.paths import SitePaths, default_data_dir
from app.serial_io.security import load_or_create_master_key
from app.serial_io.simulator import (
    PERSONALITIES,
    PtyServer,
    SimBus,
    TcpServer,
    load_site_file,
    make_family_meters,
    parse_addresses,
    parse_faults,
)
from app.serial_io.site_keys import load_site_keys

NAME = "simulate"
HELP = "run the meter simulator on a pseudo-terminal or a TCP port"

log = logging.getLogger(__name__)

MAX_SPEED = 1_000_000.0  # sim seconds per real second: over eleven sim days a second
# The meters' clock register counts unsigned 32-bit unix seconds (until 2106).
LAST_START = 2**32 - 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--meters", default="1-90", help="addresses, e.g. 1-10,20 (default 1-90)")
    parser.add_argument("--site", type=Path, help="JSON site file describing the meters")
    parser.add_argument("--link", type=Path, help="make this path a symlink to the pty")
    parser.add_argument("--tcp", type=int, metavar="PORT", help="serve on TCP (0: any free port)")
    parser.add_argument("--baud", type=int, default=9600, help="baud rate for pacing")
    parser.add_argument(
        "--parity",
        choices=("N", "E", "O"),
        type=str.upper,
        help="line parity (default: the meters' own: E for ours, N for Acrel)",
    )
    parser.add_argument(
        "--profile",
        default="default",
        choices=sorted(PERSONALITIES),
        help="family of the meters made for --meters (default: our own)",
    )
    parser.add_argument("--pace", action="store_true", help="send answers at the real byte rate")
    parser.add_argument(
        "--turnaround",
        type=float_range(0, 10_000, " ms"),
        default=30,
        metavar="MS",
        help="meter turnaround before answering when pacing (default 30)",
    )
    parser.add_argument(
        "--speed",
        type=float_range(0, MAX_SPEED),
        default=1.0,
        help="sim seconds per real second (0: a clock that stands still)",
    )
    parser.add_argument("--start", help="sim start time (YYYY-MM-DD[THH:MM] local, or unix s)")
    parser.add_argument("--state", type=Path, help="state file: meters survive restarts")
    parser.add_argument(
        "--save-every",
        type=float_range(0.01, 525_600, " min"),
        default=15,
        metavar="MIN",
        help="save the state every N sim minutes (default 15)",
    )
    parser.add_argument(
        "--key-file",
        type=Path,
        help="site master key (created if absent); the Acrel key is acrel.key beside it",
    )
    parser.add_argument("--faults", default="", help="e.g. 'dead=5;lost=0.05;reboot=12@600'")
    parser.add_argument("--seed", type=int, default=0, help="seed for meters and faults")


def parse_start(text: str | None) -> float | None:
    """Unix seconds from ``--start`` (a date-time, local if naive, or unix seconds)."""
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        try:
            value = datetime.fromisoformat(text).timestamp()  # a naive date-time is local time
        except (ValueError, OverflowError, OSError):
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "--start {text} is neither a date-time nor unix seconds"
                ),
                text=repr(text),
            ) from None
    if not 0 <= value <= LAST_START:  # also false for NaN
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "Errors", "--start {text} is outside what a meter clock holds (1970 to 2106)"
            ),
            text=repr(text),
        )
    return value


def build_bus(args: argparse.Namespace) -> SimBus:
    """Everything but the port: meters, key, faults, clock, state."""
    if args.speed < 0:
        raise ValidationError("--speed must not be negative")
    if args.save_every <= 0:
        raise ValidationError("--save-every must be positive")
    faults = parse_faults(args.faults)
    start_time = parse_start(args.start)  # before the key file may be created
    if args.site:
        meters = load_site_file(args.site)
    else:
        meters = make_family_meters(args.profile, parse_addresses(args.meters), seed=args.seed)
    data_dir = Path(args.data_dir) if getattr(args, "data_dir", None) else default_data_dir()
    site = SitePaths(data_dir)
    if args.key_file is None and site.db.exists():
        keys = load_site_keys(site.key_file)  # a site's keys are never made here
    else:
        key_file = args.key_file or site.key_file
        load_or_create_master_key(key_file)
        keys = load_site_keys(key_file, create_vendor=True)  # a stand-alone simulator's own
    return SimBus(
        meters,
        keys,
        speed=args.speed,
        start_time=start_time,
        state_file=args.state,
        faults=faults,
        seed=args.seed,
        save_every_s=args.save_every * 60,
    )


def run(args: argparse.Namespace) -> int:
    if args.tcp is not None and not 0 <= args.tcp <= 65535:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "--tcp {port} is not a TCP port"), port=args.tcp
        )
    if args.tcp is not None and args.link:
        raise ValidationError("--link applies to a pty; it cannot be used with --tcp")
    bus = build_bus(args)
    parity = args.parity or bus.parity  # the meters' own line unless told otherwise
    if args.tcp is not None:
        server = TcpServer(
            bus,
            port=args.tcp,
            pace=args.pace,
            baud=args.baud,
            parity=parity,
            turnaround_ms=args.turnaround,
        )
    else:
        server = PtyServer(
            bus,
            link=args.link,
            baud=args.baud,
            parity=parity,
            pace=args.pace,
            turnaround_ms=args.turnaround,
        )
    stop = threading.Event()

    def on_signal(signum, _frame) -> None:
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, on_signal)
    server.start()
    try:
        port = server.url if isinstance(server, TcpServer) else str(args.link or server.port)
        sys.stdout.write(port + "\n")
        sys.stdout.flush()
        print(
            f"simulating {len(bus.meters)} meters at speed x{args.speed:g}; "
            "Ctrl+C or SIGTERM stops",
            file=sys.stderr,
            flush=True,
        )
        while not stop.wait(1.0):
            bus.save_if_due()
    finally:
        server.stop()
        try:
            bus.save_state()
        except OSError as exc:
            raise ConfigError(
                QT_TRANSLATE_NOOP("Errors", "could not save the simulator state: {reason}"),
                reason=exc,
            ) from exc
    log.info("simulator stopped")
    return 0
