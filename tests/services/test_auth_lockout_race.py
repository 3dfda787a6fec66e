"""The five-try lockout holds against parallel attempts (issue #6, finding 4).

Attempts come from threads and from separate processes on the same SQLite file,
released together by a barrier. Real password checks are counted by the
"wrong password (n)" rows in the system log, which the login writes once per
check that ran; at most five may run per lock window, the account must be
locked afterwards, and a failure that finishes late never clears the lock.
"""

from __future__ import annotations

import multiprocessing
import threading

import pytest

from app.errors import PermissionDenied
from app.models import Operator, SystemLog, db
from app.services import auth_passwords as pw
from app.services.auth import MAX_FAILURES, AccountLocked, AuthService, LoginFailed
from tests.services.lockout_workers import attempt_login

BOTH_DATABASES = True

RIGHT = "s3cret-admin"


@pytest.fixture
def admin(database):
    return AuthService().create_first_admin("admin", RIGHT)


def _wrong_checks() -> int:
    return (
        SystemLog.select()
        .where((SystemLog.action == "login.failed") & SystemLog.detail.contains("wrong password"))
        .count()
    )


def _assert_locked_after_at_most_five_checks(outcomes: list[str]) -> None:
    assert _wrong_checks() <= MAX_FAILURES
    assert "ok" not in outcomes
    op = Operator.get()
    assert op.locked_until is not None and op.failed_count == MAX_FAILURES
    with pytest.raises(AccountLocked):
        AuthService().login("admin", RIGHT)  # the right password is refused while locked


@pytest.mark.slow
def test_parallel_processes_get_at_most_five_checks(admin, tmp_path):
    ctx = multiprocessing.get_context("spawn")
    n = 10
    barrier = ctx.Barrier(n)
    results = ctx.Queue()
    site = (str(db.obj.database), str(tmp_path / "master.key"))  # the file or the URL
    procs = [
        ctx.Process(target=attempt_login, args=(*site, f"wrong-{i}", barrier, results))
        for i in range(n)
    ]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    assert set(outcomes) <= {"LoginFailed", "AccountLocked"}, outcomes
    assert outcomes.count("LoginFailed") == MAX_FAILURES - 1
    _assert_locked_after_at_most_five_checks(outcomes)


def test_parallel_threads_get_at_most_five_checks(admin):
    n = 24
    barrier = threading.Barrier(n)
    outcomes: list[str] = []

    def attempt(i: int) -> None:
        barrier.wait(timeout=30)
        try:
            AuthService().login("admin", f"wrong-{i}")
            outcomes.append("ok")
        except PermissionDenied as err:
            outcomes.append(type(err).__name__)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(outcomes) == n
    _assert_locked_after_at_most_five_checks(outcomes)


def test_a_late_failure_never_clears_the_lock(admin, monkeypatch):
    """One wrong password is still being checked while five others lock the account."""
    started, release = threading.Event(), threading.Event()
    real_verify = pw.verify_password
    slow_thread: list[threading.Thread] = []

    def verify(password: str, stored: str) -> bool:
        if password == "slow-wrong" and threading.current_thread() in slow_thread:
            started.set()
            assert release.wait(timeout=30)
        return real_verify(password, stored)

    monkeypatch.setattr(pw, "verify_password", verify)
    late: list[Exception] = []

    def slow_attempt() -> None:
        try:
            AuthService().login("admin", "slow-wrong")
        except PermissionDenied as err:
            late.append(err)

    slow_thread.append(threading.Thread(target=slow_attempt))
    slow_thread[0].start()
    assert started.wait(timeout=30)
    refusals = []
    for _ in range(MAX_FAILURES):
        with pytest.raises(PermissionDenied) as err:
            AuthService().login("admin", "wrong-pass")
        refusals.append(type(err.value))
    assert refusals[-1] is AccountLocked
    locked_until = Operator.get().locked_until
    assert locked_until is not None
    release.set()
    slow_thread[0].join(timeout=30)
    assert late and isinstance(late[0], LoginFailed)
    op = Operator.get()
    assert op.locked_until == locked_until  # neither cleared nor shortened
    assert op.failed_count == MAX_FAILURES
    assert _wrong_checks() == MAX_FAILURES
    with pytest.raises(AccountLocked):
        AuthService().login("admin", RIGHT)


def test_right_password_still_resets_after_parallel_misses(admin):
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(LoginFailed):
            AuthService().login("admin", "wrong-pass")
    assert AuthService().login("admin", RIGHT).name == "admin"
    op = Operator.get()
    assert op.failed_count == 0 and op.locked_until is None
