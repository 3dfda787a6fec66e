"""``collector``: the collection service (集抄服务) that owns and polls the site's buses, no window.

The reference system runs its collection service all year apart from the
management program. This is it: it takes the lease of every bus nobody else
owns (and takes over any whose owner stops), polls every meter continuously,
stores their state, and runs the job rows other processes submit (a window's
sale, a ``sell`` from a payment terminal, ``verify``). Windows and commands
started while it runs own no port. SIGTERM or Ctrl-C stops it cleanly: queued
jobs go back to their rows for the next owner, leases are released. With
``portal.in_collector`` on it also serves the tenants' mobile site (docs/portal.md).
``--building``/``--bus`` give it a share of the buses (a second building's PC on a
site on a PostgreSQL server, docs/postgresql.md): it owns and takes over only those.

Exit 0 after a clean stop; 2 when the site cannot be opened.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading

NAME = "collector"
HELP = "collection service: own and poll the site's buses, run other processes' jobs, no window"

log = logging.getLogger(__name__)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--bus", dest="buses", action="append", metavar="NAME",
        help="serve only this bus (repeat for more); with --building: either",
    )  # fmt: skip
    p.add_argument(
        "--building", action="append", metavar="NAME",
        help="serve only the buses of this building (repeat for more): a building's own PC",
    )  # fmt: skip
    p.add_argument(
        "--status-every",
        type=float,
        default=60.0,
        metavar="S",
        help="print which buses this process serves every S seconds (60; 0: never)",
    )


def _serving(site) -> str:
    owned = sorted(site.owned_workers())
    others = sorted(site.remote_bus_ids())
    names = ", ".join(site.bus_name(b) for b in owned) or "none"
    text = f"serving {len(owned)} bus(es): {names}"
    if others:
        text += f"; {len(others)} served by another process"
    return text


def _start_portal(site):
    """The mobile site in this process when ``portal.in_collector`` is on (else None).

    A portal that cannot start (port taken, bad certificate) is logged and left
    out: the buses matter more than the site.
    """
    from app import settings

    if not settings.get("portal.in_collector"):
        return None
    from app.web.app import create_app
    from app.web.serve import PortalThread, listen_from

    try:
        where = listen_from()
        portal = PortalThread(create_app(site, https=where.https), where).start()
    except (OSError, RuntimeError, ValueError):
        log.exception("collector: the mobile site did not start")
        print("collector: the mobile site did not start (see the log)", flush=True)
        return None
    print(f"collector: mobile site on {where.url}", flush=True)
    return portal


def run(args) -> int:
    from app.cli.site_args import open_site

    stop = threading.Event()

    def on_signal(signum, _frame) -> None:
        log.info("collector: signal %d, stopping", signum)
        stop.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        site = open_site(args, poll=True, role="collector")
    except BaseException:
        for s, handler in previous.items():
            signal.signal(s, handler)
        raise
    try:
        portal = _start_portal(site)
    except BaseException:
        site.stop()
        raise
    try:
        print(f"collector: {_serving(site)}", flush=True)
        every = args.status_every if args.status_every > 0 else None
        while not stop.wait(every):
            print(f"collector: {_serving(site)}", flush=True)
    finally:
        if portal is not None:
            portal.stop()
        site.stop()
        for s, handler in previous.items():
            signal.signal(s, handler)
    print("collector: stopped", flush=True)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run through main.py")
