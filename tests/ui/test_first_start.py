"""The GUI on a folder without a site: it asks (showing the full path), and creates only on yes."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.paths import SitePaths
from app.ui.shell import application, first_start


@pytest.fixture
def gui(qapp, monkeypatch):
    """run_gui with the real open_site, the question answered by the test, the login cancelled."""
    asked: list[SitePaths] = []
    told: list[SitePaths] = []
    answer = {"yes": False}

    def confirm(paths, parent=None):
        asked.append(paths)
        return answer["yes"]

    import app.ui.auth.login_dialog as login_module

    monkeypatch.setattr(first_start, "confirm_new_site", confirm)
    monkeypatch.setattr(
        first_start, "tell_site_created", lambda paths, parent=None: told.append(paths)
    )
    monkeypatch.setattr(login_module, "login", lambda *a, **k: None)
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
    assert _run(folder) == 0  # the login was cancelled
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


def test_the_question_shows_the_full_path_and_does_not_default_to_create(qapp, tmp_path):
    paths = SitePaths(tmp_path / "some" / "folder")
    box = first_start.new_site_question(paths)
    try:
        assert str(paths.db) in box.text() and str(paths.data_dir) in box.text()
        assert "backup" in box.informativeText()
        assert box.defaultButton() is not box.create_button
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    finally:
        box.deleteLater()
    assert str(paths.key_file) in first_start.site_created_text(paths)
