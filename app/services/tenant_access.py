"""A tenant signing in to the kiosk or the mobile site, and their PIN (issue #15).

Sign-in takes the account number or the shop number and the PIN. Five wrong
PINs in a row lock the account for five minutes, and five from one source (a
kiosk, a phone's address) lock that source, as operators are locked
(``auth.py``): counted under the write lock so that parallel guesses cannot
pass a lock nobody wrote yet. A closed tenant cannot sign in. Every failure,
lock and sign-in is in the system log, by the tenant, never with the PIN.

The kiosk (T2) and the mobile site (T3) call exactly these.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import math
import secrets
import threading
from dataclasses import dataclass

from app.errors import QT_TRANSLATE_NOOP, InvalidField, PermissionDenied
from app.models import Tenant
from app.models.site import utcnow
from app.models.tenant_access import TenantLogin, TenantSession
from app.models.txn import write_txn
from app.services import auth_passwords as pw
from app.services.audit import log_action, log_message
from app.services.auth import LOCK_MINUTES, MAX_FAILURES
from app.services.tenants import BAD_PIN

SESSION_IDLE = dt.timedelta(minutes=30)  # a phone left alone that long signs in again
SEEN_EVERY = dt.timedelta(minutes=1)  # last_seen_at is written at most this often
SOURCE_WINDOW = dt.timedelta(minutes=LOCK_MINUTES)  # a source's old failures are forgotten

TENANT_LOCKED = log_message(QT_TRANSLATE_NOOP("SystemLog", "account or source locked"))
TENANT_CLOSED = log_message(QT_TRANSLATE_NOOP("SystemLog", "tenant closed"))
UNKNOWN_TENANT = log_message(QT_TRANSLATE_NOOP("SystemLog", "unknown account"))
WRONG_PIN_LOG = QT_TRANSLATE_NOOP("SystemLog", "wrong PIN ({attempt} of {limit}) from {source}")


class WrongPin(PermissionDenied):
    """Wrong account or PIN (deliberately not saying which)."""

    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("Errors", "wrong account number or PIN"))


class TenantLocked(PermissionDenied):
    """Too many wrong PINs for the account or from this place; ``minutes`` to wait."""

    def __init__(self, minutes: int) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("Errors", "too many wrong PINs: try again in {minutes} min"),
            minutes=minutes,
        )
        self.minutes = minutes


@dataclass(frozen=True)
class TenantActor:
    """Who is signed in: a tenant, never an operator (no operator permission at all)."""

    tenant_id: int
    account_no: str
    name: str


class _TenantRole(enum.Enum):
    TENANT = "tenant"


@dataclass(frozen=True)
class _LogActor:
    """How a tenant appears in the system log (``log_action`` reads these three)."""

    operator_id: None
    name: str
    role: _TenantRole


def log_as(who: TenantActor) -> _LogActor:
    """The tenant as the system log's actor: by account number, never an operator."""
    return _LogActor(None, f"tenant {who.account_no}", _TenantRole.TENANT)


def _actor(tenant: Tenant) -> TenantActor:
    return TenantActor(tenant.id, tenant.account_no, tenant.name)


def _find(identifier: str) -> Tenant | None:
    key = identifier.strip()
    if not key:
        return None
    tenant = Tenant.get_or_none(Tenant.account_no == key)
    if tenant is not None:
        return tenant
    shops = list(Tenant.select().where((Tenant.shop == key) & Tenant.closed_at.is_null()).limit(2))
    return shops[0] if len(shops) == 1 else None  # a shop two tenants share names nobody


def _minutes(until: dt.datetime, now: dt.datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds() / 60))


def _reserve(keys: list[str], now: dt.datetime) -> int:
    """Count this attempt on every key in one write transaction; the highest count.

    Raises ``TenantLocked`` when any key is locked now (nothing counted then). The
    attempt reaching ``MAX_FAILURES`` on a key locks it before its PIN is checked.
    """
    with write_txn():
        rows = {k: TenantLogin.get_or_none(TenantLogin.key == k) for k in keys}
        locked = [
            r.locked_until for r in rows.values() if r and r.locked_until and r.locked_until > now
        ]
        if locked:
            raise TenantLocked(_minutes(max(locked), now))
        counts = []
        for key, row in rows.items():
            stale = row is not None and (
                row.locked_until is not None
                or (
                    key.startswith("src:")
                    and row.last_failed_at
                    and now - row.last_failed_at > SOURCE_WINDOW
                )
            )
            count = 1 if row is None or stale else row.failures + 1
            until = now + dt.timedelta(minutes=LOCK_MINUTES) if count >= MAX_FAILURES else None
            TenantLogin.insert(
                key=key, failures=count, locked_until=until, last_failed_at=now
            ).on_conflict(
                conflict_target=[TenantLogin.key],
                update={
                    TenantLogin.failures: count,
                    TenantLogin.locked_until: until,
                    TenantLogin.last_failed_at: now,
                },
            ).execute()
            counts.append(count)
    return max(counts)


def _succeeded(account_key: str, source_key: str) -> None:
    """A right PIN: the account starts again; the source only loses this attempt."""
    TenantLogin.update(failures=0, locked_until=None).where(
        TenantLogin.key == account_key
    ).execute()
    TenantLogin.update(failures=TenantLogin.failures - 1).where(
        (TenantLogin.key == source_key)
        & (TenantLogin.failures > 0)
        & TenantLogin.locked_until.is_null()
    ).execute()


def _failed(target: str, attempt: int, source: str, now: dt.datetime) -> None:
    wrong = log_message(WRONG_PIN_LOG, attempt=attempt, limit=MAX_FAILURES, source=source[:60])
    log_action(None, "tenant.sign_in", target, "refused", wrong, at=now)
    if attempt >= MAX_FAILURES:
        raise TenantLocked(LOCK_MINUTES)
    raise WrongPin()


def sign_in(identifier: str, pin: str, source: str, now: dt.datetime | None = None) -> TenantActor:
    """The tenant whose account number (or shop number) and PIN these are.

    Raises ``WrongPin`` (the same message whether the account exists or not) or
    ``TenantLocked`` (with the minutes left), both ``PemError``s.
    """
    now = now or utcnow()
    tenant = _find(identifier)
    name = tenant.account_no if tenant else identifier.strip()[:64]
    account_key, source_key = f"acct:{name}", f"src:{source[:70]}"
    try:
        attempt = _reserve([account_key, source_key], now)
    except TenantLocked:
        log_action(None, "tenant.sign_in", name, "refused", TENANT_LOCKED, at=now)
        raise
    if tenant is None or not tenant.pin_hash:
        pw.burn_time(pin)
        log_action(None, "tenant.sign_in", name, "refused", UNKNOWN_TENANT, at=now)
        _failed(name, attempt, source, now)
    right = pw.verify_password(pin, tenant.pin_hash)
    if tenant.closed_at is not None:
        log_action(None, "tenant.sign_in", name, "refused", TENANT_CLOSED, at=now)
        raise WrongPin()
    if not right:
        _failed(name, attempt, source, now)
    who = _actor(tenant)
    with write_txn():
        _succeeded(account_key, source_key)
        log_action(log_as(who), "tenant.sign_in", name, detail=source[:60], at=now)
    return who


def change_pin(who: TenantActor, old_pin: str, new_pin: str) -> None:
    """Their own PIN (4 to 8 digits); ends every mobile-site session of theirs.

    The old PIN is checked under the account's lockout, as at sign-in.
    """
    if not (new_pin.isdigit() and 4 <= len(new_pin) <= 8):
        raise InvalidField("pin", BAD_PIN)
    now = utcnow()
    account_key = f"acct:{who.account_no}"
    attempt = _reserve([account_key], now)
    tenant = Tenant.get_or_none(Tenant.id == who.tenant_id)
    if (
        tenant is None
        or tenant.closed_at is not None
        or not pw.verify_password(old_pin, tenant.pin_hash)
    ):
        wrong = log_message(WRONG_PIN_LOG, attempt=attempt, limit=MAX_FAILURES, source="")
        log_action(log_as(who), "tenant.change_pin", who.account_no, "refused", wrong, at=now)
        if attempt >= MAX_FAILURES:
            raise TenantLocked(LOCK_MINUTES)
        raise WrongPin()
    new_hash = pw.hash_password(new_pin)
    with write_txn():
        Tenant.update(pin_hash=new_hash).where(Tenant.id == who.tenant_id).execute()
        TenantLogin.update(failures=0, locked_until=None).where(
            TenantLogin.key == account_key
        ).execute()
        TenantSession.update(ended_at=now).where(
            (TenantSession.tenant == who.tenant_id) & TenantSession.ended_at.is_null()
        ).execute()
        log_action(log_as(who), "tenant.change_pin", who.account_no, at=now)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(who: TenantActor, source: str) -> str:
    """A new mobile-site session; returns its random token (the cookie holds it, signed)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    TenantSession.create(
        token_hash=_hash(token),
        tenant=who.tenant_id,
        source=source[:200],
        created_at=now,
        last_seen_at=now,
    )
    return token


def session_tenant(token: str, now: dt.datetime | None = None) -> TenantActor | None:
    """Whose session ``token`` is (None: unknown, ended, or idle too long)."""
    if not token:
        return None
    now = now or utcnow()
    row = (  # one query a page: the session with its tenant
        TenantSession.select(TenantSession, Tenant)
        .join(Tenant)
        .where(TenantSession.token_hash == _hash(token))
        .first()
    )
    if row is None or row.ended_at is not None:
        return None
    if now - row.last_seen_at > SESSION_IDLE and not _seen.marked(row.token_hash):
        return None
    tenant = row.tenant
    if tenant.closed_at is not None:
        return None
    if now - row.last_seen_at > SEEN_EVERY:  # not one write per page
        _seen.mark(row.token_hash, now)
    return _actor(tenant)


class _SeenMarks:
    """Sessions seen since their ``last_seen_at`` came due, written together: one UPDATE for
    all of them every ``FLUSH_EVERY``, by the page that finds it due, not one write
    transaction a page queueing behind the collector for the write lock."""

    FLUSH_EVERY = dt.timedelta(seconds=10)

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hashes: set[str] = set()
        self._next: dt.datetime | None = None

    def mark(self, token_hash: str, now: dt.datetime) -> None:
        with self._lock:
            self._hashes.add(token_hash)
            if self._next is None:
                self._next = now + self.FLUSH_EVERY
            due = now >= self._next
        if due:
            self.flush(now)

    def marked(self, token_hash: str) -> bool:
        """Seen lately but not written yet (its row's time is older than it is)."""
        with self._lock:
            return token_hash in self._hashes

    def flush(self, now: dt.datetime) -> None:
        with self._lock:
            hashes, self._hashes, self._next = self._hashes, set(), None
        if hashes:  # SEEN_EVERY is far shorter than SESSION_IDLE: late by seconds is harmless
            TenantSession.update(last_seen_at=now).where(
                TenantSession.token_hash.in_(sorted(hashes))
            ).execute()


_seen = _SeenMarks()


def flush_seen(now: dt.datetime | None = None) -> None:
    """Write the sessions seen but not yet written (tests; the pages do it every 10 s)."""
    _seen.flush(now or utcnow())


def end_session(token: str) -> None:
    """Sign out of the mobile site (logged as the tenant; an ended session stays ended)."""
    if not token:
        return
    row = (
        TenantSession.select(TenantSession, Tenant)
        .join(Tenant)
        .where((TenantSession.token_hash == _hash(token)) & TenantSession.ended_at.is_null())
        .first()
    )
    if row is None:
        return
    with write_txn():
        ended = (
            TenantSession.update(ended_at=utcnow())
            .where((TenantSession.token_hash == row.token_hash) & TenantSession.ended_at.is_null())
            .execute()
        )
        if ended:
            who = _actor(row.tenant)
            log_action(log_as(who), "tenant.sign_out", who.account_no, detail=row.source[:60])
