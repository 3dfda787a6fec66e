"""Checking the ledger: both hash chains, the state caches, and meters against the ledger.

Entries and transitions are read with plain cursors in id order and hashed
once each (a million entries take seconds, not minutes); the cross-checks
between an entry and its transitions run as SQL so that no per-entry state is
held in Python. Every problem is a sentence that names row ids, because the
person reading it has to find the row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from app.models import Account, LedgerHead, Meter, db
from app.models.ledger import ALLOWED_TRANSITIONS, FINAL
from app.serial_io.meter_data import MeterStatus
from app.services import chain_key, jobs, ledger, settlement
from app.services.hash_chain import GENESIS, Break, span, walk_chain
from app.services.ledger import ENTRY_HASH_FIELDS, TRANSITION_HASH_FIELDS
from app.services.money import format_fen

log = logging.getLogger(__name__)

_BATCH = 20_000


_NOUNS = {
    "ledger_entry": ("ledger entry", "ledger entries"),
    "ledger_transition": ("ledger transition", "ledger transitions"),
}


Digest = Callable[[bytes], str]


def _hashed_rows(table: str, fields: tuple[str, ...], digest: Digest):
    """(id, prev_hash, hash, contents match) per row, read in batches with plain cursors."""
    columns = ledger.hashed_columns((*fields, "prev_hash", "hash"))
    cursor = db.execute_sql(f"SELECT {columns} FROM {table} ORDER BY id")
    n = len(fields)
    encode = ledger._encode  # chain_message, inlined: 3 M rows a second matter
    while batch := cursor.fetchmany(_BATCH):
        for row in batch:
            link, stored = row[n], row[n + 1]
            yield (
                row[0],
                link,
                stored,
                digest(f"{link}\n{encode(row[:n])}".encode()) == stored,
            )


def _check_chain(table: str, fields: tuple[str, ...], head_id: int, head_hash: str, digest: Digest):
    """Hash, link and gap check of one chained table; returns (problems, rows)."""
    one, many = _NOUNS[table]
    walk = walk_chain(_hashed_rows(table, fields, digest), (head_id, head_hash))
    problems = []
    for f in walk.findings:
        rows = span(f.first, f.last, one, many)
        problems.append(
            {
                Break.EDITED: f"{one} {f.row_id}: contents do not match its hash (edited)",
                Break.GAP: f"{rows} missing between {one} {f.prev_id} and {f.row_id} (deleted)",
                Break.UNLINKED: f"{one} {f.row_id} does not link to {one} {f.prev_id} "
                f"({one} {f.prev_id} edited, or {f.row_id} inserted)",
                Break.MISSING_AT_END: f"{rows} missing at the end (deleted)",
                Break.AFTER_END: f"{rows} after the recorded end (inserted)",
                Break.END_DIFFERS: f"{one} {f.row_id} differs from the recorded end of the ledger",
            }[f.kind]
        )
    if walk.stopped:
        problems.append("too many problems; stopped checking")
    return problems, walk.rows


def _check_caches() -> list[str]:
    """Each entry's state columns must be what its transitions say; moves must be allowed."""
    problems = []
    for (entry_id,) in db.execute_sql(
        "SELECT e.id FROM ledger_entry e WHERE NOT EXISTS "
        "(SELECT 1 FROM ledger_transition t WHERE t.entry_id = e.id) ORDER BY e.id"
    ):
        problems.append(f"ledger entry {entry_id} has no state history (transitions deleted)")
    final = ", ".join(f"'{s}'" for s in FINAL)
    query = (
        "SELECT e.id, e.state, t.to_state, e.balance_after, t.balance_after, e.settled_at, t.at "
        "FROM ledger_entry e JOIN (SELECT entry_id, MAX(id) AS last FROM ledger_transition "
        "GROUP BY entry_id) m ON m.entry_id = e.id JOIN ledger_transition t ON t.id = m.last "
        "WHERE e.state IS DISTINCT FROM t.to_state "
        f"OR (e.state IN ({final}) AND e.settled_at IS DISTINCT FROM t.at) "
        f"OR (e.state NOT IN ({final}) AND e.settled_at IS NOT NULL) "
        "OR (e.state = 'confirmed' AND e.balance_after IS DISTINCT FROM t.balance_after) "
        "OR (e.state != 'confirmed' AND e.balance_after IS NOT NULL) ORDER BY e.id"
    )
    for eid, state, last_state, bal, t_bal, _settled, _at in db.execute_sql(query):
        if state != last_state:
            problems.append(
                f"ledger entry {eid}: state is {state} but its history ends {last_state} (edited)"
            )
        elif bal != t_bal and state == "confirmed":
            problems.append(
                f"ledger entry {eid}: balance after {bal} differs from its history {t_bal} (edited)"
            )
        else:
            problems.append(f"ledger entry {eid}: settlement columns differ from history (edited)")
    order = (
        "SELECT id, entry_id, from_state, prev FROM (SELECT id, entry_id, from_state, "
        "LAG(to_state) OVER (PARTITION BY entry_id ORDER BY id) AS prev FROM ledger_transition) "
        "AS moves WHERE from_state IS DISTINCT FROM prev ORDER BY id"
    )
    for tid, eid, from_state, prev in db.execute_sql(order):
        problems.append(
            f"ledger transition {tid} of entry {eid} starts from {from_state} "
            f"but the entry was {prev} (history altered)"
        )
    for tid, from_state, to_state in db.execute_sql(
        "SELECT id, from_state, to_state FROM ledger_transition ORDER BY id"
    ):
        if to_state not in ALLOWED_TRANSITIONS.get(from_state, ()):
            problems.append(f"ledger transition {tid}: {from_state} -> {to_state} is not allowed")
    return problems


@dataclass
class ChainReport:
    problems: list[str] = field(default_factory=list)
    entries: int = 0
    transitions: int = 0


def verify_ledger(digest: Digest | None = None) -> ChainReport:
    """Both chains, their end marker, and the entries' state caches.

    ``digest`` hashes a row's message: the installed ledger key's HMAC unless
    given (the re-keying step checks the old, unkeyed chain with SHA-256).
    """
    digest = digest or chain_key.keys().ledger.hex
    head = LedgerHead.get_or_none(LedgerHead.id == 1)
    e_id, e_hash = (head.entry_id, head.entry_hash) if head else (0, GENESIS)
    t_id, t_hash = (head.transition_id, head.transition_hash) if head else (0, GENESIS)
    report = ChainReport()
    problems, report.entries = _check_chain("ledger_entry", ENTRY_HASH_FIELDS, e_id, e_hash, digest)
    report.problems += problems
    problems, report.transitions = _check_chain(
        "ledger_transition", TRANSITION_HASH_FIELDS, t_id, t_hash, digest
    )
    report.problems += problems
    if head is None and (report.entries or report.transitions):
        report.problems.append("ledger end marker missing")
    report.problems += _check_caches()
    if report.problems:
        log.error(
            "ledger check: %d problem(s), first: %s", len(report.problems), report.problems[0]
        )
    return report


def meter_differences(meter_id: int, status: MeterStatus) -> list[str]:
    """A live meter against the ledger: purchase count exactly, balance as an upper bound.

    The meter spends its balance on energy, so it may hold less than the
    ledger put on it since opening, never more.
    """
    meter = Meter.get_by_id(meter_id)
    out = []
    for entry in ledger.unsettled(meter_id):
        out.append(f"meter {meter.number}: ledger entry {entry.id} is still {entry.state}")
    expected = ledger.expected_purchase_count(meter_id)
    if expected is None:
        return out
    if status.purchase_count != expected:
        out.append(
            f"meter {meter.number}: purchase count mismatch, meter {status.purchase_count}, "
            f"ledger {expected}"
        )
    net = ledger.net_credit_since_open(meter_id) or 0
    if status.balance > net:
        out.append(
            f"meter {meter.number}: holds {format_fen(status.balance)}, more than the "
            f"{format_fen(net)} the ledger put on it since opening"
        )
    return out


def opened_meter_ids() -> list[int]:
    """Meters with an open account (those the ledger can speak for)."""
    q = Account.select(Account.meter).where(Account.closed_at.is_null()).distinct()
    return sorted(a.meter_id for a in q)


def _check_meter(link, meter_id: int) -> list[str]:
    status, started = settlement.read_for_settlement(link, link.meter(meter_id))
    settlement.settle_from_status(meter_id, status, started)
    return meter_differences(meter_id, status)


def check_meter_job(meter_id: int) -> jobs.Job:
    """A worker job: settle from a fresh read, then compare with the ledger."""
    return jobs.make("check_meter", meter_id=meter_id)


jobs.register("check_meter", _check_meter)
