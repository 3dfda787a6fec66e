"""From the command line's site options to a site: paths, the demo, an opened site.

``--data-dir``, ``--db`` and ``--demo`` are the entry's business (main.py and the
subcommands), not the services': ``services.site`` takes paths and never
prints. ``--demo`` is the one option that creates a site here (a demo one),
and tells the newcomer how to log in.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from app.models.pg import is_url
from app.paths import SitePaths, default_data_dir


def site_paths(args) -> SitePaths:
    """Paths from the global options; ``--demo`` without a folder gets a fresh temporary one."""
    data_dir = getattr(args, "data_dir", None)
    if data_dir:
        folder = Path(data_dir)
    elif getattr(args, "demo", False):
        folder = Path(tempfile.mkdtemp(prefix="pem-demo-"))
    else:
        folder = default_data_dir()
    db = getattr(args, "db", None)
    if is_url(db):
        return SitePaths(folder, db_url=db)
    return SitePaths(folder, Path(db) if db else None)


def ensure_demo(args, paths: SitePaths) -> None:
    """With ``--demo``, build the demo site in ``paths`` unless one is there already."""
    if not getattr(args, "demo", False) or paths.on_server or paths.db.exists():
        return
    from app.services.demo_site import create_demo_site, demo_logins, demo_tenant_banner

    print(f"creating the demo site in {paths.data_dir} (a few seconds) ...", flush=True)
    create_demo_site(paths)
    print(demo_logins(), flush=True)
    print(demo_tenant_banner(paths.data_dir), flush=True)


def open_site(args, listener=None, poll: bool = True, role: str = "gui"):
    """The site the options name, opened and started (NoSite when there is none)."""
    from app.services import site
    from app.services.bus_share import BusChoice

    paths = site_paths(args)
    ensure_demo(args, paths)
    serve = True if getattr(args, "serve_buses", False) else None
    buses, buildings = getattr(args, "buses", None), getattr(args, "building", None)
    only = None
    if buses or buildings:
        only = BusChoice(frozenset(buses or ()), frozenset(buildings or ()))
    return site.open_site(paths, listener, poll=poll, role=role, serve=serve, only=only)
