"""Settlement: deciding pending and uncertain ledger entries from a fresh purchase count.

Kept apart from ``ledger`` (which only records) because this is the one
place where the exactly-once rule turns a meter's purchase count into a
verdict on money: the poller, every money job and the start-up settlement all
ask the same questions here. Nothing here talks to a meter; callers pass the
status they have just read.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket

from app.errors import QT_TRANSLATE_NOOP
from app.models.ledger import FINAL, EntryState, LedgerEntry
from app.models.site import utcnow
from app.services.ledger import ORIGIN, LedgerConflict, transition, unsettled

log = logging.getLogger(__name__)

PENDING_LEASE_S = 120.0  # a pending entry older than this is abandoned whoever wrote it


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_abandoned(entry: LedgerEntry, now: dt.datetime | None = None) -> bool:
    """May this pending entry be settled, i.e. is no process still about to send its command?

    Call only from the bus worker that owns the meter: that worker runs one
    job at a time, so a pending entry of this very process is left over from
    an earlier job, never in flight. Another process on this host is asked
    whether it still lives; anything else gets ``PENDING_LEASE_S``.
    """
    if entry.state != EntryState.PENDING.value:
        return True
    if entry.origin == ORIGIN:
        return True
    host, _, pid = entry.origin.rpartition(":")
    if host == socket.gethostname() and pid.isdigit() and not _pid_alive(int(pid)):
        return True
    age = ((now or utcnow()) - entry.created_at).total_seconds()
    return age > PENDING_LEASE_S


def settle_entry(entry: LedgerEntry, purchase_count: int, balance: int) -> LedgerEntry:
    """Decide one unsettled entry from the meter's purchase count (see SPEC).

    Advanced to ``expected_count``: the meter took it (confirmed). Still at
    ``count_before``: it never did (failed, no money taken). Anything else
    cannot be decided automatically and stays (or becomes) uncertain.
    """
    if purchase_count == entry.expected_count:
        return transition(
            entry.id,
            EntryState.CONFIRMED,
            balance_after=balance,
            purchase_count=purchase_count,
            detail=f"settled: purchase count advanced to {purchase_count}",
        )
    if purchase_count == entry.count_before:
        return transition(
            entry.id,
            EntryState.FAILED,
            purchase_count=purchase_count,
            detail=f"settled: purchase count still {purchase_count}, no money moved",
        )
    why = (
        f"purchase count is {purchase_count}, neither {entry.count_before} "
        f"nor {entry.expected_count}: an administrator must look at this meter"
    )
    log.error("ledger #%d: %s", entry.id, why)
    if entry.state == EntryState.PENDING.value:
        return transition(entry.id, EntryState.UNCERTAIN, purchase_count=purchase_count, detail=why)
    return entry


def settle_from_status(meter_id: int, status) -> list[LedgerEntry]:
    """Settle what can be settled on one meter from a status just read (worker thread only).

    The poller calls this on contact with a meter that ``has_unsettled``;
    billing calls it at the start of every money job.
    """
    done = []
    for entry in unsettled(meter_id):
        if not is_abandoned(entry):
            continue
        if entry.expected_count is None:  # cannot happen: only command entries start pending
            continue
        settled = settle_entry(entry, status.purchase_count, status.balance)
        if settled.state in FINAL:
            done.append(settled)
    return done


def mark_unreachable(meter_id: int, detail: str) -> None:
    """Abandoned pending entries of a meter that cannot be read become uncertain."""
    for entry in unsettled(meter_id):
        if entry.state == EntryState.PENDING.value and is_abandoned(entry):
            transition(entry.id, EntryState.UNCERTAIN, detail=detail)


def require_settled(meter_id: int, status) -> None:
    """Settle from ``status``, then refuse (``LedgerConflict``) while anything stays undecided.

    Every operation that moves money or resets a meter starts here: a new
    command on top of an undecided one would make the purchase count ambiguous.
    """
    settle_from_status(meter_id, status)
    left = unsettled(meter_id)
    if left:
        raise LedgerConflict(
            QT_TRANSLATE_NOOP(
                "Errors",
                "entry {entry} on this meter is still {state}; "
                "it must be settled before new money moves",
            ),
            entry=left[0].id,
            state=left[0].state,
        )
