"""Tenants and their accounts on meters (one tenant may hold several meters).

An account ties one tenant to one meter from ``opened_at`` until
``closed_at``; closed accounts stay for the history.
"""

from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, ForeignKeyField

from app.models.base import BaseModel
from app.models.site import Meter, utcnow


class Tenant(BaseModel):
    id = AutoField()
    account_no = CharField(unique=True)  # what the tenant types at the kiosk
    name = CharField()
    shop = CharField(default="")  # shop / room
    phone = CharField(default="")
    id_number = CharField(default="")
    pin_hash = CharField(default="")
    created_at = DateTimeField(default=utcnow)
    closed_at = DateTimeField(null=True)


class Account(BaseModel):
    id = AutoField()
    tenant = ForeignKeyField(Tenant, backref="accounts", on_delete="RESTRICT")
    meter = ForeignKeyField(Meter, backref="accounts", on_delete="RESTRICT")
    tariff = CharField(default="")
    opened_at = DateTimeField(default=utcnow)
    closed_at = DateTimeField(null=True, index=True)
    tenant_off_at = DateTimeField(null=True)  # the tenant switched the power off themselves

    @classmethod
    def active_for(cls, meter_id: int) -> Account | None:
        return (
            cls.select()
            .where((cls.meter == meter_id) & cls.closed_at.is_null())
            .order_by(cls.id.desc())
            .first()
        )
