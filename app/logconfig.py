"""Logging: stderr for the console, a rotating file per site, Qt messages routed in."""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import sys
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP

FILE_MODE = 0o600
CANNOT_OPEN_LOG = QT_TRANSLATE_NOOP("Errors", "cannot open the log file {path}: {reason}")
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


class ConsoleHandler(logging.StreamHandler):
    """The console log: writes to ``sys.stderr`` as it is when a record comes, like
    ``logging.lastResort``, never to the stream that was stderr at set-up. A stderr
    replaced and closed later (a test's capture, a caller redirecting it) would
    otherwise turn every later record into a "--- Logging error ---" block."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass  # always the current sys.stderr


def setup_logging(verbose: bool = False) -> None:
    """The console log on stderr, once per process (later calls change nothing)."""
    hide_protected_sql_params()
    root = logging.getLogger()
    if getattr(root, "_pem_configured", False):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    console = ConsoleHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(console)
    root._pem_configured = True


class PrivateFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file only its owner can read (0600: logs name operators and tenants).

    A log that cannot be written (a full disk) is said once on stderr, in one
    line, instead of a traceback per record.
    """

    _complained = False

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        if os.fstat(fd).st_mode & 0o077:  # a file from an older version
            os.fchmod(fd, FILE_MODE)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:
        if not self._complained:
            self._complained = True
            exc = sys.exc_info()[1]
            print(f"warning: cannot write the log {self.baseFilename}: {exc}", file=sys.stderr)


def add_file_log(folder: Path, name: str = "pem.log") -> Path:
    """A rotating log file in the site's log folder (5 x 5 MB), folder 0700 and file 0600."""
    from app.paths import make_private_dir

    make_private_dir(folder)
    path = folder / name
    root = logging.getLogger()
    for h in root.handlers:
        if isinstance(h, logging.handlers.RotatingFileHandler) and Path(h.baseFilename) == path:
            return path
    try:
        handler = PrivateFileHandler(path, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
    except OSError as exc:
        from app.errors import ConfigError

        reason = exc.strerror or str(exc)
        raise ConfigError(CANNOT_OPEN_LOG, path=str(path), reason=reason) from None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    return path
