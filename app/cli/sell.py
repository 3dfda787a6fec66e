"""``sell``: one sale from a payment terminal or online-payment agent on the site PC.

Same rules and the same exactly-once path as the cashier's window (the
site's bus worker, ``billing.submit_sale``); the answer is one JSON object on
stdout. Exit 0: confirmed; 1: refused (nothing sold); 2: could not start;
3: uncertain (the entry is settled from the meter's purchase count later;
do not sell again for this payment).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys

from app.errors import PemError

NAME = "sell"
HELP = "sell credit onto one meter; prints a JSON result"


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
    p.add_argument("--timeout", type=float, default=30.0, help="seconds to wait (30)")


def _emit(payload: dict) -> None:
    print(json.dumps(payload, ensure_ascii=False))


def run(args) -> int:
    from app.models import Meter
    from app.services import billing
    from app.services.auth import AuthService
    from app.services.money import format_fen, parse_amount
    from app.services.site import open_site

    password = os.environ.get("PEM_PASSWORD")
    if password is None:
        password = getpass.getpass(f"password for {args.operator}: ")
    try:
        site = open_site(args, poll=False, role="cli")
    except PemError as exc:
        _emit({"ok": False, "error": str(exc)})
        return 2
    try:
        actor = AuthService().login(args.operator, password)
        amount = parse_amount(args.amount)
        meter = Meter.get_or_none(Meter.number == args.meter)
        if meter is None:
            raise PemError(f"no meter numbered {args.meter}")
        future = billing.submit_sale(
            site.worker_for(meter.id), actor, meter.id, amount, args.payment
        )
        result = future.result(args.timeout)
    except PemError as exc:
        _emit({"ok": False, "error": str(exc)})
        return 1
    except TimeoutError:
        _emit({"ok": False, "error": "no outcome in time; the sale is settled later"})
        return 3
    finally:
        site.stop()
    payload = {
        "ok": result.ok,
        "entry": result.entry_id,
        "state": result.state,
        "amount": format_fen(result.amount_fen),
        "balance_after": None if result.balance_after is None else format_fen(result.balance_after),
        "purchase_count": result.purchase_count,
        "receipt_no": result.receipt_no,
        "meter": args.meter,
    }
    if not result.ok:
        payload["error"] = result.message or f"the sale is {result.state}"
    _emit(payload)
    return 0 if result.ok else (3 if result.state == "uncertain" else 1)


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run through main.py")
