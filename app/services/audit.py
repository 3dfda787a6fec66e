"""The hash-chained system log: who did what, when, with what result (SPEC "Security").

Each row's hash is SHA-256 over the previous row's hash and a canonical JSON
encoding of the row's own fields (its id included), so editing, inserting or
deleting a row with raw SQL breaks the chain at a place ``verify_log_chain``
can name. The newest row's id and hash are also kept in ``SystemLogHead`` so
that rows cut off the end are noticed as well.

Writes take SQLite's write lock (``BEGIN IMMEDIATE``) before reading the
previous hash, so two threads (each has its own connection) or two processes
(the GUI and ``main.py sell``) never fork the chain. Called inside a caller's
transaction (a ledger write), the row commits or rolls back with it; that
transaction should already hold the write lock (have written, or have begun
IMMEDIATE), else SQLite refuses the late upgrade with "database is locked"
rather than fork. No Python lock is held, so nesting cannot deadlock.
Never pass a password in ``detail``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from app.models import SystemLog, SystemLogHead, db
from app.models.site import utcnow
from app.services.permissions import Actor

log = logging.getLogger(__name__)

GENESIS = "0" * 64
MAX_PROBLEMS = 1000


def _at_text(at: dt.datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S.%f")


def row_hash(
    prev_hash: str,
    row_id: int,
    at: dt.datetime,
    operator_id: int | None,
    operator_name: str,
    role: str,
    action: str,
    target: str,
    result: str,
    detail: str,
) -> str:
    """SHA-256 (hex) of one row: the canonical encoding every writer and verifier shares."""
    body = json.dumps(
        [
            row_id,
            _at_text(at) if isinstance(at, dt.datetime) else str(at),
            operator_id,
            operator_name,
            role,
            action,
            target,
            result,
            detail,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()


def log_action(
    actor: Actor | None,
    action: str,
    target: str = "",
    result: str = "ok",
    detail: str = "",
    *,
    at: dt.datetime | None = None,
) -> None:
    """Append one row to the system log (``actor`` None: nobody logged in, e.g. a failed login)."""
    at = (at or utcnow()).replace(tzinfo=None)
    operator_id = actor.operator_id if actor else None
    name = actor.name if actor else ""
    role = actor.role.value if actor else ""
    with db.atomic(lock_type="IMMEDIATE"):
        last = SystemLog.select(SystemLog.id, SystemLog.hash).order_by(SystemLog.id.desc()).first()
        prev_hash = last.hash if last else GENESIS
        row_id = (last.id if last else 0) + 1
        digest = row_hash(
            prev_hash, row_id, at, operator_id, name, role, action, target, result, detail
        )
        SystemLog.insert(
            id=row_id,
            at=at,
            operator_id=operator_id,
            operator_name=name,
            role=role,
            action=action,
            target=target,
            result=result,
            detail=detail,
            prev_hash=prev_hash,
            hash=digest,
        ).execute()
        updated = (
            SystemLogHead.update(last_id=row_id, last_hash=digest)
            .where(SystemLogHead.id == 1)
            .execute()
        )
        if not updated:
            SystemLogHead.insert(id=1, last_id=row_id, last_hash=digest).execute()
    log.info("audit #%d %s %s %s %s", row_id, name or "-", action, target, result)


def verify_log_chain() -> list[str]:
    """Every break in the chain as a sentence naming row ids; empty when the log is intact."""
    problems: list[str] = []
    prev_id = 0
    prev_hash = GENESIS
    fields = (
        SystemLog.id,
        SystemLog.at,
        SystemLog.operator_id,
        SystemLog.operator_name,
        SystemLog.role,
        SystemLog.action,
        SystemLog.target,
        SystemLog.result,
        SystemLog.detail,
        SystemLog.prev_hash,
        SystemLog.hash,
    )
    rows: Iterable[tuple] = SystemLog.select(*fields).order_by(SystemLog.id).tuples().iterator()
    for row_id, at, op_id, name, role, action, target, result, detail, link, stored in rows:
        if row_hash(link, row_id, at, op_id, name, role, action, target, result, detail) != stored:
            problems.append(
                f"system log row {row_id}: contents do not match its hash (row edited or inserted)"
            )
        if row_id != prev_id + 1:
            first, last = prev_id + 1, row_id - 1
            gone = f"row {first}" if first == last else f"rows {first}-{last}"
            problems.append(
                f"system log {gone} missing between rows {prev_id} and {row_id} (deleted)"
            )
        elif link != prev_hash:
            problems.append(
                f"system log row {row_id} does not link to row {prev_id} "
                f"(row {prev_id} edited, or row {row_id} inserted)"
            )
        prev_id, prev_hash = row_id, stored
        if len(problems) >= MAX_PROBLEMS:
            problems.append("too many problems; stopped checking")
            return problems
    head = SystemLogHead.get_or_none(SystemLogHead.id == 1)
    if head is None:
        if prev_id:
            problems.append(f"system log end marker missing (the log holds rows 1-{prev_id})")
    elif head.last_id > prev_id:
        first = prev_id + 1
        gone = f"row {first}" if first == head.last_id else f"rows {first}-{head.last_id}"
        problems.append(f"system log {gone} missing at the end (deleted)")
    elif head.last_id < prev_id:
        first = head.last_id + 1
        extra = f"row {first}" if first == prev_id else f"rows {first}-{prev_id}"
        problems.append(f"system log {extra} after the recorded end of the log (inserted)")
    elif head.last_hash != prev_hash:
        problems.append(f"system log row {prev_id} differs from the recorded end of the log")
    if problems:
        log.error("system log chain broken: %d problem(s), first: %s", len(problems), problems[0])
    return problems


@dataclass(frozen=True)
class LogFilter:
    """What the system log view narrows to; empty strings mean "any"."""

    operator: str = ""
    operator_id: int | None = None  # non-admins see only their own rows
    action: str = ""  # exact action, or a prefix ending in "." ("login.")
    text: str = ""  # substring of target, result or detail

    def where(self):
        cond = SystemLog.id > 0
        if self.operator:
            cond &= SystemLog.operator_name == self.operator
        if self.operator_id is not None:
            cond &= SystemLog.operator_id == self.operator_id
        if self.action:
            if self.action.endswith("."):
                cond &= SystemLog.action.startswith(self.action)
            else:
                cond &= SystemLog.action == self.action
        if self.text:
            cond &= (
                SystemLog.target.contains(self.text)
                | SystemLog.result.contains(self.text)
                | SystemLog.detail.contains(self.text)
                | SystemLog.action.contains(self.text)
            )
        return cond


@dataclass(frozen=True)
class LogEntry:
    id: int
    at: dt.datetime  # UTC, naive
    operator_id: int | None
    operator_name: str
    role: str
    action: str
    target: str
    result: str
    detail: str


def fetch_page(flt: LogFilter, before_id: int | None = None, limit: int = 200) -> list[LogEntry]:
    """Newest first, ``limit`` rows older than ``before_id``: keyset paging, cheap at any depth."""
    cond = flt.where()
    if before_id is not None:
        cond &= SystemLog.id < before_id
    query = (
        SystemLog.select(
            SystemLog.id,
            SystemLog.at,
            SystemLog.operator_id,
            SystemLog.operator_name,
            SystemLog.role,
            SystemLog.action,
            SystemLog.target,
            SystemLog.result,
            SystemLog.detail,
        )
        .where(cond)
        .order_by(SystemLog.id.desc())
        .limit(limit)
        .tuples()
    )
    return [LogEntry(*row) for row in query]


def distinct_values() -> tuple[list[str], list[str]]:
    """Operator names and actions that occur in the log, for the filter choices."""
    names = [
        r[0]
        for r in SystemLog.select(SystemLog.operator_name)
        .where(SystemLog.operator_name != "")
        .distinct()
        .order_by(SystemLog.operator_name)
        .tuples()
    ]
    actions = [
        r[0]
        for r in SystemLog.select(SystemLog.action).distinct().order_by(SystemLog.action).tuples()
    ]
    return names, actions
