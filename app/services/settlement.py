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
import threading
import time

from app.errors import QT_TRANSLATE_NOOP
from app.models.ledger import FINAL, EntryState, LedgerEntry
from app.models.site import HOST_NAME, site_now
from app.services.ledger import ORIGIN, LedgerConflict, transition, unsettled

log = logging.getLogger(__name__)

# The system log's detail when an entry is settled after its own job (translated when shown).
SETTLED_DETAIL = QT_TRANSLATE_NOOP("SystemLog", "entry {entry} {kind} {amount}")

PENDING_LEASE_S = 120.0  # a pending entry older than this is abandoned whoever wrote it
# Bytes a killed writer left in a serial driver or a gateway's socket can still reach the
# meter a moment after the process is gone: a settling read starts at least this much later.
SETTLE_GRACE_S = 1.0

# (entry id, entry hash) -> time.monotonic() at which this process first saw that no other
# process could still send the entry's command (its writer gone, or its job already over).
_gone_seen: dict[tuple[int, str], float] = {}
_gone_lock = threading.Lock()


def pid_alive(pid: int) -> bool:
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
    if host == HOST_NAME and pid.isdigit() and not pid_alive(int(pid)):
        return True
    age = ((now or site_now()) - entry.created_at).total_seconds()
    return age > PENDING_LEASE_S


def observe(meter_id: int) -> float | None:
    """Note which unsettled entries of a meter no other process can still send; call BEFORE a read.

    Returns the latest moment (``time.monotonic()``) at which one of them was
    first seen so, or None when none is. A settling read must *start* after that
    moment (plus ``SETTLE_GRACE_S``): a read taken while another process's
    command was still on its way would show the old purchase count and turn a
    credited sale into "failed" (issue #6, finding 1).
    """
    latest = None
    now = time.monotonic()
    for entry in unsettled(meter_id):
        if entry.origin == ORIGIN:
            continue  # ours: from an earlier job of this very worker, never in flight
        with _gone_lock:
            seen = _gone_seen.get((entry.id, entry.hash))
            if seen is None and _writer_done(entry):
                seen = _gone_seen[entry.id, entry.hash] = now
        if seen is not None:
            latest = seen if latest is None else max(latest, seen)
    return latest


def _writer_done(entry: LedgerEntry) -> bool:
    """Can the process that wrote ``entry`` no longer send its command?

    Uncertain: its job is over (it sent, or tried, before it said so). Pending:
    only once the writer is gone (``is_abandoned``).
    """
    return entry.state == EntryState.UNCERTAIN.value or is_abandoned(entry)


def may_settle_from(entry: LedgerEntry, read_started: float | None) -> bool:
    """Did a read that started at ``read_started`` (monotonic) certainly follow the command?

    Entries of this process qualify at once (the worker runs one job at a time);
    another process's entry only when ``observe`` saw it done at least
    ``SETTLE_GRACE_S`` before the read started. ``None`` is a read of unknown
    start: it never settles another process's entry.
    """
    if entry.origin == ORIGIN:
        return True
    with _gone_lock:
        seen = _gone_seen.get((entry.id, entry.hash))
    return seen is not None and read_started is not None and read_started >= seen + SETTLE_GRACE_S


def read_for_settlement(link, ref) -> tuple[object, float]:
    """A fresh status that may settle every entry ``observe`` finds done: (status, read start).

    Waits out the grace once when an entry has only just been seen done, so a
    settlement job or a money job decides in one go instead of on the next poll.
    """
    latest = observe(ref.meter_id)
    if latest is not None:
        wait = latest + SETTLE_GRACE_S - time.monotonic()
        if wait > 0:
            time.sleep(wait)
    started = time.monotonic()
    return link.read_status(ref), started


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


def settle_from_status(meter_id: int, status, read_started: float | None) -> list[LedgerEntry]:
    """Settle what a status read from ``read_started`` on may settle (worker thread only).

    The poller calls this on contact with a meter that ``has_unsettled`` (after
    ``observe``, with the poll's start time); money and settlement jobs read
    through ``read_for_settlement``. Each settlement writes a system-log row.
    """
    done = []
    for entry in unsettled(meter_id):
        if not is_abandoned(entry) or not may_settle_from(entry, read_started):
            continue
        if entry.expected_count is None:  # cannot happen: only command entries start pending
            continue
        settled = settle_entry(entry, status.purchase_count, status.balance)
        if settled.state in FINAL:
            done.append(settled)
            _log_settled(settled)
            with _gone_lock:
                _gone_seen.pop((entry.id, entry.hash), None)
    return done


def _log_settled(entry: LedgerEntry) -> None:
    """One system-log row for every entry settled after its own job (killed or lost answer)."""
    from app.models import Meter
    from app.services.audit import METER_TARGET, log_action, log_message
    from app.services.money import format_fen
    from app.services.permissions import SYSTEM

    meter = Meter.get_or_none(Meter.id == entry.meter_id)
    target = log_message(METER_TARGET, meter=meter.number if meter else "#" + str(entry.meter_id))
    detail = log_message(
        SETTLED_DETAIL, entry=entry.id, kind=entry.kind, amount=format_fen(entry.amount_fen)
    )
    log_action(SYSTEM, "settle", target=target, result=entry.state, detail=detail)


def mark_unreachable(meter_id: int, detail: str) -> None:
    """Abandoned pending entries of a meter that cannot be read become uncertain."""
    for entry in unsettled(meter_id):
        if entry.state == EntryState.PENDING.value and is_abandoned(entry):
            transition(entry.id, EntryState.UNCERTAIN, detail=detail)


def require_settled(meter_id: int, status, read_started: float | None) -> None:
    """Settle from ``status``, then refuse (``LedgerConflict``) while anything stays undecided.

    Every operation that moves money or resets a meter starts here, with a
    status from ``read_for_settlement``: a new command on top of an undecided
    one would make the purchase count ambiguous.
    """
    settle_from_status(meter_id, status, read_started)
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
