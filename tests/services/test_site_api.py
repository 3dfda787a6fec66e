"""``Site`` and the preview site the window tests use both satisfy ``SiteApi`` (issue #7)."""

from __future__ import annotations

import inspect

from app.services.site import Site
from app.services.site_api import SiteApi
from tests.support.preview_site import PreviewSite

MEMBERS = [name for name in vars(SiteApi) if not name.startswith("_")]


def _parameters(obj, name: str) -> list[str]:
    member = inspect.getattr_static(obj, name)
    if isinstance(member, property) or not callable(member):
        return ["<property>"]
    return list(inspect.signature(member).parameters)


def test_both_sites_provide_every_member_with_the_same_parameters():
    assert {"signals", "grid_rows", "worker_for", "request_poll", "stop"} <= set(MEMBERS)
    for cls in (Site, PreviewSite):
        for name in MEMBERS:
            if name == "signals":
                continue  # an attribute on the preview, a property on Site: both read alike
            assert _parameters(cls, name) == _parameters(SiteApi, name), (cls.__name__, name)


def test_instances_are_site_apis():
    from pathlib import Path

    from app.paths import SitePaths

    assert isinstance(Site(SitePaths(Path("/nonexistent"))), SiteApi)
    assert isinstance(PreviewSite([], []), SiteApi)
