"""The site as the tenants' kiosk and mobile site open it (issue #15): the store and job rows,
never a bus.

A kiosk or the mobile site must not take a bus's port from the collection
service, nor take a bus over when that service stops (its poll and its money
jobs would then run in a web server). So every bus is a ``RemoteBus``: a
tenant's live read or switch is a job row that the owning process (the
collection service or the operators' window) runs in the bus's operator lane.
While no process serves the buses, those rows expire unstarted and the views
say "read only" (``tenant_view.service_state``).
"""

from __future__ import annotations

from app.paths import SitePaths
from app.services.site import Site

ROLE = "tenant"


def open_for_tenants(paths: SitePaths) -> Site:
    """Open the site in ``paths`` for the kiosk or the mobile site: no bus owned, ever."""
    return Site(paths).open().start(poll=False, role=ROLE, takeover=False, serve=False)
