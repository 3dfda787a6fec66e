"""Prepaid Energy Manager entry point: the GUI, or one maintenance subcommand.

python main.py                 GUI on the configured site
python main.py --demo          GUI on a demo site with a simulated bus
python main.py --selftest      offscreen end-to-end check, one summary line
python main.py SUBCOMMAND ...  simulate, scan, read, init-site, init-demo, verify, sell, ...

Only ``init-site``, ``init-demo``, ``--demo`` and the GUI (after asking) create
a site; every other subcommand refuses a folder without one (exit 2).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sqlite3
import sys

# Each subcommand lives in app/cli/<module>.py with NAME, HELP,
# add_arguments(parser) and run(args) -> exit code.
SUBCOMMAND_MODULES = (
    "simulate",
    "scan",
    "read",
    "init_site",
    "init_demo",
    "verify",
    "sell",
    "collector",
    "template",
    "import_site",
    "export_config",
    "control",
    "export",
    "simulate_phones",
    "backup",
    "restore",
    "archive",
    "kiosk",
    "portal",
    "migrate_db",
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
    common.add_argument(
        "--db",
        help="database file, or postgresql://USER@HOST/DBNAME for a site on a PostgreSQL server "
        "(default: DATA_DIR/site.db, or the URL in DATA_DIR/database.url)",
        **kw,
    )
    common.add_argument(
        "--serve-buses",
        action="store_true",
        help="on a PostgreSQL site, this PC has the buses' ports: own them when no collection "
        "service does (only collection services own buses there otherwise)",
        **kw,
    )
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


def _environment_error(exc: BaseException):
    """A failing database or file as one sentence (a ConfigError) for exit 2, never a traceback."""
    from peewee import DatabaseError

    from app.errors import QT_TRANSLATE_NOOP, ConfigError
    from app.models.db import database_error

    if isinstance(exc, DatabaseError | sqlite3.Error):
        return database_error(exc)
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    if getattr(exc, "filename", None):
        template = QT_TRANSLATE_NOOP("Errors", "cannot use {file}: {reason}")
        return ConfigError(template, file=str(exc.filename), reason=reason)
    return ConfigError(QT_TRANSLATE_NOOP("Errors", "the system refused: {reason}"), reason=reason)


def main(argv: list[str] | None = None) -> int:
    subs = _subcommands()
    args = build_parser(subs).parse_args(argv)
    from app.logconfig import setup_logging

    setup_logging(verbose=args.verbose)
    if args.command:
        from peewee import DatabaseError

        from app.errors import PemError

        try:
            return int(subs[args.command].run(args) or 0)
        except PemError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            return 130
        except (OSError, sqlite3.Error, DatabaseError) as exc:  # the site's files or the disk
            err = _environment_error(exc)
            logging.getLogger("main").debug("%s", err, exc_info=True)
            print(f"error: {err}", file=sys.stderr)
            return 2
    if args.selftest:
        from app.selftest import run_selftest

        return run_selftest(args)
    from app.cli.site_args import site_paths
    from app.ui.shell.application import run_gui

    return run_gui(args, site_paths(args))  # --demo: the window builds it behind a splash


if __name__ == "__main__":
    sys.exit(main())
