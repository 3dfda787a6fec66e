"""Simulator fixtures other tests reuse.

Context managers (work anywhere)::

    with running_pty_sim(master_key, addresses=range(1, 6)) as sim:
        sim.port      # pty path to open (parity N: ptys refuse even parity)
        sim.bus       # the SimBus: sim.bus.meter(3).balance, sim.bus.faults.dead.add(3)

    with running_tcp_sim(master_key, n=3) as sim:
        sim.port      # "socket://127.0.0.1:PORT" for serial.serial_for_url

Pytest fixtures (import them into a test module: ``from tests.sim_helpers import
sim_pty  # noqa: F401``): ``sim_pty`` and ``sim_tcp`` give 5 meters, a manual
clock (speed 0, advance with ``sim.bus.clock.advance(s)``) and the ``master_key``
fixture's key. ``make_sim_bus`` builds a bus in-process for ``bus.handle()`` (wrap it
in ``app.serial_io.loopback.LoopbackBus`` to read it through a profile).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pytest

from app.serial_io.meter_data import MeterIdentity, MeterParams
from app.serial_io.simulator import (
    LoadProfile,
    PtyServer,
    SimBus,
    SimMeter,
    TcpServer,
    default_serial,
    make_default_meters,
    parse_faults,
)

START = 1_767_225_600  # 2026-01-01 00:00:00 UTC: tests use utc_offset 0


@dataclass
class RunningSim:
    port: str
    bus: SimBus
    server: PtyServer | TcpServer


def simple_meters(
    addresses: Iterable[int],
    balance: int = 10_000,
    power_w: int = 1000,
    price: int = 10_000,
    prepaid: bool = True,
) -> list[SimMeter]:
    """Identical 1-phase meters with a constant load and a flat price (predictable sums)."""
    return [
        SimMeter(
            a,
            MeterIdentity(default_serial(a), model=1, phases=1, firmware=0x0102),
            load=LoadProfile("constant", base_w=power_w, peak_w=0, seed=a),
            params=MeterParams(prices=(price,) * 4),
            balance=balance,
            prepaid_mode=prepaid,
            utc_offset=0,
        )
        for a in addresses
    ]


def make_sim_bus(
    master_key: bytes,
    addresses: Iterable[int] = range(1, 6),
    meters: list[SimMeter] | None = None,
    speed: float = 0.0,
    start_time: float | None = START,
    faults: str | None = None,
    realistic: bool = False,
    **kwargs,
) -> SimBus:
    """A SimBus; ``realistic`` uses the varied default site instead of simple meters."""
    if meters is None:
        addrs = list(addresses)
        meters = make_default_meters(addrs, utc_offset=0) if realistic else simple_meters(addrs)
    return SimBus(
        meters, master_key, speed=speed, start_time=start_time, faults=parse_faults(faults),
        **kwargs,
    )  # fmt: skip


@contextlib.contextmanager
def running_pty_sim(
    master_key: bytes, n: int = 5, link=None, pace=False, addresses=None, **kwargs
) -> Iterator[RunningSim]:
    """A simulator on a pseudo-terminal (meters 1..n, or ``addresses``); yields RunningSim."""
    bus = make_sim_bus(master_key, addresses=addresses or range(1, n + 1), **kwargs)
    server = PtyServer(bus, link=link, pace=pace)
    server.start()
    try:
        yield RunningSim(str(link) if link else server.port, bus, server)
    finally:
        server.stop()


@contextlib.contextmanager
def running_tcp_sim(
    master_key: bytes, n: int = 5, pace=False, addresses=None, **kwargs
) -> Iterator[RunningSim]:
    """A simulator behind a TCP port (a transparent gateway); port is a socket:// URL."""
    bus = make_sim_bus(master_key, addresses=addresses or range(1, n + 1), **kwargs)
    server = TcpServer(bus, port=0, pace=pace)
    server.start()
    try:
        yield RunningSim(server.url, bus, server)
    finally:
        server.stop()


@pytest.fixture
def sim_pty(master_key) -> Iterator[RunningSim]:
    with running_pty_sim(master_key) as sim:
        yield sim


@pytest.fixture
def sim_tcp(master_key) -> Iterator[RunningSim]:
    with running_tcp_sim(master_key) as sim:
        yield sim
