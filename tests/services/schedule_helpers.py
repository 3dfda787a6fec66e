"""A small site for schedule tests: two buildings, two buses, meters; a fake batch start."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from app.models import Building, Bus, Meter
from app.models.control import Batch, BatchItem
from app.services.schedule_times import When, to_utc
from app.services.schedules import ScheduleSpec

SHANGHAI = ZoneInfo("Asia/Shanghai")


def make_meters() -> dict[str, list[int]]:
    """Building A: bus1 meters 1-3; building B: bus2 meters 4-5 (meter 5 disabled)."""
    a, b = Building.create(name="A"), Building.create(name="B")
    bus1 = Bus.create(name="bus1", port="sim://1", building=a)
    bus2 = Bus.create(name="bus2", port="sim://2", building=b)
    ids = {"A": [], "B": [], "bus1": bus1.id, "bus2": bus2.id, "a": a.id, "b": b.id}
    for i in range(1, 6):
        bus, building = (bus1, a) if i <= 3 else (bus2, b)
        m = Meter.create(number=f"M{i:03d}", bus=bus, address=i, building=building, enabled=i != 5)
        ids["A" if i <= 3 else "B"].append(m.id)
    return ids


class FakeBatches:
    """Stands for ``batches.start``: records each call and makes a Batch with its items."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, tuple[int, ...], dict]] = []

    def __call__(self, actor, command: str, meter_ids: list[int], args: dict) -> int:
        self.calls.append((actor.name, command, tuple(meter_ids), dict(args)))
        batch = Batch.create(command=command, created_by=actor.name)
        for i, mid in enumerate(meter_ids):
            BatchItem.create(batch=batch, meter=mid, state="failed" if i == 0 else "ok")
        return batch.id


class Clock:
    """A fake UTC clock set in Shanghai local time."""

    def __init__(self, *local_args) -> None:
        self.now = to_utc(dt.datetime(*local_args), SHANGHAI)

    def set(self, *local_args) -> None:
        self.now = to_utc(dt.datetime(*local_args), SHANGHAI)

    def __call__(self) -> dt.datetime:
        return self.now


def weekend_spec(holidays=(), selection=None) -> ScheduleSpec:
    return ScheduleSpec(
        name="weekend power",
        command="keep_power_on",
        selection=selection or {"all": True},
        when=When(
            "window",
            start=(4, dt.time(18, 0)),
            end=(0, dt.time(8, 0)),
            holidays=tuple(holidays),
            end_command="keep_power_off",
        ),
    )
