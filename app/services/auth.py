"""Operator accounts and login (SPEC "Security").

Five wrong passwords in a row lock an account for five minutes; a locked
account refuses even the right password, so guessing stays slow. Unknown
names and wrong passwords give the same answer (and take the same time), so
the login dialog does not tell a stranger which names exist. Every login,
failure, lock and operator change goes to the system log; passwords never do.
The clock is injectable so tests can walk through a lock without waiting.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass

from peewee import fn

from app.errors import QT_TRANSLATE_NOOP, PermissionDenied, ValidationError
from app.models import Operator, db
from app.models.site import utcnow
from app.models.txn import write_txn
from app.services import auth_passwords as pw
from app.services.audit import log_action, log_message
from app.services.permissions import Actor, Permission, Role, require

log = logging.getLogger(__name__)

MAX_FAILURES = 5
LOCK_MINUTES = 5

# System log details (app/services/audit.py: translated when the log is shown).
UNKNOWN_NAME = log_message(QT_TRANSLATE_NOOP("SystemLog", "unknown name"))
ACCOUNT_DISABLED = log_message(QT_TRANSLATE_NOOP("SystemLog", "account disabled"))
ACCOUNT_LOCKED = log_message(QT_TRANSLATE_NOOP("SystemLog", "account locked"))
WRONG_PASSWORD = QT_TRANSLATE_NOOP("SystemLog", "wrong password ({attempt} of {limit})")
LOCKED_FOR = QT_TRANSLATE_NOOP("SystemLog", "locked for {minutes} min")
WRONG_OLD_PASSWORD = QT_TRANSLATE_NOOP("SystemLog", "wrong current password")
ROLE_DETAIL = QT_TRANSLATE_NOOP("SystemLog", "role: {role}")
ROLE_CHANGE = QT_TRANSLATE_NOOP("SystemLog", "role: {old_role} → {new_role}")


class LoginFailed(PermissionDenied):
    """Wrong name or password (deliberately not saying which)."""

    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("Errors", "wrong login name or password"))


class AccountLocked(PermissionDenied):
    """Too many wrong passwords; ``minutes`` (rounded up) until the next try is allowed."""

    def __init__(self, minutes: int) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "Errors", "too many wrong passwords: account locked, try again in {minutes} min"
            ),
            minutes=minutes,
        )
        self.minutes = minutes


@dataclass(frozen=True)
class OperatorInfo:
    """One operator as the operators dialog shows it (never the hash)."""

    id: int
    login: str
    display_name: str
    role: Role
    active: bool
    locked_until: dt.datetime | None
    must_change_password: bool
    last_login_at: dt.datetime | None


def _actor(op: Operator) -> Actor:
    return Actor(op.id, op.login, Role(op.role))


def _info(op: Operator) -> OperatorInfo:
    return OperatorInfo(
        op.id,
        op.login,
        op.display_name,
        Role(op.role),
        op.active,
        op.locked_until,
        op.must_change_password,
        op.last_login_at,
    )


def _find(login: str) -> Operator | None:
    key = login.strip()
    if not key:
        return None
    return Operator.get_or_none(Operator.login == key) or (
        Operator.select().where(fn.LOWER(Operator.login) == key.lower()).first()
    )


def _check_new_password(login: str, password: str) -> None:
    problem = pw.password_problem(login, password)
    if problem:
        raise ValidationError(pw.PROBLEM_TEXT[problem], count=pw.MIN_PASSWORD_LENGTH)


def operator_display_name(operator_id: int | None) -> str:
    """The name to print on a receipt for an operator id (login name if no display name)."""
    op = Operator.get_or_none(Operator.id == operator_id) if operator_id else None
    return (op.display_name or op.login) if op else ""


class AuthService:
    """Login and operator management; every method needs an open database."""

    def __init__(self, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self._clock = clock

    # ---- first start -----------------------------------------------------------------
    def needs_admin_setup(self) -> bool:
        return not Operator.select().exists()

    def create_first_admin(self, login: str, password: str, display_name: str = "") -> Actor:
        """First start only: the admin chooses a password; refused once any operator exists."""
        login = login.strip()
        if not login:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "the login name is empty"))
        _check_new_password(login, password)
        with write_txn():
            if not self.needs_admin_setup():
                raise PermissionDenied(
                    QT_TRANSLATE_NOOP("Errors", "the first administrator already exists")
                )
            op = Operator.create(
                login=login,
                display_name=display_name.strip(),
                role=Role.ADMIN.value,
                password_hash=pw.hash_password(password),
                created_at=self._clock(),
            )
            actor = _actor(op)
            log_action(actor, "operator.first_admin", login, at=self._clock())
        return actor

    # ---- login -----------------------------------------------------------------------
    def login(self, login: str, password: str) -> Actor:
        """The logged-in operator, or LoginFailed / AccountLocked (both PermissionDenied).

        The attempt is counted (and the account locked on the fifth) in one write
        transaction *before* the slow password check, so parallel attempts from threads
        or processes cannot all pass a lock check that none of them has written yet: at
        most ``MAX_FAILURES`` real checks happen per lock window. Only a right password
        resets the count; a wrong one that finishes late never touches the lock. An
        attempt whose process dies during the check stays counted (failing safe).
        """
        now = self._clock()
        op = _find(login)
        if op is None:
            pw.burn_time(password)
            log_action(None, "login.failed", login.strip()[:64], "refused", UNKNOWN_NAME, at=now)
            raise LoginFailed()
        attempt = self._reserve_attempt(op, now)
        right = pw.verify_password(password, op.password_hash)
        if not op.active:
            log_action(None, "login.failed", op.login, "refused", ACCOUNT_DISABLED, at=now)
            raise LoginFailed()
        if not right:
            self._record_failure(op, attempt, now)
        with write_txn():
            update = {
                Operator.failed_count: 0,
                Operator.locked_until: None,
                Operator.last_login_at: now,
            }
            if pw.needs_rehash(op.password_hash):
                update[Operator.password_hash] = pw.hash_password(password)
            Operator.update(update).where(Operator.id == op.id).execute()
            actor = _actor(op)
            log_action(actor, "login.ok", op.login, at=now)
        return actor

    def _reserve_attempt(self, op: Operator, now: dt.datetime) -> int:
        """Count this attempt under the write lock; its number, or AccountLocked.

        The count and the lock are read and written in one ``BEGIN IMMEDIATE``
        transaction (one UPDATE), so no two attempts get the same number. The attempt
        that reaches ``MAX_FAILURES`` sets the lock before its own check runs; if its
        password turns out right, the success clears it again.
        """
        with write_txn():
            fresh = Operator.get_by_id(op.id)
            if fresh.locked_until is not None and fresh.locked_until > now:
                minutes = max(1, math.ceil((fresh.locked_until - now).total_seconds() / 60))
                log_action(None, "login.failed", op.login, "refused", ACCOUNT_LOCKED, at=now)
                locked = AccountLocked(minutes)
            else:
                locked = None
                # A lock that has run out starts a new count of five.
                count = 1 if fresh.locked_until is not None else fresh.failed_count + 1
                locked_until = None
                if count >= MAX_FAILURES:
                    locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
                Operator.update(failed_count=count, locked_until=locked_until).where(
                    Operator.id == op.id
                ).execute()
        if locked is not None:
            raise locked
        return count

    def _record_failure(self, op: Operator, attempt: int, now: dt.datetime) -> None:
        """Log a wrong password (the count and lock were written by the reservation)."""
        with write_txn():
            wrong = log_message(WRONG_PASSWORD, attempt=attempt, limit=MAX_FAILURES)
            log_action(None, "login.failed", op.login, "refused", wrong, at=now)
            if attempt >= MAX_FAILURES:
                minutes = log_message(LOCKED_FOR, minutes=LOCK_MINUTES)
                log_action(None, "login.locked", op.login, "locked", minutes, at=now)
                log.info("operator %s locked for %d min", op.login, LOCK_MINUTES)
        if attempt >= MAX_FAILURES:
            raise AccountLocked(LOCK_MINUTES)
        raise LoginFailed()

    def must_change_password(self, actor: Actor) -> bool:
        """True after an admin reset: the login dialog asks for a new password at once."""
        op = Operator.get_or_none(Operator.id == actor.operator_id)
        return bool(op and op.must_change_password)

    def change_own_password(self, actor: Actor, old_password: str, new_password: str) -> None:
        op = self._operator(actor.operator_id)
        if not pw.verify_password(old_password, op.password_hash):
            log_action(
                actor,
                "password.change",
                op.login,
                "refused",
                log_message(WRONG_OLD_PASSWORD),
                at=self._clock(),
            )
            raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "the current password is wrong"))
        _check_new_password(op.login, new_password)
        if pw.verify_password(new_password, op.password_hash):
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "the new password must differ from the current one")
            )
        with db.atomic():
            Operator.update(
                password_hash=pw.hash_password(new_password), must_change_password=False
            ).where(Operator.id == op.id).execute()
            log_action(actor, "password.change", op.login, at=self._clock())

    # ---- operator management (admin) -------------------------------------------------
    def _operator(self, operator_id: int | None) -> Operator:
        op = Operator.get_or_none(Operator.id == operator_id) if operator_id else None
        if op is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "no operator with id {id}"), id=operator_id
            )
        return op

    def _require_admin(self, actor: Actor) -> None:
        require(actor, Permission.OPERATORS)
        if actor.operator_id is not None:
            me = Operator.get_or_none(Operator.id == actor.operator_id)
            if me is None or not me.active or Role(me.role) is not Role.ADMIN:
                raise PermissionDenied(
                    QT_TRANSLATE_NOOP("Errors", "{name} is no longer an active administrator"),
                    name=actor.name,
                )

    def _last_active_admin(self, op: Operator) -> bool:
        others = Operator.select().where(
            (Operator.role == Role.ADMIN.value) & Operator.active & (Operator.id != op.id)
        )
        return Role(op.role) is Role.ADMIN and op.active and not others.exists()

    def list_operators(self, actor: Actor) -> list[OperatorInfo]:
        require(actor, Permission.OPERATORS)
        return [_info(op) for op in Operator.select().order_by(Operator.login)]

    def create_operator(
        self, actor: Actor, login: str, display_name: str, role: Role, password: str
    ) -> OperatorInfo:
        """A new operator who must choose their own password at the first login."""
        try:
            self._require_admin(actor)
        except PermissionDenied:
            log_action(actor, "operator.create", login.strip()[:64], "denied", at=self._clock())
            raise
        login = login.strip()
        if not login:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "the login name is empty"))
        if len(login) > 64:
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "the login name is longer than 64 characters")
            )
        _check_new_password(login, password)
        with write_txn():
            if _find(login) is not None:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("Errors", "an operator named {login} already exists"),
                    login=login,
                )
            op = Operator.create(
                login=login,
                display_name=display_name.strip(),
                role=Role(role).value,
                password_hash=pw.hash_password(password),
                must_change_password=True,
                created_at=self._clock(),
            )
            detail = log_message(ROLE_DETAIL, role=op.role)
            log_action(actor, "operator.create", login, detail=detail, at=self._clock())
        return _info(op)

    def set_active(self, actor: Actor, operator_id: int, active: bool) -> None:
        """Disable (or enable again) an operator; history keeps their name."""
        action = "operator.enable" if active else "operator.disable"
        op = self._operator(operator_id)
        try:
            self._require_admin(actor)
        except PermissionDenied:
            log_action(actor, action, op.login, "denied", at=self._clock())
            raise
        if not active and self._last_active_admin(op):
            raise ValidationError(
                QT_TRANSLATE_NOOP("Errors", "the last active administrator cannot be disabled")
            )
        with db.atomic():
            Operator.update(active=active).where(Operator.id == op.id).execute()
            log_action(actor, action, op.login, at=self._clock())

    def set_role(self, actor: Actor, operator_id: int, role: Role) -> None:
        op = self._operator(operator_id)
        try:
            self._require_admin(actor)
        except PermissionDenied:
            log_action(actor, "operator.role", op.login, "denied", at=self._clock())
            raise
        role = Role(role)
        if role is not Role.ADMIN and self._last_active_admin(op):
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "Errors", "the last active administrator must stay an administrator"
                )
            )
        with db.atomic():
            Operator.update(role=role.value).where(Operator.id == op.id).execute()
            log_action(
                actor,
                "operator.role",
                op.login,
                detail=log_message(ROLE_CHANGE, old_role=op.role, new_role=role.value),
                at=self._clock(),
            )

    def reset_password(self, actor: Actor, operator_id: int, new_password: str) -> None:
        """Admin sets a temporary password; the operator must change it at the next login."""
        op = self._operator(operator_id)
        try:
            self._require_admin(actor)
        except PermissionDenied:
            log_action(actor, "operator.reset_password", op.login, "denied", at=self._clock())
            raise
        _check_new_password(op.login, new_password)
        with db.atomic():
            Operator.update(
                password_hash=pw.hash_password(new_password),
                must_change_password=True,
                failed_count=0,
                locked_until=None,
            ).where(Operator.id == op.id).execute()
            log_action(actor, "operator.reset_password", op.login, at=self._clock())

    def unlock(self, actor: Actor, operator_id: int) -> None:
        op = self._operator(operator_id)
        try:
            self._require_admin(actor)
        except PermissionDenied:
            log_action(actor, "operator.unlock", op.login, "denied", at=self._clock())
            raise
        with db.atomic():
            Operator.update(failed_count=0, locked_until=None).where(Operator.id == op.id).execute()
            log_action(actor, "operator.unlock", op.login, at=self._clock())
