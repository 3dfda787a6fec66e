"""Settings and waits are declared once; the code that uses them reads the declaration.

``PollSettings`` takes its site-set fields from ``app.settings`` (defaults
included), every declared setting is read by some part of the program (a
declared setting nobody reads is a knob that does nothing), and windows take
their waits from ``app.services.waits`` instead of a constant of their own.
"""

from __future__ import annotations

import ast
from pathlib import Path

from app import settings
from app.paths import SitePaths
from app.serial_io.events import PollSettings
from app.services.site import Site

APP = Path(__file__).resolve().parents[1] / "app"


def _sources(folder: Path):
    for path in sorted(folder.rglob("*.py")):
        yield path, path.read_text(encoding="utf-8")


def test_poll_defaults_are_the_declared_settings():
    default = PollSettings()
    assert default.offline_after == settings.option("poll.offline_after").default
    assert default.reading_interval_s == settings.option("poll.reading_interval_min").default * 60
    assert default.retry_max_s == settings.option("poll.retry_max_s").default


def test_site_poll_settings_follow_the_stored_settings(database, tmp_path):
    assert PollSettings.from_settings() == PollSettings()  # nothing stored: the defaults
    settings.put("poll.offline_after", 5)
    settings.put("poll.reading_interval_min", 15)
    settings.put("poll.retry_max_s", 120)
    poll = Site(SitePaths(tmp_path)).poll_settings()
    assert (poll.offline_after, poll.reading_interval_s, poll.retry_max_s) == (5, 900, 120.0)
    assert poll.retry_base_s == PollSettings().retry_base_s


def test_every_declared_setting_is_read_somewhere():
    code = "\n".join(text for path, text in _sources(APP) if path != APP / "settings.py")
    unread = [key for key in settings.OPTIONS if f'"{key}"' not in code]
    assert unread == []


def test_windows_declare_no_waits_of_their_own():
    """A module-level ``*TIMEOUT*`` constant in app/ui is a second declaration of a wait."""
    found = []
    for path, text in _sources(APP / "ui"):
        for node in ast.parse(text).body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                if isinstance(target, ast.Name) and "TIMEOUT" in target.id:
                    found.append(f"{path.relative_to(APP)}: {target.id}")
    assert found == []
