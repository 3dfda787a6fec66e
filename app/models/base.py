"""The database proxy every model is bound to, and the model base class.

Kept apart from ``db`` (opening, checking, migrating a site database) so that
the model modules and the migrations import only this: nothing here imports
them back (no import circle, issue #7).
"""

from __future__ import annotations

from peewee import DatabaseProxy, Model

db = DatabaseProxy()


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False
