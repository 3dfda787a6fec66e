"""A real tenant service behind the mobile site for its tests: simulated meters, one account,
30 days of daily totals, and a stand-in collection service that keeps the store fresh."""

from __future__ import annotations

import datetime as dt
import threading

from app.models import Account
from app.models.reports import DailyTotal
from app.models.site import utcnow
from app.services.accounts import TenantInfo, open_account
from app.services.reports.period import local_day
from tests.billing_helpers import ADMIN, make_env
from tests.tenant_helpers import serve

PIN = "2468"
NAME = "张记面馆 <b>&</b>"


def tenant_env(master_key):
    """The billing kit's site with one open account (¥86.40 bought) and its usage history."""
    env = make_env(master_key, n_meters=1)
    (mid,) = env.meter_ids
    info = TenantInfo(NAME, shop="A-12号铺", pin=PIN)
    _tenant, outcomes = open_account(env.worker_for, ADMIN, info, [mid], first_sale_fen=8640)
    assert outcomes[mid].state == "confirmed"
    today = local_day(utcnow())
    counter = 100_000
    for back in range(29, 0, -1):
        if back == 9:
            continue  # a day without readings: a gap in the chart
        used = 900 + (back * 137) % 700
        DailyTotal.create(
            meter=mid, day=today - dt.timedelta(days=back), energy_total=used,
            energy_sharp=0, energy_peak=used // 3, energy_flat=used // 3,
            energy_valley=used - 2 * (used // 3), cost=used * 8 // 10,
            first_energy=counter, last_energy=counter + used, balance_end=None, readings=96,
        )  # fmt: skip
        counter += used
    serve(env)
    return env, Account.active_for(mid).tenant.account_no


class Collector:
    """Refreshes the meters' state in the store as the collection service's polls would."""

    def __init__(self, env, every_s: float = 0.2) -> None:
        self._env, self._every = env, every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Collector:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.wait(self._every):
            serve(self._env)
