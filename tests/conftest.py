"""Test set-up: offscreen Qt, a fresh database per test, warnings are failures."""

from __future__ import annotations

import gc
import itertools
import logging
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from app.models import close_database, open_database

MASTER = bytes(range(32))


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "allow_log_warnings: the test expects WARNING log records (fault tests)"
    )


@pytest.fixture(autouse=True)
def _gc_on_the_main_thread(request):
    """As in the program (app/ui/shell/gc_guard.py): cycles are collected on the GUI thread only,
    never by whichever worker thread happens to allocate."""
    from app.ui.shell import gc_guard

    if "qapp" in request.fixturenames or "qtbot" in request.fixturenames:
        gc_guard.install(request.getfixturevalue("qapp"))
    else:
        gc.disable()
    yield
    gc_guard.collect_if_due()


@pytest.fixture(autouse=True)
def _logging_as_it_was():
    """The program's log handlers a test added (``main.main()``'s console, a site's log file
    from ``Site.open``) are closed when it ends, and the root logger is put back: otherwise
    every later test writes each record into the log files of all earlier sites."""
    from app.logconfig import ConsoleHandler, PrivateFileHandler

    root = logging.getLogger()
    before, level = set(root.handlers), root.level
    configured = getattr(root, "_pem_configured", False)
    yield
    for handler in root.handlers[:]:
        if handler not in before and isinstance(handler, ConsoleHandler | PrivateFileHandler):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    root._pem_configured = configured


def pytest_generate_tests(metafunc):
    """A module with ``BOTH_DATABASES = True`` runs its ``database`` tests on SQLite and on
    the tests' own PostgreSQL server."""
    if "database" in metafunc.fixturenames and getattr(metafunc.module, "BOTH_DATABASES", False):
        metafunc.parametrize("database", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture(scope="session")
def pg_cluster():
    """A throw-away PostgreSQL server for the whole run (initdb + pg_ctl, tests/support)."""
    import shutil
    import tempfile
    from pathlib import Path

    from tests.support.pg_cluster import start_cluster

    folder = Path(tempfile.mkdtemp(prefix="pem-pg-"))
    cluster = start_cluster(folder)
    yield cluster
    cluster.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_url(pg_cluster):
    """An empty database of its own on the tests' server, dropped afterwards."""
    name = f"t{os.getpid()}_{next(_PG_NAMES)}"
    url = pg_cluster.create_database(name)
    yield url
    close_database()
    pg_cluster.drop_database(name)


_PG_NAMES = itertools.count(1)


@pytest.fixture(scope="session")
def pg_template(pg_cluster):
    """A database migrated to the newest schema once a run; ``pg_site_url`` copies it."""
    name = f"site_template_{os.getpid()}"
    open_database(pg_cluster.create_database(name), create=True)
    close_database()  # a template may have no connections when it is copied
    return name


@pytest.fixture
def pg_site_url(pg_cluster, pg_template):
    """A fresh site database (newest schema, no rows) of its own, dropped afterwards."""
    name = f"t{os.getpid()}_{next(_PG_NAMES)}"
    url = pg_cluster.create_database(name, template=pg_template)
    yield url
    close_database()
    pg_cluster.drop_database(name)


@pytest.fixture
def database(request, tmp_path):
    """A fresh SQLite file (not :memory:, which other threads cannot see), its chains keyed;
    with the parameter "postgresql", a fresh database on the tests' PostgreSQL server.

    The chain keys come from ``MASTER`` and the witness file lies in ``tmp_path``
    beside where the site's ``master.key`` would be.
    """
    from app.services import chain_key
    from app.services.chain_rekey import open_chains

    if getattr(request, "param", "sqlite") == "postgresql":
        database = open_database(request.getfixturevalue("pg_site_url"))
    else:
        database = open_database(tmp_path / "site.db", create=True)
    open_chains(MASTER, tmp_path / "master.key")
    yield database
    chain_key.uninstall()
    close_database()


@pytest.fixture
def master_key() -> bytes:
    return MASTER


@pytest.fixture(autouse=True)
def _fail_on_unexpected_warnings(request, caplog):
    """A WARNING or worse logged by our code fails the test unless it is expected."""
    caplog.set_level(logging.INFO)
    yield
    if request.node.get_closest_marker("allow_log_warnings"):
        return
    bad = [
        r
        for r in caplog.get_records("call")
        if r.levelno >= logging.WARNING and r.name.startswith(("app", "main"))
    ]
    if bad:
        lines = "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in bad)
        pytest.fail(f"unexpected log warnings:\n{lines}")
