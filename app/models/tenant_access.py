"""Tenants signing in to the kiosk and the mobile site (issue #15).

``TenantLogin`` counts failed PIN attempts by key: ``acct:<account no>`` for
an account, ``src:<address>`` for where the attempts come from (a kiosk, a
phone's IP), so that guessing is stopped both ways (5 failures, 5 minutes, as
operators). ``TenantSession`` is a mobile-site session: the cookie carries a
random token, signed; the row (keyed by the token's SHA-256, never the token)
says whose it is and ends at sign-out or a PIN change. Both created by schema
migration 8, which also adds ``Account.tenant_off_at`` (the tenant switched
the power off themselves; only then may they switch it back on).
"""

from __future__ import annotations

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField

from app.models.base import BaseModel
from app.models.site import utcnow
from app.models.tenants import Tenant


class TenantLogin(BaseModel):
    key = CharField(primary_key=True, max_length=80)  # acct:<account_no> | src:<address>
    failures = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    last_failed_at = DateTimeField(null=True)

    class Meta:
        table_name = "tenant_login"


class TenantSession(BaseModel):
    token_hash = CharField(primary_key=True, max_length=64)  # sha256 hex of the cookie's token
    tenant = ForeignKeyField(Tenant, backref="sessions", on_delete="CASCADE")
    source = CharField(default="")  # the address it was made from
    created_at = DateTimeField(default=utcnow)
    last_seen_at = DateTimeField(default=utcnow)
    ended_at = DateTimeField(null=True)

    class Meta:
        table_name = "tenant_session"
