"""The witness: the chain heads written to a file beside the key file, outside the database.

A keyed chain stops a database writer from re-hashing rows, but not from
cutting rows off the end and moving the head row back to an earlier, genuine
row. So after every committed chained write the new head of that chain (table,
last id, its hash, row count) is appended to ``chain-witness.txt`` beside
``master.key``; ``verify`` then compares:

- the database ends before a witnessed row: rows were deleted at the end;
- a witnessed row's hash is no longer its hash: the row was rewritten;
- the database is ahead of the witness: fine (a crash between the commit and
  the append, or another process that has not appended yet), as long as the
  witnessed row still matches.

Several processes append at once: each commit's lines go out in one
``write`` on an ``O_APPEND`` descriptor (atomic on local file systems), then
``fsync``. Each line carries an HMAC with the witness key, so a line made up
without the key is reported, not believed. Lines may arrive out of order
across processes; per table the highest witnessed id counts.

Writes inside a caller's transaction are witnessed after that transaction
commits (``db.after_commit``), from the head rows as committed then, so a
rolled-back savepoint is never witnessed.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from app.models import LedgerHead, SystemLogHead, db, dialect
from app.services import chain_key
from app.services.hash_chain import span

log = logging.getLogger(__name__)

WITNESS_NAME = "chain-witness.txt"
MAC_CHARS = 32

# Table -> (singular, plural) as the findings name its rows.
CHAINS = {
    "ledger_entry": ("ledger entry", "ledger entries"),
    "ledger_transition": ("ledger transition", "ledger transitions"),
    "system_log": ("system log row", "system log rows"),
}

_LINE = re.compile(
    r"(?P<table>[a-z_]+) (?P<id>\d+) (?P<hash>[0-9a-f]{64}) (?P<count>\d+) "
    r"(?P<at>\S+) (?P<mac>[0-9a-f]{" + str(MAC_CHARS) + "})"
)


def witness_file(key_file: Path) -> Path:
    """Where the witness of the site whose key is ``key_file`` lives."""
    return Path(key_file).with_name(WITNESS_NAME)


Head = tuple[str, int, str]  # (table, last id, its hash)


def _line(keys: chain_key.ChainKeys, head: Head, at: str) -> str:
    table, row_id, digest = head
    body = f"{table} {row_id} {digest} {row_id} {at}"  # ids run 1..n: the count is the id
    return f"{body} {keys.witness.hex(body.encode())[:MAC_CHARS]}\n"


def append(heads: list[Head]) -> None:
    """Append committed heads: one write of all lines, then fsync; a failure is logged.

    The rows are committed already, so a witness that cannot be written must
    not undo or refuse them; ``verify`` sees the database ahead of the witness.
    """
    keys = chain_key.keys()
    at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    data = "".join(_line(keys, h, at) for h in heads if h[1] > 0).encode()
    if not data:
        return
    try:
        fd = os.open(keys.witness_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        log.error("cannot append to the chain witness %s: %s", keys.witness_file, exc)


def committed_heads() -> list[Head]:
    """Every chain's head as the database has it now (read outside a transaction: committed)."""
    heads: list[Head] = []
    ledger = LedgerHead.get_or_none(LedgerHead.id == 1)
    if ledger is not None:
        heads.append(("ledger_entry", ledger.entry_id, ledger.entry_hash))
        heads.append(("ledger_transition", ledger.transition_id, ledger.transition_hash))
    sys_log = SystemLogHead.get_or_none(SystemLogHead.id == 1)
    if sys_log is not None:
        heads.append(("system_log", sys_log.last_id, sys_log.last_hash))
    return heads


def after_write(heads: list[Head]) -> None:
    """Called right after a chained write's ``with`` block: witness it once it is committed."""
    if db.transaction_depth() == 0:
        append(heads)
    else:  # inside a caller's transaction: witness what is committed when it commits
        db.after_commit(lambda: append(committed_heads()))


@dataclass
class WitnessRead:
    heads: dict[str, tuple[int, str]] = field(default_factory=dict)  # table -> (id, hash)
    problems: list[str] = field(default_factory=list)
    lines: int = 0


def read(path: Path) -> WitnessRead:
    """The highest witnessed head per table; garbled or forged lines become problems."""
    keys = chain_key.keys()
    result = WitnessRead()
    raw = path.read_bytes()
    lines = raw.split(b"\n")
    torn = lines.pop()  # b"" when the file ends with a newline
    for number, line in enumerate(lines, 1):
        result.lines += 1
        _read_line(keys, path, number, line, result)
    if torn:
        result.problems.append(
            f"witness file {path}: the last line is incomplete (a crash while writing?); ignored"
        )
    return result


def _read_line(keys, path: Path, number: int, line: bytes, result: WitnessRead) -> None:
    m = _LINE.fullmatch(line.decode("ascii", "replace"))
    if m is None or m["table"] not in CHAINS:
        result.problems.append(f"witness file {path}: line {number} is garbled; ignored")
        return
    body = line.decode("ascii").rsplit(" ", 1)[0]
    if keys.witness.hex(body.encode())[:MAC_CHARS] != m["mac"]:
        result.problems.append(
            f"witness file {path}: line {number} was not written with this site's key "
            "(forged or altered); ignored"
        )
        return
    row_id = int(m["id"])
    known = result.heads.get(m["table"])
    if known is None or row_id >= known[0]:  # the last line naming the highest id wins
        result.heads[m["table"]] = (row_id, m["hash"])


def check() -> list[str]:
    """The chains against the witness: rows missing at the end, witnessed rows changed."""
    path = chain_key.keys().witness_file
    last_ids = {t: db.execute_sql(f"SELECT MAX(id) FROM {t}").fetchone()[0] or 0 for t in CHAINS}
    try:
        witnessed = read(path)
    except FileNotFoundError:
        if any(last_ids.values()):
            return [
                f"witness file {path} is missing: rows deleted at the end of the ledger or the "
                "system log cannot be found (restore the file from the backup)"
            ]
        return []
    except OSError as exc:
        return [f"witness file {path} cannot be read: {exc.strerror or exc}"]
    problems = list(witnessed.problems)
    for table, (one, many) in CHAINS.items():
        head = witnessed.heads.get(table)
        if head is None:
            if last_ids[table]:
                problems.append(f"witness file {path} records no {one}: the {many} are unwitnessed")
            continue
        row_id, digest = head
        if last_ids[table] < row_id:
            rows = span(last_ids[table] + 1, row_id, one, many)
            problems.append(
                f"{rows} missing at the end (deleted; the witness file records {one} {row_id})"
            )
            continue
        stored = dialect.execute(f"SELECT hash FROM {table} WHERE id = ?", (row_id,)).fetchone()
        if stored is None or stored[0] != digest:
            problems.append(f"{one} {row_id} differs from the witness file (rewritten)")
    return problems


def head_summary() -> str:
    """The chain heads as text, for the daily closing report and the backup to print."""
    lines = []
    for table, row_id, digest in committed_heads():
        one, _ = CHAINS[table]
        lines.append(f"{one} {row_id} ({row_id} rows) hash {digest}")
    return "\n".join(lines) if lines else "no chained rows yet"
