"""Sales, refunds, corrections and their settlement: exactly-once crediting (SPEC "Billing rules").

One money operation is ONE bus-worker job, so nothing else talks to the meter
in between: read the status fresh (offline: refuse, nothing written), settle
what an earlier operation left undecided, write the pending entry, send the
protected command carrying purchase count + 1, read back. The purchase count
decides everything: at ``expected_count`` the meter took the money, still at
``count_before`` it did not; an answer lost on the way leaves the entry
*uncertain* until a later read decides it. Because the command carries the
count, the meter refuses a second delivery, so no credit lands twice.

The ``submit_*`` functions check permission and input on the caller's
thread and return a ``Future`` (the GUI never waits on the bus); ``sell`` and
friends are the blocking forms for the CLI and tests.
"""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from app import settings
from app.errors import CommError, InsufficientBalance, MeterRejected, ValidationError
from app.models import Account, Meter
from app.models.ledger import PAYMENT_METHODS, EntryKind, EntryState, LedgerEntry
from app.serial_io.commands import next_counter
from app.serial_io.events import Priority
from app.serial_io.meter_data import MeterStatus
from app.services import ledger
from app.services.ledger import LedgerConflict
from app.services.permissions import SYSTEM, Actor, Permission, require

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MoneyResult:
    """What a money operation ended as; ``state`` is an ``EntryState`` value."""

    entry_id: int
    kind: str
    state: str
    amount_fen: int
    balance_before: int | None = None
    balance_after: int | None = None
    purchase_count: int | None = None
    receipt_no: str = ""
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.state == EntryState.CONFIRMED.value


@dataclass(frozen=True)
class MoneySpec:
    """One money operation to run in a worker job (``amount_fen`` None: the whole balance)."""

    kind: EntryKind
    meter_id: int
    amount_fen: int | None
    actor: Actor
    payment_method: str = ""
    reverses_id: int | None = None
    reason: str = ""
    account_id: int | None = None
    tenant_id: int | None = None


def checkpoint(name: str) -> None:
    """Crash-test hook: with ``PEM_TEST_PAUSE=name`` the process stops here to be killed.

    Points: before_pending, after_pending, after_send, after_readback. The
    file named by ``PEM_TEST_PAUSE_MARK`` is written first so the test knows
    the process has arrived; the wait never ends on its own.
    """
    if os.environ.get("PEM_TEST_PAUSE") != name:
        return
    mark = os.environ.get("PEM_TEST_PAUSE_MARK")
    if mark:
        Path(mark).write_text(name)
    log.info("test hook: paused at %s", name)
    threading.Event().wait()


def _fen(value: int) -> str:
    sign = "-" if value < 0 else ""
    return f"{sign}{abs(value) // 100}.{abs(value) % 100:02d}"


def audit(actor: Actor, action: str, target: str, result: str, detail: str) -> None:
    """System log line for a money or account action (the system log is not optional)."""
    from app.services.audit import log_action

    log_action(actor, action, target=target, result=result, detail=detail)


def _meter_label(meter_id: int) -> str:
    meter = Meter.get_or_none(Meter.id == meter_id)
    return f"meter {meter.number}" if meter else f"meter #{meter_id}"


def _result(entry: LedgerEntry, purchase_count: int | None, message: str = "") -> MoneyResult:
    return MoneyResult(
        entry_id=entry.id,
        kind=entry.kind,
        state=entry.state,
        amount_fen=entry.amount_fen,
        balance_before=entry.balance_before,
        balance_after=entry.balance_after,
        purchase_count=purchase_count,
        receipt_no=entry.receipt_no,
        message=message,
    )


def _check_amount_against(spec: MoneySpec, status: MeterStatus) -> int:
    """The amount to move, checked against the freshly read balance."""
    amount = spec.amount_fen
    if amount is None:  # close / transfer out: whatever is left
        return max(status.balance, 0)
    if not spec.kind.credits_meter and amount > status.balance:
        what = "correction" if spec.kind is EntryKind.CORRECTION else spec.kind.value
        raise InsufficientBalance(
            f"the {what} of {_fen(amount)} is more than the meter's balance of "
            f"{_fen(status.balance)}"
        )
    return amount


def execute_money(link, spec: MoneySpec, status: MeterStatus | None = None) -> MoneyResult:
    """The exactly-once sequence, run inside a bus-worker job (``link`` is the worker's)."""
    ref = link.meter(spec.meter_id)
    if status is None:
        status = link.read_status(ref)  # MeterOffline / BadFrame: nothing written, no money
    ledger.settle_from_status(spec.meter_id, status)
    left = ledger.unsettled(spec.meter_id)
    if left:
        raise LedgerConflict(
            f"entry {left[0].id} on this meter is still {left[0].state}; "
            "it must be settled before new money moves"
        )
    amount = _check_amount_against(spec, status)
    common = dict(
        account_id=spec.account_id,
        tenant_id=spec.tenant_id,
        payment_method=spec.payment_method,
        operator_id=spec.actor.operator_id,
        operator_name=spec.actor.name,
        balance_before=status.balance,
        reverses_id=spec.reverses_id,
        reason=spec.reason,
    )
    if amount == 0:  # nothing to move (close or transfer of an empty meter): no command
        entry = ledger.append_entry(
            spec.kind,
            spec.meter_id,
            0,
            state=EntryState.CONFIRMED,
            balance_after=status.balance,
            detail="nothing to move",
            **common,
        )
        return _result(entry, status.purchase_count)
    checkpoint("before_pending")
    expected = next_counter(status.purchase_count)
    entry = ledger.append_entry(
        spec.kind,
        spec.meter_id,
        amount,
        count_before=status.purchase_count,
        expected_count=expected,
        **common,
    )
    checkpoint("after_pending")
    profile, keys = link.profile(ref), link.keys(ref)
    rejected: MeterRejected | None = None
    lost: CommError | None = None
    try:
        op = profile.credit if spec.kind.credits_meter else profile.refund
        op(link.bus, ref.address, keys, ref.serial, amount, expected)
    except MeterRejected as exc:
        rejected = exc
    except CommError as exc:
        lost = exc
    checkpoint("after_send")
    try:
        after = link.read_status(ref)
    except CommError as exc:
        why = f"answer lost ({lost or exc}); settled from the purchase count later"
        entry = ledger.transition(entry.id, EntryState.UNCERTAIN, detail=why)
        log.info("ledger #%d uncertain: %s", entry.id, why)
        return _result(entry, None, why)
    checkpoint("after_readback")
    return _decide(entry, after, amount, rejected)


def _decide(
    entry: LedgerEntry, after: MeterStatus, amount: int, rejected: MeterRejected | None
) -> MoneyResult:
    sign = EntryKind(entry.kind).sign
    if after.purchase_count == entry.expected_count:
        moved = after.balance - entry.balance_before
        detail = f"purchase count {after.purchase_count}, balance moved {_fen(moved)}"
        if sign * moved > amount or sign * moved < 0:
            log.warning("ledger #%d: balance moved %s for %s", entry.id, _fen(moved), _fen(amount))
        entry = ledger.transition(
            entry.id,
            EntryState.CONFIRMED,
            balance_after=after.balance,
            purchase_count=after.purchase_count,
            detail=detail,
        )
        return _result(entry, after.purchase_count)
    if after.purchase_count == entry.count_before:
        why = str(rejected) if rejected else "the meter did not apply the command"
        entry = ledger.transition(
            entry.id, EntryState.FAILED, purchase_count=after.purchase_count, detail=why
        )
        if rejected:
            raise rejected
        return _result(entry, after.purchase_count, why)
    why = (
        f"purchase count is {after.purchase_count}, neither {entry.count_before} "
        f"nor {entry.expected_count}: an administrator must look at this meter"
    )
    log.error("ledger #%d: %s", entry.id, why)
    entry = ledger.transition(entry.id, EntryState.UNCERTAIN, detail=why)
    return _result(entry, after.purchase_count, why)


def _validate_amount(amount_fen: int, limit: bool) -> None:
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int):
        raise ValidationError("the amount must be a whole number of fen")
    if amount_fen <= 0:
        raise ValidationError("the amount must be more than 0.00")
    if limit:
        max_fen = settings.get("sale.max_fen")
        if amount_fen > max_fen:
            raise ValidationError(
                f"{_fen(amount_fen)} is more than the single-sale limit of {_fen(max_fen)}"
            )


def _active_account(meter_id: int) -> Account:
    account = Account.active_for(meter_id)
    if account is None:
        raise ValidationError(f"{_meter_label(meter_id)} has no open account")
    return account


def _run_logged(spec: MoneySpec, action: str):
    """The worker job for ``spec``, writing the system log whatever the outcome."""

    def job(link) -> MoneyResult:
        target = _meter_label(spec.meter_id)
        try:
            result = execute_money(link, spec)
        except Exception as exc:
            audit(spec.actor, action, target, "refused", f"{_fen(spec.amount_fen or 0)}: {exc}")
            raise
        detail = f"entry {result.entry_id} {_fen(result.amount_fen)} {result.message}".strip()
        audit(spec.actor, action, target, result.state, detail)
        return result

    return job


def submit_money(worker, spec: MoneySpec, action: str) -> Future:
    return worker.submit(
        _run_logged(spec, action),
        priority=Priority.OPERATOR,
        label=f"{action} {_meter_label(spec.meter_id)}",
    )


def submit_sale(
    worker, actor: Actor, meter_id: int, amount_fen: int, payment_method: str
) -> Future:
    """Sell ``amount_fen`` onto a meter; the future gives a ``MoneyResult`` or raises."""
    require(actor, Permission.SELL)
    _validate_amount(amount_fen, limit=True)
    if payment_method not in PAYMENT_METHODS:
        raise ValidationError(f"unknown payment method {payment_method!r}")
    account = _active_account(meter_id)
    spec = MoneySpec(
        EntryKind.SALE,
        meter_id,
        amount_fen,
        actor,
        payment_method=payment_method,
        account_id=account.id,
        tenant_id=account.tenant_id,
    )
    return submit_money(worker, spec, "sale")


def submit_refund(
    worker,
    actor: Actor,
    meter_id: int,
    amount_fen: int,
    payment_method: str = "cash",
    reason: str = "",
) -> Future:
    """Take money back from a meter (at most its freshly read balance)."""
    require(actor, Permission.SELL)
    _validate_amount(amount_fen, limit=False)
    if payment_method and payment_method not in PAYMENT_METHODS:
        raise ValidationError(f"unknown payment method {payment_method!r}")
    account = _active_account(meter_id)
    spec = MoneySpec(
        EntryKind.REFUND,
        meter_id,
        amount_fen,
        actor,
        payment_method=payment_method,
        reason=reason,
        account_id=account.id,
        tenant_id=account.tenant_id,
    )
    return submit_money(worker, spec, "refund")


def submit_correction(worker, actor: Actor, sale_id: int, reason: str) -> Future:
    """Reverse one confirmed sale of the meter's current account, once, with a reason."""
    require(actor, Permission.SELL)
    if not reason.strip():
        raise ValidationError("a correction needs a reason")
    sale = LedgerEntry.get_or_none(LedgerEntry.id == sale_id)
    if sale is None or sale.kind != EntryKind.SALE.value:
        raise ValidationError(f"entry {sale_id} is not a sale")
    if sale.state != EntryState.CONFIRMED.value:
        raise ValidationError(f"sale {sale_id} is {sale.state}; only confirmed sales are reversed")
    live = LedgerEntry.select().where(
        (LedgerEntry.reverses == sale_id) & (LedgerEntry.state != EntryState.FAILED.value)
    )
    if live.exists():
        raise LedgerConflict(f"sale {sale_id} has already been reversed")
    account = _active_account(sale.meter_id)
    if sale.account_id != account.id:
        raise ValidationError(f"sale {sale_id} belongs to an earlier account on this meter")
    spec = MoneySpec(
        EntryKind.CORRECTION,
        sale.meter_id,
        sale.amount_fen,
        actor,
        payment_method=sale.payment_method,
        reverses_id=sale.id,
        reason=reason.strip(),
        account_id=account.id,
        tenant_id=account.tenant_id,
    )
    return submit_money(worker, spec, "correction")


def settle_meter_job(meter_id: int):
    """A worker job that settles a meter's unsettled entries from a fresh read."""

    def job(link) -> list[MoneyResult]:
        ref = link.meter(meter_id)
        try:
            status = link.read_status(ref)
        except CommError as exc:
            ledger.mark_unreachable(meter_id, f"meter not reachable for settlement: {exc}")
            log.info("settlement of meter %s postponed: %s", meter_id, exc)
            return []
        results = []
        for entry in ledger.settle_from_status(meter_id, status):
            results.append(_result(entry, status.purchase_count))
            audit(
                SYSTEM,
                "settle",
                _meter_label(meter_id),
                entry.state,
                f"entry {entry.id} {entry.kind} {_fen(entry.amount_fen)}",
            )
        return results

    return job


def settle_all(worker_for) -> list[Future]:
    """At start-up (and from verify): one settlement job per meter with unsettled entries.

    ``worker_for(meter_id)`` gives the bus worker of the meter's bus.
    """
    meters = sorted({e.meter_id for e in ledger.unsettled()})
    return [
        worker_for(m).submit(settle_meter_job(m), priority=Priority.SETTLE, label=f"settle {m}")
        for m in meters
    ]


def sell(worker, actor, meter_id, amount_fen, payment_method, timeout=None) -> MoneyResult:
    return submit_sale(worker, actor, meter_id, amount_fen, payment_method).result(timeout)


def refund(worker, actor, meter_id, amount_fen, payment_method="cash", reason="", timeout=None):
    return submit_refund(worker, actor, meter_id, amount_fen, payment_method, reason).result(
        timeout
    )


def correct(worker, actor, sale_id, reason, timeout=None) -> MoneyResult:
    return submit_correction(worker, actor, sale_id, reason).result(timeout)


__all__ = [
    "MoneyResult",
    "MoneySpec",
    "correct",
    "execute_money",
    "refund",
    "sell",
    "settle_all",
    "settle_meter_job",
    "submit_correction",
    "submit_refund",
    "submit_sale",
]
