"""The site master key: made only for a new site, never silently replaced, private (0600)."""

from __future__ import annotations

import pytest

from app.errors import ConfigError
from app.serial_io.security import (
    MASTER_KEY_BYTES,
    create_master_key,
    load_master_key,
    load_or_create_master_key,
)


def test_a_missing_key_is_an_error_naming_the_file_and_the_backup_and_nothing_is_made(tmp_path):
    path = tmp_path / "master.key"
    with pytest.raises(ConfigError) as err:
        load_master_key(path)
    assert str(path) in str(err.value) and "backup" in str(err.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [b"not hex at all", b"abcd\n", (b"ab" * (MASTER_KEY_BYTES + 1)) + b"\n", b"", b"\xff\xfe"],
    ids=["not-hex", "short", "long", "empty", "binary"],
)
def test_a_damaged_key_is_an_error_naming_the_file(tmp_path, content):
    path = tmp_path / "master.key"
    path.write_bytes(content)
    with pytest.raises(ConfigError, match="damaged") as err:
        load_master_key(path)
    assert str(path) in str(err.value) and "32 bytes" in str(err.value)
    assert path.read_bytes() == content  # left as found


def test_an_unreadable_key_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "master.key"
    path.mkdir()  # a folder in its place: reading fails whoever we are
    with pytest.raises(ConfigError, match="cannot read") as err:
        load_master_key(path)
    assert str(path) in str(err.value)


def test_a_new_key_is_private_and_never_overwrites_one(tmp_path):
    path = tmp_path / "master.key"
    key = create_master_key(path)
    assert len(key) == MASTER_KEY_BYTES and path.stat().st_mode & 0o777 == 0o600
    assert load_master_key(path) == key
    with pytest.raises(ConfigError, match="already exists"):
        create_master_key(path)
    assert load_master_key(path) == key
    assert [p.name for p in tmp_path.iterdir()] == ["master.key"]  # no temporary left


def test_an_older_world_readable_key_is_made_private_when_read(tmp_path):
    path = tmp_path / "master.key"
    key = create_master_key(path)
    path.chmod(0o644)
    assert load_master_key(path) == key and path.stat().st_mode & 0o777 == 0o600


def test_the_stand_alone_simulator_key_is_made_once(tmp_path):
    path = tmp_path / "keys" / "master.key"
    key = load_or_create_master_key(path)
    assert len(key) == MASTER_KEY_BYTES and path.stat().st_mode & 0o077 == 0
    assert load_or_create_master_key(path) == key
