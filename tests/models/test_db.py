"""Database set-up: WAL, foreign keys, schema version and migrations."""

import pytest

from app import settings
from app.errors import ConfigError, ValidationError
from app.models import Building, Bus, Meter, close_database, open_database
from app.models.migrations import LATEST, SchemaVersion, current_version


def test_pragmas_and_schema_version(database):
    assert database.execute_sql("pragma journal_mode").fetchone()[0] == "wal"
    assert database.execute_sql("pragma foreign_keys").fetchone()[0] == 1
    assert database.execute_sql("pragma synchronous").fetchone()[0] == 2
    assert current_version(database) == LATEST


def test_reopen_keeps_data_and_version(tmp_path):
    path = tmp_path / "site.db"
    open_database(path, create=True)
    b = Building.create(name="A")
    Bus.create(name="bus1", building=b, port="/dev/ttyUSB0")
    close_database()
    database = open_database(path)
    assert Bus.get(Bus.name == "bus1").building.name == "A"
    assert SchemaVersion.select().count() == 1 and current_version(database) == LATEST
    close_database()


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "site.db"
    open_database(path, create=True)
    SchemaVersion.update(version=LATEST + 1).execute()
    close_database()
    with pytest.raises(ConfigError, match="newer"):
        open_database(path)
    close_database()


def test_meter_address_unique_per_bus(database):
    bus = Bus.create(name="b", port="p")
    Meter.create(number="M1", bus=bus, address=1)
    with pytest.raises(Exception, match="UNIQUE"):
        Meter.create(number="M2", bus=bus, address=1)


def test_settings_declared_typed_and_defaulted(database):
    assert settings.get("poll.offline_after") == 3
    settings.put("poll.offline_after", 5)
    assert settings.get("poll.offline_after") == 5
    with pytest.raises(ValidationError):
        settings.put("poll.offline_after", 0)
    with pytest.raises(ValidationError):
        settings.put("receipt.layout", "letter")
    with pytest.raises(ValidationError):
        settings.put("sale.max_fen", "100")
    with pytest.raises(KeyError):
        settings.get("poll.typo")


def test_a_file_this_process_has_open_is_not_read_again_with_a_plain_open(tmp_path, monkeypatch):
    """Closing any descriptor of a file drops the process's POSIX locks on it, SQLite's too:
    another process may then delete the -wal/-shm under this one's connections, which then
    read an old snapshot for ever (a kiosk saw no collector). Once SQLite holds the file,
    check_database_file leaves it to SQLite."""
    from pathlib import Path

    from app.models import close_database, open_database
    from app.models.db import check_database_file

    path = tmp_path / "site.db"
    open_database(path, create=True)
    try:
        opened = []
        real_open = Path.open
        monkeypatch.setattr(
            Path, "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k)
        )
        check_database_file(path)
        open_database(path)
        assert path not in opened
        other = tmp_path / "other.db"
        other.write_bytes(b"not a database" * 10)
        with pytest.raises(Exception, match="not"):
            check_database_file(other)  # a file SQLite never held is still read and judged
        assert other in opened
    finally:
        close_database()
