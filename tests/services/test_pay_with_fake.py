"""The whole way with the WeChat Pay client and its local fake: order, pay, notice, credit, once."""

from __future__ import annotations

import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest

from app import settings
from app.models import LedgerEntry
from app.models.db import in_own_connection
from app.models.payments import OrderState, PayEvent, PayOrder
from app.services.payments import orders, registry
from app.services.payments.fakes.wechat_fake import WechatFake
from app.services.payments.pay_service import PayService
from tests.billing_helpers import make_env, open_meter
from tests.waiting import wait_for


class Portal:
    """Stands in for the portal's notify route: hands each POST to ``orders.on_notice``."""

    def __init__(self) -> None:
        self.replies: list[int] = []
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                name = self.path.rsplit("/", 1)[-1]
                reply = in_own_connection(orders.on_notice, name, dict(self.headers.items()), body)
                portal.replies.append(reply.status)
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def world(database, master_key):
    fake = WechatFake().start()
    portal = Portal()
    env = make_env(master_key)
    tenant, _ = open_meter(env, env.meter_ids[0])
    settings.put("pay.enabled", True)
    settings.put("pay.notify_base", portal.url)
    registry.set_credentials_loader(lambda name: fake.credentials() if name == "wechat" else None)
    site = SimpleNamespace(role="gui", worker_for=env.worker_for)
    yield SimpleNamespace(fake=fake, portal=portal, env=env, tenant=tenant, site=site)
    registry.set_credentials_loader(None)
    portal.close()
    fake.stop()


def test_paid_on_the_fake_credited_once_even_with_a_duplicate_notice(world):
    meter = world.env.meter_ids[0]
    order = orders.place_order(world.tenant.id, meter, 5000, "wechat", "kiosk")
    assert order.checkout.startswith(world.fake.base_url)
    world.fake.fail("duplicate")
    with urllib.request.urlopen(order.checkout, data=b"") as page:  # the fake's "Pay" button
        assert "Paid" in page.read().decode()
    wait_for(lambda: len(world.portal.replies) >= 2, timeout=10, what="the notices")
    assert PayOrder.get_by_id(order.id).state == OrderState.PAID
    service = PayService(world.site)
    for _ in range(3):
        service.tick()
    done = PayOrder.get_by_id(order.id)
    assert done.state == OrderState.CREDITED
    assert LedgerEntry.select().where(LedgerEntry.reason == order.order_no).count() == 1
    assert world.env.status(meter).balance == 5000
    outcomes = [e.outcome for e in PayEvent.select().where(PayEvent.kind == "notify")]
    assert outcomes[0] == "paid" and set(outcomes[1:]) == {"duplicate"}
