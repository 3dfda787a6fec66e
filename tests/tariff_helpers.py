"""A mixed in-process site for tariff and download tests, and a stand-in batch runner.

One bus: our default meter (D1), an Acrel DDSY1352 (A2), circuit 3 of an
ADF400L (F4-3) and an ADL400 (L5), as tests/test_profiles_e2e.py builds them.
``FakeBatches`` stands where ``app.services.batches`` will be: ``start`` runs
the named job kind on each meter at once through the fake worker's link, so
"assign queues a batch" is exercised through the real job functions.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from app.models import Building, Bus, Meter
from app.serial_io.events import MeterRef
from app.serial_io.meter_data import MeterIdentity
from app.serial_io.simulator.bus import SimBus
from app.serial_io.simulator.load import LoadProfile
from app.serial_io.simulator.meter import SimMeter
from app.serial_io.simulator.personalities import adf400l, adl400, ddsy1352
from app.serial_io.site_keys import SiteKeys
from app.services import jobs
from app.services.tariffs import Span, TariffDraft
from tests.billing_helpers import FakeLink, FakeWorker, SimRegisterBus

ACREL_KEY = bytes(range(16, 32))
QUIET = LoadProfile(kind="constant", base_w=0)
METERS = (  # number, profile, address, circuit
    ("D1", "default", 1, 0),
    ("A2", "acrel-ddsy1352", 2, 0),
    ("F4-3", "acrel-adf400l", 4, 3),
    ("L5", "acrel-adl400", 5, 0),
)

TOU_DRAFT = TariffDraft(
    "Shops TOU",
    "tou",
    ["1.2000", "0.9500", "0.7000", "0.3500"],
    [
        Span(0, 480, 3),
        Span(480, 660, 1),
        Span(660, 780, 0),
        Span(780, 1080, 2),
        Span(1080, 1320, 1),
        Span(1320, 1440, 3),
    ],
)
LADDER_DRAFT = TariffDraft(
    "Homes", "ladder", ["0.5500"], (), [("200", "0.0500"), ("400", "0.3000")]
)


@dataclass
class MixedSite:
    sim: SimBus
    worker: FakeWorker
    ids: dict[str, int]

    def sim_meter(self, number: str) -> SimMeter:
        _n, _p, address, circuit = next(m for m in METERS if m[0] == number)
        return self.sim.meter(address, circuit) if circuit else self.sim.meter(address)


def mixed_site(master_key: bytes) -> MixedSite:
    keys = SiteKeys(master_key, {"acrel": ACREL_KEY})
    sims = [
        SimMeter(1, MeterIdentity("SIM000000001"), load=QUIET, prepaid_mode=False),
        ddsy1352.make_meter(2, "000000000002", phases=1, load=QUIET),
        adf400l.make_device(4, "000000000004", circuits=12, loads=[QUIET] * 12),
        adl400.make_meter(5, "000000000005", load=QUIET),
    ]
    sim = SimBus(sims, keys, speed=0, start_time=1_700_000_000)
    building = Building.create(name="Tower A")
    bus_row = Bus.create(name="bus1", port="sim://bus1", parity="N", building=building)
    refs, ids = {}, {}
    for number, profile, address, circuit in METERS:
        serial = "SIM000000001" if profile == "default" else f"{address:012d}"
        m = Meter.create(
            number=number,
            bus=bus_row,
            address=address,
            circuit=circuit,
            profile=profile,
            serial=serial,
        )
        refs[m.id] = MeterRef(m.id, address, serial, profile, circuit)
        ids[number] = m.id
    worker = FakeWorker(FakeLink(SimRegisterBus(sim), refs, keys))
    return MixedSite(sim, worker, ids)


@dataclass
class FakeBatches:
    """``batches.start(actor, command, meter_ids, args) -> batch id``; runs each item now."""

    worker: FakeWorker | None = None
    started: list[tuple[str, list[int], dict]] = field(default_factory=list)
    results: dict[int, object] = field(default_factory=dict)

    def start(self, actor, command, meter_ids, args) -> int:
        self.started.append((command, list(meter_ids), dict(args)))
        if self.worker is not None:
            for meter_id in meter_ids:
                job = jobs.make(command, actor=actor, meter_id=meter_id, **args)
                self.results[meter_id] = self.worker.submit(job).exception() or job
        return len(self.started)


def install_fake_batches(monkeypatch, worker: FakeWorker | None = None) -> FakeBatches:
    import app.services

    fake = FakeBatches(worker)
    monkeypatch.setitem(sys.modules, "app.services.batches", fake)
    monkeypatch.setattr(app.services, "batches", fake, raising=False)
    return fake
