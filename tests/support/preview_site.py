"""A site held in memory: for GUI tests, the grid benchmark and screenshots.

It has what ``MainWindow`` asks of a real ``Site`` (``grid_rows``,
``bus_configs``, ``signals``, ``request_poll``, ``stop``) and builds varied
meters: every state and every mark appears, so a screenshot shows them all.
"""

from __future__ import annotations

import random
from concurrent.futures import Future
from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from app.errors import TIMEOUT
from app.messages import Message
from app.serial_io.events import BusConfig, MeterUpdate
from app.serial_io.meter_data import CommStats, MeterStatus
from app.services.grid_data import GridRow

TENANTS = (
    "Golden Tea House",
    "Li Ming Noodles",
    "Sunrise Pharmacy",
    "Blue Sky Books",
    "张记饺子馆",
    "Happy Kids Toys",
    "北京烤鸭店",
    "Fresh Fruit Corner",
    "City Phone Repair",
    "Lotus Flower Shop",
)


class GridSignals(QObject):
    """The two signals of ``qt_bridge.BusSignals`` (what the main window listens to)."""

    meterUpdated = Signal(object)
    busUpdated = Signal(object)


class PreviewSite:
    def __init__(self, rows: list[GridRow], buses: list[BusConfig]) -> None:
        self.rows = rows
        self.buses = buses
        self.signals = GridSignals()
        self.poll_requests: list[tuple[int, Future]] = []
        self.stopped = False

    def grid_rows(self) -> list[GridRow]:
        return list(self.rows)

    def bus_configs(self) -> list[BusConfig]:
        return list(self.buses)

    def request_poll(self, meter_id: int) -> Future:
        """A future the test (or a timer) completes, like a bus worker would."""
        future: Future = Future()
        future.set_running_or_notify_cancel()
        self.poll_requests.append((meter_id, future))
        return future

    def worker_for(self, meter_id: int):
        from app.errors import ConfigError

        raise ConfigError(f"meter {meter_id}: a preview site has no bus workers")

    def stop(self) -> None:
        self.stopped = True


def sample_buses(count: int) -> list[BusConfig]:
    return [BusConfig(i + 1, f"Bus {i + 1}", f"/dev/ttyUSB{i}") for i in range(count)]


def sample_status(i: int, tick: int = 0) -> tuple[MeterStatus, bool]:
    """A status (and online flag) whose state depends on ``i`` and moves with ``tick``."""
    kind = (i * 7 + tick) % 29
    if kind < 19:
        balance = 3000 + (i * 997 + tick * 13) % 250_000
    elif kind < 22:
        balance = 501 + (i * 31 + tick) % 1499  # alarm 1
    elif kind < 25:
        balance = 1 + (i * 17 + tick) % 499  # alarm 2
    else:
        balance = -((i * 11 + tick) % 3000)  # arrears
    online = (i + tick // 5) % 31 != 3
    status = MeterStatus(
        energy_total=100_000 + i * 37 + tick * 3,
        energy_peak=40_000 + i * 11,
        energy_flat=50_000 + i * 19,
        energy_valley=10_000 + i * 7,
        balance=balance,
        purchase_count=1 + i % 40,
        total_purchased=500_000 + i * 100,
        relay_open=balance <= 0 or i % 41 == 7 or i % 53 == 11,
        prepaid_mode=True,
        keep_power=i % 37 == 5,
        forced_trip=i % 41 == 7,
        alarm1=0 < balance <= 2000,
        alarm2=0 < balance <= 500,
        arrears=balance <= 0,
        overload_trip=i % 53 == 11,
        voltage_a=2200 + i % 40,
        current_a=100 + (i * 13 + tick) % 3000,
        power=(i * 131 + tick * 7) % 9000,
        power_factor=950,
        frequency=5000,
        rate=i % 4,
        price=6500,
        clock=1_700_000_000 + tick,
    )
    return status, online


def sample_rows(count: int, buses: int = 4, seed: int = 1) -> list[GridRow]:
    rng = random.Random(seed)
    rows = []
    per_bus = max(1, -(-count // buses))
    for i in range(count):
        status, online = sample_status(i)
        bus = i // per_bus + 1
        unopened = i % 17 == 13
        rows.append(
            GridRow(
                meter_id=i + 1,
                number=f"M{i + 1:03d}" if count < 1000 else f"M{i + 1:04d}",
                bus_id=bus,
                bus_name=f"Bus {bus}",
                building="Mall A" if bus % 2 else "Mall B",
                location=f"{1 + i // 40}F-{i % 40 + 1:02d}",
                address=i % per_bus + 1,
                tenant=None if unopened else rng.choice(TENANTS),
                alarm1=2000,
                alarm2=500,
                status=status,
                online=online,
                stats=CommStats(answers=100 + i, last_response_ms=30.0 + i % 20),
                updated_at=1_700_000_000.0,
                serial=f"{i + 1:012d}",
            )
        )
    return rows


def sample_update(row: GridRow, tick: int, at: float) -> MeterUpdate:
    index = row.meter_id - 1
    status, online = sample_status(index, tick)
    misses = 0 if online else 3
    stats = CommStats(
        answers=100 + index + tick,
        timeouts=misses,
        last_response_ms=None if not online else 30.0 + (index + tick) % 20,
        consecutive_misses=misses,
        last_error=None if online else Message(TIMEOUT),
    )
    return MeterUpdate(
        bus_id=row.bus_id,
        meter_id=row.meter_id,
        address=row.address,
        online=online,
        status=status if online else None,
        stats=stats,
        at=at,
        error=None if online else Message(TIMEOUT),
    )


def grid_row(meter_id: int, **overrides) -> GridRow:
    """One opened, online, normal meter; override any field (tests, previews)."""
    values = {
        "meter_id": meter_id,
        "number": f"M{meter_id:03d}",
        "bus_id": 1,
        "bus_name": "Bus 1",
        "building": "Mall A",
        "location": f"1F-{meter_id:02d}",
        "address": meter_id,
        "tenant": f"Tenant {meter_id}",
        "alarm1": 2000,
        "alarm2": 500,
        "status": MeterStatus(balance=50_000, prepaid_mode=True),
        "online": True,
        "stats": CommStats(answers=10, last_response_ms=25.0),
        "updated_at": 1_700_000_000.0,
    }
    values.update(overrides)
    return GridRow(**values)


def meter_update(row: GridRow, at: float = 1_700_000_100.0, **status_changes) -> MeterUpdate:
    """An answered poll of ``row`` with some status fields changed."""
    base = row.status or MeterStatus()
    status = replace(base, **status_changes)
    return MeterUpdate(
        bus_id=row.bus_id,
        meter_id=row.meter_id,
        address=row.address,
        online=True,
        status=status,
        stats=CommStats(answers=row.stats.answers + 1, last_response_ms=20.0),
        at=at,
    )


def missed_update(row: GridRow, at: float = 1_700_000_100.0, misses: int = 3) -> MeterUpdate:
    """A poll without answer; offline once ``misses`` reaches the offline threshold."""
    return MeterUpdate(
        bus_id=row.bus_id,
        meter_id=row.meter_id,
        address=row.address,
        online=misses < 3,
        status=None,
        stats=CommStats(
            answers=row.stats.answers,
            timeouts=misses,
            consecutive_misses=misses,
            last_error=Message(TIMEOUT),
        ),
        at=at,
        error=Message(TIMEOUT),
    )
