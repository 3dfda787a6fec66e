"""The PIN that lets staff leave the query kiosk (issue #15), and its guard against guessing.

An administrator sets it in the system settings; only its scrypt hash is stored
(``kiosk.exit_pin_hash``) and the system log says that it changed, never what
it is. At the kiosk, five wrong PINs in a row make the exit refuse every PIN for
five minutes, as an operator's login does: a passer-by cannot try them all.
"""

from __future__ import annotations

import datetime as dt
import threading

from app import settings
from app.errors import QT_TRANSLATE_NOOP, InvalidField
from app.models.site import utcnow
from app.models.txn import write_txn
from app.services.audit import log_action
from app.services.auth_passwords import hash_password, verify_password
from app.services.permissions import Actor, Permission, require

KEY = "kiosk.exit_pin_hash"
BAD_EXIT_PIN = QT_TRANSLATE_NOOP("Errors", "The kiosk's exit PIN: 6 to 12 digits")
MAX_FAILURES = 5
LOCK = dt.timedelta(minutes=5)


def check_new_exit_pin(pin: str) -> None:
    if not (pin.isdigit() and 6 <= len(pin) <= 12):
        raise InvalidField("exit_pin", BAD_EXIT_PIN)


def set_exit_pin(actor: Actor, pin: str) -> None:
    """Store a new exit PIN (administrators only); logged without the PIN or its hash."""
    require(actor, Permission.SETTINGS)
    check_new_exit_pin(pin)
    stored = hash_password(pin)
    with write_txn():
        settings.put(KEY, stored)
        log_action(actor, "kiosk.exit_pin", "kiosk", "ok")


def exit_pin_set() -> bool:
    return bool(settings.get(KEY))


class ExitGuard:
    """One kiosk's exit PIN checks: counts wrong ones and refuses all while locked."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.failures = 0
        self.locked_until: dt.datetime | None = None

    def locked(self, now: dt.datetime | None = None) -> bool:
        now = now or utcnow()
        return self.locked_until is not None and now < self.locked_until

    def check(self, pin: str, now: dt.datetime | None = None) -> bool:
        """True: the right PIN (and not locked). Reads the stored hash: call off the GUI thread."""
        now = now or utcnow()
        with self._lock:
            if self.locked(now):
                return False
            stored = settings.get(KEY)
            if stored and pin and verify_password(pin, stored):
                self.failures = 0
                return True
            self.failures += 1
            if self.failures >= MAX_FAILURES:
                self.failures, self.locked_until = 0, now + LOCK
                log_action(None, "kiosk.exit_locked", "kiosk", "refused")
            return False
