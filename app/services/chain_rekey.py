"""Opening a site's chains: install the keys, and re-key a database made before keyed chains.

Runs in ``Site.open`` (the only place that holds the master key). A database
without a ``ChainState`` row still has the old SHA-256 chains; it is re-keyed
once, in one ``BEGIN IMMEDIATE`` transaction (crash-safe: all or nothing, and
idempotent: the row written with it says it is done):

1. the old chains are verified with plain SHA-256 first;
2. every ledger entry, ledger transition and system log row is re-hashed with
   the keyed HMAC, in id order, and the head rows follow;
3. the ``ChainState`` row and a ``chain.rekey`` system-log row record it.

A tampered old chain is not laundered: re-keying goes ahead (refusing would
stop every sale at a site that cannot repair its own history, and the
evidence would stay editable), but the problems found are written into the
``chain.rekey`` row, inside the keyed chain where nobody without the key can
change them, and ``verify`` reports them as differences from then on (see
``keying_findings``), so a database that was not clean never becomes clean.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP, ConfigError
from app.messages import Message
from app.models import LedgerHead, SystemLog, SystemLogHead, db, dialect
from app.models.chain_state import ChainState
from app.models.site import utcnow
from app.models.txn import write_txn
from app.services import audit, chain_key, chain_witness, ledger, ledger_verify

log = logging.getLogger(__name__)

REKEY_ACTION = "chain.rekey"
# The chain.rekey row (the problems themselves are the checker's English sentences).
REKEY_TARGET = QT_TRANSLATE_NOOP("SystemLog", "ledger, system log")
REKEYED_INTACT = QT_TRANSLATE_NOOP(
    "SystemLog", "{rows} rows re-hashed; the unkeyed chains were intact"
)
REKEYED_BROKEN = QT_TRANSLATE_NOOP(
    "SystemLog",
    "{rows} rows re-hashed; the unkeyed chains had {count} problem(s): {problems}",
)
_MAX_LISTED = 50  # problems written into the chain.rekey row; the count is always complete
_BATCH = 20_000


class ChainKeyMismatch(ConfigError):
    """The database's chains were keyed with another master key than the one in the key file."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def open_chains(master: bytes, key_file: Path) -> None:
    """Install the chain keys for the open database and re-key it if it predates keyed chains."""
    keys = chain_key.install(master, chain_witness.witness_file(key_file))
    state = ChainState.get_or_none(ChainState.id == 1)
    if state is None:
        rekey()
    elif state.key_check != keys.key_check():
        raise ChainKeyMismatch(
            QT_TRANSLATE_NOOP(
                "Errors",
                "the key file {path} is not the key this site's ledger was written with "
                "(replaced?); restore master.key from the backup",
            ),
            path=str(key_file),
        )


def _rehash(table: str, fields: tuple[str, ...], digest) -> tuple[int, str, int]:
    """Re-chain one table in id order with ``digest``; (last id, last hash, rows)."""
    columns = ledger.hashed_columns(fields)
    cursor = db.execute_sql(f"SELECT {columns} FROM {table} ORDER BY id")
    prev, last_id, rows = ledger.GENESIS, 0, 0
    while batch := cursor.fetchmany(_BATCH):
        updates = []
        for row in batch:
            new = digest(row, prev)
            updates.append((prev, new, row[0]))
            prev, last_id = new, row[0]
        dialect.executemany(f"UPDATE {table} SET prev_hash = ?, hash = ? WHERE id = ?", updates)
        rows += len(updates)
    return last_id, prev, rows


def rekey() -> None:
    """Verify the unkeyed chains, re-hash them with the keys, record it; one transaction."""
    keys = chain_key.keys()
    with write_txn():
        if ChainState.get_or_none(ChainState.id == 1) is not None:
            return  # another process re-keyed it while this one waited for the lock
        problems = ledger_verify.verify_ledger(_sha256).problems
        problems += audit.verify_log_chain(_sha256)
        e_id, e_hash, e_rows = _rehash(
            "ledger_entry",
            ledger.ENTRY_HASH_FIELDS,
            lambda row, prev: keys.ledger.hex(ledger.chain_message(prev, row)),
        )
        t_id, t_hash, t_rows = _rehash(
            "ledger_transition",
            ledger.TRANSITION_HASH_FIELDS,
            lambda row, prev: keys.ledger.hex(ledger.chain_message(prev, row)),
        )
        if LedgerHead.get_or_none(LedgerHead.id == 1) is not None or e_rows or t_rows:
            LedgerHead.delete().execute()
            LedgerHead.insert(
                id=1, entry_id=e_id, entry_hash=e_hash, transition_id=t_id, transition_hash=t_hash
            ).execute()
        log_fields = audit._ROW_FIELDS
        l_id, l_hash, l_rows = _rehash_log(keys, log_fields)
        if SystemLogHead.get_or_none(SystemLogHead.id == 1) is not None or l_rows:
            SystemLogHead.delete().execute()
            SystemLogHead.insert(id=1, last_id=l_id, last_hash=l_hash).execute()
        rows = e_rows + t_rows + l_rows
        ChainState.insert(
            id=1,
            key_check=keys.key_check(),
            keyed_at=utcnow(),
            rekeyed_rows=rows,
            legacy_problems=len(problems),
        ).execute()
        if rows:
            _record(rows, problems)
    if rows:
        chain_witness.append(chain_witness.committed_heads())


def _rehash_log(keys, fields) -> tuple[int, str, int]:
    """The system log re-chained: its rows are read through the model (``at`` as datetime)."""
    prev, last_id, rows = ledger.GENESIS, 0, 0
    query = SystemLog.select(*fields).order_by(SystemLog.id).tuples()
    updates = []
    for row in query.iterator():
        new = keys.log.hex(audit.row_message(prev, *row))
        updates.append((prev, new, row[0]))
        prev, last_id = new, row[0]
        rows += 1
        if len(updates) >= _BATCH:
            _update_log(updates)
    _update_log(updates)
    return last_id, prev, rows


def _update_log(updates: list) -> None:
    if updates:
        dialect.executemany("UPDATE system_log SET prev_hash = ?, hash = ? WHERE id = ?", updates)
        updates.clear()


def _record(rows: int, problems: list[str]) -> None:
    """The keyed system-log row that says the chains were re-keyed, and what was wrong before."""
    if problems:
        listed = "; ".join(problems[:_MAX_LISTED])
        more = f"; and {len(problems) - _MAX_LISTED} more" if len(problems) > _MAX_LISTED else ""
        detail = audit.log_message(
            REKEYED_BROKEN, rows=rows, count=len(problems), problems=listed + more
        )
        log.error("re-keyed chains that were already broken: %s", detail)
    else:
        detail = audit.log_message(REKEYED_INTACT, rows=rows)
        log.info("chains re-keyed: %s", detail)
    audit.log_action(
        None,
        REKEY_ACTION,
        audit.log_message(REKEY_TARGET),
        result="problems" if problems else "ok",
        detail=detail,
    )


def keying_findings() -> list[str]:
    """Differences ``verify`` keeps reporting: breaks the old chains had when they were re-keyed.

    Read from the ``chain.rekey`` rows of the keyed system log, which nobody
    without the key can edit, not from ``ChainState``, which anyone can.
    """
    rows = SystemLog.select(SystemLog.id, SystemLog.at, SystemLog.detail).where(
        (SystemLog.action == REKEY_ACTION) & (SystemLog.result != "ok")
    )
    return [
        f"system log row {r.id}: when the chains were keyed ({r.at:%Y-%m-%d %H:%M} UTC) "
        f"the unkeyed chains were already broken: {Message.from_json(r.detail)}"
        for r in rows.order_by(SystemLog.id)
    ]
