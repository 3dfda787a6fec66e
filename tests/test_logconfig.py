"""The console log follows stderr: a closed stderr of earlier never gives "Logging error" blocks.

``main.main()`` run inside a test configures logging while ``sys.stderr`` is
the test's capture; that capture is closed when the test ends, and the suite
used to print a "--- Logging error ---" block for every later warning.
"""

from __future__ import annotations

import io
import logging
import sys

import pytest

from app.logconfig import ConsoleHandler, setup_logging


@pytest.fixture
def fresh_root():
    """The root logger as a new process has it; put back as it was afterwards."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, getattr(root, "_pem_configured", False))
    root.handlers = [h for h in root.handlers if not isinstance(h, ConsoleHandler)]
    root._pem_configured = False
    yield root
    root.handlers, root.level, root._pem_configured = saved


@pytest.mark.allow_log_warnings
def test_console_log_writes_to_the_stderr_of_now(fresh_root, monkeypatch):
    first = io.StringIO()
    monkeypatch.setattr(sys, "stderr", first)
    setup_logging()
    first.close()  # the capture of a test that has ended
    now = io.StringIO()
    monkeypatch.setattr(sys, "stderr", now)
    logging.getLogger("app.somewhere").warning("meter 7 did not answer")
    assert now.getvalue() == "WARNING app.somewhere: meter 7 did not answer\n"


def test_setup_twice_adds_one_console_handler(fresh_root):
    setup_logging()
    setup_logging(verbose=True)
    assert sum(isinstance(h, ConsoleHandler) for h in fresh_root.handlers) == 1
