"""The exactly-once money operation itself (SPEC "Billing rules"), run inside one bus-worker job.

One money operation is ONE bus-worker job, so nothing else talks to the meter
in between: read the status fresh (offline: refuse, nothing written), settle
what an earlier operation left undecided, write the pending entry, send the
protected command carrying purchase count + 1, read back. The purchase count
decides everything: at ``expected_count`` the meter took the money, still at
``count_before`` it did not; an answer lost on the way leaves the entry
*uncertain* until a later read decides it. Because the command carries the
count, the meter refuses a second delivery, so no credit lands twice.

Kept apart from ``billing`` (permission, input checks, the system log, job
submission) because ``accounts`` runs the same sequence for opening, closing
and meter replacement, and this is the code the crash tests stop at.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP, CommError, InsufficientBalance, MeterRejected
from app.models.ledger import EntryKind, EntryState, LedgerEntry
from app.serial_io.commands import next_counter
from app.serial_io.meter_data import MeterStatus
from app.serial_io.profiles import Capability
from app.services import jobs, ledger, settlement
from app.services.money import format_fen
from app.services.permissions import Actor

log = logging.getLogger(__name__)

NOT_APPLIED = QT_TRANSLATE_NOOP("Errors", "the meter did not apply the command")
_TOO_LARGE = {
    EntryKind.REFUND: QT_TRANSLATE_NOOP(
        "Errors", "the refund of {amount} is more than the meter's balance of {balance}"
    ),
    EntryKind.CORRECTION: QT_TRANSLATE_NOOP(
        "Errors", "the correction of {amount} is more than the meter's balance of {balance}"
    ),
}
_TOO_LARGE_OTHER = QT_TRANSLATE_NOOP(
    "Errors", "the {what} of {amount} is more than the meter's balance of {balance}"
)


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


def spec_args(spec: MoneySpec) -> dict:
    """The spec as job arguments (``jobs.make`` turns the actor and the kind into JSON)."""
    return {f.name: getattr(spec, f.name) for f in dataclasses.fields(spec)}


def spec_from_args(args: dict) -> MoneySpec:
    return MoneySpec(**{**args, "kind": EntryKind(args["kind"])})


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


def money_result(entry: LedgerEntry, purchase_count: int | None, message: str = "") -> MoneyResult:
    """What callers are told about an entry as it now stands in the ledger."""
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
        raise InsufficientBalance(
            _TOO_LARGE.get(spec.kind, _TOO_LARGE_OTHER),
            what=spec.kind.value,
            amount=format_fen(amount),
            balance=format_fen(status.balance),
        )
    return amount


def execute_money(link, spec: MoneySpec, status: MeterStatus | None = None) -> MoneyResult:
    """The exactly-once sequence, run inside a bus-worker job (``link`` is the worker's)."""
    ref = link.meter(spec.meter_id)
    profile = link.profile(ref)
    # Before any ledger entry: a meter that cannot take or give money is refused, nothing to undo.
    profile.require(Capability.MONEY if spec.kind.credits_meter else Capability.REFUND)
    read_started = None
    if status is None:  # MeterOffline / BadFrame: nothing written, no money
        status, read_started = settlement.read_for_settlement(link, ref)
    settlement.require_settled(spec.meter_id, status, read_started)
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
        return money_result(entry, status.purchase_count)
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
    jobs.note_entry(entry.id)
    checkpoint("after_pending")
    keys = link.keys(ref)
    rejected: MeterRejected | InsufficientBalance | None = None
    lost: CommError | None = None
    try:
        op = profile.credit if spec.kind.credits_meter else profile.refund
        op(link.bus, ref, keys, amount, expected, status)  # epoch, clock
    except (MeterRejected, InsufficientBalance) as exc:  # refused; by the profile: nothing sent
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
        return money_result(entry, None, why)
    checkpoint("after_readback")
    return _decide(entry, after, amount, rejected)


def _decide(
    entry: LedgerEntry,
    after: MeterStatus,
    amount: int,
    rejected: MeterRejected | InsufficientBalance | None,
) -> MoneyResult:
    sign = EntryKind(entry.kind).sign
    if after.purchase_count == entry.expected_count:
        moved = after.balance - entry.balance_before
        detail = f"purchase count {after.purchase_count}, balance moved {format_fen(moved)}"
        if sign * moved > amount or sign * moved < 0:
            moved_text, amount_text = format_fen(moved), format_fen(amount)
            log.warning("ledger #%d: balance moved %s for %s", entry.id, moved_text, amount_text)
        entry = ledger.transition(
            entry.id,
            EntryState.CONFIRMED,
            balance_after=after.balance,
            purchase_count=after.purchase_count,
            detail=detail,
        )
        return money_result(entry, after.purchase_count)
    if after.purchase_count == entry.count_before:
        why = str(rejected) if rejected else NOT_APPLIED
        entry = ledger.transition(
            entry.id, EntryState.FAILED, purchase_count=after.purchase_count, detail=why
        )
        if rejected:
            raise rejected
        return money_result(entry, after.purchase_count, why)
    why = (
        f"purchase count is {after.purchase_count}, neither {entry.count_before} "
        f"nor {entry.expected_count}: an administrator must look at this meter"
    )
    log.error("ledger #%d: %s", entry.id, why)
    entry = ledger.transition(entry.id, EntryState.UNCERTAIN, detail=why)
    return money_result(entry, after.purchase_count, why)
