"""Where a site keeps its files; every path derives from one data folder.

Tests and ``--data-dir`` inject the folder, so nothing touches a real one by accident.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from app.errors import QT_TRANSLATE_NOOP, ConfigError

CANNOT_MAKE_FOLDER = QT_TRANSLATE_NOOP("Errors", "cannot create the folder {folder}: {reason}")


def default_data_dir() -> Path:
    env = os.environ.get("PEM_DATA_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "prepaid-energy-manager"


@dataclass(frozen=True)
class SitePaths:
    data_dir: Path
    db_override: Path | None = None

    @property
    def db(self) -> Path:
        return self.db_override or self.data_dir / "site.db"

    @property
    def key_file(self) -> Path:
        return self.data_dir / "master.key"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def archive(self) -> Path:
        return self.data_dir / "archive"

    @property
    def sim_dir(self) -> Path:
        return self.data_dir / "simulator"


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (and missing parents) with mode 0700 for the folders we make.

    A folder that already exists keeps its mode: it may be the user's own.
    """
    folder = Path(folder)
    if folder.is_dir():
        return
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
        folder.chmod(0o700)  # mkdir's mode is cut by the umask
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConfigError(CANNOT_MAKE_FOLDER, folder=str(folder), reason=reason) from None


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (best effort: not every platform can)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
