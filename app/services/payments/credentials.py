"""The merchant credentials of the payment providers, kept beside the master key, encrypted.

WeChat Pay wants the merchant id, the app id, the API v3 key, the merchant
certificate's serial number, the merchant private key and the platform public
key with its id; Alipay the app id, the app private key and Alipay's public key;
each may name another gateway (a sandbox, or the local fakes).
An administrator enters them on the settings page. They are never written to
the database or a log: one file ``payments.cred`` in the key folder holds them
as JSON sealed with AES-256-GCM under a key derived from the master key
(``chain_key.derive``, its own label), so a copy of ``site.db`` or of the
file alone reveals nothing, and another site's master key cannot open it.
``repr`` of what is read hides every secret.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from Crypto.Cipher import AES

from app.errors import QT_TRANSLATE_NOOP, ConfigError, InvalidField
from app.paths import fsync_folder
from app.services.chain_key import derive
from app.services.payments import registry
from app.services.payments.provider import ALIPAY, PROVIDERS, WECHAT
from app.services.permissions import Actor, Permission, require

LABEL = b"PEM payment credentials"
MAGIC = b"PEMCRED1"
NONCE_BYTES = 12
TAG_BYTES = 16
FILE_NAME = "payments.cred"

# The fields of each provider, in the order the settings page shows them; SECRET ones are
# shown as dots and, once stored, only replaced (never read back into a field).
# (named as the clients ``wechat.WechatPayClient`` / ``alipay.AlipayClient`` take them)
FIELDS: dict[str, tuple[str, ...]] = {
    WECHAT: (
        "mchid",
        "appid",
        "serial_no",
        "apiv3_key",
        "private_key",
        "platform_key",
        "platform_key_id",
        "base_url",
    ),
    ALIPAY: ("appid", "app_private_key", "alipay_public_key", "base_url"),
}
OPTIONAL = frozenset({"base_url"})  # empty: the provider's own gateway
SECRET = frozenset({"apiv3_key", "private_key", "app_private_key"})
MULTILINE = frozenset({"private_key", "platform_key", "app_private_key", "alipay_public_key"})

CANNOT_READ = QT_TRANSLATE_NOOP(
    "Errors",
    "the payment credentials in {path} cannot be read with this site's master key "
    "(another site's file, or damaged): enter them again",
)
CANNOT_WRITE = QT_TRANSLATE_NOOP("Errors", "cannot write the payment credentials {path}: {reason}")
UNKNOWN_PROVIDER = QT_TRANSLATE_NOOP("Errors", "no such payment provider: {provider}")
API_KEY_LENGTH = QT_TRANSLATE_NOOP("Errors", "the WeChat Pay API v3 key is 32 characters")


@dataclass(frozen=True)
class ProviderCredentials:
    """One provider's fields (name -> text); ``repr`` shows only which fields are set."""

    provider: str
    values: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def complete(self) -> bool:
        return all(self.values.get(n) for n in FIELDS[self.provider] if n not in OPTIONAL)

    def __repr__(self) -> str:
        shown = {
            name: ("<set>" if name in SECRET else self.values[name])
            for name in FIELDS[self.provider]
            if self.values.get(name)
        }
        return f"ProviderCredentials({self.provider}, {shown})"


def credentials_file(key_file: Path) -> Path:
    """``payments.cred`` beside ``master.key``."""
    return Path(key_file).parent / FILE_NAME


def _cipher_key(master: bytes) -> bytes:
    return derive(master, LABEL)


def _seal(master: bytes, data: dict[str, dict[str, str]]) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    cipher = AES.new(_cipher_key(master), AES.MODE_GCM, nonce=nonce)
    cipher.update(MAGIC)
    body, tag = cipher.encrypt_and_digest(json.dumps(data, sort_keys=True).encode())
    return MAGIC + nonce + tag + body


def _open(master: bytes, blob: bytes, path: Path) -> dict[str, dict[str, str]]:
    head = len(MAGIC)
    if blob[:head] != MAGIC or len(blob) < head + NONCE_BYTES + TAG_BYTES:
        raise ConfigError(CANNOT_READ, path=str(path))
    nonce = blob[head : head + NONCE_BYTES]
    tag = blob[head + NONCE_BYTES : head + NONCE_BYTES + TAG_BYTES]
    cipher = AES.new(_cipher_key(master), AES.MODE_GCM, nonce=nonce)
    cipher.update(MAGIC)
    try:
        plain = cipher.decrypt_and_verify(blob[head + NONCE_BYTES + TAG_BYTES :], tag)
        data = json.loads(plain)
    except ValueError:  # a wrong key or an edited file: the tag does not verify
        raise ConfigError(CANNOT_READ, path=str(path)) from None
    return {p: {k: str(v) for k, v in fields.items()} for p, fields in data.items()}


def _read_all(master: bytes, key_file: Path) -> dict[str, dict[str, str]]:
    path = credentials_file(key_file)
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError:
        raise ConfigError(CANNOT_READ, path=str(path)) from None
    return _open(master, blob, path)


def load(master: bytes, key_file: Path, provider: str) -> ProviderCredentials:
    """What is stored for ``provider`` (empty when nothing is); raises ``ConfigError`` when
    the file cannot be opened with ``master``."""
    if provider not in PROVIDERS:
        raise ConfigError(UNKNOWN_PROVIDER, provider=provider)
    return ProviderCredentials(provider, _read_all(master, key_file).get(provider, {}))


def _checked(provider: str, values: dict[str, str]) -> dict[str, str]:
    if provider not in PROVIDERS:
        raise ConfigError(UNKNOWN_PROVIDER, provider=provider)
    clean = {name: values[name].strip() for name in FIELDS[provider] if values.get(name)}
    key = clean.get("apiv3_key", "")
    if provider == WECHAT and key and len(key.encode()) != 32:
        raise InvalidField("apiv3_key", API_KEY_LENGTH)
    return clean


def save(
    actor: Actor, master: bytes, key_file: Path, provider: str, values: dict[str, str]
) -> ProviderCredentials:
    """Store ``provider``'s fields (admin only). An empty or missing secret keeps the stored
    one (the page never shows it back); an empty plain field clears it. Written whole or not
    at all (temporary file, fsync, rename), mode 0600."""
    require(actor, Permission.SETTINGS)
    clean = _checked(provider, values)
    data = _read_all(master, key_file)
    old = data.get(provider, {})
    kept = {name: old[name] for name in SECRET & set(FIELDS[provider]) if old.get(name)}
    data[provider] = {**kept, **clean}
    path = credentials_file(key_file)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_seal(master, data))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ConfigError(CANNOT_WRITE, path=str(path), reason=exc.strerror or str(exc)) from None
    fsync_folder(path.parent)
    return ProviderCredentials(provider, data[provider])


def client_values(master: bytes, key_file: Path, provider: str) -> dict[str, str] | None:
    """The client's arguments for ``provider`` (None until every required field is set)."""
    stored = load(master, key_file, provider)
    return {k: v for k, v in stored.values.items() if v} if stored.complete() else None


def use_site(master: bytes, key_file: Path) -> None:
    """Build the providers' clients from this site's sealed credentials (``Site.open``)."""
    registry.set_credentials_loader(lambda name: client_values(master, key_file, name))


def store_fake(actor: Actor, master: bytes, key_file: Path, state_dir: Path) -> list[str]:
    """Store what the running fakes wrote into ``state_dir`` (``fakes/__main__``:
    ``wechat.json``, ``alipay.json``) as an administrator would copy it from the providers'
    consoles: the demo site and the browser test. Returns the providers stored."""
    done = []
    for name in PROVIDERS:
        path = Path(state_dir) / f"{name}.json"
        if path.exists():
            save(actor, master, key_file, name, json.loads(path.read_text("utf-8")))
            done.append(name)
    if done:
        registry.set_credentials_loader(lambda name: client_values(master, key_file, name))
    return done
