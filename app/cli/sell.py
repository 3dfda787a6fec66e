"""``sell``: one sale from a payment terminal or online-payment agent on the site PC.

Same rules and the same exactly-once path as the cashier's window. When a
collector or a window serves the meter's bus, the sale is a job row that
process runs; otherwise this process owns the bus for the length of the sale.
The answer is one JSON object on stdout.

Exit codes (README "Command line"):
  0  confirmed: the meter has the money;
  1  refused or failed: nothing sold (bad amount, wrong role, offline meter,
     or the meter did not take it);
  2  could not start (no site, bad arguments, the database unusable) and no
     ledger entry was written;
  3  not decided: a ledger entry exists (its id and state are printed) but is
     not confirmed yet; it settles from the meter's purchase count, so
     DO NOT SELL AGAIN for this payment;
  130 interrupted (Ctrl-C) before any entry was written: nothing sold.
Once a ledger entry exists, every exit prints its id and state.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
import time

from app.cli.arg_types import timeout_seconds
from app.errors import QT_TRANSLATE_NOOP, PemError

NAME = "sell"
HELP = "sell credit onto one meter; prints a JSON result"

log = logging.getLogger(__name__)

DO_NOT_SELL_AGAIN = "do not sell again: it settles from the meter's purchase count"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--meter", required=True, help="meter number, as on the grid")
    p.add_argument("--amount", required=True, help="yuan with at most two decimals: 50.00")
    p.add_argument(
        "--payment",
        required=True,
        choices=("cash", "card", "wechat", "alipay", "bank_transfer"),
        help="payment method",
    )
    p.add_argument("--operator", required=True, help="operator login")
    p.add_argument(
        "--timeout", type=timeout_seconds, default=30.0, help="seconds to wait, 1-3600 (30)"
    )


def _emit(payload: dict) -> None:
    print(json.dumps(payload, ensure_ascii=False), flush=True)


def _result_payload(result, meter_no: str) -> dict:
    from app.services.money import format_fen

    payload = {
        "ok": result.ok,
        "entry": result.entry_id,
        "state": result.state,
        "amount": format_fen(result.amount_fen),
        "balance_after": None if result.balance_after is None else format_fen(result.balance_after),
        "purchase_count": result.purchase_count,
        "receipt_no": result.receipt_no,
        "meter": meter_no,
    }
    if not result.ok:
        payload["error"] = result.message or f"the sale is {result.state}"
    return payload


class _Tracker:
    """Finds the ledger entry of this sale, whoever runs it, after anything went wrong."""

    def __init__(self, meter_id: int, future) -> None:
        self.meter_id = meter_id
        self.future = future
        self.job_id = getattr(future, "job_id", None)
        from app.models.site import utcnow

        self.since = utcnow()

    def withdraw(self) -> bool:
        """A job row nobody started yet is withdrawn (nothing sold); a local job cannot be."""
        if self.job_id is None:
            return False
        from app.services.bus_jobs import withdraw

        return withdraw(self.job_id)

    def entry(self):
        from app.models import LedgerEntry
        from app.services.ledger import ORIGIN

        if self.job_id is not None:
            from app.services.bus_jobs import job_row

            row = job_row(self.job_id)
            entry_id = row.entry_id if row else None
            return LedgerEntry.get_or_none(LedgerEntry.id == entry_id) if entry_id else None
        return (
            LedgerEntry.select()
            .where(
                (LedgerEntry.meter == self.meter_id)
                & (LedgerEntry.origin == ORIGIN)
                & (LedgerEntry.created_at >= self.since)
            )
            .order_by(LedgerEntry.id.desc())
            .first()
        )


def _undecided(tracker: _Tracker, meter_no: str, why: str, interrupted: bool) -> int:
    """Report what exists after a timeout, an interrupt or an unexpected error."""
    if tracker.withdraw():
        _emit({"ok": False, "meter": meter_no, "error": f"{why}; not started, nothing sold"})
        return 130 if interrupted else 1
    entry = None
    deadline = time.monotonic() + 2.0
    while entry is None and time.monotonic() < deadline:  # the owner may be writing it now
        try:
            entry = tracker.entry()
        except Exception as exc:  # the database itself failed: say so, never a traceback
            log.warning("sell: cannot look up the entry: %s", exc)
            break
        if entry is None:
            time.sleep(0.1)
    if entry is None:
        _emit(
            {
                "ok": False,
                "meter": meter_no,
                "state": "unknown",
                "error": f"{why}; no ledger entry was found: if the meter's purchase count "
                f"moves, verify reports it; {DO_NOT_SELL_AGAIN}",
            }
        )
        return 3
    from app.services.money import format_fen

    state = entry.state
    payload = {
        "ok": state == "confirmed",
        "entry": entry.id,
        "state": state,
        "amount": format_fen(entry.amount_fen),
        "receipt_no": entry.receipt_no,
        "meter": meter_no,
    }
    if state == "confirmed":
        return _emit(payload) or 0
    if state == "failed":
        payload["error"] = f"{why}; the meter did not take it: nothing sold"
        return _emit(payload) or 1
    payload["error"] = f"{why}; entry {entry.id} is {state}: {DO_NOT_SELL_AGAIN}"
    _emit(payload)
    return 3


def run(args) -> int:
    from app.cli.site_args import open_site
    from app.models import Meter
    from app.services import billing
    from app.services.auth import AuthService
    from app.services.money import parse_amount

    password = os.environ.get("PEM_PASSWORD")
    if password is None:
        password = getpass.getpass(f"password for {args.operator}: ")
    try:
        site = open_site(args, poll=False, role="cli")
    except PemError as exc:
        _emit({"ok": False, "error": str(exc)})
        return 2
    tracker = None
    try:
        try:
            actor = AuthService().login(args.operator, password)
            amount = parse_amount(args.amount)
            meter = Meter.get_or_none(Meter.number == args.meter)
            if meter is None:
                raise PemError(
                    QT_TRANSLATE_NOOP("Errors", "no meter numbered {number}"), number=args.meter
                )
            future = billing.submit_sale(
                site.worker_for(meter.id), actor, meter.id, amount, args.payment
            )
        except PemError as exc:
            _emit({"ok": False, "meter": args.meter, "error": str(exc)})
            return 1
        tracker = _Tracker(meter.id, future)
        try:
            result = future.result(args.timeout)
        except PemError as exc:
            entry = tracker.entry()
            if entry is not None and entry.state not in ("confirmed", "failed"):
                return _undecided(tracker, args.meter, str(exc), False)
            payload = {"ok": False, "meter": args.meter, "error": str(exc)}
            if entry is not None:
                payload.update(entry=entry.id, state=entry.state)
            _emit(payload)
            return 0 if entry is not None and entry.state == "confirmed" else 1
        except TimeoutError:
            return _undecided(tracker, args.meter, "no outcome in time", False)
        _emit(_result_payload(result, args.meter))
        return 0 if result.ok else (3 if result.state not in ("failed",) else 1)
    except KeyboardInterrupt:
        if tracker is None:
            _emit({"ok": False, "meter": args.meter, "error": "interrupted: nothing sold"})
            return 130
        return _undecided(tracker, args.meter, "interrupted", True)
    except Exception as exc:  # e.g. "database is locked": never a traceback, never "not sold"
        log.exception("sell: unexpected error")
        if tracker is None:
            _emit({"ok": False, "meter": args.meter, "error": f"could not sell: {exc}"})
            return 2
        return _undecided(tracker, args.meter, f"unexpected error: {exc}", False)
    finally:
        site.stop()


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run through main.py")
