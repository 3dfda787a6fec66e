"""The keys of the hash chains, derived from the site master key and held for this process.

The ledger and the system log are chained with HMAC-SHA256, not a plain
hash: whoever can write ``site.db`` but does not hold ``master.key`` cannot
re-hash an edited, forged or appended row so that ``verify`` accepts it. The
keys are derived from the master key with NIST SP 800-108 (counter mode,
AES-CMAC, as the meter keys are), one label per purpose, so the ledger key,
the log key and the witness key are unrelated and none of them is the key
that talks to meters. Nothing here is ever stored in the database or logged.

``Site.open`` installs the keys (through ``chain_rekey.open_chains``) right
after loading the master key. Writing a chained row with no key installed
raises ``ChainKeyMissing``: an unkeyed hash written silently would be exactly
the hole this module closes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from Crypto.Cipher import AES
from Crypto.Hash import CMAC
from Crypto.Protocol.KDF import SP800_108_Counter

from app.errors import QT_TRANSLATE_NOOP, ConfigError
from app.serial_io.security import MASTER_KEY_BYTES

LEDGER_LABEL = b"PEM ledger chain"
LOG_LABEL = b"PEM system log chain"
WITNESS_LABEL = b"PEM chain witness"
KEY_BYTES = 32


class ChainKeyMissing(ConfigError):
    """A chained row was to be written or checked before the site's keys were installed."""


class Hmac:
    """HMAC-SHA256 with the key's inner and outer pads hashed once (RFC 2104).

    Verifying a million-entry ledger hashes three million rows; starting each
    from a copied, pre-keyed SHA-256 state makes the keyed chain cost little
    more than the plain one (``hmac.new`` per row would cost twice as much).
    """

    __slots__ = ("_inner", "_outer")

    def __init__(self, key: bytes) -> None:
        block = key.ljust(64, b"\0")
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in block))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in block))

    def hex(self, data: bytes) -> str:
        inner = self._inner.copy()
        inner.update(data)
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()

    def __repr__(self) -> str:
        return "Hmac(<hidden>)"


@dataclass(frozen=True)
class ChainKeys:
    """The installed keys (as ready HMACs) and the witness file beside the key file."""

    ledger: Hmac
    log: Hmac
    witness: Hmac
    witness_file: Path

    def key_check(self) -> str:
        """A value the database keeps to tell "another key" from "every row edited"."""
        return self.witness.hex(b"PEM chain key check")


def _prf(key: bytes, data: bytes) -> bytes:
    return CMAC.new(key, data, ciphermod=AES).digest()


def derive(master: bytes, label: bytes) -> bytes:
    """One 32-byte chain key for ``label`` from the site master key."""
    if len(master) != MASTER_KEY_BYTES:
        raise ConfigError(QT_TRANSLATE_NOOP("Errors", "the site master key must be 32 bytes"))
    return SP800_108_Counter(master, KEY_BYTES, _prf, label=label, context=b"site")


_installed: ChainKeys | None = None


def install(master: bytes, witness_file: Path) -> ChainKeys:
    """Derive and hold this site's chain keys; ``witness_file`` receives the chain heads."""
    global _installed
    _installed = ChainKeys(
        ledger=Hmac(derive(master, LEDGER_LABEL)),
        log=Hmac(derive(master, LOG_LABEL)),
        witness=Hmac(derive(master, WITNESS_LABEL)),
        witness_file=Path(witness_file),
    )
    return _installed


def uninstall() -> None:
    """Forget the keys (a site closed; tests)."""
    global _installed
    _installed = None


def keys() -> ChainKeys:
    """The installed keys; raises ``ChainKeyMissing`` when none are."""
    if _installed is None:
        raise ChainKeyMissing(
            QT_TRANSLATE_NOOP(
                "Errors",
                "the ledger and system log keys are not loaded (the site's master key was "
                "not opened); nothing was written",
            )
        )
    return _installed
