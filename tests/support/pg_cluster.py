"""A throw-away PostgreSQL server for the tests and benchmarks: initdb and pg_ctl in a folder.

Debian's postgresql package provides the programs (``scripts/system-deps.sh``
installs it); nothing here uses the machine's own cluster. initdb refuses to
run as root, so as root the folder is given to the ``postgres`` user and the
programs run as that user (``runuser``). The server listens on 127.0.0.1 on a
free port, as a site's server would on its LAN, and is stopped (``-m
immediate``) when the tests end. ``fsync=off``: the tests kill the
program's processes, never the server, and the server's data are thrown away.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

USER = "pem"


def bin_dir() -> Path | None:
    """The newest installed PostgreSQL's programs (Debian keeps them out of PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_version)
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


def _version(path: str) -> int:
    part = Path(path).parent.parent.name
    return int(part) if part.isdigit() else 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Cluster:
    folder: Path
    port: int
    bindir: Path
    as_postgres: bool

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{dbname}"

    def _run(self, *cmd: str) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        return subprocess.run(
            [*prefix, *cmd], check=True, capture_output=True, text=True, timeout=120
        )

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database (a copy of ``template``'s files when given: no DDL to run)."""
        import psycopg

        like = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(self.url(), autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"{like}')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.folder / "data"),
            "-m",
            "immediate",
            "-w",
            "stop",
        )


def start_cluster(folder: Path, max_connections: int = 400) -> Cluster:
    """initdb in ``folder`` and start the server; raises RuntimeError when PostgreSQL is absent."""
    bindir = bin_dir()
    if bindir is None:
        raise RuntimeError("PostgreSQL is not installed (scripts/system-deps.sh installs it)")
    folder.mkdir(parents=True, exist_ok=True)
    as_postgres = os.geteuid() == 0
    if as_postgres:
        shutil.chown(folder, "postgres", "postgres")
    cluster = Cluster(folder, _free_port(), bindir, as_postgres)
    data = folder / "data"
    cluster._run(
        str(bindir / "initdb"),
        "-D",
        str(data),
        "-A",
        "trust",
        "-U",
        USER,
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync",
    )
    options = (
        f"-p {cluster.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
        f"-c synchronous_commit=off -c full_page_writes=off -c max_connections={max_connections}"
    )
    cluster._run(
        str(bindir / "pg_ctl"),
        "-D",
        str(data),
        "-o",
        options,
        "-l",
        str(folder / "server.log"),
        "-w",
        "-t",
        "60",
        "start",
    )
    return cluster
