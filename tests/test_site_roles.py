"""Roles of PCs: on a PostgreSQL site only collection services own buses (issue #17)."""

from __future__ import annotations

import main
from app.cli.site_args import site_paths
from app.paths import SitePaths, remember_db_url
from app.services.bus_share import serves_buses

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


def test_a_collector_given_a_building_serves_only_its_buses(tmp_path):
    """A second building's PC runs ``collector --building B2``: it owns B2's buses only, and
    never takes the others over (their ports are not on this PC)."""
    import pytest

    from app.errors import ConfigError
    from app.models import Building, Bus, close_database
    from app.services.bus_share import BusChoice
    from app.services.new_site import create_site
    from app.services.site import open_site

    paths = SitePaths(tmp_path / "site")
    create_site(paths)
    one, two = Building.create(name="B1"), Building.create(name="B2")
    for name, building in (("bus-a", one), ("bus-b", two), ("bus-c", two), ("bus-d", None)):
        Bus.create(name=name, port="socket://127.0.0.1:9", building=building)
    close_database()
    site = open_site(paths, poll=False, role="collector", only=BusChoice(buildings={"B2"}))
    try:
        owned = {site.bus_name(b) for b in site.owned_workers()}
        assert owned == {"bus-b", "bus-c"}
        assert {site.bus_name(b) for b in site.remote_bus_ids()} == {"bus-a", "bus-d"}
        assert not any(site.may_take_over(b) for b in site.remote_bus_ids())
    finally:
        site.stop()
        close_database()
    with pytest.raises(ConfigError, match="no bus or building named bus-x, B9"):
        open_site(paths, poll=False, role="collector", only=BusChoice({"bus-x"}, {"B9"}))
    close_database()


def test_the_site_services_run_only_in_a_process_that_serves_buses(tmp_path):
    """The modem, the night jobs and the payment service belong to a PC with ports: an
    operator PC's window on a server site starts none of them (its modem port is not there)."""
    from app.models import close_database
    from app.services.new_site import create_site
    from app.services.site import Site

    paths = SitePaths(tmp_path / "site")
    create_site(paths)
    close_database()
    for serve in (False, True):
        site = Site(paths).open().start(poll=False, role="gui", serve=serve)
        try:
            names = {type(s).__name__ for s in site._services}
            assert ("NightJobs" in names) is serve, names
        finally:
            site.stop()
            close_database()
