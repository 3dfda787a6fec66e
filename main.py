"""Prepaid Energy Manager entry point: the GUI, or one maintenance subcommand.

python main.py                 GUI on the configured site
python main.py --demo          GUI on a demo site with a simulated bus
python main.py --selftest      offscreen end-to-end check, one summary line
python main.py SUBCOMMAND ...  simulate, scan, read, init-demo, verify, sell, ...
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Each subcommand lives in app/cli/<module>.py with NAME, HELP,
# add_arguments(parser) and run(args) -> exit code.
SUBCOMMAND_MODULES = (
    "simulate",
    "scan",
    "read",
    "init_demo",
    "verify",
    "sell",
    "collector",
)


def _subcommands() -> dict:
    found = {}
    for name in SUBCOMMAND_MODULES:
        try:
            mod = importlib.import_module(f"app.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"app.cli.{name}":
                raise
            continue
        found[mod.NAME] = mod
    return found


def _site_options(suppress: bool) -> argparse.ArgumentParser:
    """--data-dir / --db / -v, accepted before or after the subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    kw = {"default": argparse.SUPPRESS} if suppress else {}
    common.add_argument("--data-dir", help="site data folder (database, key, logs)", **kw)
    common.add_argument("--db", help="database file (default: DATA_DIR/site.db)", **kw)
    common.add_argument("-v", "--verbose", action="store_true", help="debug logging", **kw)
    return common


def build_parser(subs: dict) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pem",
        description="Prepaid Energy Manager: prepaid electricity for buildings.",
        parents=[_site_options(suppress=False)],
    )
    parser.add_argument("--demo", action="store_true", help="start on a fresh demo site")
    parser.add_argument("--selftest", action="store_true", help="offscreen end-to-end check")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="interface language")
    sp = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")
    for name, mod in subs.items():
        p = sp.add_parser(
            name, help=mod.HELP, description=mod.HELP, parents=[_site_options(suppress=True)]
        )
        mod.add_arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    subs = _subcommands()
    args = build_parser(subs).parse_args(argv)
    from app.logconfig import setup_logging

    setup_logging(verbose=args.verbose)
    if args.command:
        from app.errors import PemError

        try:
            return int(subs[args.command].run(args) or 0)
        except PemError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            return 130
    if args.selftest:
        from app.selftest import run_selftest

        return run_selftest(args)
    from app.ui.application import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
