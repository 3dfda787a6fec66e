"""``control``: one remote command on many meters, from a script or an integration.

    python main.py control trip --meters M001,M005-M010 --operator NAME [--timeout S]

The password comes from ``PEM_PASSWORD`` (asked for when unset). The command
runs as a batch through the site's collection service, like ``sell``: when a
collector or a window serves a bus, its meters' commands are job rows that
process runs; otherwise this process serves the bus for the length of the
batch. Output, one JSON object a line: first the batch (its id, the command,
how many meters, tenants and the warnings a window would have asked about),
then one line per meter: ``{"meter", "command", "ok", "state", "verified"}``
or ``{"meter", "command", "ok": false, "state", "error"}``.

Exit codes (README "Command line"):
  0  every meter confirmed the command;
  1  any meter failed, was cancelled, or did not finish within --timeout
     (those not started by then are cancelled: each either ran and is logged,
     or was never sent); also a refused login or role;
  2  could not start: bad arguments, an unknown meter number, no site;
  130 interrupted (Ctrl-C): what had not started is cancelled, the rest reported.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import re
import sys

from app.cli.arg_types import timeout_seconds
from app.errors import QT_TRANSLATE_NOOP, PemError

NAME = "control"
HELP = "send a remote command to meters (trip, close, keep power, downloads); JSON per meter"

log = logging.getLogger(__name__)

# The command line's words for the batch commands (app/services/batches.py COMMANDS).
COMMANDS = {
    "trip": "trip",
    "close": "close",
    "keep-power": "keep_power_on",
    "restore-prepaid": "keep_power_off",
    "prepaid-on": "prepaid_on",
    "prepaid-off": "prepaid_off",
    "download-price": "download_price",
    "download-settings": "download_settings",
}
BAD_RANGE = QT_TRANSLATE_NOOP(
    "Errors", "{text} is not a meter range: both ends need the same prefix, the first the lower"
)
NO_METER = QT_TRANSLATE_NOOP("Errors", "no meter numbered {number}")
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=list(COMMANDS), help="what to send")
    p.add_argument("--meters", required=True, help="meter numbers and ranges: M001,M005-M010")
    p.add_argument("--operator", required=True, help="operator login (maintenance or admin)")
    p.add_argument(
        "--timeout", type=timeout_seconds, default=600.0, help="seconds to wait, 1-3600 (600)"
    )


def parse_meters(text: str) -> list[str]:
    """``M001,M005-M007`` -> M001, M005, M006, M007 (zero padding as the first end has it)."""
    out: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        first, dash, last = part.partition("-")
        if not dash:
            out.append(part)
            continue
        a, b = _NUMBERED.match(first.strip()), _NUMBERED.match(last.strip())
        if not a or not b or a.group(1) != b.group(1) or int(a.group(2)) > int(b.group(2)):
            raise PemError(BAD_RANGE, text=part)
        width = len(a.group(2))
        out += [f"{a.group(1)}{n:0{width}d}" for n in range(int(a.group(2)), int(b.group(2)) + 1)]
    return list(dict.fromkeys(out))


def _emit(payload: dict) -> None:
    print(json.dumps(payload, ensure_ascii=False), flush=True)


def _meter_ids(numbers: list[str]) -> list[int]:
    from app.models import Meter

    found = {m.number: m.id for m in Meter.select().where(Meter.number.in_(numbers))}
    for number in numbers:
        if number not in found:
            raise PemError(NO_METER, number=number)
    return [found[n] for n in numbers]


def _report(batch_id: int, action: str) -> int:
    from app.services import batches

    all_ok = True
    for r in batches.results(batch_id):
        line = {"meter": r.number, "command": action, "ok": r.state == "ok", "state": r.state}
        if r.state == "ok":
            line["verified"] = str(r.detail or "")
        else:
            all_ok = False
            line["error"] = str(r.detail or "") or f"not finished ({r.state})"
        _emit(line)
    return 0 if all_ok else 1


def run(args) -> int:
    from app.cli.site_args import open_site
    from app.services import batches
    from app.services.auth import AuthService

    action = args.action
    try:
        numbers = parse_meters(args.meters)
    except PemError as exc:
        _emit({"ok": False, "command": action, "error": str(exc)})
        return 2
    password = os.environ.get("PEM_PASSWORD")
    if password is None:
        password = getpass.getpass(f"password for {args.operator}: ")
    try:
        site = open_site(args, poll=False, role="cli")
    except PemError as exc:
        _emit({"ok": False, "command": action, "error": str(exc)})
        return 2
    batch_id = None
    try:
        try:
            meter_ids = _meter_ids(numbers)
        except PemError as exc:
            _emit({"ok": False, "command": action, "error": str(exc)})
            return 2
        try:
            actor = AuthService().login(args.operator, password)
            name = COMMANDS[action]
            described = batches.describe(name, meter_ids)
            batch_id = batches.start(actor, name, meter_ids, worker_for=site.worker_for)
        except PemError as exc:
            _emit({"ok": False, "command": action, "error": str(exc)})
            return 1
        _emit(
            {
                "batch": batch_id,
                "command": action,
                "meters": len(meter_ids),
                "can": len(described.meters),
                "tenants": described.tenants,
                "warnings": [str(w) for w in described.warnings()],
            }
        )
        progress = batches.wait(batch_id, args.timeout)
        if not progress.finished:
            batches.cancel(actor, batch_id)  # what has not started never will
            batches.wait(batch_id, 30)
        return _report(batch_id, action)
    except KeyboardInterrupt:
        if batch_id is not None:
            try:
                batches.cancel(actor, batch_id)
                batches.wait(batch_id, 30)
                _report(batch_id, action)
            except Exception:  # the database went with the interrupt: say what we know
                log.exception("control: cannot report after the interrupt")
        else:
            _emit({"ok": False, "command": action, "error": "interrupted: nothing was sent"})
        return 130
    except Exception as exc:  # never a traceback
        log.exception("control: unexpected error")
        _emit({"ok": False, "command": action, "error": f"unexpected error: {exc}"})
        return 1 if batch_id is not None else 2
    finally:
        site.stop()


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run through main.py")
