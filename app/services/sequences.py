"""Use cases that wait on several bus operations in a row, run off the caller's thread.

Opening an account on three meters or replacing a meter is a sequence of bus
jobs, each waited for before the next (a later step needs the earlier one's
outcome). The window must never wait on the bus, so these run here, on a small
pool of their own, and the caller gets a ``Future`` like any single bus job.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from app.models.db import in_own_connection

_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pem-use-case")


def submit(fn: Callable, *args, **kwargs) -> Future:
    """Run the blocking use case ``fn`` in the background; its outcome comes in the future."""
    return _pool.submit(in_own_connection, fn, *args, **kwargs)
