"""Key-value rows behind ``app.settings`` (declared there with type and default)."""

from __future__ import annotations

from peewee import CharField, TextField

from app.models.base import BaseModel


class SettingRow(BaseModel):
    key = CharField(primary_key=True)
    value = TextField()

    class Meta:
        table_name = "setting"
