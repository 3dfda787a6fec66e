"""The makers' site keys beside master.key: made once, typed in, never replaced."""

from __future__ import annotations

import pytest

from app.errors import ConfigError
from app.serial_io.security import create_master_key
from app.serial_io.site_keys import load_site_keys


def test_a_missing_maker_key_is_made_once_and_then_kept(tmp_path):
    master = create_master_key(tmp_path / "master.key")
    first = load_site_keys(tmp_path / "master.key", create_vendor=True)
    assert first.master == master and len(first.vendor_key("acrel")) == 16
    again = load_site_keys(tmp_path / "master.key", create_vendor=True)
    assert again.vendor_key("acrel") == first.vendor_key("acrel")  # never replaced
    assert oct((tmp_path / "acrel.key").stat().st_mode & 0o777) == "0o600"


def test_a_key_typed_in_from_the_meters_documentation_is_used_as_it_is(tmp_path):
    create_master_key(tmp_path / "master.key")
    (tmp_path / "acrel.key").write_text("00112233445566778899aabbccddeeff\n")
    keys = load_site_keys(tmp_path / "master.key")
    assert keys.vendor_key("acrel") == bytes.fromhex("00112233445566778899aabbccddeeff")


@pytest.mark.parametrize("text", ["0011", "zz" * 16, ""])
def test_a_damaged_maker_key_is_refused_naming_the_file(tmp_path, text):
    create_master_key(tmp_path / "master.key")
    (tmp_path / "acrel.key").write_text(text)
    with pytest.raises(ConfigError, match=r"acrel\.key"):
        load_site_keys(tmp_path / "master.key")


def test_without_create_nothing_is_made(tmp_path):
    create_master_key(tmp_path / "master.key")
    assert load_site_keys(tmp_path / "master.key").vendor_key("acrel") is None
    assert not (tmp_path / "acrel.key").exists()
