"""peewee models. The tables they map are created by frozen SQL in ``app.models.migrations``."""

from app.models.alarms import Alarm, ServiceLease, SmsMessage
from app.models.base import BaseModel
from app.models.base import db as _proxy
from app.models.bus_control import BusJob, BusLease, JobState
from app.models.control import (
    Batch,
    BatchItem,
    MeterTariff,
    ParamSync,
    Schedule,
    Tariff,
    TariffVersion,
)
from app.models.db import close_database, open_database
from app.models.ledger import LedgerEntry, LedgerHead, LedgerTransition
from app.models.operators import Operator, SystemLog, SystemLogHead
from app.models.payments import OrderState, PayEvent, PayOrder
from app.models.reports import CashCount, DailyTotal
from app.models.settings_store import SettingRow
from app.models.site import Building, Bus, Gateway, Meter, MeterState, Reading
from app.models.tenant_access import TenantLogin, TenantSession
from app.models.tenants import Account, Tenant

__all__ = [
    "Account",
    "Alarm",
    "BaseModel",
    "Batch",
    "BatchItem",
    "Building",
    "Bus",
    "BusJob",
    "BusLease",
    "CashCount",
    "DailyTotal",
    "Gateway",
    "JobState",
    "LedgerEntry",
    "LedgerHead",
    "LedgerTransition",
    "Meter",
    "MeterState",
    "MeterTariff",
    "Operator",
    "OrderState",
    "ParamSync",
    "PayEvent",
    "PayOrder",
    "Reading",
    "Schedule",
    "ServiceLease",
    "SettingRow",
    "SmsMessage",
    "SystemLog",
    "SystemLogHead",
    "Tariff",
    "TariffVersion",
    "Tenant",
    "TenantLogin",
    "TenantSession",
    "close_database",
    "db",
    "open_database",
]

# Importing the submodule app.models.db set the package attribute ``db`` to that
# module; ``from app.models import db`` must give the database proxy.
db = _proxy
