"""Schema versions and migrations, from the first release on.

``MIGRATIONS[n]`` brings a database from version n-1 to n inside one
transaction. A database newer than this program is refused rather than used.
"""

from __future__ import annotations

import logging

from peewee import IntegerField, SqliteDatabase

from app.errors import QT_TRANSLATE_NOOP, ConfigError
from app.models.base import BaseModel

log = logging.getLogger(__name__)


class SchemaVersion(BaseModel):
    version = IntegerField()


def v1_models() -> list:
    """What schema version 1 creates, in dependency order (imported here, not via the package)."""
    from app.models.ledger import LedgerEntry, LedgerHead, LedgerTransition
    from app.models.operators import Operator, SystemLog, SystemLogHead
    from app.models.settings_store import SettingRow
    from app.models.site import Building, Bus, Meter, MeterState, Reading
    from app.models.tenants import Account, Tenant

    site = [SettingRow, Building, Bus, Meter, MeterState, Reading, Tenant, Account]
    return [*site, Operator, SystemLog, SystemLogHead, LedgerEntry, LedgerTransition, LedgerHead]


def _v1(database: SqliteDatabase) -> None:
    database.create_tables(v1_models())


def _v2(database: SqliteDatabase) -> None:
    """Keyed chains: the table that records the one-time re-keying (done by Site.open)."""
    from app.models.chain_state import ChainState

    database.create_tables([ChainState])


def _v3(database: SqliteDatabase) -> None:
    """Bus leases and job rows: one owner per bus across processes (issue #6)."""
    from app.models.bus_control import BUS_CONTROL_MODELS

    database.create_tables(BUS_CONTROL_MODELS)


MIGRATIONS = {1: _v1, 2: _v2, 3: _v3}
LATEST = max(MIGRATIONS)


def current_version(database: SqliteDatabase) -> int:
    if not database.table_exists("schema_version"):
        return 0
    row = SchemaVersion.select().order_by(SchemaVersion.version.desc()).first()
    return row.version if row else 0


def migrate(database: SqliteDatabase) -> int:
    database.create_tables([SchemaVersion])
    version = current_version(database)
    if version > LATEST:
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "the database has schema version {version}, newer than this program ({latest})",
            ),
            version=version,
            latest=LATEST,
        )
    while version < LATEST:
        version += 1
        with database.atomic():
            MIGRATIONS[version](database)
            SchemaVersion.delete().execute()
            SchemaVersion.create(version=version)
        log.info("database migrated to schema version %d", version)
    return version
