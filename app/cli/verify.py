"""``verify``: the keyed ledger and system log chains, their witness, and meters against the ledger.

Exit 0: everything checked is consistent; 1: a difference (named by row id
or meter number); 2: the check itself could not run (no database, ...).
Meters that do not answer are listed as not checked; they do not make the
result unclean, but the report says so.
"""

from __future__ import annotations

import argparse
import logging
import sys

from app.cli.arg_types import timeout_seconds
from app.errors import ConfigError, PemError

NAME = "verify"
HELP = "check the ledger and system log chains and meters' purchase counts against the ledger"

log = logging.getLogger(__name__)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-meters", action="store_true", help="check the database only")
    p.add_argument(
        "--timeout",
        type=timeout_seconds,
        default=20.0,
        help="seconds to wait for each meter, 1 to 3600 (20)",
    )


def _check_meters(site, timeout: float) -> tuple[list[str], list[str], int]:
    """(differences, notes, meters checked), settling what can be settled on the way."""
    from app.serial_io.events import Priority
    from app.services.ledger_verify import check_meter_job, opened_meter_ids

    futures = {}
    notes: list[str] = []
    for meter_id in opened_meter_ids():
        try:
            worker = site.worker_for(meter_id)
        except ConfigError as exc:
            notes.append(f"not checked: {exc}")
            continue
        futures[meter_id] = worker.submit(
            check_meter_job(meter_id), priority=Priority.SETTLE, label="verify"
        )
    differences: list[str] = []
    checked = 0
    for meter_id, future in futures.items():
        try:
            differences += future.result(timeout)
            checked += 1
        except (PemError, TimeoutError) as exc:  # offline, or no bus owner ran the check
            notes.append(f"meter #{meter_id} not checked: {exc or 'no answer in time'}")
    return differences, notes, checked


def run(args) -> int:
    from app.cli.site_args import open_site, site_paths
    from app.services import chain_witness
    from app.services.audit import verify_log_chain
    from app.services.chain_rekey import keying_findings
    from app.services.ledger_verify import verify_ledger
    from app.services.site import Site

    paths = site_paths(args)  # a folder without a site is refused when opened: exit 2
    differences: list[str] = []
    notes: list[str] = []
    site = None
    meters_line = "Meters: not checked (--no-meters)"
    try:
        if args.no_meters:
            site = Site(paths).open()  # the chain keys come with the site's master key
        else:
            site = open_site(args, poll=False, role="cli")
            diffs, notes, checked = _check_meters(site, args.timeout)
            differences += diffs
            meters_line = f"Meters: {checked} checked, {len(notes)} not checked"
        report = verify_ledger()
        log_problems = verify_log_chain()
        witness_problems = chain_witness.check()
        keying = keying_findings()
    except PemError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        if site is not None:
            site.stop()
    state = "intact" if not report.problems else f"{len(report.problems)} problem(s)"
    print(f"Ledger: {report.entries} entries, {report.transitions} transitions: {state}")
    for line in report.problems:
        print(f"  {line}")
    print(f"System log: {'intact' if not log_problems else f'{len(log_problems)} problem(s)'}")
    for line in log_problems:
        print(f"  {line}")
    state = "matches" if not witness_problems else f"{len(witness_problems)} problem(s)"
    print(f"Witness of the chain ends: {state}")
    for line in witness_problems + keying:
        print(f"  {line}")
    print(meters_line)
    for line in differences:
        print(f"  {line}")
    for line in notes:
        print(f"  {line}")
    total = len(report.problems) + len(log_problems) + len(witness_problems) + len(keying)
    total += len(differences)
    if total:
        print(f"Result: {total} difference(s)")
    elif notes:  # nothing wrong found, but not everything could be looked at
        print(f"Result: clean, but {len(notes)} meter(s) could not be checked (see above)")
    else:
        print("Result: clean")
    return 0 if total == 0 else 1
