"""One holder per site-wide service (the GSM modem, the night jobs): a ``ServiceLease`` row.

The same rules as a bus's lease (``bus_lease``): held for ``LEASE_S``, renewed
every ``RENEW_S``, taken over when it lapsed or its holder on this host is
gone. The holder keeps its last word on its state in ``status_json`` (the
modem: signal, registration, what is wrong), which any process reads.
"""

from __future__ import annotations

import datetime as dt
import json

from app.models import ServiceLease
from app.models.site import utcnow
from app.services.bus_lease import LEASE_S, OWNER, _owner_gone
from app.services.ledger import write_txn


def try_acquire(name: str, kind: str, now: dt.datetime | None = None) -> bool:
    """Take (or keep) the lease ``name``; False while another live process holds it."""
    now = now or utcnow()
    expires = now + dt.timedelta(seconds=LEASE_S)
    with write_txn():
        row = ServiceLease.get_or_none(ServiceLease.name == name)
        if (
            row is not None
            and row.owner != OWNER
            and row.expires_at > now
            and not _owner_gone(row.owner)
        ):
            return False
        mine = row is not None and row.owner == OWNER
        ServiceLease.insert(
            name=name, owner=OWNER, kind=kind, acquired_at=now, expires_at=expires, status_json=""
        ).on_conflict(
            conflict_target=[ServiceLease.name],
            update={
                ServiceLease.owner: OWNER,
                ServiceLease.kind: kind,
                ServiceLease.acquired_at: row.acquired_at if mine else now,
                ServiceLease.expires_at: expires,
                ServiceLease.status_json: row.status_json if mine else "",
            },
        ).execute()
    return True


def renew(name: str, status: dict | None = None, now: dt.datetime | None = None) -> bool:
    """Extend our lease (and keep ``status``); False when it is no longer ours."""
    now = now or utcnow()
    fields = {ServiceLease.expires_at: now + dt.timedelta(seconds=LEASE_S)}
    if status is not None:
        fields[ServiceLease.status_json] = json.dumps(status, ensure_ascii=False)
    with write_txn():
        n = (
            ServiceLease.update(fields)
            .where((ServiceLease.name == name) & (ServiceLease.owner == OWNER))
            .execute()
        )
    return n == 1


def release(name: str) -> None:
    with write_txn():
        ServiceLease.delete().where(
            (ServiceLease.name == name) & (ServiceLease.owner == OWNER)
        ).execute()


def holder(name: str, now: dt.datetime | None = None) -> ServiceLease | None:
    """The live lease ``name`` (None when nobody holds it now)."""
    now = now or utcnow()
    row = ServiceLease.get_or_none(ServiceLease.name == name)
    if row is None or row.expires_at <= now or _owner_gone(row.owner):
        return None
    return row


def status_of(name: str) -> dict | None:
    """The holder's last status (None: nobody runs the service, or it said nothing yet)."""
    row = holder(name)
    if row is None or not row.status_json:
        return None
    try:
        return json.loads(row.status_json)
    except ValueError:
        return None
