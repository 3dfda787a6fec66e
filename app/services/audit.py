"""The hash-chained system log: who did what, when, with what result (SPEC "Security").

Each row's hash is HMAC-SHA256, with the log key derived from the site master
key (``chain_key``), over the previous row's hash and a canonical JSON
encoding of the row's own fields (its id included), so editing, inserting or
deleting a row with raw SQL breaks the chain at a place ``verify_log_chain``
can name, and without the key file nobody can re-hash it whole again. The
newest row's id and hash are also kept in ``SystemLogHead`` and, after the
commit, appended to the witness file (``chain_witness``) so that rows cut off
the end are noticed as well.

Writes take SQLite's write lock (``BEGIN IMMEDIATE``) before reading the
previous hash, so two threads (each has its own connection) or two processes
(the GUI and ``main.py sell``) never fork the chain. Called inside a caller's
transaction (a ledger write), the row commits or rolls back with it; that
transaction should already hold the write lock (have written, or have begun
IMMEDIATE), else SQLite refuses the late upgrade with "database is locked"
rather than fork. No Python lock is held, so nesting cannot deadlock.
Never pass a password in ``detail``.

Target and detail are stored as ``Message`` JSON (app/messages.py): a template
marked with ``QT_TRANSLATE_NOOP("SystemLog", ...)`` and its params, so the
window shows them in the operator's language (issue #8); the column text is
what the chain hashes, so nothing about the chain changes. A plain value (a
login name, a meter number) is stored as the template ``{text}`` with the value
as its param, never as a template of its own: a name typed at the login dialog
cannot pass for a sentence of the program. Rows written before this are plain
text and load as a Message without params that shows as itself. A param named
``error`` holds an error's own Message JSON and is translated in its own right;
params named ``role``, ``old_role`` and ``new_role`` are role values.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from app.errors import QT_TRANSLATE_NOOP
from app.messages import Message
from app.models import SystemLog, SystemLogHead
from app.models.site import utcnow
from app.models.txn import write_txn
from app.services import chain_key, chain_witness
from app.services.hash_chain import GENESIS, Break, Finding, span, walk_chain
from app.services.permissions import Actor, Permission, require

log = logging.getLogger(__name__)

# A row's own fields, in the order row_hash, the chain check and LogEntry take them.
_ROW_FIELDS = (
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


PLAIN = "{text}"  # a value shown as it is (a login name, a meter number)
METER_TARGET = QT_TRANSLATE_NOOP("SystemLog", "meter {meter}")
TENANT_TARGET = QT_TRANSLATE_NOOP("SystemLog", "tenant {account}")

# What a row's result says about the outcome, for the colour of its row (issue #8).
OUTCOME_OK, OUTCOME_ERROR, OUTCOME_WARNING, OUTCOME_NEUTRAL = "ok", "error", "warning", "neutral"
_OUTCOMES = {
    "ok": OUTCOME_OK,
    "confirmed": OUTCOME_OK,
    "cleared": OUTCOME_OK,
    "refused": OUTCOME_ERROR,
    "denied": OUTCOME_ERROR,
    "failed": OUTCOME_ERROR,
    "locked": OUTCOME_ERROR,
    "alarm": OUTCOME_ERROR,
    "problems": OUTCOME_ERROR,
    "pending": OUTCOME_WARNING,
    "uncertain": OUTCOME_WARNING,
    "estimated": OUTCOME_WARNING,
}


def result_outcome(result: str) -> str:
    """OUTCOME_OK / _ERROR / _WARNING for a row's result; OUTCOME_NEUTRAL when unknown."""
    return _OUTCOMES.get(result, OUTCOME_NEUTRAL)


def log_message(template: str, **params: object) -> Message:
    """A target or detail: ``template`` marked with QT_TRANSLATE_NOOP("SystemLog", ...)."""
    return Message(template, params)


def error_param(exc: BaseException | Message | str) -> str:
    """An error as the ``error`` param of a log message (translated when shown)."""
    return Message.of(exc).to_json()


def stored_text(value: Message | str) -> str:
    """What a target or detail column holds for ``value`` (see the module docstring)."""
    if isinstance(value, Message):
        return value.to_json()
    if not value:
        return ""
    return Message(PLAIN, {"text": value}).to_json()


def _at_text(at: dt.datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S.%f")


def row_message(
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
) -> bytes:
    """What one row's hash covers: the canonical encoding every writer and verifier shares."""
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
    return f"{prev_hash}\n{body}".encode()


def row_hash(prev_hash: str, *fields) -> str:
    """HMAC-SHA256 (hex) of ``row_message`` with the installed log key."""
    return chain_key.keys().log.hex(row_message(prev_hash, *fields))


def log_action(
    actor: Actor | None,
    action: str,
    target: Message | str = "",
    result: str = "ok",
    detail: Message | str = "",
    *,
    at: dt.datetime | None = None,
) -> None:
    """Append one row to the system log (``actor`` None: nobody logged in, e.g. a failed login).

    ``target`` and ``detail`` are Messages (``log_message``); a plain string is a
    value shown as it is, never translated.
    """
    english = str(target)
    target, detail = stored_text(target), stored_text(detail)
    at = (at or utcnow()).replace(tzinfo=None)
    operator_id = actor.operator_id if actor else None
    name = actor.name if actor else ""
    role = actor.role.value if actor else ""
    with write_txn():
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
    chain_witness.after_write([("system_log", row_id, digest)])
    log.info("audit #%d %s %s %s %s", row_id, name or "-", action, english, result)


def verify_log_chain(digest: Callable[[bytes], str] | None = None) -> list[str]:
    """Every break in the chain as a sentence naming row ids; empty when the log is intact.

    ``digest`` hashes a row's message: the installed log key's HMAC unless
    given (the re-keying step checks the old, unkeyed chain with SHA-256).
    """
    digest = digest or chain_key.keys().log.hex
    query = SystemLog.select(*_ROW_FIELDS, SystemLog.prev_hash, SystemLog.hash)
    rows: Iterable[tuple] = query.order_by(SystemLog.id).tuples().iterator()
    head = SystemLogHead.get_or_none(SystemLogHead.id == 1)
    walk = walk_chain(
        ((r[0], r[9], r[10], digest(row_message(r[9], *r[:9])) == r[10]) for r in rows),
        None if head is None else (head.last_id, head.last_hash),
    )
    problems = [_log_sentence(f) for f in walk.findings]
    if walk.stopped:
        problems.append("too many problems; stopped checking")
        return problems
    if head is None and walk.last_id:
        problems.append(f"system log end marker missing (the log holds rows 1-{walk.last_id})")
    if problems:
        log.error("system log chain broken: %d problem(s), first: %s", len(problems), problems[0])
    return problems


def _log_sentence(f: Finding) -> str:
    rows = span(f.first, f.last, "row", "rows")
    return {
        Break.EDITED: f"system log row {f.row_id}: contents do not match its hash "
        "(row edited or inserted)",
        Break.GAP: f"system log {rows} missing between rows {f.prev_id} and {f.row_id} (deleted)",
        Break.UNLINKED: f"system log row {f.row_id} does not link to row {f.prev_id} "
        f"(row {f.prev_id} edited, or row {f.row_id} inserted)",
        Break.MISSING_AT_END: f"system log {rows} missing at the end (deleted)",
        Break.AFTER_END: f"system log {rows} after the recorded end of the log (inserted)",
        Break.END_DIFFERS: f"system log row {f.row_id} differs from the recorded end of the log",
    }[f.kind]


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

    def target_message(self) -> Message | None:
        """The target as stored: a Message, or an old row's plain text as one."""
        return Message.from_json(self.target)

    def detail_message(self) -> Message | None:
        return Message.from_json(self.detail)


def _visible(actor: Actor, flt: LogFilter) -> LogFilter:
    """``flt`` narrowed to what ``actor`` may read: an administrator everything, others
    only their own rows (SPEC: ``VIEW`` is the system log of one's own actions)."""
    require(actor, Permission.VIEW)
    if actor.can(Permission.OPERATORS):
        return flt
    return replace(flt, operator_id=-1 if actor.operator_id is None else actor.operator_id)


def fetch_page(
    actor: Actor, flt: LogFilter, before_id: int | None = None, limit: int = 200
) -> list[LogEntry]:
    """Newest first, ``limit`` rows older than ``before_id``: keyset paging, cheap at any depth.

    Rows of other operators are never returned to a non-administrator, whatever ``flt`` asks.
    """
    cond = _visible(actor, flt).where()
    if before_id is not None:
        cond &= SystemLog.id < before_id
    query = (
        SystemLog.select(*_ROW_FIELDS)
        .where(cond)
        .order_by(SystemLog.id.desc())
        .limit(limit)
        .tuples()
    )
    return [LogEntry(*row) for row in query]


def iter_log(actor: Actor, flt: LogFilter, page: int = 2000) -> Iterator[LogEntry]:
    """Every row ``actor`` may read that matches ``flt``, newest first, a page at a time."""
    before = None
    while True:
        rows = fetch_page(actor, flt, before_id=before, limit=page)
        yield from rows
        if len(rows) < page:
            return
        before = rows[-1].id


def count_log(actor: Actor, flt: LogFilter) -> int:
    return SystemLog.select(SystemLog.id).where(_visible(actor, flt).where()).count()


def distinct_values(actor: Actor) -> tuple[list[str], list[str]]:
    """Operator names and actions that occur in the rows ``actor`` may read (filter choices)."""
    mine = _visible(actor, LogFilter()).where()
    names = [
        r[0]
        for r in SystemLog.select(SystemLog.operator_name)
        .where(mine & (SystemLog.operator_name != ""))
        .distinct()
        .order_by(SystemLog.operator_name)
        .tuples()
    ]
    actions = [
        r[0]
        for r in SystemLog.select(SystemLog.action)
        .where(mine)
        .distinct()
        .order_by(SystemLog.action)
        .tuples()
    ]
    return names, actions
