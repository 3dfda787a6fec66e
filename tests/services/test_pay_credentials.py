"""Payment credentials: beside the master key, sealed with it, never in the database or logs."""

from __future__ import annotations

import logging
import os
import stat

import pytest

from app.errors import ConfigError, InvalidField, PermissionDenied
from app.services.payments import credentials
from app.services.payments.provider import ALIPAY, WECHAT
from tests.billing_helpers import ADMIN, CASHIER

API_KEY = "0123456789abcdef0123456789ABCDEF"
PRIVATE = "-----BEGIN PRIVATE KEY-----\nMIIEsecretsecretsecret\n-----END PRIVATE KEY-----"
WECHAT_VALUES = {
    "mchid": "1900000109",
    "appid": "wx8888888888888888",
    "serial_no": "444F4864EA9B34415",
    "apiv3_key": API_KEY,
    "private_key": PRIVATE,
    "platform_key": "-----BEGIN PUBLIC KEY-----\nMIIBplatform\n-----END PUBLIC KEY-----",
    "platform_key_id": "PUB_KEY_ID_0112",
}


def test_round_trip_in_the_key_folder_with_mode_0600(tmp_path, master_key):
    key_file = tmp_path / "master.key"
    credentials.save(ADMIN, master_key, key_file, WECHAT, WECHAT_VALUES)
    got = credentials.load(master_key, key_file, WECHAT)
    assert got.values == WECHAT_VALUES and got.complete()
    assert not credentials.load(master_key, key_file, ALIPAY).values
    path = tmp_path / "payments.cred"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    blob = path.read_bytes()
    for secret in (API_KEY, "secretsecret", "1900000109"):
        assert secret.encode() not in blob


def test_another_master_key_cannot_read_and_an_edited_file_is_refused(tmp_path, master_key):
    key_file = tmp_path / "master.key"
    credentials.save(
        ADMIN, master_key, key_file, ALIPAY, {"appid": "2021000000", "app_private_key": PRIVATE}
    )
    with pytest.raises(ConfigError):
        credentials.load(bytes(32), key_file, ALIPAY)
    path = tmp_path / "payments.cred"
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 1
    path.write_bytes(bytes(blob))
    with pytest.raises(ConfigError):
        credentials.load(master_key, key_file, ALIPAY)


def test_secret_kept_when_left_empty_plain_field_cleared(tmp_path, master_key):
    key_file = tmp_path / "master.key"
    credentials.save(ADMIN, master_key, key_file, WECHAT, WECHAT_VALUES)
    changed = {**WECHAT_VALUES, "apiv3_key": "", "private_key": "", "serial_no": ""}
    got = credentials.save(ADMIN, master_key, key_file, WECHAT, changed)
    assert got.get("apiv3_key") == API_KEY and got.get("private_key") == PRIVATE
    assert got.get("serial_no") == "" and not got.complete()


def test_only_an_admin_saves_and_a_bad_api_key_is_refused(tmp_path, master_key):
    key_file = tmp_path / "master.key"
    with pytest.raises(PermissionDenied):
        credentials.save(CASHIER, master_key, key_file, WECHAT, WECHAT_VALUES)
    with pytest.raises(InvalidField) as info:
        credentials.save(ADMIN, master_key, key_file, WECHAT, {**WECHAT_VALUES, "apiv3_key": "x"})
    assert info.value.field == "apiv3_key"
    assert not (tmp_path / "payments.cred").exists()


def test_nothing_in_the_database_or_the_log(tmp_path, master_key, database, caplog):
    caplog.set_level(logging.DEBUG)
    key_file = tmp_path / "master.key"
    got = credentials.save(ADMIN, master_key, key_file, WECHAT, WECHAT_VALUES)
    logging.getLogger("app.test").info("stored %r", got)
    assert API_KEY not in repr(got) and "secretsecret" not in repr(got)
    assert API_KEY not in caplog.text and "secretsecret" not in caplog.text
    database.execute_sql("PRAGMA wal_checkpoint(FULL)")
    for path in tmp_path.glob("site.db*"):
        data = path.read_bytes()
        assert API_KEY.encode() not in data and b"secretsecret" not in data
