"""The "Defaults and collection" settings page: save, refusals at the field, log row, roles."""

from __future__ import annotations

import pytest

from app import settings
from app.models import SystemLog
from app.serial_io.events import PollSettings
from app.services.permissions import Actor, Role
from app.ui.settings.defaults_page import (
    ALARM1,
    ALARM2,
    OFFLINE,
    PHONE,
    SITE_NAME,
    DefaultsPage,
)

ADMIN = Actor(1, "boss", Role.ADMIN)
CASHIER = Actor(2, "cashier", Role.CASHIER)


@pytest.fixture
def page(qtbot, database):
    applied = []
    p = DefaultsPage(ADMIN, on_saved=applied.append)
    qtbot.addWidget(p)
    p.show()
    p.applied = applied
    return p


def _saved(qtbot, page) -> None:
    page.save()
    qtbot.waitUntil(lambda: page._pending is None, timeout=5000)


def test_save_stores_logs_once_bumps_the_version_and_applies(qtbot, page):
    version = settings.get("config.version")
    page.offline_spin.setValue(7)
    page.align_check.setChecked(False)
    page.alarm1_edit.setText("30.00")
    page.header_edit.setText("物业管理处")
    page.phone_edit.setText("0571-8888 1234")
    _saved(qtbot, page)
    assert settings.get("poll.offline_after") == 7
    assert settings.get("poll.align_readings") is False
    assert settings.get("meter.alarm1_fen") == 3000
    assert (settings.get("receipt.header"), settings.get("site.phone")) == (
        "物业管理处",
        "0571-8888 1234",
    )
    assert settings.get("config.version") == version + 1
    rows = list(SystemLog.select().where(SystemLog.action == "settings.change"))
    assert len(rows) == 1
    for text in ("poll.offline_after: 3 → 7", "meter.alarm1_fen: 2000 → 3000", "0571-8888 1234"):
        assert text in rows[0].detail
    assert rows[0].operator_name == "boss"
    assert len(page.applied) == 1 and set(page.applied[0]) == {
        "poll.offline_after",
        "poll.align_readings",
        "meter.alarm1_fen",
        "receipt.header",
        "site.phone",
    }
    assert PollSettings.from_settings().offline_after == 7
    _saved(qtbot, page)  # nothing changed: no second row, no bump
    assert SystemLog.select().where(SystemLog.action == "settings.change").count() == 1
    assert settings.get("config.version") == version + 1
    assert len(page.applied) == 1


def test_refusals_are_shown_at_their_fields_and_nothing_is_saved(qtbot, page):
    page.alarm1_edit.setText("12.345")
    page.site_name_edit.setText("")
    page.phone_edit.setText("1" * 41)
    page.offline_spin.setValue(9)
    _saved(qtbot, page)
    assert page.errors[ALARM1].isVisible() and "two decimals" in page.errors[ALARM1].text()
    assert page.errors[SITE_NAME].isVisible()
    assert page.errors[SITE_NAME].text() == "Site name must not be empty"
    assert page.errors[PHONE].text() == "Phone on receipts must be at most 40 characters"
    assert not page.errors[OFFLINE].isVisible()
    assert settings.get("poll.offline_after") == 3  # nothing written
    assert SystemLog.select().where(SystemLog.action == "settings.change").count() == 0
    assert page.applied == []


def test_alarm_2_must_be_below_alarm_1(qtbot, page):
    page.alarm1_edit.setText("10.00")
    page.alarm2_edit.setText("10.00")
    _saved(qtbot, page)
    assert page.errors[ALARM2].text() == "Alarm 2 must be below alarm 1 (10.00)"
    assert not page.errors[ALARM1].isVisible()
    assert settings.get("meter.alarm2_fen") == 500


def test_a_cashier_reads_the_settings_but_cannot_change_them(qtbot, database):
    settings.put("site.phone", "110")
    p = DefaultsPage(CASHIER)
    qtbot.addWidget(p)
    p.show()
    assert p.phone_edit.text() == "110"
    assert all(not w.isEnabled() for w in p.fields.values())
    assert not p.save_button.isVisible()
    p.save()  # even if called: nothing
    assert p._pending is None


def test_the_service_refuses_a_cashier(database):
    from app.errors import PermissionDenied
    from app.services.site_settings import save_settings

    with pytest.raises(PermissionDenied):
        save_settings(CASHIER, {"site.phone": "1"})
    assert settings.get("site.phone") == ""


def test_saved_poll_settings_reach_the_running_workers_of_this_site(database, tmp_path):
    from app.paths import SitePaths
    from app.services.site import Site

    class Worker:
        def __init__(self):
            self.got = []

        def set_settings(self, poll):
            self.got.append(poll)

        def stop(self):
            pass

    site = Site(SitePaths(tmp_path))
    site.workers = {1: Worker(), 2: Worker()}
    settings.put("poll.offline_after", 11)
    poll = site.reload_poll_settings()
    assert poll.offline_after == 11
    assert [w.got for w in site.workers.values()] == [[poll], [poll]]
