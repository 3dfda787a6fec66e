"""Benchmark: online purchases credited while the bus keeps polling (issue #16).

247 simulated meters behind a TCP server paced at 9600 baud (8N1, 30 ms
turnaround), polled continuously by the real bus worker; TENANTS of them
(default 100) each buy credit once at a random moment within WINDOW seconds
(default 60): the order is placed through the real WeChat Pay client with the
local fake (signed requests), paid on the fake, whose signed, AES-256-GCM
encrypted notification goes over HTTP to the real portal's ``/pay/notify/wechat``;
the payment service (its own thread, as in the serving process) credits each
through the ordinary sale path. Measured per order: from the moment the fake
sends the notification to the order's ``credited_at``. Target: every one within
5 s. Run: ``python bench/pay.py [TENANTS] [WINDOW]``.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import settings
from app.models import Building, Bus, Meter, open_database
from app.models.payments import OrderState, PayOrder
from app.models.site import utcnow
from app.serial_io.events import BusConfig, MeterRef
from app.serial_io.meter_data import MeterIdentity
from app.serial_io.simulator.bus import SimBus
from app.serial_io.simulator.load import LoadProfile
from app.serial_io.simulator.meter import SimMeter
from app.serial_io.simulator.server import TcpServer
from app.serial_io.worker import BusWorker
from app.services import accounts
from app.services.demo_site import free_tcp_port
from app.services.payments import credentials, orders
from app.services.payments.fakes.wechat_fake import WechatFake
from app.services.payments.pay_service import PayService
from app.services.permissions import Actor, Role
from app.web.app import create_app
from app.web.serve import Listen, PortalThread

MASTER = bytes(range(32))
ADMIN = Actor(1, "bench", Role.ADMIN)
METERS = 247
GOAL_S = 5.0


def main() -> int:
    from bench.report import result

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    tenants = int(args[0]) if args else 100
    window = float(args[1]) if len(args) > 1 else 60.0
    meters = [
        SimMeter(a, MeterIdentity(f"BEN{a:09d}"), load=LoadProfile(kind="constant", base_w=0))
        for a in range(1, METERS + 1)
    ]
    server = TcpServer(
        SimBus(meters, MASTER, speed=0), pace=True, baud=9600, parity="N", turnaround_ms=30
    )
    server.start()
    fake = WechatFake().start()
    with tempfile.TemporaryDirectory() as tmp:
        open_database(Path(tmp) / "bench.db", create=True)
        from app.services.chain_rekey import open_chains

        key_file = Path(tmp) / "master.key"
        open_chains(MASTER, key_file)
        bus = Bus.create(name="b1", port=server.url, parity="N", building=Building.create(name="B"))
        ids = [Meter.create(number=f"M{a:03d}", bus=bus, address=a, serial=f"BEN{a:09d}").id
               for a in range(1, METERS + 1)]  # fmt: skip
        refs = [
            MeterRef(i, a, f"BEN{a:09d}") for i, a in zip(ids, range(1, METERS + 1), strict=True)
        ]
        worker = BusWorker(
            BusConfig(1, "b1", server.url, parity="N", turnaround_ms=30), refs, MASTER
        )
        worker.start()
        where = Listen("127.0.0.1", free_tcp_port())
        portal = PortalThread(create_app(SimpleNamespace(paths=None), secret=b"k" * 32), where)
        portal.start()
        (Path(tmp) / "wechat.json").write_text(json.dumps(fake.credentials()))
        credentials.store_fake(ADMIN, MASTER, key_file, Path(tmp))
        for key, value in (
            ("pay.enabled", True),
            ("pay.providers", "wechat"),
            ("pay.notify_base", where.url.rstrip("/")),
            ("pay.max_fen", 100_000),
        ):
            settings.put(key, value)
        service = None
        try:
            t = time.perf_counter()
            buyers = []
            for meter_id in ids[:tenants]:
                tenant, _ = accounts.open_account(
                    lambda _m: worker, ADMIN, accounts.TenantInfo(f"T{meter_id}"), [meter_id],
                    timeout=60,
                )  # fmt: skip
                buyers.append((tenant.id, meter_id))
            print(f"opened {tenants} accounts in {time.perf_counter() - t:.1f} s (polling on)")
            service = PayService(SimpleNamespace(role="gui", worker_for=lambda _m: worker))
            service.start()
            rng = random.Random(16)
            sent: dict[str, dt.datetime] = {}
            lock = threading.Lock()
            errors: list[str] = []

            def buy(tenant_id: int, meter_id: int) -> None:
                try:
                    order = orders.place_order(tenant_id, meter_id, 5000, "wechat", "kiosk")
                    with lock:
                        sent[order.order_no] = utcnow()
                    fake.pay(order.order_no)  # the tenant pays: the fake notifies at once
                except Exception as exc:  # counted and said
                    errors.append(repr(exc))

            timers = [threading.Timer(rng.uniform(0, window), buy, buyer) for buyer in buyers]
            start = time.perf_counter()
            for timer in timers:
                timer.start()
            for timer in timers:
                timer.join()
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                done = PayOrder.select().where(PayOrder.state == OrderState.CREDITED).count()
                if done >= len(sent):
                    break
                time.sleep(0.5)
            print(f"{len(sent)} orders paid within {time.perf_counter() - start:.0f} s")
        finally:
            if service is not None:
                service.stop()
            portal.stop()
            worker.stop()
            server.stop()
            fake.stop()
        took = []
        states: dict[str, int] = {}
        for order in PayOrder.select():
            states[order.state] = states.get(order.state, 0) + 1
            if order.credited_at is not None and order.order_no in sent:
                took.append((order.credited_at - sent[order.order_no]).total_seconds())
    took.sort()
    print(f"states: {states}; errors: {len(errors)} {errors[:3]}")
    if not took:
        print("nothing credited")
        return 1
    p95 = took[max(0, int(len(took) * 0.95) - 1)]
    print(
        f"notification -> credited over {len(took)} orders: median "
        f"{statistics.median(took):.2f} s, p95 {p95:.2f} s, max {took[-1]:.2f} s"
    )
    met = len(took) == tenants and took[-1] < GOAL_S and not errors
    result(
        "online purchase, notification to credited",
        "every order < 5 s",
        f"{len(took)}/{tenants} credited, median {statistics.median(took):.2f} s, "
        f"max {took[-1]:.2f} s",
        met,
        f"{tenants} tenants within {window:.0f} s, {METERS} paced meters 9600 8N1 polled, "
        "WeChat client + fake over HTTP, portal notify route, pay service thread",
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
