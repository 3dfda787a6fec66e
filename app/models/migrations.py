"""Schema versions and migrations, from the first release on.

``MIGRATIONS[n]`` brings a database from version n-1 to n inside one
transaction. A database newer than this program is refused rather than used.
"""

from __future__ import annotations

import logging

from peewee import IntegerField, SqliteDatabase

from app.errors import QT_TRANSLATE_NOOP, ConfigError
from app.models.base import BaseModel
from app.models.schema_v1 import V1_SQL

log = logging.getLogger(__name__)


class SchemaVersion(BaseModel):
    version = IntegerField()


# Every migration runs frozen SQL, never ``create_tables`` over the live models: a
# model changed later must not change what an old database is migrated through.
# Adding one is a function here, its entry in MIGRATIONS and a test that a database
# of the version before migrates (tests/models/test_migrations.py); the test that
# a migrated schema equals the models fails until the migration exists.
SCHEMA_VERSION_SQL = (
    'CREATE TABLE IF NOT EXISTS "schema_version" '
    '("id" INTEGER NOT NULL PRIMARY KEY, "version" INTEGER NOT NULL)'
)


def _run(database: SqliteDatabase, statements: tuple[str, ...]) -> None:
    for sql in statements:
        database.execute_sql(sql)


def _v1(database: SqliteDatabase) -> None:
    """The first release's tables (app.models.schema_v1)."""
    _run(database, V1_SQL)


def _v2(database: SqliteDatabase) -> None:
    """Keyed chains: the table that records the one-time re-keying (done by Site.open)."""
    _run(
        database,
        (
            'CREATE TABLE "chain_state" ("id" INTEGER NOT NULL PRIMARY KEY, '
            '"key_check" VARCHAR(64) NOT NULL, "keyed_at" DATETIME NOT NULL, '
            '"rekeyed_rows" INTEGER NOT NULL, "legacy_problems" INTEGER NOT NULL)',
        ),
    )


def _v3(database: SqliteDatabase) -> None:
    """Bus leases and job rows: one owner per bus across processes (issue #6)."""
    _run(
        database,
        (
            'CREATE TABLE "bus_job" ("id" INTEGER NOT NULL PRIMARY KEY, '
            '"bus_id" INTEGER NOT NULL, "kind" VARCHAR(32) NOT NULL, "args_json" TEXT NOT NULL, '
            '"priority" INTEGER NOT NULL, "label" VARCHAR(255) NOT NULL, '
            '"state" VARCHAR(16) NOT NULL, "origin" VARCHAR(255) NOT NULL, '
            '"owner" VARCHAR(255) NOT NULL, "created_at" DATETIME NOT NULL, '
            '"start_by" DATETIME NOT NULL, "started_at" DATETIME, "finished_at" DATETIME, '
            '"entry_id" INTEGER, "result_json" TEXT NOT NULL, "error_json" TEXT NOT NULL, '
            'FOREIGN KEY ("bus_id") REFERENCES "bus" ("id") ON DELETE CASCADE)',
            'CREATE INDEX "bus_job_bus_id" ON "bus_job" ("bus_id")',
            'CREATE INDEX "bus_job_bus_id_state" ON "bus_job" ("bus_id", "state")',
            'CREATE TABLE "bus_lease" ("bus_id" INTEGER NOT NULL PRIMARY KEY, '
            '"owner" VARCHAR(255) NOT NULL, "kind" VARCHAR(16) NOT NULL, '
            '"acquired_at" DATETIME NOT NULL, "expires_at" DATETIME NOT NULL, '
            'FOREIGN KEY ("bus_id") REFERENCES "bus" ("id") ON DELETE CASCADE)',
        ),
    )


def _v4(database: SqliteDatabase) -> None:
    """Multi-circuit meters (issue #10): several meters at one address, one per circuit."""
    _run(
        database,
        (
            'ALTER TABLE "meter" ADD COLUMN "circuit" INTEGER NOT NULL DEFAULT 0',
            'DROP INDEX "meter_bus_id_address"',
            'CREATE UNIQUE INDEX "meter_bus_id_address_circuit" ON "meter" '
            '("bus_id", "address", "circuit")',
        ),
    )


def _v5(database: SqliteDatabase) -> None:
    """Site setup (issue #11): gateways, a bus's gateway port and default family, a meter's
    overload threshold and tariff."""
    _run(
        database,
        (
            'CREATE TABLE "gateway" ("id" INTEGER NOT NULL PRIMARY KEY, '
            '"name" VARCHAR(255) NOT NULL, "host" VARCHAR(255) NOT NULL, '
            '"port_count" INTEGER NOT NULL, "first_tcp_port" INTEGER NOT NULL, '
            '"building_id" INTEGER, '
            'FOREIGN KEY ("building_id") REFERENCES "building" ("id") ON DELETE SET NULL)',
            'CREATE UNIQUE INDEX "gateway_name" ON "gateway" ("name")',
            'CREATE INDEX "gateway_building_id" ON "gateway" ("building_id")',
            'ALTER TABLE "bus" ADD COLUMN "gateway_id" INTEGER '
            'REFERENCES "gateway" ("id") ON DELETE RESTRICT',
            'ALTER TABLE "bus" ADD COLUMN "gateway_port" INTEGER NOT NULL DEFAULT 0',
            'ALTER TABLE "bus" ADD COLUMN "profile" VARCHAR(255) NOT NULL DEFAULT \'default\'',
            'CREATE INDEX "bus_gateway_id" ON "bus" ("gateway_id")',
            'ALTER TABLE "meter" ADD COLUMN "overload_w" INTEGER NOT NULL DEFAULT 0',
            'ALTER TABLE "meter" ADD COLUMN "tariff" VARCHAR(255) NOT NULL DEFAULT \'\'',
        ),
    )


def _v6(database: SqliteDatabase) -> None:
    """Tariffs and remote control (issue #12): versioned tariffs, the version each meter
    carries, the parameters it should hold, command batches and schedules."""
    _run(
        database,
        (
            'CREATE TABLE "tariff" ("id" INTEGER NOT NULL PRIMARY KEY, '
            '"name" VARCHAR(255) NOT NULL, "kind" VARCHAR(16) NOT NULL, '
            '"archived" INTEGER NOT NULL, "created_at" DATETIME NOT NULL)',
            'CREATE UNIQUE INDEX "tariff_name" ON "tariff" ("name")',
            'CREATE TABLE "tariff_version" ("id" INTEGER NOT NULL PRIMARY KEY, '
            '"tariff_id" INTEGER NOT NULL, "version" INTEGER NOT NULL, '
            '"prices_json" TEXT NOT NULL, "segments_json" TEXT NOT NULL, '
            '"ladder_json" TEXT NOT NULL, "created_at" DATETIME NOT NULL, '
            '"created_by" VARCHAR(255) NOT NULL, '
            'FOREIGN KEY ("tariff_id") REFERENCES "tariff" ("id") ON DELETE RESTRICT)',
            'CREATE INDEX "tariff_version_tariff_id" ON "tariff_version" ("tariff_id")',
            'CREATE UNIQUE INDEX "tariff_version_tariff_id_version" ON "tariff_version" '
            '("tariff_id", "version")',
            'CREATE TABLE "meter_tariff" ("id" INTEGER NOT NULL PRIMARY KEY, '
            '"meter_id" INTEGER NOT NULL, "version_id" INTEGER NOT NULL, '
            '"price_override" INTEGER, "assigned_at" DATETIME NOT NULL, '
            '"assigned_by" VARCHAR(255) NOT NULL, '
            'FOREIGN KEY ("meter_id") REFERENCES "meter" ("id") ON DELETE CASCADE, '
            'FOREIGN KEY ("version_id") REFERENCES "tariff_version" ("id") ON DELETE RESTRICT)',
            'CREATE INDEX "meter_tariff_meter_id" ON "meter_tariff" ("meter_id")',
            'CREATE INDEX "meter_tariff_version_id" ON "meter_tariff" ("version_id")',
            'CREATE TABLE "param_sync" ("meter_id" INTEGER NOT NULL PRIMARY KEY, '
            '"wanted_json" TEXT NOT NULL, "read_json" TEXT NOT NULL, "checked_at" DATETIME, '
            '"in_sync" INTEGER NOT NULL, '
            'FOREIGN KEY ("meter_id") REFERENCES "meter" ("id") ON DELETE CASCADE)',
            'CREATE INDEX "param_sync_in_sync" ON "param_sync" ("in_sync")',
            'CREATE TABLE "batch" ("id" INTEGER NOT NULL PRIMARY KEY, '
            '"command" VARCHAR(32) NOT NULL, "args_json" TEXT NOT NULL, '
            '"created_by" VARCHAR(255) NOT NULL, "created_at" DATETIME NOT NULL, '
            '"finished_at" DATETIME, "state" VARCHAR(16) NOT NULL, "schedule_id" INTEGER)',
            'CREATE TABLE "batch_item" ("id" INTEGER NOT NULL PRIMARY KEY, '
            '"batch_id" INTEGER NOT NULL, "meter_id" INTEGER NOT NULL, '
            '"state" VARCHAR(16) NOT NULL, "detail" TEXT NOT NULL, "finished_at" DATETIME, '
            'FOREIGN KEY ("batch_id") REFERENCES "batch" ("id") ON DELETE CASCADE, '
            'FOREIGN KEY ("meter_id") REFERENCES "meter" ("id") ON DELETE CASCADE)',
            'CREATE INDEX "batch_item_batch_id" ON "batch_item" ("batch_id")',
            'CREATE INDEX "batch_item_meter_id" ON "batch_item" ("meter_id")',
            'CREATE INDEX "batch_item_batch_id_state" ON "batch_item" ("batch_id", "state")',
            'CREATE TABLE "schedule" ("id" INTEGER NOT NULL PRIMARY KEY, '
            '"name" VARCHAR(255) NOT NULL, "command" VARCHAR(32) NOT NULL, '
            '"args_json" TEXT NOT NULL, "meters_json" TEXT NOT NULL, '
            '"when_json" TEXT NOT NULL, "enabled" INTEGER NOT NULL, "next_run_at" DATETIME, '
            '"last_run_at" DATETIME, "created_by" VARCHAR(255) NOT NULL, '
            '"created_at" DATETIME NOT NULL)',
            'CREATE INDEX "schedule_next_run_at" ON "schedule" ("next_run_at")',
        ),
    )


def _v7(database: SqliteDatabase) -> None:
    """Alarms, the SMS outbox and service leases (issue #13); daily totals and cash counts
    (issue #14)."""
    _run(
        database,
        (
            'CREATE TABLE "alarm" ("id" INTEGER NOT NULL PRIMARY KEY, "meter_id" INTEGER, '
            '"kind" VARCHAR(24) NOT NULL, "level" INTEGER NOT NULL, '
            '"started_at" DATETIME NOT NULL, "ended_at" DATETIME, "value" INTEGER, '
            '"detail" TEXT NOT NULL, "acked_by" VARCHAR(255) NOT NULL, "acked_at" DATETIME, '
            '"ack_note" VARCHAR(255) NOT NULL, "sms_state" VARCHAR(10) NOT NULL, '
            'FOREIGN KEY ("meter_id") REFERENCES "meter" ("id") ON DELETE CASCADE)',
            'CREATE INDEX "alarm_meter_id" ON "alarm" ("meter_id")',
            'CREATE INDEX "alarm_started_at" ON "alarm" ("started_at")',
            'CREATE INDEX "alarm_ended_at" ON "alarm" ("ended_at")',
            'CREATE INDEX "alarm_sms_state" ON "alarm" ("sms_state")',
            'CREATE INDEX "alarm_meter_id_kind_ended_at" ON "alarm" ("meter_id", "kind", '
            '"ended_at")',
            'CREATE TABLE "cash_count" ("id" INTEGER NOT NULL PRIMARY KEY, '
            '"operator" VARCHAR(255) NOT NULL, "shift_start" DATETIME NOT NULL, '
            '"shift_end" DATETIME NOT NULL, "expected" INTEGER NOT NULL, '
            '"counted" INTEGER NOT NULL, "note" VARCHAR(255) NOT NULL, '
            '"entered_by" VARCHAR(255) NOT NULL, "entered_at" DATETIME NOT NULL)',
            'CREATE TABLE "daily_total" ("id" INTEGER NOT NULL PRIMARY KEY, '
            '"meter_id" INTEGER NOT NULL, "day" DATE NOT NULL, '
            '"energy_total" INTEGER NOT NULL, "energy_sharp" INTEGER NOT NULL, '
            '"energy_peak" INTEGER NOT NULL, "energy_flat" INTEGER NOT NULL, '
            '"energy_valley" INTEGER NOT NULL, "cost" INTEGER, '
            '"first_energy" INTEGER NOT NULL, "last_energy" INTEGER NOT NULL, '
            '"balance_end" INTEGER, "readings" INTEGER NOT NULL, "complete" INTEGER NOT NULL, '
            '"reset" INTEGER NOT NULL, "made_at" DATETIME NOT NULL, '
            'FOREIGN KEY ("meter_id") REFERENCES "meter" ("id") ON DELETE CASCADE)',
            'CREATE INDEX "daily_total_meter_id" ON "daily_total" ("meter_id")',
            'CREATE UNIQUE INDEX "daily_total_meter_id_day" ON "daily_total" ("meter_id", "day")',
            'CREATE INDEX "daily_total_day" ON "daily_total" ("day")',
            'CREATE TABLE "service_lease" ("name" VARCHAR(32) NOT NULL PRIMARY KEY, '
            '"owner" VARCHAR(255) NOT NULL, "kind" VARCHAR(16) NOT NULL, '
            '"acquired_at" DATETIME NOT NULL, "expires_at" DATETIME NOT NULL, '
            '"status_json" TEXT NOT NULL)',
            'CREATE TABLE "sms_message" ("id" INTEGER NOT NULL PRIMARY KEY, '
            '"direction" VARCHAR(3) NOT NULL, "phone" VARCHAR(24) NOT NULL, '
            '"body" TEXT NOT NULL, "kind" VARCHAR(24) NOT NULL, "state" VARCHAR(10) NOT NULL, '
            '"tenant_id" INTEGER, "meter_id" INTEGER, "alarm_id" INTEGER, '
            '"parts" INTEGER NOT NULL, "attempts" INTEGER NOT NULL, "next_try_at" DATETIME, '
            '"created_at" DATETIME NOT NULL, "sent_at" DATETIME, "error" TEXT NOT NULL, '
            'FOREIGN KEY ("tenant_id") REFERENCES "tenant" ("id") ON DELETE SET NULL, '
            'FOREIGN KEY ("meter_id") REFERENCES "meter" ("id") ON DELETE SET NULL, '
            'FOREIGN KEY ("alarm_id") REFERENCES "alarm" ("id") ON DELETE SET NULL)',
            'CREATE INDEX "sms_message_state" ON "sms_message" ("state")',
            'CREATE INDEX "sms_message_tenant_id" ON "sms_message" ("tenant_id")',
            'CREATE INDEX "sms_message_meter_id" ON "sms_message" ("meter_id")',
            'CREATE INDEX "sms_message_alarm_id" ON "sms_message" ("alarm_id")',
            'CREATE INDEX "sms_message_next_try_at" ON "sms_message" ("next_try_at")',
            'CREATE INDEX "sms_message_created_at" ON "sms_message" ("created_at")',
            'CREATE INDEX "sms_message_phone_created_at" ON "sms_message" ("phone", "created_at")',
        ),
    )


def _v8(database: SqliteDatabase) -> None:
    """Tenant self-service (issue #15): PIN failures by account and by source, mobile-site
    sessions, and the mark of a tenant who switched their own power off."""
    _run(
        database,
        (
            'CREATE TABLE "tenant_login" ("key" VARCHAR(80) NOT NULL PRIMARY KEY, '
            '"failures" INTEGER NOT NULL, "locked_until" DATETIME, "last_failed_at" DATETIME)',
            'CREATE TABLE "tenant_session" ("token_hash" VARCHAR(64) NOT NULL PRIMARY KEY, '
            '"tenant_id" INTEGER NOT NULL, "source" VARCHAR(255) NOT NULL, '
            '"created_at" DATETIME NOT NULL, "last_seen_at" DATETIME NOT NULL, '
            '"ended_at" DATETIME, '
            'FOREIGN KEY ("tenant_id") REFERENCES "tenant" ("id") ON DELETE CASCADE)',
            'CREATE INDEX "tenant_session_tenant_id" ON "tenant_session" ("tenant_id")',
            'ALTER TABLE "account" ADD COLUMN "tenant_off_at" DATETIME',
        ),
    )


def _v9(database: SqliteDatabase) -> None:
    """Online self-purchase (issue #16): payment orders and the providers' words."""
    _run(
        database,
        (
            'CREATE TABLE "pay_order" ("id" INTEGER NOT NULL PRIMARY KEY, '
            '"order_no" VARCHAR(32) NOT NULL, "tenant_id" INTEGER NOT NULL, '
            '"meter_id" INTEGER NOT NULL, "amount" INTEGER NOT NULL, '
            '"provider" VARCHAR(8) NOT NULL, "channel" VARCHAR(8) NOT NULL, '
            '"state" VARCHAR(16) NOT NULL, "checkout" TEXT NOT NULL, '
            '"provider_txn" VARCHAR(255) NOT NULL, "paid_amount" INTEGER, "entry_id" INTEGER, '
            '"refund_no" VARCHAR(255) NOT NULL, "reason" TEXT NOT NULL, '
            '"created_at" DATETIME NOT NULL, "paid_at" DATETIME, "credited_at" DATETIME, '
            '"finished_at" DATETIME, "next_check_at" DATETIME, "attempts" INTEGER NOT NULL, '
            'FOREIGN KEY ("tenant_id") REFERENCES "tenant" ("id") ON DELETE RESTRICT, '
            'FOREIGN KEY ("meter_id") REFERENCES "meter" ("id") ON DELETE RESTRICT, '
            'FOREIGN KEY ("entry_id") REFERENCES "ledger_entry" ("id") ON DELETE RESTRICT)',
            'CREATE UNIQUE INDEX "pay_order_order_no" ON "pay_order" ("order_no")',
            'CREATE INDEX "pay_order_tenant_id" ON "pay_order" ("tenant_id")',
            'CREATE INDEX "pay_order_meter_id" ON "pay_order" ("meter_id")',
            'CREATE INDEX "pay_order_state" ON "pay_order" ("state")',
            'CREATE INDEX "pay_order_entry_id" ON "pay_order" ("entry_id")',
            'CREATE INDEX "pay_order_created_at" ON "pay_order" ("created_at")',
            'CREATE INDEX "pay_order_next_check_at" ON "pay_order" ("next_check_at")',
            'CREATE TABLE "pay_event" ("id" INTEGER NOT NULL PRIMARY KEY, "order_id" INTEGER, '
            '"provider" VARCHAR(8) NOT NULL, "kind" VARCHAR(16) NOT NULL, '
            '"received_at" DATETIME NOT NULL, "verified" INTEGER NOT NULL, '
            '"body" TEXT NOT NULL, "outcome" VARCHAR(255) NOT NULL, '
            'FOREIGN KEY ("order_id") REFERENCES "pay_order" ("id") ON DELETE RESTRICT)',
            'CREATE INDEX "pay_event_order_id" ON "pay_event" ("order_id")',
            'CREATE INDEX "pay_event_received_at" ON "pay_event" ("received_at")',
        ),
    )


MIGRATIONS = {1: _v1, 2: _v2, 3: _v3, 4: _v4, 5: _v5, 6: _v6, 7: _v7, 8: _v8, 9: _v9}
LATEST = max(MIGRATIONS)


def current_version(database: SqliteDatabase) -> int:
    if not database.table_exists("schema_version"):
        return 0
    row = SchemaVersion.select().order_by(SchemaVersion.version.desc()).first()
    return row.version if row else 0


# PostgreSQL starts at this version from one frozen baseline (app.models.schema_pg);
# every migration after it runs on both databases (a function may ask ``is_postgresql``).
PG_BASELINE = 9
PG_SCHEMA_VERSION_SQL = (
    'CREATE TABLE IF NOT EXISTS "schema_version" '
    '("id" BIGSERIAL NOT NULL PRIMARY KEY, "version" BIGINT NOT NULL)'
)


def is_postgresql(database) -> bool:
    from app.models.pg import SitePostgres

    return isinstance(database, SitePostgres)


def _locked(postgresql: bool) -> dict:
    """On PostgreSQL a migration step takes the site's write lock: PCs upgrading at once
    run each step once (the second finds the version moved and skips it)."""
    return {"lock_type": "IMMEDIATE"} if postgresql else {}


def _pg_baseline(database) -> None:
    """A new PostgreSQL site database: schema version PG_BASELINE at once."""
    from app.models.schema_pg import PG_V9_SQL

    with database.atomic(lock_type="IMMEDIATE"):
        if current_version(database):
            return  # made meanwhile by another PC
        _run(database, PG_V9_SQL)
        SchemaVersion.delete().execute()
        SchemaVersion.create(version=PG_BASELINE)
    log.info("PostgreSQL database made at schema version %d", PG_BASELINE)


def migrate(database: SqliteDatabase) -> int:
    postgresql = is_postgresql(database)
    database.execute_sql(PG_SCHEMA_VERSION_SQL if postgresql else SCHEMA_VERSION_SQL)
    version = current_version(database)
    if postgresql and version == 0:
        _pg_baseline(database)
        version = PG_BASELINE
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
        with database.atomic(**_locked(postgresql)):
            if postgresql and current_version(database) >= version:
                continue  # another PC ran this step while this one waited for the lock
            MIGRATIONS[version](database)
            SchemaVersion.delete().execute()
            SchemaVersion.create(version=version)
        log.info("database migrated to schema version %d", version)
    return version
