"""Shared by the tenant service's and the mobile site's tests: a site "served" without a bus owner
process (a live bus lease and the meters' state in the store, as the collection service
keeps them)."""

from __future__ import annotations

import datetime as dt
import json

from app.models import BusLease
from app.models.site import utcnow
from app.services.bus_lease import OWNER
from tests.billing_helpers import store_state


def serve(env, live: bool = True) -> None:
    """A live bus lease (some process serves the bus) and the meters' state in the store."""
    BusLease.delete().execute()
    if live:
        now = utcnow()
        BusLease.create(
            bus=1, owner=OWNER, kind="collector", acquired_at=now,
            expires_at=now + dt.timedelta(hours=1),
        )  # fmt: skip
    for mid in env.meter_ids:
        status = json.dumps(env.status(mid).to_dict())
        store_state(mid, status, online=True, updated_at=utcnow())
