"""peewee models. ``V1_MODELS`` is what schema version 1 creates, in dependency order."""

from app.models.bus_control import BusJob, BusLease, JobState
from app.models.db import BaseModel, close_database, db, open_database
from app.models.ledger import LedgerEntry, LedgerHead, LedgerTransition
from app.models.operators import Operator, SystemLog, SystemLogHead
from app.models.settings_store import SettingRow
from app.models.site import Building, Bus, Meter, MeterState, Reading
from app.models.tenants import Account, Tenant

V1_MODELS = [SettingRow, Building, Bus, Meter, MeterState, Reading, Tenant, Account]
V1_MODELS += [Operator, SystemLog, SystemLogHead]
V1_MODELS += [LedgerEntry, LedgerTransition, LedgerHead]

__all__ = [
    "V1_MODELS",
    "Account",
    "BaseModel",
    "Building",
    "Bus",
    "BusJob",
    "BusLease",
    "JobState",
    "LedgerEntry",
    "LedgerHead",
    "LedgerTransition",
    "Meter",
    "MeterState",
    "Operator",
    "Reading",
    "SettingRow",
    "SystemLog",
    "SystemLogHead",
    "Tenant",
    "close_database",
    "db",
    "open_database",
]
