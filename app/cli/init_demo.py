"""``init-demo``: create the demo site in a folder, without a window."""

from __future__ import annotations

import argparse
import sys

NAME = "init-demo"
HELP = "create the demo site (90 simulated meters, tenants, operators) in --data-dir"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--transport", choices=("tcp", "pty"), default="tcp",
        help="serve the simulated bus on 127.0.0.1 like a gateway (default) or on a pty",
    )  # fmt: skip
    p.add_argument("--no-history", action="store_true", help="skip two days of readings")


def run(args) -> int:
    from app.cli.site_args import site_paths
    from app.errors import ConfigError
    from app.services.demo_site import create_demo_site

    if not args.data_dir:
        raise ConfigError("init-demo needs --data-dir FOLDER")
    paths = site_paths(args)
    create_demo_site(paths, transport=args.transport, history=not args.no_history)
    print(f"demo site created in {paths.data_dir}")
    program = sys.executable if getattr(sys, "frozen", False) else "python main.py"
    print(f"start it with: {program} --data-dir {paths.data_dir}")
    return 0
