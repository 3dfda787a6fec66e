"""Logging: stderr for the console, a rotating file per site, Qt messages routed in."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"

# Tables whose values never reach a log: password hashes (operator), kiosk PIN hashes,
# phone and ID numbers (tenant). Matched as whole words, so "operator_name" is not one.
_PROTECTED_TABLE = re.compile(r"(?<!\w)(operator|tenant)(?!\w)", re.IGNORECASE)


class HideProtectedParams(logging.Filter):
    """With ``-v`` peewee logs every statement with its parameters, as the tuple
    ``(sql, params)``; for a statement on a protected table the parameters are
    replaced by their number, so a debug log can be handed over without leaking."""

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.msg
        if (
            isinstance(msg, tuple)
            and len(msg) == 2
            and isinstance(msg[0], str)
            and _PROTECTED_TABLE.search(msg[0])
        ):
            count = len(msg[1]) if isinstance(msg[1], list | tuple) else 0
            record.msg = (msg[0], f"<{count} parameters not logged>")
        return True


def hide_protected_sql_params() -> None:
    """Install the filter on peewee's logger (where its records are made); idempotent."""
    sql_log = logging.getLogger("peewee")
    if not any(isinstance(f, HideProtectedParams) for f in sql_log.filters):
        sql_log.addFilter(HideProtectedParams())


def setup_logging(verbose: bool = False) -> None:
    hide_protected_sql_params()
    root = logging.getLogger()
    if getattr(root, "_pem_configured", False):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(console)
    root._pem_configured = True


def add_file_log(folder: Path, name: str = "pem.log") -> Path:
    """A rotating log file in the site's log folder (5 x 5 MB)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    root = logging.getLogger()
    for h in root.handlers:
        if isinstance(h, logging.handlers.RotatingFileHandler) and Path(h.baseFilename) == path:
            return path
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=5_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    return path
