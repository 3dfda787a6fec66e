"""What raw SQL must say differently on the two databases (the ORM says it for the rest).

Raw statements are written once, with SQLite's ``?`` placeholders; ``sql``
turns them into psycopg's ``%s`` when the site's database is PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import os

import peewee
from peewee import SQL, Case, NodeList, Value, fn

from app.models import pg
from app.models.base import db


def is_postgresql() -> bool:
    """Is the open site database a PostgreSQL server's (several PCs), not the SQLite file?"""
    return isinstance(db.obj, pg.SitePostgres)


def sql(text: str) -> str:
    """``text`` with ``?`` placeholders, in the open database's own placeholder style."""
    if is_postgresql():
        return text.replace("%", "%%").replace("?", "%s")
    return text


def execute(text: str, params=()):
    return db.execute_sql(sql(text), params)


def executemany(text: str, rows) -> None:
    """One statement for many rows, through the driver's own batch (no ORM per row).

    The driver's errors come out as peewee's (``IntegrityError``...), as from the ORM.
    """
    with peewee.__exception_wrapper__:
        db.cursor().executemany(sql(text), rows)


def count_true(condition):
    """How many rows of the group meet ``condition`` (PostgreSQL has no SUM of booleans)."""
    return fn.SUM(Case(None, ((condition, 1),), 0))


def upsert(table: str, columns: list[str] | tuple[str, ...], key: tuple[str, ...]) -> str:
    """INSERT of ``columns``; a row with the same ``key`` gets the new values (both databases)."""
    update = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {update}"
    )


def local_zone() -> str:
    """This PC's time zone as PostgreSQL names it: ``TZ``, the zone /etc/localtime links to,
    or (neither) the current UTC offset. The server's own zone may be another city's."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        return name
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        return target.split("zoneinfo/", 1)[1]
    offset = dt.datetime.now().astimezone().utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def local_date(column):
    """The local date (``YYYY-MM-DD`` text) of a naive-UTC timestamp column, in SQL."""
    if not is_postgresql():
        return fn.date(column, "localtime")
    zone = local_zone()
    at_zone = SQL("AT TIME ZONE 'UTC' AT TIME ZONE")
    if zone[:1] in "+-" and zone[1:3].isdigit():
        zone_sql = NodeList((SQL("INTERVAL"), Value(zone)))
    else:
        zone_sql = Value(zone)
    return fn.to_char(NodeList((column, at_zone, zone_sql)), "YYYY-MM-DD").coerce(False)


def date_text(column, month: bool = False):
    """A DATE column as ``YYYY-MM-DD`` text, or ``YYYY-MM`` with ``month``."""
    if is_postgresql():  # text, not the column's date (peewee would convert it back)
        return fn.to_char(column, "YYYY-MM" if month else "YYYY-MM-DD").coerce(False)
    return fn.strftime("%Y-%m" if month else "%Y-%m-%d", column)
