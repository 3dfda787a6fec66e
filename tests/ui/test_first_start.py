"""The GUI on a folder without a site: the setup wizard asks (showing the full path), and creates
only when its administrator page is accepted."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import pytest

from app.paths import SitePaths
from app.ui.shell import application, first_start, setup_wizard


@pytest.fixture
def gui(qapp, monkeypatch):
    """run_gui with the real open_site, the question answered by the test, the login cancelled."""
    asked: list[SitePaths] = []
    told: list[SitePaths] = []
    answer = {"yes": False}

    def setup(paths, language, on_language, parent=None):
        """The wizard, answered by the test: cancelled, or completed with "later"."""
        asked.append(paths)
        if not answer["yes"]:
            return None
        actor = first_start.create_site_with_admin(
            paths, "Site", language, "admin", "s3cret-admin", ""
        )
        told.append(paths)
        return setup_wizard.SetupOutcome(actor, "later", language)

    import app.ui.auth.login_dialog as login_module

    monkeypatch.setattr(setup_wizard, "run_setup", setup)
    monkeypatch.setattr(login_module, "login", lambda *a, **k: None)
    monkeypatch.setattr(type(qapp), "exec", lambda self: 0)  # the window is not run
    monkeypatch.setattr(application, "make_application", lambda: qapp)
    monkeypatch.setattr(application, "install_translators", lambda app, lang: [])
    root = logging.getLogger()
    handlers = list(root.handlers)
    yield answer, asked, told
    for handler in root.handlers[:]:
        if handler not in handlers:  # the site's file log
            root.removeHandler(handler)
            handler.close()


def _args(folder) -> argparse.Namespace:
    return argparse.Namespace(lang="en", demo=False, data_dir=str(folder), db=None)


def _run(folder) -> int:
    return application.run_gui(_args(folder), SitePaths(Path(folder)))


def test_a_folder_without_a_site_is_not_made_a_site_without_a_yes(gui, tmp_path, capsys):
    _answer, asked, told = gui
    folder = tmp_path / "mistyped"
    assert _run(folder) == 2
    assert capsys.readouterr().err.startswith(f"error: no site at {folder / 'site.db'}")
    assert [p.db for p in asked] == [folder / "site.db"] and told == []
    assert not folder.exists()


def test_after_a_yes_the_site_is_created_said_and_opened(gui, tmp_path):
    answer, asked, told = gui
    answer["yes"] = True
    folder = tmp_path / "new"
    assert _run(folder) == 0  # the window opened at once (no login: the admin is in)
    assert len(asked) == 1 and [p.data_dir for p in told] == [folder]
    assert (folder / "site.db").stat().st_size > 0 and (folder / "master.key").exists()
    asked.clear()
    assert _run(folder) == 0  # the next start opens it, no question
    assert asked == []


@pytest.mark.allow_log_warnings
def test_a_site_without_its_key_is_an_error_not_a_question(gui, tmp_path, monkeypatch):
    from app.models import close_database
    from app.services.new_site import create_site

    _answer, asked, _told = gui
    paths = SitePaths(tmp_path / "site")
    create_site(paths)
    close_database()
    paths.key_file.unlink()
    shown = []
    monkeypatch.setattr(application.QMessageBox, "critical", lambda *a: shown.append(a[2]) or 0)
    assert _run(paths.data_dir) == 2
    assert asked == [] and len(shown) == 1 and str(paths.key_file) in shown[0]
    assert not paths.key_file.exists()


def test_the_first_page_shows_the_full_path_and_the_backup_hint(qapp, tmp_path):
    paths = SitePaths(tmp_path / "some" / "folder")
    text = first_start.new_site_text(paths)
    assert str(paths.db) in text and str(paths.data_dir) in text
    assert "backup" in first_start.existing_site_warning()
    assert str(paths.key_file) in first_start.site_created_text(paths)
