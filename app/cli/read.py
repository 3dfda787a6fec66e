"""``main.py read``: one meter's live status as JSON, for maintenance and integration.

Values are exact decimal strings made with integer arithmetic ("1234.56",
never a float), with the unit in each name, so a script can compare them with
what the meter holds. Exit 1 when the meter gives no valid answer, 2 when the
port is unusable.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
from app.serial_io.events import MeterRef
from app.serial_io.meter_data import RATE_NAMES, STATUS_FLAGS, MeterIdentity, MeterStatus
from app.serial_io.profiles import DEFAULT, MeterProfile

NAME = "read"
HELP = "read one meter's live status and print it as JSON"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_port_arguments(parser)
    parser.add_argument("--address", type=int, required=True, help="Modbus address 1-247")
    parser.add_argument(
        "--circuit", type=int, default=0, help="circuit 1-36 of a multi-circuit meter"
    )
    parser.add_argument(
        "--raw", action="store_true", help="add the raw registers the values were decoded from"
    )
    parser.add_argument(
        "--retries", type=int, default=2, help="tries again after a lost answer (default 2)"
    )


def fixed(value: int, places: int) -> str:
    """An integer in units of 10**-places as an exact decimal string: fixed(-5, 2) == "-0.05"."""
    sign = "-" if value < 0 else ""
    whole, frac = divmod(abs(int(value)), 10**places)
    return f"{sign}{whole}.{frac:0{places}d}" if places else f"{sign}{whole}"


def status_json(
    address: int, ident: MeterIdentity, s: MeterStatus, profile: MeterProfile = DEFAULT
) -> dict:
    out = identity_json(address, ident)
    out["profile"] = profile.name
    out["energy_total_kwh"] = fixed(s.energy_total, 2)
    for rate in RATE_NAMES:
        out[f"energy_{rate}_kwh"] = fixed(getattr(s, f"energy_{rate}"), 2)
    out["balance_yuan"] = fixed(s.balance, 2)
    out["purchase_count"] = s.purchase_count
    out["total_purchased_yuan"] = fixed(s.total_purchased, 2)
    out["command_counter"] = s.command_counter
    out["account_epoch"] = s.account_epoch
    out["relay"] = "open" if s.relay_open else "closed"
    for flag in STATUS_FLAGS:
        if flag != "relay_open":
            out[flag] = getattr(s, flag)
    for phase in "abc":
        out[f"voltage_{phase}_v"] = fixed(getattr(s, f"voltage_{phase}"), 1)
    for phase in "abc":
        out[f"current_{phase}_a"] = fixed(getattr(s, f"current_{phase}"), 2)
    out["power_w"] = s.power
    out["power_factor"] = fixed(s.power_factor, 3)
    out["frequency_hz"] = fixed(s.frequency, 2)
    out["rate"] = RATE_NAMES[s.rate] if 0 <= s.rate < len(RATE_NAMES) else str(s.rate)
    out["price_yuan_per_kwh"] = fixed(s.price, 4)
    out["clock_unix"] = s.clock
    out["clock_utc"] = dt.datetime.fromtimestamp(s.clock, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    out["last_result"] = s.last_result
    template, params = profile.result_template(s.last_result)
    out["last_result_text"] = template.format(**params) if params else template
    for key in list(out):  # what the family does not read is null, never an invented 0
        if any(key == f or key.startswith(f + "_") for f in profile.unread):
            out[key] = None
    return out


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.address <= 247:
        print(f"error: address {args.address} is outside 1-247", file=sys.stderr)
        return 2
    bus = open_bus(args)
    if bus is None:
        return PORT_UNUSABLE
    try:
        profile = chosen_profile(args) or _detect(args, bus)
        if profile is None:
            return 1
        if args.circuit and not profile.max_circuits:
            print(f"error: profile {profile.name} has no circuits", file=sys.stderr)
            return 2
        if profile.max_circuits and not 1 <= args.circuit <= profile.max_circuits:
            high = profile.max_circuits
            print(f"error: profile {profile.name} needs --circuit 1-{high}", file=sys.stderr)
            return 2
        ref = MeterRef(0, args.address, circuit=args.circuit)
        ident = _with_retries(args, lambda: profile.read_identity(bus, ref))
        status = _with_retries(args, lambda: profile.read_status(bus, ref))
        raw = _with_retries(args, lambda: profile.raw_blocks(bus, ref)) if args.raw else None
    except PortError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return PORT_UNUSABLE
    except (MeterOffline, BadFrame, MeterException) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:  # registers that do not decode: the wrong family, or a bug
        print(f"error: meter {args.address} does not decode as {profile.name}: {exc}",
              file=sys.stderr)  # fmt: skip
        return 1
    finally:
        bus.close()
    out = status_json(args.address, ident, status, profile)
    if args.circuit:
        out["circuit"] = args.circuit
    if raw is not None:
        out["raw_registers"] = raw
    print(json.dumps(out, indent=2))
    return 0


def _detect(args: argparse.Namespace, bus) -> MeterProfile | None:
    """The family from the model code; None (after saying so) when nobody recognises it."""
    found = _with_retries(args, lambda: profiles.detect(bus, args.address))
    if found is None:
        print(
            f"error: meter {args.address} answers, but no profile recognises it; "
            f"name one with --profile ({', '.join(profiles.names())})",
            file=sys.stderr,
        )
        return None
    return found[0]


def _with_retries(args: argparse.Namespace, call):
    tries = max(1, args.retries + 1)
    for attempt in range(tries):
        try:
            return call()
        except (MeterOffline, BadFrame):
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")
