"""Writing the ledger: chained entries, chained state transitions, purchase-count arithmetic.

Every write is one short transaction that takes SQLite's write lock first
(``BEGIN IMMEDIATE``) and then reads the previous hash, so threads and
processes (the GUI, ``main.py sell``) never fork a chain. Entry hashes cover
only the immutable fields; an entry's ``state``, ``balance_after`` and
``settled_at`` columns are a cache of its transitions and are checked against
them by ``ledger_verify``.

Nothing here talks to a meter: ``billing`` acts, ``settlement`` decides what
an unsettled entry became, this module records.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os

from peewee import fn

from app.errors import QT_TRANSLATE_NOOP, PemError
from app.models.ledger import (
    ALLOWED_TRANSITIONS,
    FINAL,
    UNSETTLED,
    EntryKind,
    EntryState,
    LedgerEntry,
    LedgerHead,
    LedgerTransition,
)
from app.models.site import HOST_NAME, site_now
from app.models.txn import write_txn
from app.serial_io.commands import U16
from app.services import chain_key, chain_witness
from app.services.hash_chain import GENESIS

log = logging.getLogger(__name__)

ALREADY_REVERSED = QT_TRANSLATE_NOOP("Errors", "sale {sale} has already been reversed")

ORIGIN = f"{HOST_NAME}:{os.getpid()}"

# The fields an entry hash covers, in order (the same order ledger_verify reads them).
ENTRY_HASH_FIELDS = (
    "id",
    "kind",
    "meter_id",
    "account_id",
    "tenant_id",
    "amount_fen",
    "payment_method",
    "operator_id",
    "operator_name",
    "origin",
    "created_at",
    "count_before",
    "expected_count",
    "balance_before",
    "reverses_id",
    "reason",
    "estimated",
    "receipt_no",
)
TRANSITION_HASH_FIELDS = (
    "id",
    "entry_id",
    "from_state",
    "to_state",
    "at",
    "balance_after",
    "purchase_count",
    "detail",
)


def hashed_columns(fields: tuple[str, ...]) -> str:
    """The SELECT list of hashed fields as the hash saw them: a boolean as 0/1 on both databases
    (PostgreSQL gives True/False back, which JSON would write as ``true``)."""
    return ", ".join(f"CAST({f} AS INTEGER) AS {f}" if f in _BOOLEAN_FIELDS else f for f in fields)


_BOOLEAN_FIELDS = frozenset({"estimated"})


class LedgerConflict(PemError):
    """Another unsettled operation already holds this meter (or the sale is reversed)."""


def _datetime_text(value: object) -> str:
    if isinstance(value, dt.datetime):
        return str(value)  # the text SQLite stores ("YYYY-MM-DD HH:MM:SS[.ffffff]")
    raise TypeError(f"cannot hash a {type(value).__name__}")


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_datetime_text).encode


def chain_message(prev_hash: str, values: tuple | list) -> bytes:
    """What a row's hash covers: the previous hash and a canonical JSON of the row's fields.

    Values are str, int, None or datetime (as its stored text); booleans are
    passed as 0/1, the way SQLite gives them back.
    """
    return f"{prev_hash}\n{_encode(values)}".encode()


def chain_hash(prev_hash: str, values: tuple | list) -> str:
    """HMAC-SHA256 of ``chain_message`` with the installed ledger key (none: ChainKeyMissing)."""
    return chain_key.keys().ledger.hex(chain_message(prev_hash, values))


def _head() -> LedgerHead:
    head = LedgerHead.get_or_none(LedgerHead.id == 1)
    if head is None:
        LedgerHead.insert(
            id=1, entry_id=0, entry_hash=GENESIS, transition_id=0, transition_hash=GENESIS
        ).execute()
        head = LedgerHead.get(LedgerHead.id == 1)
    return head


def _last(model) -> tuple[int, str]:
    row = model.select(model.id, model.hash).order_by(model.id.desc()).first()
    return (row.id, row.hash) if row else (0, GENESIS)


def receipt_number(entry_id: int, created_at: dt.datetime) -> str:
    """Readable and unique: the entry's UTC date and its id (receipts uses the same scheme)."""
    return f"{created_at:%Y%m%d}-{entry_id:07d}"


def _append_transition(
    entry_id: int,
    from_state: str | None,
    to_state: str,
    at: dt.datetime,
    balance_after: int | None,
    purchase_count: int | None,
    detail: str,
    head: LedgerHead,
) -> None:
    last_id, prev_hash = _last(LedgerTransition)
    tid = last_id + 1
    values = dict(
        id=tid,
        entry_id=entry_id,
        from_state=from_state,
        to_state=to_state,
        at=at,
        balance_after=balance_after,
        purchase_count=purchase_count,
        detail=detail,
    )
    digest = chain_hash(prev_hash, [values[f] for f in TRANSITION_HASH_FIELDS])
    LedgerTransition.insert(
        entry=entry_id,
        prev_hash=prev_hash,
        hash=digest,
        **{k: v for k, v in values.items() if k != "entry_id"},
    ).execute()
    head.transition_id, head.transition_hash = tid, digest


def append_entry(
    kind: EntryKind,
    meter_id: int,
    amount_fen: int,
    *,
    state: EntryState = EntryState.PENDING,
    account_id: int | None = None,
    tenant_id: int | None = None,
    payment_method: str = "",
    operator_id: int | None = None,
    operator_name: str = "",
    count_before: int | None = None,
    expected_count: int | None = None,
    balance_before: int | None = None,
    balance_after: int | None = None,
    reverses_id: int | None = None,
    reason: str = "",
    estimated: bool = False,
    detail: str = "",
) -> LedgerEntry:
    """Write one entry (pending, or confirmed when no meter command is involved).

    Raises ``LedgerConflict`` when the database refuses a second unsettled
    entry on the meter or a second correction of one sale.
    """
    if amount_fen < 0:
        raise ValueError("ledger amounts are non-negative; the kind gives the sign")
    if state not in (EntryState.PENDING, EntryState.CONFIRMED):
        raise ValueError("an entry starts pending or confirmed")
    from peewee import IntegrityError

    at = site_now()  # an entry's age is judged on another PC (settlement.is_abandoned)
    try:
        with write_txn():
            head = _head()
            last_id, prev_hash = _last(LedgerEntry)
            eid = last_id + 1
            values = dict(
                id=eid,
                kind=EntryKind(kind).value,
                meter_id=meter_id,
                account_id=account_id,
                tenant_id=tenant_id,
                amount_fen=int(amount_fen),
                payment_method=payment_method,
                operator_id=operator_id,
                operator_name=operator_name,
                origin=ORIGIN,
                created_at=at,
                count_before=count_before,
                expected_count=expected_count,
                balance_before=balance_before,
                reverses_id=reverses_id,
                reason=reason,
                estimated=int(bool(estimated)),
                receipt_no=receipt_number(eid, at),
            )
            digest = chain_hash(prev_hash, [values[f] for f in ENTRY_HASH_FIELDS])
            final = state is EntryState.CONFIRMED
            LedgerEntry.insert(
                **values,
                state=state.value,
                settled_at=at if final else None,
                balance_after=balance_after if final else None,
                prev_hash=prev_hash,
                hash=digest,
            ).execute()
            head.entry_id, head.entry_hash = eid, digest
            _append_transition(
                eid, None, state.value, at, balance_after if final else None, None, detail, head
            )
            head.save()
            witnessed = [
                ("ledger_entry", eid, head.entry_hash),
                ("ledger_transition", head.transition_id, head.transition_hash),
            ]
        chain_witness.after_write(witnessed)
    except IntegrityError as exc:
        if reverses_id is not None and "reverses" in str(exc):
            raise LedgerConflict(ALREADY_REVERSED, sale=reverses_id) from exc
        raise LedgerConflict(
            QT_TRANSLATE_NOOP(
                "Errors",
                "another operation on this meter is still being settled; try again shortly",
            )
        ) from exc
    log.info("ledger #%d %s %s fen meter %s %s", eid, values["kind"], amount_fen, meter_id, state)
    return LedgerEntry.get_by_id(eid)


def transition(
    entry_id: int,
    to_state: EntryState,
    *,
    balance_after: int | None = None,
    purchase_count: int | None = None,
    detail: str = "",
) -> LedgerEntry:
    """Move an entry to a new state: one chained transition row plus the state cache."""
    at = site_now()
    with write_txn():
        entry = LedgerEntry.get_by_id(entry_id)
        if to_state.value not in ALLOWED_TRANSITIONS[entry.state]:
            raise ValueError(f"ledger entry {entry_id}: {entry.state} -> {to_state} not allowed")
        head = _head()
        _append_transition(
            entry_id, entry.state, to_state.value, at, balance_after, purchase_count, detail, head
        )
        head.save()
        update = {LedgerEntry.state: to_state.value}
        if to_state.value in FINAL:
            update[LedgerEntry.settled_at] = at
        if balance_after is not None:
            update[LedgerEntry.balance_after] = balance_after
        LedgerEntry.update(update).where(LedgerEntry.id == entry_id).execute()
    chain_witness.after_write([("ledger_transition", head.transition_id, head.transition_hash)])
    log.info("ledger #%d %s -> %s %s", entry_id, entry.state, to_state.value, detail)
    return LedgerEntry.get_by_id(entry_id)


def unsettled(meter_id: int | None = None) -> list[LedgerEntry]:
    """Pending and uncertain entries (of one meter, or all), oldest first."""
    query = LedgerEntry.select().where(LedgerEntry.state.in_(list(UNSETTLED)))
    if meter_id is not None:
        query = query.where(LedgerEntry.meter == meter_id)
    return list(query.order_by(LedgerEntry.id))


def has_unsettled(meter_id: int) -> bool:
    """Cheap check the poller can make on every contact."""
    return (
        LedgerEntry.select(LedgerEntry.id)
        .where((LedgerEntry.meter == meter_id) & LedgerEntry.state.in_(list(UNSETTLED)))
        .exists()
    )


def last_open_entry(meter_id: int) -> LedgerEntry | None:
    return (
        LedgerEntry.select()
        .where(
            (LedgerEntry.meter == meter_id)
            & (LedgerEntry.kind == EntryKind.OPEN.value)
            & (LedgerEntry.state == EntryState.CONFIRMED.value)
        )
        .order_by(LedgerEntry.id.desc())
        .first()
    )


def expected_purchase_count(meter_id: int) -> int | None:
    """What the meter's purchase count must be: confirmed credit commands since opening.

    Opening an account resets the meter's count to 0, so only entries after
    the meter's last "open" entry count; entries without a command (estimated
    transfers, a close with nothing to refund) do not. None: never opened.
    A meter taken over from a running site (the Excel import's tenants sheet)
    was not reset: its "open" entry's ``count_before`` is the count it had.
    """
    opened = last_open_entry(meter_id)
    if opened is None:
        return None
    n = (
        LedgerEntry.select(fn.COUNT(LedgerEntry.id))
        .where(
            (LedgerEntry.meter == meter_id)
            & (LedgerEntry.id > opened.id)
            & (LedgerEntry.state == EntryState.CONFIRMED.value)
            & LedgerEntry.expected_count.is_null(False)
        )
        .scalar()
    )
    return ((opened.count_before or 0) + n) % U16


def net_credit_since_open(meter_id: int) -> int | None:
    """Money the ledger put on the meter since it was opened (credits minus refunds), fen;
    a taken-over meter starts from what it held (its "open" entry's ``balance_before``)."""
    opened = last_open_entry(meter_id)
    if opened is None:
        return None
    total = opened.balance_before or 0
    for kind, amount in (
        LedgerEntry.select(LedgerEntry.kind, fn.SUM(LedgerEntry.amount_fen))
        .where(
            (LedgerEntry.meter == meter_id)
            & (LedgerEntry.id > opened.id)
            & (LedgerEntry.state == EntryState.CONFIRMED.value)
            & LedgerEntry.expected_count.is_null(False)
        )
        .group_by(LedgerEntry.kind)
        .tuples()
    ):
        total += EntryKind(kind).sign * int(amount or 0)
    return total
