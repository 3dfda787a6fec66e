"""Moving a site from its SQLite file into an empty PostgreSQL database (``migrate-db``).

``move_site(paths, url)``, for a site that grows to several PCs (issue #17):

1. refused when the site is on a server already, or in use (a live bus or
   service lease: a window or a collector runs on it), or the key file is
   missing;
2. the SQLite site is opened as a start opens it (migrated to the program's
   schema version, its chains keyed), then held with SQLite's write lock for
   the whole move: nothing is written there that the server would miss;
3. on the server, in ONE transaction: refused unless the database holds no
   table at all; the schema is made (the PostgreSQL baseline and the
   migrations after it), every table copied in foreign-key order with its ids
   as they are (``COPY``; SQLite's 0/1 become booleans, its datetime text the
   same timestamps), each id sequence set past the largest id;
4. still inside that transaction, checked: both chains verify clean with the
   site's keys (and against the witness file), every table has as many rows as
   in the SQLite file, the chain heads (last id and hash) are the same;
5. only then committed, and the site setting ``DATA_DIR/database.url``
   written: the folder's later starts use the server.

Any failure rolls the transaction back: the server's database is left empty.
``site.db`` is never changed by the move (it stays as the site was).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg
from peewee import DatabaseError

from app.errors import QT_TRANSLATE_NOOP, ConfigError
from app.models import db, pg
from app.models.db import close_database, open_database, wait_seconds
from app.models.migrations import current_version, migrate
from app.paths import SitePaths, remember_db_url
from app.serial_io.security import load_master_key
from app.services import chain_key
from app.services.restore import site_users

NOT_A_URL = QT_TRANSLATE_NOOP(
    "Errors", "{url} is not a PostgreSQL address: --to needs postgresql://USER@HOST/DATABASE"
)
ALREADY_ON_SERVER = QT_TRANSLATE_NOOP(
    "Errors", "the site in {folder} is on the PostgreSQL server {where} already: nothing to move"
)
IN_USE = QT_TRANSLATE_NOOP(
    "Errors",
    "the site is in use ({users}): close the program's windows and stop the collector on this "
    "site, then move it again; nothing was moved",
)
NOT_EMPTY = QT_TRANSLATE_NOOP(
    "Errors",
    "the PostgreSQL database {where} is not empty ({count} table(s), first: {table}): a site "
    "moves only into an empty database (make one with CREATE DATABASE); nothing was moved",
)
SCHEMA_DIFFERS = QT_TRANSLATE_NOOP(
    "Errors",
    "the site database and the server's schema differ ({detail}): nothing was moved",
)
COPY_FAILED = QT_TRANSLATE_NOOP(
    "Errors",
    "copying the table {table} to {where} failed ({reason}): the server's database was left "
    "empty and the site stays in {file}",
)
NOT_VERIFIED = QT_TRANSLATE_NOOP(
    "Errors",
    "the copy on {where} does not check out ({count} problem(s), first: {first}): the server's "
    "database was left empty and the site stays in {file}",
)

# The schema's own bookkeeping: each side has its own rows (the versions are compared).
SKIPPED = ("schema_version",)
# Chained tables: their last id and hash must be the same on both sides.
CHAIN_TABLES = ("ledger_entry", "ledger_transition", "system_log")
HEAD_TABLES = ("ledger_head", "system_log_head")

Progress = Callable[[str, int], None]


@dataclass
class MoveResult:
    where: str  # the server's URL without its password
    tables: list[tuple[str, int]] = field(default_factory=list)  # (table, rows) in copy order
    copy_s: float = 0.0
    verify_s: float = 0.0

    @property
    def rows(self) -> int:
        return sum(n for _t, n in self.tables)


def move_site(paths: SitePaths, url: str, progress: Progress | None = None) -> MoveResult:
    """Copy the SQLite site in ``paths`` into the empty database at ``url``; see the module."""
    if not pg.is_url(url):
        raise ConfigError(NOT_A_URL, url=pg.safe_url(str(url)))
    if paths.on_server:
        raise ConfigError(
            ALREADY_ON_SERVER, folder=str(paths.data_dir), where=pg.safe_url(str(paths.database))
        )
    _refuse_in_use(paths)
    master = load_master_key(paths.key_file)
    _open_as_a_start(paths, master)
    result = MoveResult(pg.safe_url(url))
    source = sqlite3.connect(paths.db, timeout=wait_seconds(), isolation_level=None)
    try:
        source.execute("BEGIN IMMEDIATE")  # no writer on the SQLite site until the move is done
        target = _connect(url)
        try:
            _move(paths, master, source, target, result, progress)
        finally:
            target.close()
            chain_key.uninstall()
        remember_db_url(paths, url)
    finally:
        source.close()  # ends the read-only transaction: nothing was written there
    return result


def _refuse_in_use(paths: SitePaths) -> None:
    users = site_users(paths)
    if users:
        raise ConfigError(IN_USE, users="; ".join(users))


def _open_as_a_start(paths: SitePaths, master: bytes) -> None:
    """Bring the SQLite site to this program's schema and keyed chains, as a start would."""
    from app.services.chain_rekey import open_chains

    open_database(paths.db)
    try:
        open_chains(master, paths.key_file)
    finally:
        close_database()
        chain_key.uninstall()


def _connect(url: str) -> pg.SitePostgres:
    target = pg.make(url)
    try:
        target.connect()
    except (DatabaseError, OSError) as exc:
        raise pg.unreachable(target, exc) from None
    return target


def _move(paths, master, source, target, result: MoveResult, progress) -> None:
    """Everything on the server in one transaction; any exception rolls it back."""
    where = result.where
    db.initialize(target)
    try:
        with target.atomic(lock_type="IMMEDIATE"):
            _refuse_not_empty(target, where)
            migrate(target)
            started = time.monotonic()
            tables = _plan(source, target)
            for table in tables:
                try:
                    rows = _copy_table(source, target, table)
                except (DatabaseError, psycopg.Error, ValueError, TypeError, sqlite3.Error) as exc:
                    if pg.is_connection_error(exc):
                        raise pg.unreachable(target, exc) from None
                    raise _failed(paths, where, table, exc) from None
                result.tables.append((table, rows))
                if progress:
                    progress(table, rows)
            _set_sequences(target)
            result.copy_s = time.monotonic() - started
            started = time.monotonic()
            problems = _check(paths, master, source, target, result.tables)
            if problems:
                raise ConfigError(
                    NOT_VERIFIED, where=where, count=len(problems), first=problems[0],
                    file=str(paths.db),
                )  # fmt: skip
            _refuse_in_use(paths)  # a window may have started meanwhile: it would miss the move
            result.verify_s = time.monotonic() - started
    except (
        DatabaseError,
        psycopg.Error,
    ) as exc:  # the commit, or a statement outside one table's copy
        if pg.is_connection_error(exc):
            raise pg.unreachable(target, exc) from None
        raise _failed(paths, where, "-", exc) from None


def _failed(paths: SitePaths, where: str, table: str, exc: BaseException) -> ConfigError:
    orig = getattr(exc, "orig", None) or exc.__context__ or exc
    reason = (str(orig) or type(orig).__name__).strip().splitlines()[0]
    return ConfigError(COPY_FAILED, table=table, where=where, reason=reason, file=str(paths.db))


def _refuse_not_empty(target: pg.SitePostgres, where: str) -> None:
    names = [
        name
        for (name,) in target.execute_sql(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
        ).fetchall()
    ]
    if names:
        raise ConfigError(NOT_EMPTY, where=where, count=len(names), table=names[0])


def _source_columns(source: sqlite3.Connection, table: str) -> tuple[list[str], list[str]]:
    """(columns, primary key columns) of one SQLite table."""
    info = source.execute(f'PRAGMA table_info("{table}")').fetchall()
    keys = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
    return [row[1] for row in info], keys


def _plan(source: sqlite3.Connection, target: pg.SitePostgres) -> list[str]:
    """The tables in foreign-key order (a table after those it refers to); schemas must agree."""
    version = source.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    if version != current_version(target):
        raise ConfigError(
            SCHEMA_DIFFERS, detail=f"schema version {version} / {current_version(target)}"
        )
    mine = {
        name
        for (name,) in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    } - set(SKIPPED)
    theirs = set(target.get_tables()) - set(SKIPPED)
    if mine != theirs:
        detail = ", ".join(sorted(mine ^ theirs))
        raise ConfigError(SCHEMA_DIFFERS, detail=f"tables {detail}")
    needs: dict[str, set[str]] = {t: set() for t in theirs}
    for child, parent in target.execute_sql(
        "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint "
        "WHERE contype = 'f'"
    ).fetchall():
        if child in needs and parent != child:
            needs[child].add(parent)
    order: list[str] = []
    while needs:
        ready = sorted(t for t, parents in needs.items() if not parents - set(order))
        if not ready:
            raise ConfigError(SCHEMA_DIFFERS, detail="foreign keys in a circle")
        order += ready
        for table in ready:
            del needs[table]
    return order


def _target_types(target: pg.SitePostgres, table: str) -> dict[str, str]:
    return dict(
        target.execute_sql(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name = %s",
            (table,),
        ).fetchall()
    )


def _as_bool(value):
    return value if value is None else bool(int(value))


_BATCH = 5000


def _copy_table(source: sqlite3.Connection, target: pg.SitePostgres, table: str) -> int:
    """Every row of ``table``, ids as they are, in key order (a row after the one it reverses)."""
    columns, keys = _source_columns(source, table)
    types = _target_types(target, table)
    if set(columns) != set(types):
        raise ConfigError(SCHEMA_DIFFERS, detail=f"columns of {table}")
    bools = [i for i, c in enumerate(columns) if types[c] == "boolean"]
    names = ", ".join(f'"{c}"' for c in columns)
    order = ", ".join(f'"{c}"' for c in keys) or "rowid"
    cursor = source.execute(f'SELECT {names} FROM "{table}" ORDER BY {order}')
    rows = 0
    with target.cursor().copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        while batch := cursor.fetchmany(_BATCH):
            for row in batch:
                if bools:
                    row = list(row)
                    for i in bools:
                        row[i] = _as_bool(row[i])
                copy.write_row(row)
            rows += len(batch)
    return rows


def _set_sequences(target: pg.SitePostgres) -> None:
    """Each id sequence continues after the largest id copied."""
    serials = target.execute_sql(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND column_default LIKE 'nextval(%%'"
    ).fetchall()
    for table, column in serials:
        target.execute_sql(
            f"SELECT setval(pg_get_serial_sequence(%s, %s), "
            f'COALESCE(MAX("{column}"), 0) + 1, false) FROM "{table}"',
            (table, column),
        )


def _check(paths, master, source, target, copied: list[tuple[str, int]]) -> list[str]:
    """What differs or does not verify on the server's copy (inside the move's transaction)."""
    from app.services import chain_witness
    from app.services.audit import verify_log_chain
    from app.services.chain_rekey import open_chains
    from app.services.ledger_verify import verify_ledger

    open_chains(master, paths.key_file)  # the same keys: the site's master key derives them
    problems = verify_ledger().problems + verify_log_chain() + chain_witness.check()
    for table, rows in copied:
        (mine,) = source.execute(f'SELECT count(*) FROM "{table}"').fetchone()
        (theirs,) = target.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()
        if not mine == rows == theirs:
            problems.append(f"{table}: {mine} rows in the site, {theirs} on the server")
    for table in CHAIN_TABLES:
        last = f'SELECT id, hash FROM "{table}" ORDER BY id DESC LIMIT 1'
        mine = source.execute(last).fetchone()
        theirs = target.execute_sql(last).fetchone()
        if tuple(mine or ()) != tuple(theirs or ()):
            problems.append(
                f"{table}: the chain ends at {mine} in the site, {theirs} on the server"
            )
    for table in HEAD_TABLES:
        every = f'SELECT * FROM "{table}" ORDER BY id'
        mine = [tuple(r) for r in source.execute(every).fetchall()]
        theirs = [tuple(r) for r in target.execute_sql(every).fetchall()]
        if mine != theirs:
            problems.append(f"{table}: {mine} in the site, {theirs} on the server")
    return problems
