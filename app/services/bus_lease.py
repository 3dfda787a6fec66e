"""One owner per bus, across processes: a lease row renewed while the owner lives.

The owner of a bus is the only process that opens its port and talks to its
meters (SPEC "Data and operations"): two processes on one half-duplex RS485
line garble each other, and two processes judging one meter is how a credited
sale was once settled as failed. A lease lasts ``LEASE_S`` and is renewed every
``RENEW_S``; another process takes it over when it has lapsed, or at once when
the owner was a process on this host that no longer exists (a killed window
or collector hands over in tens of milliseconds, not seconds).

On SQLite (one PC) times are each process's UTC wall clock. On PostgreSQL
(several PCs) they are the server's clock (``pg.server_now``): the PCs' own
clocks may disagree by more than a lease. A lease held on another host is taken
over only when it has expired: its process cannot be asked whether it lives.
``PEM_HOST_NAME`` overrides the host name in the owner (tests run two "PCs"
on one machine with it).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets

from app.models import BusLease
from app.models.site import HOST_NAME, site_now
from app.services.ledger import write_txn
from app.services.settlement import pid_alive

log = logging.getLogger(__name__)

LEASE_S = 8.0
RENEW_S = 2.0

HOST = HOST_NAME
OWNER = f"{HOST}:{os.getpid()}:{secrets.token_hex(4)}"


def _owner_gone(owner: str) -> bool:
    """A lease holder on this host whose process is gone (the lease may be taken at once)."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    return host == HOST and pid.isdigit() and not pid_alive(int(pid))


def try_acquire(bus_id: int, kind: str, now: dt.datetime | None = None) -> bool:
    """Take (or keep) the lease on ``bus_id``; False while another live process holds it."""
    with write_txn():
        now = now or site_now()
        expires = now + dt.timedelta(seconds=LEASE_S)
        row = BusLease.get_or_none(BusLease.bus == bus_id)
        if row is not None and row.owner != OWNER:
            if row.expires_at > now and not _owner_gone(row.owner):
                return False
            log.info("bus %s: taking over from %s (%s)", bus_id, row.owner, row.kind)
        BusLease.insert(
            bus=bus_id, owner=OWNER, kind=kind, acquired_at=now, expires_at=expires
        ).on_conflict(
            conflict_target=[BusLease.bus],
            update={
                BusLease.owner: OWNER,
                BusLease.kind: kind,
                BusLease.acquired_at: now if row is None or row.owner != OWNER else row.acquired_at,
                BusLease.expires_at: expires,
            },
        ).execute()
    return True


def renew(bus_id: int, now: dt.datetime | None = None) -> bool:
    """Extend our lease; False when it is no longer ours (stop using the port at once)."""
    with write_txn():
        now = now or site_now()
        n = (
            BusLease.update(expires_at=now + dt.timedelta(seconds=LEASE_S))
            .where((BusLease.bus == bus_id) & (BusLease.owner == OWNER))
            .execute()
        )
    return n == 1


def still_mine(bus_id: int, now: dt.datetime | None = None) -> bool:
    """Is the lease ours and unexpired (checked before a job touches the bus)?"""
    now = now or site_now()
    row = BusLease.get_or_none(BusLease.bus == bus_id)
    return row is not None and row.owner == OWNER and row.expires_at > now


def release(bus_id: int) -> None:
    with write_txn():
        BusLease.delete().where((BusLease.bus == bus_id) & (BusLease.owner == OWNER)).execute()


def holder(bus_id: int, now: dt.datetime | None = None) -> BusLease | None:
    """The live lease on a bus (None when nobody owns it now)."""
    now = now or site_now()
    row = BusLease.get_or_none(BusLease.bus == bus_id)
    if row is None or row.expires_at <= now or _owner_gone(row.owner):
        return None
    return row
