"""``portal``: the tenants' mobile site (issue #15), served by uvicorn until Ctrl-C / SIGTERM.

It opens the site without owning any bus (``tenant_site.open_for_tenants``):
balances come from the store, a tenant's switch or live read goes to the
collection service as a job row, and while no collection service runs the
pages say they are read only. ``--listen`` / ``--cert`` / ``--key`` default to
the site's ``portal.*`` settings. Exit 0 after a clean stop; 2 when the site
cannot be opened or the options are wrong.
"""

from __future__ import annotations

import argparse
import sys

NAME = "portal"
HELP = "tenants' mobile site (HTTP or HTTPS), reading the store; switches go to the collector"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--listen", metavar="HOST:PORT", help="where to listen (portal.listen)")
    p.add_argument("--cert", metavar="FILE", help="HTTPS certificate, PEM (portal.cert_file)")
    p.add_argument("--key", metavar="FILE", help="its private key, PEM (portal.key_file)")
    p.add_argument(
        "--proxy",
        default="127.0.0.1",
        metavar="ADDR",
        help="address of a reverse proxy whose X-Forwarded-For is believed (127.0.0.1)",
    )


def run(args) -> int:
    from app.cli.site_args import ensure_demo, site_paths
    from app.services.tenant_site import open_for_tenants
    from app.web.app import create_app
    from app.web.serve import listen_from, server

    paths = site_paths(args)
    ensure_demo(args, paths)
    site = open_for_tenants(paths)
    try:
        try:
            where = listen_from(args.listen, args.cert, args.key)
        except ValueError as exc:
            print(f"portal: {exc}", file=sys.stderr)
            return 2
        app = create_app(site, https=where.https)
        print(f"portal: serving the mobile site on {where.url}", flush=True)
        server(app, where, forwarded_allow=args.proxy).run()  # until Ctrl-C / SIGTERM
    finally:
        site.stop()
    print("portal: stopped", flush=True)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run through main.py")
