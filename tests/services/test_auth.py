"""Login, lockout, first start and operator management in the service layer."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import PermissionDenied, ValidationError
from app.messages import Message
from app.models import Operator, SystemLog
from app.services import auth_passwords as pw
from app.services.audit import verify_log_chain
from app.services.auth import AccountLocked, AuthService, LoginFailed, operator_display_name
from app.services.permissions import Role

BOTH_DATABASES = True


class FakeClock:
    def __init__(self) -> None:
        self.now = dt.datetime(2025, 3, 1, 8, 0, 0)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kw) -> None:
        self.now += dt.timedelta(**kw)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def auth(database, clock):
    return AuthService(clock=clock)


@pytest.fixture
def admin(auth):
    return auth.create_first_admin("admin", "s3cret-admin", "Site Admin")


def _actions() -> list[tuple[str, str, str]]:
    return [
        (r.action, str(Message.from_json(r.target)), r.result)
        for r in SystemLog.select().order_by(SystemLog.id)
    ]


# ---- hashing -------------------------------------------------------------------------


def test_hash_is_salted_and_verifies():
    a = pw.hash_password("correct horse")
    b = pw.hash_password("correct horse")
    assert a != b  # random salt
    scheme, n, r, p, salt, key = a.split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(key)) == 32
    assert pw.verify_password("correct horse", a) and pw.verify_password("correct horse", b)
    assert not pw.verify_password("correct horsE", a)
    assert not pw.verify_password("", a)
    assert not pw.verify_password("correct horse", "garbage")
    assert not pw.needs_rehash(a)


def test_weaker_stored_params_still_verify_and_ask_for_rehash():
    old = pw.hash_password("pass-word-1", n=2**10)
    assert pw.verify_password("pass-word-1", old)
    assert pw.needs_rehash(old)


def test_unicode_password_is_normalized():
    stored = pw.hash_password("caf\u00e9-\u5bc6\u7801")
    assert pw.verify_password("cafe\u0301-\u5bc6\u7801", stored)  # decomposed é


@pytest.mark.parametrize(
    ("login", "password", "problem"),
    [
        ("zhang", "short", pw.TOO_SHORT),
        ("zhangwei", "ZhangWei", pw.SAME_AS_NAME),
        ("x", "        ", pw.BLANK),
        ("x", "long-enough", None),
    ],
)
def test_password_rule(login, password, problem):
    assert pw.password_problem(login, password) == problem


# ---- first start ---------------------------------------------------------------------


def test_first_start_flow(auth):
    assert auth.needs_admin_setup()
    with pytest.raises(ValidationError):
        auth.create_first_admin("admin", "short")
    with pytest.raises(ValidationError):
        auth.create_first_admin("administrator", "administrator")
    assert auth.needs_admin_setup()
    actor = auth.create_first_admin("admin", "s3cret-admin")
    assert actor.role is Role.ADMIN and actor.name == "admin"
    assert not auth.needs_admin_setup()
    with pytest.raises(PermissionDenied):
        auth.create_first_admin("admin2", "another-pass")
    assert auth.login("admin", "s3cret-admin") == actor
    assert not auth.must_change_password(actor)
    stored = Operator.get().password_hash
    assert "s3cret-admin" not in stored
    assert not any("s3cret" in (r.detail + r.target) for r in SystemLog.select())


# ---- login and lockout ---------------------------------------------------------------


def test_login_success_and_failures_give_same_message(auth, admin):
    assert auth.login(" admin ", "s3cret-admin").operator_id == admin.operator_id
    assert auth.login("ADMIN", "s3cret-admin").operator_id == admin.operator_id
    with pytest.raises(LoginFailed) as wrong:
        auth.login("admin", "nope-nope")
    with pytest.raises(LoginFailed) as unknown:
        auth.login("nobody", "nope-nope")
    assert str(wrong.value) == str(unknown.value)
    acts = _actions()
    assert ("login.ok", "admin", "ok") in acts
    assert ("login.failed", "admin", "refused") in acts
    assert ("login.failed", "nobody", "refused") in acts


def test_five_failures_lock_for_five_minutes(auth, admin, clock):
    for _ in range(4):
        with pytest.raises(LoginFailed):
            auth.login("admin", "wrong-pass")
    with pytest.raises(AccountLocked) as locked:
        auth.login("admin", "wrong-pass")
    assert locked.value.minutes == 5
    # locked: even the right password is refused, with the minutes left
    clock.advance(minutes=2, seconds=30)
    with pytest.raises(AccountLocked) as still:
        auth.login("admin", "s3cret-admin")
    assert still.value.minutes == 3
    assert "3 min" in str(still.value)
    clock.advance(minutes=2, seconds=29)
    with pytest.raises(AccountLocked) as last:
        auth.login("admin", "s3cret-admin")
    assert last.value.minutes == 1
    clock.advance(seconds=1)  # exactly five minutes after the lock
    assert auth.login("admin", "s3cret-admin").name == "admin"
    op = Operator.get()
    assert op.failed_count == 0 and op.locked_until is None
    assert sum(1 for a in _actions() if a[0] == "login.locked") == 1
    assert verify_log_chain() == []


def test_success_resets_the_counter(auth, admin):
    for _ in range(4):
        with pytest.raises(LoginFailed):
            auth.login("admin", "wrong-pass")
    auth.login("admin", "s3cret-admin")
    for _ in range(4):
        with pytest.raises(LoginFailed):
            auth.login("admin", "wrong-pass")
    assert auth.login("admin", "s3cret-admin")


def test_expired_lock_starts_a_new_count(auth, admin, clock):
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            auth.login("admin", "wrong-pass")
    clock.advance(minutes=6)
    with pytest.raises(LoginFailed):  # one more miss after the lock ran out does not re-lock
        auth.login("admin", "wrong-pass")
    assert auth.login("admin", "s3cret-admin")


def test_unknown_names_never_lock(auth, admin):
    for _ in range(7):
        with pytest.raises(LoginFailed):
            auth.login("ghost", "whatever1")


# ---- operator management -------------------------------------------------------------


def test_admin_creates_operator_who_must_change_password(auth, admin):
    info = auth.create_operator(admin, "li", "Li Na", Role.CASHIER, "temp-pass-1")
    assert info.role is Role.CASHIER and info.must_change_password and info.active
    li = auth.login("li", "temp-pass-1")
    assert li.role is Role.CASHIER
    assert auth.must_change_password(li)
    with pytest.raises(PermissionDenied):
        auth.change_own_password(li, "bad-old-pass", "new-pass-99")
    with pytest.raises(ValidationError):
        auth.change_own_password(li, "temp-pass-1", "li")
    with pytest.raises(ValidationError):
        auth.change_own_password(li, "temp-pass-1", "temp-pass-1")
    auth.change_own_password(li, "temp-pass-1", "new-pass-99")
    assert not auth.must_change_password(li)
    with pytest.raises(LoginFailed):
        auth.login("li", "temp-pass-1")
    assert auth.login("li", "new-pass-99") == li
    assert operator_display_name(li.operator_id) == "Li Na"
    with pytest.raises(ValidationError):
        auth.create_operator(admin, "LI", "", Role.CASHIER, "temp-pass-2")  # duplicate name


def test_cashier_cannot_manage_operators(auth, admin):
    auth.create_operator(admin, "li", "", Role.CASHIER, "temp-pass-1")
    li = auth.login("li", "temp-pass-1")
    with pytest.raises(PermissionDenied):
        auth.create_operator(li, "evil", "", Role.ADMIN, "temp-pass-2")
    with pytest.raises(PermissionDenied):
        auth.set_active(li, admin.operator_id, False)
    with pytest.raises(PermissionDenied):
        auth.reset_password(li, admin.operator_id, "hijacked-1")
    with pytest.raises(PermissionDenied):
        auth.set_role(li, li.operator_id, Role.ADMIN)
    with pytest.raises(PermissionDenied):
        auth.list_operators(li)
    assert Operator.select().count() == 2
    assert ("operator.create", "evil", "denied") in _actions()


def test_disable_reset_and_role(auth, admin):
    info = auth.create_operator(admin, "wang", "", Role.MAINTENANCE, "temp-pass-1")
    auth.set_active(admin, info.id, False)
    with pytest.raises(LoginFailed):
        auth.login("wang", "temp-pass-1")
    auth.set_active(admin, info.id, True)
    auth.reset_password(admin, info.id, "fresh-pass-2")
    wang = auth.login("wang", "fresh-pass-2")
    assert auth.must_change_password(wang)
    auth.set_role(admin, info.id, Role.ADMIN)
    assert auth.login("wang", "fresh-pass-2").role is Role.ADMIN
    acts = [a[0] for a in _actions()]
    for action in ("operator.disable", "operator.enable", "operator.reset_password"):
        assert action in acts
    assert verify_log_chain() == []


def test_reset_password_unlocks(auth, admin):
    info = auth.create_operator(admin, "zhao", "", Role.CASHIER, "temp-pass-1")
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            auth.login("zhao", "wrong-pass")
    auth.reset_password(admin, info.id, "fresh-pass-2")
    assert auth.login("zhao", "fresh-pass-2")


def test_last_admin_is_protected(auth, admin):
    with pytest.raises(ValidationError):
        auth.set_active(admin, admin.operator_id, False)
    with pytest.raises(ValidationError):
        auth.set_role(admin, admin.operator_id, Role.CASHIER)


def test_demoted_admin_loses_rights_at_once(auth, admin):
    info = auth.create_operator(admin, "chen", "", Role.ADMIN, "temp-pass-1")
    chen = auth.login("chen", "temp-pass-1")
    auth.set_role(admin, info.id, Role.CASHIER)
    with pytest.raises(PermissionDenied):  # chen's session still says admin; the DB does not
        auth.create_operator(chen, "x", "", Role.CASHIER, "temp-pass-2")
