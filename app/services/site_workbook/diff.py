"""The checked file against the database: new, changed (which fields) and unchanged rows.

Rows are matched by building name, gateway name, bus name and meter number;
a tenant row by its meter (taken over already by the same account: unchanged).
Only the columns the file has are compared, so a file without, say, the
alarm columns leaves every meter's alarms as they are. Objects on the site
that the file does not list are kept, never deleted (a note counts them).
"""

from __future__ import annotations

from typing import Any

from app.messages import Message
from app.services.site_workbook.checks import KEYS
from app.services.site_workbook.preview import (
    CHANGED,
    NEW,
    NOTE_NOT_IN_FILE,
    NOTE_TAKEOVER,
    ORDER,
    Change,
    Preview,
)
from app.services.site_workbook.snapshot import Objects


def diff(preview: Preview, site: dict[str, Objects], accounts: dict[str, str]) -> None:
    """Fill ``preview.changes`` and ``preview.unchanged`` from its checked rows."""
    for key in ORDER:
        rows = preview.rows.get(key, [])
        same = 0
        if key == "tenants":
            for number, values in rows:
                if accounts.get(values["meter"]) == values["account_no"]:
                    same += 1
                else:
                    preview.changes.append(Change(key, values["meter"], NEW, number))
            taking = preview.count("tenants", NEW)
            if taking:
                preview.notes.append(Message(NOTE_TAKEOVER, {"count": taking}))
            preview.unchanged[key] = same
            continue
        known = site.get(key, {})
        listed = set()
        for number, values in rows:
            ident = values[KEYS[key]]
            listed.add(ident)
            old = known.get(ident)
            if old is None:
                preview.changes.append(Change(key, ident, NEW, number))
                continue
            fields = tuple(f for f, v in values.items() if _differs(old.get(f), v))
            if fields:
                before = {f: old.get(f) for f in fields}
                preview.changes.append(Change(key, ident, CHANGED, number, fields, before))
            else:
                same += 1
        preview.unchanged[key] = same
        absent = len(set(known) - listed)
        if absent and key in preview.rows:
            preview.notes.append(Message(NOTE_NOT_IN_FILE[key], {"count": absent}))


def _differs(old: Any, new: Any) -> bool:
    if isinstance(new, bool) or isinstance(old, bool):
        return bool(old) != bool(new)
    return old != new
