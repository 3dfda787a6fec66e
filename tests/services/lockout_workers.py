"""Child-process side of the lockout race test: one login attempt per process.

Kept apart from the test module so a spawned child imports only the app, not pytest.
"""

from __future__ import annotations


def attempt_login(target: str, key_file: str, password: str, barrier, results) -> None:
    """Open the site database (file or URL), wait for every sibling, try one login; report
    the outcome's name."""
    from pathlib import Path

    from app.models import close_database, open_database
    from app.services.auth import AuthService
    from app.services.chain_rekey import open_chains
    from tests.conftest import MASTER

    open_database(target)
    open_chains(MASTER, Path(key_file))  # as the test's own site
    try:
        barrier.wait(timeout=60)
        AuthService().login("admin", password)
        results.put("ok")
    except Exception as err:  # the test counts every kind of refusal
        results.put(type(err).__name__)
    finally:
        close_database()
