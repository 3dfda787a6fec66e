"""The keys a site's meters are protected with: our master key and the makers' site keys.

The default profile derives each meter's 3DES keys from the master key; a
maker's family (the Acrel meters) uses one site key of its own, kept in its
own file beside ``master.key`` (``<family>.key``, e.g. ``acrel.key``). The bus
worker holds a ``SiteKeys`` and asks each meter's profile for what it needs.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP, ConfigError
from app.serial_io.security import create_master_key, load_master_key

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SiteKeys:
    master: bytes
    vendor: Mapping[str, bytes] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"SiteKeys(<hidden>, vendors={sorted(self.vendor)})"

    def vendor_key(self, family: str) -> bytes | None:
        return self.vendor.get(family)


def as_site_keys(keys: SiteKeys | bytes) -> SiteKeys:
    """Accept a bare master key where only the default profile is used (tests, tools)."""
    return keys if isinstance(keys, SiteKeys) else SiteKeys(bytes(keys))


VENDOR_FAMILIES = ("acrel",)
VENDOR_KEY_BYTES = 16  # the Acrel cipher's 128-bit key
VENDOR_KEY_DAMAGED = QT_TRANSLATE_NOOP(
    "Errors",
    "the meter key {path} is damaged: it must hold 32 hex digits (the meters' key) "
    "or 64 (a key the program made, of which the first 32 are used)",
)


def load_vendor_key(path: Path) -> bytes:
    """A maker's site key: 16 bytes as hex (typed in from the meters' documentation), or
    a 32-byte key file the program made (its first 16 bytes are the key)."""
    try:
        text = Path(path).read_text(encoding="ascii").strip()
        key = bytes.fromhex(text)
    except (OSError, UnicodeDecodeError, ValueError):
        key = b""
    if len(key) not in (VENDOR_KEY_BYTES, 2 * VENDOR_KEY_BYTES):
        raise ConfigError(VENDOR_KEY_DAMAGED, path=str(path))
    return key[:VENDOR_KEY_BYTES]


def vendor_key_file(key_file: Path, family: str) -> Path:
    return Path(key_file).with_name(f"{family}.key")


def load_site_keys(key_file: Path, create_vendor: bool = False) -> SiteKeys:
    """The master key and every maker's site key found beside it.

    ``create_vendor``: make a missing maker key (a new site, or a site made
    before the family existed); a maker key is only ever created, never
    replaced (meters set to it would no longer accept our writes).
    """
    master = load_master_key(key_file)
    vendor: dict[str, bytes] = {}
    for family in VENDOR_FAMILIES:
        path = vendor_key_file(key_file, family)
        if not path.exists() and create_vendor:
            try:
                vendor[family] = create_master_key(path)[:VENDOR_KEY_BYTES]
            except ConfigError as exc:  # a read-only or full folder: the family waits for it
                log.warning("no %s site key: %s", family, exc)
            continue
        if path.exists():
            vendor[family] = load_vendor_key(path)
    return SiteKeys(master, vendor)
