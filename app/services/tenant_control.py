"""A tenant's own actions on their meters: a live balance read, power off and back on
(issue #15). SKELETON: helper T1 implements; the kiosk (T2) and the portal (T3) call these.

They go to the bus owner as operator-lane work (``site.worker_for(meter_id)``,
a ``BusWorker`` or a ``RemoteBus`` handing a job row to the owning process)
and return a ``Future``; nothing waits for the bus on a request thread. The
rules: a live read at most once per ``tenant.live_read_s`` per meter; switching
only when ``tenant.self_control`` is on; off only while the relay is closed
and the account open; on only when the tenant switched it off themselves
(``Account.tenant_off_at``) and neither the site tripped it since nor is the
meter in arrears. Every action is in the system log as the tenant.
"""

from __future__ import annotations

from concurrent.futures import Future

from app.services.tenant_access import TenantActor


def refresh_balance(who: TenantActor, meter_id: int, site) -> Future | None:
    """A live re-read through the operator lane; None when the last one is too recent."""
    raise NotImplementedError


def switch_off(who: TenantActor, meter_id: int, site) -> Future:
    raise NotImplementedError


def switch_on(who: TenantActor, meter_id: int, site) -> Future:
    raise NotImplementedError
