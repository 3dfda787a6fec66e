"""One holder per site-wide service (the GSM modem, the night jobs), across processes.

``BusLease`` for what is not a bus: a ``ServiceLease`` row named for the
service, held for ``LEASE_S`` and renewed while its holder lives, taken over
when it lapses or its holder (a process on this host) is gone. ``status_json``
is the holder's last word on its state (the modem: signal, registration, what
is wrong; the night jobs: when they last ran); releasing keeps the row,
expired, so that word stays readable.
"""

from __future__ import annotations

import datetime as dt
import json

from app.models import ServiceLease
from app.models.site import site_now
from app.services.bus_lease import LEASE_S, OWNER, _owner_gone
from app.services.ledger import write_txn


def try_acquire(name: str, kind: str, now: dt.datetime | None = None) -> bool:
    """Take (or keep) the lease ``name``; False while another live process holds it."""
    now = now or site_now()
    expires = now + dt.timedelta(seconds=LEASE_S)
    with write_txn():
        row = ServiceLease.get_or_none(ServiceLease.name == name)
        if row is None:
            ServiceLease.create(
                name=name, owner=OWNER, kind=kind, acquired_at=now, expires_at=expires
            )
            return True
        if row.owner != OWNER and row.expires_at > now and not _owner_gone(row.owner):
            return False
        acquired = row.acquired_at if row.owner == OWNER else now
        ServiceLease.update(owner=OWNER, kind=kind, acquired_at=acquired, expires_at=expires).where(
            ServiceLease.name == name
        ).execute()
    return True


def renew(name: str, status: dict | None = None, now: dt.datetime | None = None) -> bool:
    """Extend our lease (and replace its status); False when it is no longer ours."""
    now = now or site_now()
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


def release(name: str, now: dt.datetime | None = None) -> None:
    """Give the lease up at once; the row (and its status) stays."""
    with write_txn():
        ServiceLease.update(expires_at=now or site_now()).where(
            (ServiceLease.name == name) & (ServiceLease.owner == OWNER)
        ).execute()


def holder(name: str, now: dt.datetime | None = None) -> ServiceLease | None:
    """The live lease ``name`` (None when nobody holds it now)."""
    now = now or site_now()
    row = ServiceLease.get_or_none(ServiceLease.name == name)
    if row is None or row.expires_at <= now or _owner_gone(row.owner):
        return None
    return row


def _parsed(row: ServiceLease | None) -> dict:
    if row is None or not row.status_json:
        return {}
    try:
        value = json.loads(row.status_json)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def status(name: str) -> dict:
    """The last status written, held now or not (an empty dict when none was written)."""
    return _parsed(ServiceLease.get_or_none(ServiceLease.name == name))


def status_of(name: str) -> dict | None:
    """The status of a service running now (None: nobody runs it, or it said nothing yet)."""
    return _parsed(holder(name)) or None


def update_status(name: str, **fields) -> dict:
    """Merge ``fields`` into the status of the lease we hold; returns the new status."""
    with write_txn():
        merged = {**status(name), **fields}
        ServiceLease.update(status_json=json.dumps(merged, ensure_ascii=False)).where(
            (ServiceLease.name == name) & (ServiceLease.owner == OWNER)
        ).execute()
    return merged
