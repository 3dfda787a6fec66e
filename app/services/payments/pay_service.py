"""The payment service (issue #16): one loop per site, in the serving process holding "pay".

Every ``TICK_S`` it renews its ``ServiceLease`` and moves on the open orders
that are due (``orders.due``): unpaid ones are queried and closed when old,
paid ones are credited (the sale is submitted to the meter's bus worker and
its future kept, so many buses credit at once and the loop never waits on a
meter), refunds are asked. Notices arrive through the portal
(``orders.on_notice``) and make an order due at once.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future

from app import settings
from app.models.db import in_own_connection
from app.models.payments import OrderState, PayOrder
from app.models.site import utcnow
from app.services import service_lease
from app.services.payments import crediting, orders

log = logging.getLogger(__name__)

LEASE = "pay"
TICK_S = 0.5


class PayService:
    def __init__(self, site, tick_s: float = TICK_S) -> None:
        self.site = site
        self.tick_s = tick_s
        self.credits: dict[int, Future] = {}  # order id -> the sale submitted for it
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="pem-pay", daemon=True)
        self._renewed = 0.0

    def start(self) -> PayService:
        self._thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self._thread.ident is not None:
            self._thread.join(timeout)
        try:
            in_own_connection(service_lease.release, LEASE)
        except Exception:  # the lease lapses by itself
            log.exception("payment service: releasing the lease failed")

    def _loop(self) -> None:
        while not self._stop.wait(self.tick_s):
            try:
                in_own_connection(self.tick)
            except Exception:
                log.exception("payment service: a tick failed")

    def tick(self) -> int:
        """Hold the lease; collect finished sales; move the due orders. Returns how many moved."""
        if not service_lease.try_acquire(LEASE, self.site.role):
            return 0
        for order_id, future in list(self.credits.items()):
            if future.done():
                del self.credits[order_id]
                crediting.credit_outcome(order_id, future)
        moved = 0
        for order in orders.due(utcnow()):
            if order.id in self.credits or self._stop.is_set():
                continue
            try:
                self.step(order)
            except Exception:
                log.exception("payment service: order %s", order.order_no)
                crediting.later(order)
            moved += 1
        return moved

    def step(self, order: PayOrder) -> None:
        if order.state in (OrderState.CREATED, OrderState.PAYING):
            orders.unpaid_step(order)
        elif order.state in (OrderState.PAID, OrderState.CREDITING):
            future = crediting.credit_step(order, self.site)
            if future is not None:
                self.credits[order.id] = future
        elif order.state == OrderState.REFUND_PENDING:
            crediting.refund_step(order)


def start(site) -> PayService | None:
    """Run the payment service in this process (None while online purchase is off)."""
    if not settings.get("pay.enabled"):
        return None
    return PayService(site).start()
