"""A tenant's own actions on their meters: a live balance read, power off and back on
(issue #15). The kiosk (T2) and the portal (T3) call these.

They go to the bus owner as operator-lane work (``site.worker_for(meter_id)``,
a ``BusWorker`` or a ``RemoteBus`` handing a job row to the owning process)
and return a ``Future``; nothing waits for the bus on a request thread. The
rules: a live read at most once per ``tenant.live_read_s`` per meter; switching
only when ``tenant.self_control`` is on; off only while the relay is closed
and the account open; on only when the tenant switched it off themselves
(``Account.tenant_off_at``) and neither the site tripped it since nor is the
meter in arrears (``tenant_rules``). The rules are asked twice: here, from the
store, to refuse at once; and in the bus owner, on the status read right before
the command, so a trip or a sale in between is seen. Every switch is in the
system log as the tenant.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future

from app import settings
from app.errors import PemError, PermissionDenied
from app.messages import Message
from app.models import Account
from app.models.site import MeterState, utcnow
from app.models.txn import write_txn
from app.serial_io.commands import RelayCommand
from app.serial_io.events import Priority
from app.serial_io.meter_data import MeterStatus
from app.serial_io.poll_store import load_status, store_status
from app.services import jobs, tenant_rules
from app.services.audit import log_action
from app.services.billing import meter_target
from app.services.tenant_access import TenantActor, log_as
from app.services.tenant_view import READ_ONLY, own_account, service_state

_last_read: dict[int, float] = {}  # meter id -> monotonic time of its last live read
_read_lock = threading.Lock()


class SwitchRefused(PermissionDenied):
    """The tenant may not switch this meter now; the message says why."""


def _refused(message: Message) -> SwitchRefused:
    return SwitchRefused(message.template, **message.params)


def refresh_balance(who: TenantActor, meter_id: int, site) -> Future | None:
    """A live re-read through the operator lane; None when the last one is too recent.

    Refused while no collection service serves the buses (read only); logged as the tenant.
    """
    own_account(who, meter_id)
    if not service_state().live:
        refusal = Message(READ_ONLY)
        log_action(log_as(who), "tenant.read", meter_target(meter_id), "refused", refusal)
        raise _refused(refusal)
    every = settings.get("tenant.live_read_s")
    now = time.monotonic()
    with _read_lock:
        last = _last_read.get(meter_id)
        if last is not None and now - last < every:
            return None
        _last_read[meter_id] = now
    log_action(log_as(who), "tenant.read", meter_target(meter_id), "ok")
    return site.worker_for(meter_id).poll_now(meter_id)


def _check_here(who: TenantActor, meter_id: int, on: bool) -> None:
    account = own_account(who, meter_id)
    if not service_state().live:
        raise _refused(Message(READ_ONLY))
    state = MeterState.get_or_none(MeterState.meter == meter_id)
    status = load_status(state.status_json) if state is not None else None
    rule = tenant_rules.on_refusal if on else tenant_rules.off_refusal
    refusal = rule(account, account.meter.profile, status, bool(state and state.online))
    if refusal is not None:
        action = "tenant.power_on" if on else "tenant.power_off"
        log_action(log_as(who), action, meter_target(meter_id), "refused", refusal)
        raise _refused(refusal)


def _submit(who: TenantActor, meter_id: int, site, on: bool) -> Future:
    _check_here(who, meter_id, on)
    job = jobs.make(
        "tenant_relay",
        tenant_id=who.tenant_id,
        account_no=who.account_no,
        meter_id=meter_id,
        on=on,
    )
    label = f"tenant {who.account_no} power {'on' if on else 'off'} meter {meter_id}"
    return site.worker_for(meter_id).submit(job, Priority.OPERATOR, label)


def switch_off(who: TenantActor, meter_id: int, site) -> Future:
    """Switch the tenant's own meter off (a Future of the status read back)."""
    return _submit(who, meter_id, site, on=False)


def switch_on(who: TenantActor, meter_id: int, site) -> Future:
    """Switch it back on: only after they switched it off themselves (a Future, as above)."""
    return _submit(who, meter_id, site, on=True)


def _tenant_relay(link, tenant_id: int, account_no: str, meter_id: int, on: bool) -> MeterStatus:
    """In the bus owner: ask the rules again on a fresh status, switch, mark the account."""
    who = TenantActor(tenant_id, account_no, "")
    action = "tenant.power_on" if on else "tenant.power_off"
    target = meter_target(meter_id)
    try:
        account = own_account(who, meter_id)
        ref = link.meter(meter_id)
        profile = link.profile(ref)
        status = link.read_status(ref)
        rule = tenant_rules.on_refusal if on else tenant_rules.off_refusal
        refusal = rule(account, account.meter.profile, status, True)
        if refusal is not None:
            raise _refused(refusal)
        command = RelayCommand.CLOSE if on else RelayCommand.TRIP
        after = profile.relay(link.bus, ref, link.keys(ref), command, status)
        link.publish(ref, after)
    except PemError as exc:
        log_action(log_as(who), action, target, "refused", exc.message)
        raise
    with write_txn():
        store_status(meter_id, after, time.time())  # the page after shows it, not the old state
        Account.update(tenant_off_at=None if on else utcnow()).where(
            Account.id == account.id
        ).execute()
        log_action(log_as(who), action, target, "ok")
    return after


jobs.register("tenant_relay", _tenant_relay, *jobs.dataclass_codec(MeterStatus))
