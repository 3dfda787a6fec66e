"""Walking a hash-chained table: the one place that decides where a chain is broken.

The system log (``audit``) and the ledger's entries and transitions
(``ledger_verify``) are chained the same way: each row stores the previous
row's hash and its own, ids run 1, 2, 3 ... without gaps, and a head row keeps
the newest id and hash so that rows cut off the end are noticed too. Each
caller hashes its rows in its own canonical form and words the findings for
its own readers; the walk and the end check are shared here so both chains
are judged by the same rules.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

GENESIS = "0" * 64  # the "previous hash" of row 1
MAX_PROBLEMS = 1000  # a walk stops after this many findings


class Break(enum.Enum):
    EDITED = "edited"  # the row's contents do not match its stored hash
    GAP = "gap"  # rows first..last are missing before this row
    UNLINKED = "unlinked"  # the row does not name the previous row's hash
    MISSING_AT_END = "missing_at_end"  # the head names rows first..last that are gone
    AFTER_END = "after_end"  # rows first..last lie after the head's row
    END_DIFFERS = "end_differs"  # the last row is not the row the head recorded


@dataclass(frozen=True)
class Finding:
    """One break; ``row_id``/``prev_id`` name where it was seen, ``first``-``last`` a span."""

    kind: Break
    row_id: int
    prev_id: int = 0
    first: int = 0
    last: int = 0


@dataclass
class ChainWalk:
    findings: list[Finding] = field(default_factory=list)
    rows: int = 0
    last_id: int = 0
    stopped: bool = False  # MAX_PROBLEMS reached: the rest (and the end) was not checked


def walk_chain(
    rows: Iterable[tuple[int, str, str, bool]], head: tuple[int, str] | None
) -> ChainWalk:
    """Check ``(id, prev_hash, hash, contents_match_hash)`` rows in id order against ``head``.

    ``head`` is the recorded ``(last id, last hash)``; None skips the end
    check (the caller reports a missing head its own way).
    """
    walk = ChainWalk()
    found = walk.findings
    prev_id, prev_hash = 0, GENESIS
    for row_id, link, stored, intact in rows:
        walk.rows += 1
        if not intact:
            found.append(Finding(Break.EDITED, row_id))
        if row_id != prev_id + 1:
            found.append(Finding(Break.GAP, row_id, prev_id, prev_id + 1, row_id - 1))
        elif link != prev_hash:
            found.append(Finding(Break.UNLINKED, row_id, prev_id))
        prev_id, prev_hash = row_id, stored
        if len(found) >= MAX_PROBLEMS:
            walk.stopped, walk.last_id = True, prev_id
            return walk
    walk.last_id = prev_id
    if head is not None:
        head_id, head_hash = head
        if head_id > prev_id:
            found.append(Finding(Break.MISSING_AT_END, prev_id, prev_id, prev_id + 1, head_id))
        elif head_id < prev_id:
            found.append(Finding(Break.AFTER_END, prev_id, prev_id, head_id + 1, prev_id))
        elif head_hash != prev_hash:
            found.append(Finding(Break.END_DIFFERS, prev_id, prev_id))
    return walk


def span(first: int, last: int, one: str, many: str) -> str:
    """ "row 5" or "rows 5-7": how a finding names the rows it is about."""
    return f"{one} {first}" if first == last else f"{many} {first}-{last}"
