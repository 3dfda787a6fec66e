"""``--demo`` shows a window at once: the demo site is built behind a splash (issue #8 item 11)."""

from __future__ import annotations

import argparse

import pytest

from app.errors import ConfigError
from app.paths import SitePaths
from app.services.demo_site import STAGES
from app.ui.shell import application, demo_splash


@pytest.fixture
def gui(qapp, monkeypatch):
    """run_gui with the real demo build, the login cancelled, the splash watched."""
    import app.ui.auth.login_dialog as login_module

    seen: list[tuple[str, int, int]] = []
    real_show_progress = demo_splash.DemoSplash.show_progress

    def watched(self, value):
        seen.append(value)
        real_show_progress(self, value)

    monkeypatch.setattr(demo_splash.DemoSplash, "show_progress", watched)
    monkeypatch.setattr(login_module, "login", lambda *a, **k: None)
    monkeypatch.setattr(application, "make_application", lambda: qapp)
    monkeypatch.setattr(application, "install_translators", lambda app, lang: [])
    return seen


def _args(folder) -> argparse.Namespace:
    return argparse.Namespace(lang="en", demo=True, data_dir=str(folder), db=None)


@pytest.mark.slow
def test_the_demo_is_built_behind_a_splash_that_shows_its_progress(gui, tmp_path, capsys):
    folder = tmp_path / "demo"
    assert application.run_gui(_args(folder), SitePaths(folder)) == 0  # login cancelled
    assert (folder / "site.db").exists()
    stages = [stage for stage, _done, _total in gui]
    # The splash followed the build: stages in the builder's order, more than the first one
    # (which stages a 50 ms timer samples depends on the machine's load).
    order = [STAGES.index(stage) for stage in stages]
    assert stages[0] == "site" and order == sorted(order) and len(set(stages)) >= 2
    accounts = [done for stage, done, _total in gui if stage == "accounts"]
    assert accounts == sorted(accounts)
    assert "cashier / cashier-demo-1" in capsys.readouterr().out


@pytest.mark.allow_log_warnings
def test_a_demo_that_cannot_be_built_is_said_in_a_message_not_a_traceback(
    gui, tmp_path, monkeypatch
):
    import app.services.demo_site as demo_site

    def broken(paths, **_kw):
        raise ConfigError("the disk is full")

    shown = []
    monkeypatch.setattr(demo_site, "create_demo_site", broken)
    monkeypatch.setattr(application.QMessageBox, "critical", lambda *a: shown.append(a[2]) or 0)
    folder = tmp_path / "demo"
    assert application.run_gui(_args(folder), SitePaths(folder)) == 2
    assert shown == ["the disk is full"]
