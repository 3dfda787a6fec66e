"""``import FILE``: describe a site from an Excel file (the template of ``template``).

The whole file is read and checked first and the preview printed: problems
(sheet, row, column, reason), notes, then what would be new or changed.
Nothing is written while the file has a problem; otherwise everything is
written in one transaction, then the tenants sheet's meters (if any) are
read and taken over one by one.

Into an empty data folder it creates the site there, with the first
administrator (login ``--operator``, default admin; password from
``PEM_ADMIN_PASSWORD`` or asked on a terminal). Into an existing site it acts as
an operator: ``--operator NAME``, password in ``PEM_PASSWORD`` (or asked on a
terminal), like ``sell``. ``--dry-run`` prints the preview and writes nothing
(no site is created, no password asked).

Exit codes (README "Command line"):
  0  applied, or nothing to change;
  1  the file has problems (nothing written), or tenant rows whose meter did
     not answer were not taken over (listed; the rest is written: import the
     file again once they answer);
  2  could not start: bad arguments, no site, no password, a wrong login,
     or a file that is no usable workbook; nothing written.
"""

from __future__ import annotations

import argparse
import getpass
import os
import shutil
import sys
import tempfile
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP, ConfigError

NAME = "import"
HELP = "import buildings, gateways, buses, meters (and tenants) from an Excel file"

NO_PASSWORD = QT_TRANSLATE_NOOP(
    "Errors", "no password: set {variable} or run it on a terminal to be asked"
)
NO_FILE = QT_TRANSLATE_NOOP("Errors", "no file {file}")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="the .xlsx file (made from: python main.py template)")
    p.add_argument("--dry-run", action="store_true", help="print the preview, write nothing")
    p.add_argument(
        "--operator",
        help="operator login on an existing site; on an empty folder the first "
        "administrator's login (default: admin)",
    )


def _password(variable: str, prompt: str) -> str:
    password = os.environ.get(variable)
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise ConfigError(NO_PASSWORD, variable=variable)
    return getpass.getpass(prompt)


def _print_preview(preview) -> None:
    for line in preview.lines():
        print(line)


def _print_outcome(outcome) -> int:
    counts = outcome.applied.counts
    parts = [
        f"{key}: {kinds['new']} new, {kinds['changed']} changed" for key, kinds in counts.items()
    ]
    print("applied: " + "; ".join(parts))
    taken = [row for row in outcome.takeover if row.ok]
    if outcome.takeover:
        print(f"tenants taken over: {len(taken)} of {len(outcome.takeover)}")
    for row in outcome.not_taken_over:
        print(f"not taken over: {row.error}")
    return 1 if outcome.not_taken_over else 0


def run(args) -> int:
    from app.cli.site_args import site_paths

    paths = site_paths(args)
    file = Path(args.file)
    if not file.is_file():
        raise ConfigError(NO_FILE, file=str(file))
    if paths.on_server or paths.db.exists():
        return _into_site(args, paths, file)
    return _new_site(args, paths, file)


def _check(file: Path):
    """The preview, or exit 2 for a file that is no workbook (said in one sentence)."""
    from app.services.site_workbook import preview_file
    from app.services.site_workbook.preview import NOTHING_TO_CHANGE

    preview = preview_file(file)  # WorkbookUnusable is a PemError: main.py's exit 2
    _print_preview(preview)
    if not preview.ok:
        print(f"{len(preview.problems)} problem(s): nothing written", file=sys.stderr)
    elif preview.nothing_to_change:
        print(NOTHING_TO_CHANGE)
    return preview


def _new_site(args, paths, file: Path) -> int:
    """Check against an empty site first; create the site only for a file without problems."""
    from app.models import close_database, open_database
    from app.services.auth import AuthService
    from app.services.new_site import create_site

    print(f"{paths.data_dir} holds no site: checking the file for a new site")
    scratch = Path(tempfile.mkdtemp(prefix="pem-import-"))
    try:
        open_database(scratch / "site.db", create=True)
        preview = _check(file)
    finally:
        close_database()
        shutil.rmtree(scratch, ignore_errors=True)
    if not preview.ok:
        return 1
    if args.dry_run:
        return 0
    login = args.operator or "admin"
    password = _password("PEM_ADMIN_PASSWORD", f"new password for the administrator {login}: ")
    create_site(paths)
    try:
        actor = AuthService().create_first_admin(login, password)
    except BaseException:
        close_database()
        raise
    outcome = _apply(paths, preview, actor)
    print(f"new site created in {paths.data_dir}; administrator: {login}")
    return _print_outcome(outcome)


def _started(paths):
    from app.models import close_database
    from app.services.site import Site

    close_database()
    return Site(paths).open().start(None, poll=False, role="cli")


def _into_site(args, paths, file: Path) -> int:
    from app.models import close_database
    from app.services.auth import AuthService
    from app.services.site import Site

    Site(paths).open()  # the database only: no bus is opened unless tenants are taken over
    try:
        preview = _check(file)
        if not preview.ok:
            return 1
        if args.dry_run or preview.nothing_to_change:
            return 0
        if not args.operator:
            raise ConfigError(QT_TRANSLATE_NOOP("Errors", "--operator: who imports into this site"))
        password = _password("PEM_PASSWORD", f"password for {args.operator}: ")
        actor = AuthService().login(args.operator, password)
    except BaseException:
        close_database()
        raise
    return _print_outcome(_apply(paths, preview, actor))


def _apply(paths, preview, actor):
    """Write the preview; the buses start only if tenants must be read (the takeover)."""
    from app.models import close_database
    from app.services.site_workbook import apply_preview

    site = None

    def start_buses():
        nonlocal site
        site = _started(paths)
        return site.worker_for

    try:
        return apply_preview(preview, actor, after_topology=start_buses)
    finally:
        if site is not None:
            site.stop()
        close_database()
