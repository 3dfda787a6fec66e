"""The opened meters' rates of use, computed in one batch and shared by every page (issue #15).

A meter's rate of use (``credit_forecast.use_rates``: the last 7 days' cost per
day) changes slowly, yet every page with a days-left figure needs it. When 200
phones opened their first page at once, each page computed its own meter's
rate: 200 small query rounds fighting for the store at the same moment (the
cold start's p99 near a second). Instead one batch computes every opened
meter's rate (a few indexed queries for the whole site), kept and refreshed at
most every ``ttl_s`` on a background thread:

- a page finding the book fresh uses it (no query);
- a page finding it stale starts one refresh (unless one runs) and uses the
  previous values meanwhile: never a page computing while another does;
- only before the very first batch has ended does a page wait, on that batch;
- a meter opened since the last batch is computed alone, on the page's thread.
"""

from __future__ import annotations

import logging
import threading
import time

from app.models.db import in_own_connection

log = logging.getLogger(__name__)


class SharedRates:
    """``rates(meter ids, now) -> {meter id: UseRate}`` from a book of every opened meter.

    ``opened()`` lists the meters to keep (``tenant_view.opened_meters``), ``use_rates`` is
    ``credit_forecast.use_rates``; ``wait_s`` bounds the wait for the first batch (then the
    page's own meters are computed alone rather than keep the page)."""

    def __init__(self, opened, use_rates, ttl_s: float = 60.0, wait_s: float = 5.0, clock=None):
        self._opened = opened
        self._use_rates = use_rates
        self.ttl_s = ttl_s
        self.wait_s = wait_s
        self._clock = clock or time.monotonic
        self._lock = threading.Lock()
        self._book: dict = {}
        self._made_at: float | None = None  # None: no batch has ended yet
        self._running: threading.Event | None = None  # set when the running batch ends
        self.batches = 0  # batches computed (for the tests and the bench)

    def refresh(self) -> threading.Event:
        """Start a batch on a background thread unless one runs; the event of the running one."""
        with self._lock:
            if self._running is not None:
                return self._running
            done = self._running = threading.Event()
        threading.Thread(target=self._batch, args=(done,), name="use-rates", daemon=True).start()
        return done

    def _batch(self, done: threading.Event) -> None:
        try:
            # its own connection, closed after: no thread left holding the site's files
            book = in_own_connection(lambda: self._use_rates(self._opened(), None))
        except Exception:  # a failed batch keeps the old book; a later page retries
            log.exception("the rates of use could not be computed")
            book = None
        with self._lock:
            if book is not None:
                self._book = book
                self._made_at = self._clock()
                self.batches += 1
            self._running = None
        done.set()

    def __call__(self, meter_ids, now=None) -> dict:
        meter_ids = list(meter_ids)
        with self._lock:
            made_at, running = self._made_at, self._running
        if made_at is None or self._clock() - made_at >= self.ttl_s:
            running = running or self.refresh()
            if made_at is None:  # nothing kept yet: wait for the one batch running
                running.wait(self.wait_s)
        with self._lock:
            out = {m: self._book[m] for m in meter_ids if m in self._book}
        missing = [m for m in meter_ids if m not in out]
        if missing:  # opened since the last batch (or the first one is late): these alone
            found = self._use_rates(missing, now)
            with self._lock:
                self._book.update(found)
            out.update(found)
        return out
