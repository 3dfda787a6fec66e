"""Remote relay commands on one meter: trip, close, keep power on, restore prepaid.

The command goes through the meter's profile, which confirms it from the
status read back (the default profile by its command counter, the Acrel
meters by their relay bits); a meter whose family cannot do the command is
refused before any frame is sent. Every attempt is one system-log row with
the operator and the outcome. Batches, confirmations naming tenants and
scheduling come with remote control proper (issue #12); this is the one-meter
path a technician needs now.
"""

from __future__ import annotations

import time
from concurrent.futures import Future

from app.errors import PemError
from app.models import Account
from app.models.txn import write_txn
from app.serial_io.commands import RelayCommand
from app.serial_io.events import Priority
from app.serial_io.meter_data import MeterStatus
from app.serial_io.poll_store import store_status
from app.services import jobs
from app.services.audit import log_action
from app.services.billing import meter_target
from app.services.permissions import Actor, Permission, require

ACTIONS = {
    RelayCommand.TRIP: "relay.trip",
    RelayCommand.CLOSE: "relay.close",
    RelayCommand.KEEP_POWER_ON: "relay.keep_power_on",
    RelayCommand.KEEP_POWER_OFF: "relay.keep_power_off",
    RelayCommand.PREPAID_ON: "relay.prepaid_on",
    RelayCommand.PREPAID_OFF: "relay.prepaid_off",
}


def _relay(link, actor: Actor, meter_id: int, command: str) -> MeterStatus:
    relay = RelayCommand[command]
    ref = link.meter(meter_id)
    action = ACTIONS[relay]
    try:
        profile = link.profile(ref)
        profile.require_relay(relay)
        status = link.read_status(ref)  # the frame's epoch, clock and counter come from it
        # An operator's command (one meter or a batch) overrides the tenant's own switch, and
        # before the command goes out: a trip whose confirmation is lost may still have opened
        # the relay, and a tenant can never undo the site's trip (tenant_rules.on_refusal).
        _take_back_from_tenant(meter_id)
        after = profile.relay(link.bus, ref, link.keys(ref), relay, status)
        link.publish(ref, after)  # the confirming read, as a poll: no extra transaction
    except PemError as exc:
        log_action(actor, action, meter_target(meter_id), "failed", exc.message)
        raise
    with write_txn():
        store_status(meter_id, after, time.time())  # shown at once, not at the next flush
        log_action(actor, action, meter_target(meter_id), "ok")
    return after


def _take_back_from_tenant(meter_id: int) -> None:
    with write_txn():
        Account.update(tenant_off_at=None).where(
            (Account.meter == meter_id) & Account.tenant_off_at.is_null(False)
        ).execute()


def submit_relay(worker, actor: Actor, meter_id: int, command: RelayCommand) -> Future:
    """Send ``command`` to one meter through its bus owner; a Future of the status read back."""
    require(actor, Permission.CONTROL)
    job = jobs.make("relay", actor=actor, meter_id=meter_id, command=command.name)
    return worker.submit(job, Priority.OPERATOR, f"{ACTIONS[command]} meter {meter_id}")


jobs.register("relay", _relay, *jobs.dataclass_codec(MeterStatus))
