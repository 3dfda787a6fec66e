"""The ledger's write transaction: BEGIN IMMEDIATE refused at once is begun again."""

from __future__ import annotations

import pytest


def test_a_write_transaction_refused_at_once_is_begun_again(database, monkeypatch):
    """BEGIN IMMEDIATE answered "locked" at once (not after the busy wait) twice, then
    granted: the transaction goes ahead instead of failing the sale."""
    import peewee

    from app.models import db
    from app.services.ledger import write_txn

    real_begin = type(db.obj).begin
    refusals = []

    def begin(self, *args, **kwargs):
        if len(refusals) < 2:
            refusals.append(args)
            raise peewee.OperationalError("database is locked")
        return real_begin(self, *args, **kwargs)

    monkeypatch.setattr(type(db.obj), "begin", begin)
    with write_txn():
        assert db.transaction_depth() == 1
    assert len(refusals) == 2 and db.transaction_depth() == 0

    refusals.clear()
    monkeypatch.setenv("PEM_DB_WAIT_S", "0.05")
    monkeypatch.setattr(
        type(db.obj),
        "begin",
        lambda self, *a, **k: (_ for _ in ()).throw(peewee.OperationalError("database is locked")),
    )
    with pytest.raises(peewee.OperationalError), write_txn():
        pass  # refused for longer than the wait: the error stands
    assert db.transaction_depth() == 0
