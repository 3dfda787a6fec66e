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


# The site setting that puts the database on a PostgreSQL server: one line, the URL
# (``migrate-db`` writes it; mode 0600, it may hold a password). ``--db URL`` overrides it.
DB_URL_FILE = "database.url"


@dataclass(frozen=True)
class SitePaths:
    data_dir: Path
    db_override: Path | None = None
    db_url: str | None = None  # --db postgresql://...

    @property
    def db(self) -> Path:
        """The SQLite file (a site on a PostgreSQL server has none: see ``database``)."""
        return self.db_override or self.data_dir / "site.db"

    @property
    def db_url_file(self) -> Path:
        return self.data_dir / DB_URL_FILE

    @property
    def database(self) -> Path | str:
        """What ``open_database`` opens: the server's URL when the site uses one, else the file."""
        if self.db_url:
            return self.db_url
        if self.db_override is None:
            try:
                url = self.db_url_file.read_text(encoding="utf-8").strip()
            except OSError:
                url = ""
            if url:
                return url
        return self.db

    @property
    def on_server(self) -> bool:
        return isinstance(self.database, str)

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


def remember_db_url(paths: SitePaths, url: str) -> None:
    """Write the site setting: this data folder's database is on the server at ``url``."""
    make_private_dir(paths.data_dir)
    tmp = paths.db_url_file.with_name(DB_URL_FILE + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(url + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, paths.db_url_file)
    fsync_folder(paths.data_dir)


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
