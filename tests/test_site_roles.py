"""Roles of PCs: on a PostgreSQL site only collection services own buses (issue #17)."""

from __future__ import annotations

import main
from app.cli.site_args import site_paths
from app.paths import SitePaths, remember_db_url
from app.services.site import serves_buses

URL = "postgresql://pem@db.example:5432/site"


def test_on_one_pc_every_process_may_serve_and_on_a_server_only_the_collectors(tmp_path):
    local = SitePaths(tmp_path / "a")
    server = SitePaths(tmp_path / "b", db_url=URL)
    assert [serves_buses(local, r) for r in ("gui", "cli", "collector")] == [True] * 3
    assert [serves_buses(server, r) for r in ("gui", "cli", "collector")] == [False, False, True]


def test_the_data_folder_remembers_its_server_and_db_overrides_it(tmp_path):
    paths = SitePaths(tmp_path / "site")
    assert not paths.on_server and paths.database == tmp_path / "site" / "site.db"
    remember_db_url(paths, URL)
    assert paths.on_server and paths.database == URL
    assert paths.db_url_file.stat().st_mode & 0o077 == 0  # it may hold a password
    args = main.build_parser(main._subcommands()).parse_args(
        ["--data-dir", str(tmp_path / "site"), "--db", str(tmp_path / "other.db")]
    )
    assert site_paths(args).database == tmp_path / "other.db"
    args = main.build_parser(main._subcommands()).parse_args(
        ["--data-dir", str(tmp_path / "x"), "--db", URL, "--serve-buses"]
    )
    assert site_paths(args).database == URL and args.serve_buses
