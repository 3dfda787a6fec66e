"""The shared book of rates of use: one batch for every opened meter, never one per page."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.web.rates import SharedRates


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Rates:
    """A stand-in ``use_rates`` counting its calls; a batch can be held at a gate."""

    def __init__(self) -> None:
        self.calls: list[list[int]] = []
        self.gate = threading.Event()
        self.gate.set()
        self.generation = 0
        self.lock = threading.Lock()

    def __call__(self, meter_ids, now=None):
        ids = list(meter_ids)
        with self.lock:
            self.calls.append(ids)
        self.gate.wait(5)
        return {m: (m, self.generation) for m in ids}


def test_a_crowd_of_first_pages_waits_on_one_batch():
    rates, clock = Rates(), Clock()
    shared = SharedRates(lambda: [1, 2, 3, 4], rates, ttl_s=60, clock=clock)
    rates.gate.clear()  # the first batch is slow
    with ThreadPoolExecutor(8) as pool:
        pages = [pool.submit(shared, [1 + i % 4], None) for i in range(40)]
        threading.Timer(0.2, rates.gate.set).start()
        answers = [p.result(10) for p in pages]
    assert rates.calls == [[1, 2, 3, 4]]  # one batch, no page computed its own
    assert answers[0] == {1: (1, 0)} and answers[5] == {2: (2, 0)}
    assert shared.batches == 1


def test_a_stale_book_is_used_while_one_refresh_runs_in_the_background():
    rates, clock = Rates(), Clock()
    shared = SharedRates(lambda: [1, 2], rates, ttl_s=60, clock=clock)
    assert shared([1], None) == {1: (1, 0)}
    clock.now = 30.0
    assert shared([2], None) == {2: (2, 0)} and len(rates.calls) == 1  # fresh: no query
    clock.now = 61.0
    rates.gate.clear()
    rates.generation = 1
    for _ in range(20):  # pages while the refresh is held: the old values, one refresh
        assert shared([1, 2], None) == {1: (1, 0), 2: (2, 0)}
    assert len(rates.calls) == 2
    rates.gate.set()
    shared.refresh().wait(5)
    assert shared([1], None) == {1: (1, 1)} and shared.batches == 2


def test_a_meter_opened_since_the_batch_is_computed_alone():
    rates, clock = Rates(), Clock()
    shared = SharedRates(lambda: [1, 2], rates, ttl_s=60, clock=clock)
    assert shared([7, 1], None) == {7: (7, 0), 1: (1, 0)}
    assert rates.calls == [[1, 2], [7]]
    assert shared([7], None) == {7: (7, 0)} and len(rates.calls) == 2  # kept with the rest


@pytest.mark.allow_log_warnings
def test_a_failed_batch_keeps_the_old_book_and_a_later_page_retries():
    rates, clock = Rates(), Clock()
    fail = {"now": False}

    def opened():
        if fail["now"]:
            raise OSError("disk gone")
        return [1]

    shared = SharedRates(opened, rates, ttl_s=60, clock=clock)
    assert shared([1], None) == {1: (1, 0)}
    fail["now"], clock.now = True, 100.0
    shared.refresh().wait(5)
    assert shared([1], None) == {1: (1, 0)}  # the old value, not an error page
    shared.refresh().wait(5)  # the refresh that page started (failing too) is over
    fail["now"] = False
    shared.refresh().wait(5)
    assert shared.batches == 2
