"""Schema version 1 as SQL, frozen: what migration 1 created on the day it was frozen.

Dumped from ``sqlite_master`` of a database made by the first release's
migration (``create_tables`` over the models as they were), text exactly as
SQLite stores it. Migration 1 runs these statements, never the live model
classes, so changing a model cannot change what an old database is migrated
from; a model change is a new numbered migration in ``app.models.migrations``.
"""

V1_SQL = (
    (
        'CREATE TABLE "tenant" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"account_no" VARCHAR(255) NOT NULL, "name" VARCHAR(255) NOT NULL, '
        '"shop" VARCHAR(255) NOT NULL, "phone" VARCHAR(255) NOT NULL, '
        '"id_number" VARCHAR(255) NOT NULL, "pin_hash" VARCHAR(255) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "closed_at" DATETIME)'
    ),
    'CREATE UNIQUE INDEX "tenant_account_no" ON "tenant" ("account_no")',
    (
        'CREATE TABLE "building" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"name" VARCHAR(255) NOT NULL, "address" VARCHAR(255) NOT NULL)'
    ),
    'CREATE UNIQUE INDEX "building_name" ON "building" ("name")',
    (
        'CREATE TABLE "bus" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, '
        '"building_id" INTEGER, "port" VARCHAR(255) NOT NULL, "baud" INTEGER NOT NULL, '
        '"parity" VARCHAR(1) NOT NULL, "stopbits" INTEGER NOT NULL, '
        '"timeout_ms" INTEGER NOT NULL, "turnaround_ms" INTEGER NOT NULL, '
        '"enabled" INTEGER NOT NULL, "simulated" INTEGER NOT NULL, '
        '"sim_state" VARCHAR(255) NOT NULL, '
        'FOREIGN KEY ("building_id") REFERENCES "building" ("id") ON DELETE SET NULL)'
    ),
    'CREATE UNIQUE INDEX "bus_name" ON "bus" ("name")',
    'CREATE INDEX "bus_building_id" ON "bus" ("building_id")',
    (
        'CREATE TABLE "meter" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"number" VARCHAR(255) NOT NULL, "bus_id" INTEGER NOT NULL, "address" INTEGER NOT NULL, '
        '"building_id" INTEGER, "location" VARCHAR(255) NOT NULL, '
        '"profile" VARCHAR(255) NOT NULL, "serial" VARCHAR(255) NOT NULL, '
        '"model" INTEGER NOT NULL, "phases" INTEGER NOT NULL, "firmware" INTEGER NOT NULL, '
        '"ct_ratio" INTEGER NOT NULL, "pt_ratio" INTEGER NOT NULL, "alarm1" INTEGER NOT NULL, '
        '"alarm2" INTEGER NOT NULL, "enabled" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, '
        'FOREIGN KEY ("bus_id") REFERENCES "bus" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("building_id") REFERENCES "building" ("id") ON DELETE SET NULL)'
    ),
    'CREATE UNIQUE INDEX "meter_number" ON "meter" ("number")',
    'CREATE INDEX "meter_bus_id" ON "meter" ("bus_id")',
    'CREATE INDEX "meter_building_id" ON "meter" ("building_id")',
    'CREATE UNIQUE INDEX "meter_bus_id_address" ON "meter" ("bus_id", "address")',
    (
        'CREATE TABLE "account" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"tenant_id" INTEGER NOT NULL, "meter_id" INTEGER NOT NULL, '
        '"tariff" VARCHAR(255) NOT NULL, "opened_at" DATETIME NOT NULL, "closed_at" DATETIME, '
        'FOREIGN KEY ("tenant_id") REFERENCES "tenant" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("meter_id") REFERENCES "meter" ("id") ON DELETE RESTRICT)'
    ),
    'CREATE INDEX "account_tenant_id" ON "account" ("tenant_id")',
    'CREATE INDEX "account_meter_id" ON "account" ("meter_id")',
    'CREATE INDEX "account_closed_at" ON "account" ("closed_at")',
    (
        'CREATE TABLE "ledger_entry" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"kind" VARCHAR(16) NOT NULL, "state" VARCHAR(16) NOT NULL, "meter_id" INTEGER NOT NULL, '
        '"account_id" INTEGER, "tenant_id" INTEGER, "amount_fen" INTEGER NOT NULL, '
        '"payment_method" VARCHAR(16) NOT NULL, "operator_id" INTEGER, '
        '"operator_name" VARCHAR(255) NOT NULL, "origin" VARCHAR(255) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "settled_at" DATETIME, "count_before" INTEGER, '
        '"expected_count" INTEGER, "balance_before" INTEGER, "balance_after" INTEGER, '
        '"reverses_id" INTEGER, "reason" TEXT NOT NULL, "estimated" INTEGER NOT NULL, '
        '"receipt_no" VARCHAR(255) NOT NULL, "prev_hash" VARCHAR(64) NOT NULL, '
        '"hash" VARCHAR(64) NOT NULL, '
        'FOREIGN KEY ("meter_id") REFERENCES "meter" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("tenant_id") REFERENCES "tenant" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("reverses_id") REFERENCES "ledger_entry" ("id") ON DELETE RESTRICT)'
    ),
    'CREATE INDEX "ledger_entry_state" ON "ledger_entry" ("state")',
    'CREATE INDEX "ledger_entry_meter_id" ON "ledger_entry" ("meter_id")',
    'CREATE INDEX "ledger_entry_account_id" ON "ledger_entry" ("account_id")',
    'CREATE INDEX "ledger_entry_tenant_id" ON "ledger_entry" ("tenant_id")',
    'CREATE INDEX "ledger_entry_created_at" ON "ledger_entry" ("created_at")',
    'CREATE INDEX "ledger_entry_reverses_id" ON "ledger_entry" ("reverses_id")',
    'CREATE INDEX "ledger_entry_receipt_no" ON "ledger_entry" ("receipt_no")',
    'CREATE INDEX "ledger_entry_meter_id_state" ON "ledger_entry" ("meter_id", "state")',
    (
        'CREATE UNIQUE INDEX "ledger_one_unsettled_per_meter" ON "ledger_entry" ("meter_id") '
        "WHERE (\"state\" IN ('pending', 'uncertain'))"
    ),
    (
        'CREATE UNIQUE INDEX "ledger_reversed_once" ON "ledger_entry" ("reverses_id") WHERE '
        '(("reverses_id" IS NOT NULL) AND ("state" != \'failed\'))'
    ),
    (
        'CREATE TABLE "ledger_head" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"entry_id" INTEGER NOT NULL, "entry_hash" VARCHAR(64) NOT NULL, '
        '"transition_id" INTEGER NOT NULL, "transition_hash" VARCHAR(64) NOT NULL)'
    ),
    (
        'CREATE TABLE "ledger_transition" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"entry_id" INTEGER NOT NULL, "from_state" VARCHAR(16), "to_state" VARCHAR(16) NOT NULL, '
        '"at" DATETIME NOT NULL, "balance_after" INTEGER, "purchase_count" INTEGER, '
        '"detail" TEXT NOT NULL, "prev_hash" VARCHAR(64) NOT NULL, "hash" VARCHAR(64) NOT NULL, '
        'FOREIGN KEY ("entry_id") REFERENCES "ledger_entry" ("id") ON DELETE RESTRICT)'
    ),
    'CREATE INDEX "ledger_transition_entry_id" ON "ledger_transition" ("entry_id")',
    (
        'CREATE TABLE "meter_state" ("meter_id" INTEGER NOT NULL PRIMARY KEY, '
        '"updated_at" DATETIME, "online" INTEGER NOT NULL, "status_json" TEXT NOT NULL, '
        '"answers" INTEGER NOT NULL, "timeouts" INTEGER NOT NULL, "crc_errors" INTEGER NOT NULL, '
        '"exceptions" INTEGER NOT NULL, "last_response_ms" REAL, '
        '"last_error" VARCHAR(255) NOT NULL, '
        'FOREIGN KEY ("meter_id") REFERENCES "meter" ("id") ON DELETE CASCADE)'
    ),
    (
        'CREATE TABLE "operator" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"login" VARCHAR(255) NOT NULL, "display_name" VARCHAR(255) NOT NULL, '
        '"role" VARCHAR(255) NOT NULL, "password_hash" VARCHAR(255) NOT NULL, '
        '"active" INTEGER NOT NULL, "failed_count" INTEGER NOT NULL, "locked_until" DATETIME, '
        '"must_change_password" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, '
        '"last_login_at" DATETIME)'
    ),
    'CREATE UNIQUE INDEX "operator_login" ON "operator" ("login")',
    (
        'CREATE TABLE "reading" ("id" INTEGER NOT NULL PRIMARY KEY, "meter_id" INTEGER NOT NULL, '
        '"taken_at" DATETIME NOT NULL, "energy_total" INTEGER NOT NULL, '
        '"energy_sharp" INTEGER NOT NULL, "energy_peak" INTEGER NOT NULL, '
        '"energy_flat" INTEGER NOT NULL, "energy_valley" INTEGER NOT NULL, '
        '"balance" INTEGER NOT NULL, "purchase_count" INTEGER NOT NULL, '
        '"power" INTEGER NOT NULL, "relay_open" INTEGER NOT NULL, '
        'FOREIGN KEY ("meter_id") REFERENCES "meter" ("id") ON DELETE CASCADE)'
    ),
    'CREATE INDEX "reading_meter_id" ON "reading" ("meter_id")',
    'CREATE INDEX "reading_taken_at" ON "reading" ("taken_at")',
    'CREATE INDEX "reading_meter_id_taken_at" ON "reading" ("meter_id", "taken_at")',
    'CREATE TABLE "setting" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    (
        'CREATE TABLE "system_log" ("id" INTEGER NOT NULL PRIMARY KEY, "at" DATETIME NOT NULL, '
        '"operator_id" INTEGER, "operator_name" VARCHAR(255) NOT NULL, '
        '"role" VARCHAR(255) NOT NULL, "action" VARCHAR(255) NOT NULL, '
        '"target" VARCHAR(255) NOT NULL, "result" VARCHAR(255) NOT NULL, "detail" TEXT NOT NULL, '
        '"prev_hash" VARCHAR(64) NOT NULL, "hash" VARCHAR(64) NOT NULL)'
    ),
    'CREATE INDEX "system_log_at" ON "system_log" ("at")',
    'CREATE INDEX "system_log_operator_id" ON "system_log" ("operator_id")',
    'CREATE INDEX "system_log_action" ON "system_log" ("action")',
    (
        'CREATE TABLE "system_log_head" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"last_id" INTEGER NOT NULL, "last_hash" VARCHAR(64) NOT NULL)'
    ),
)
