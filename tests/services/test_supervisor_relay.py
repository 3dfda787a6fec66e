"""A window whose buses another process owns shows the stored state with its true age."""

from __future__ import annotations

import time

import pytest

from app.models import Building, Bus, Meter, MeterState
from app.models.site import utcnow
from app.services.bus_supervisor import BusSupervisor

BOTH_DATABASES = True


class _Listener:
    def __init__(self) -> None:
        self.updates, self.buses = [], []

    def meter_updated(self, update) -> None:
        self.updates.append(update)

    def bus_updated(self, update) -> None:
        self.buses.append(update)


class _Site:
    """The part of a site the supervisor's relay reads: one bus owned elsewhere."""

    def __init__(self, bus_id: int) -> None:
        self.listener = _Listener()
        self._bus_id = bus_id

    def remote_bus_ids(self) -> list[int]:
        return [self._bus_id]

    def bus_name(self, bus_id: int) -> str:
        return "bus1"


@pytest.fixture
def in_shanghai(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()  # TZ as it was
    time.tzset()


def test_a_state_stored_just_now_is_relayed_as_just_now_in_a_zone_east_of_utc(
    database, in_shanghai
):
    bus = Bus.create(name="bus1", port="socket://127.0.0.1:9", building=Building.create(name="B"))
    meter = Meter.create(number="M001", bus=bus, address=1)
    MeterState.create(meter=meter, online=True, answers=3, status_json="", updated_at=utcnow())
    site = _Site(bus.id)
    BusSupervisor(site)._relay_store()
    (update,) = site.listener.updates
    assert abs(update.at - time.time()) < 60  # not 8 hours old
