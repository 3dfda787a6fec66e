"""Whether this database's chains are keyed, and with which key (schema version 2).

One row (id 1), written in the same transaction that re-keys a database made
before chains were keyed; a database without the row still has the old,
unkeyed SHA-256 chains. ``key_check`` is a value derived from the chain keys,
so a replaced key file is named as such instead of as every row edited.
"""

from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, IntegerField

from app.models.base import BaseModel


class ChainState(BaseModel):
    id = AutoField()
    key_check = CharField(max_length=64)
    keyed_at = DateTimeField()
    rekeyed_rows = IntegerField(default=0)  # rows re-hashed from the unkeyed chains
    legacy_problems = IntegerField(default=0)  # breaks the unkeyed chains had when re-keyed

    class Meta:
        table_name = "chain_state"
