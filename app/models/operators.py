"""Operator accounts and the hash-chained system log (SPEC "Security").

The system log keeps the operator's name and role as text, not only a foreign
key: the log must still say who did what after an operator is disabled or
renamed, and its hash must not depend on another table.
``SystemLogHead`` holds the id and hash of the newest row so that cutting rows
off the end of the chain is noticed too.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateTimeField,
    IntegerField,
    TextField,
)

from app.models.base import BaseModel
from app.models.site import utcnow


class Operator(BaseModel):
    id = AutoField()
    login = CharField(unique=True)  # what the operator types at the login dialog
    display_name = CharField(default="")
    role = CharField()  # app.services.permissions.Role value
    # "scrypt$n$r$p$salt_hex$hash_hex": parameters travel with the hash so they can be raised.
    password_hash = CharField()
    active = BooleanField(default=True)
    failed_count = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    must_change_password = BooleanField(default=False)
    created_at = DateTimeField(default=utcnow)
    last_login_at = DateTimeField(null=True)


class SystemLog(BaseModel):
    """One line of "who did what, when, with what result"; rows are never updated."""

    id = AutoField()
    at = DateTimeField(index=True)  # UTC, naive
    operator_id = IntegerField(null=True, index=True)  # None: the system itself / unknown
    operator_name = CharField(default="")
    role = CharField(default="")
    action = CharField(index=True)  # dotted name, e.g. "login.failed", "operator.create"
    target = CharField(default="")
    result = CharField(default="ok")
    detail = TextField(default="")
    prev_hash = CharField(max_length=64)
    hash = CharField(max_length=64)

    class Meta:
        table_name = "system_log"


class SystemLogHead(BaseModel):
    """Single row (id 1): the newest system log row's id and hash."""

    id = AutoField()
    last_id = IntegerField(default=0)
    last_hash = CharField(max_length=64)

    class Meta:
        table_name = "system_log_head"
