"""The modem's status-bar widget: bars and registration, a fault in words, hidden if no modem."""

from __future__ import annotations

import json

from app import settings
from app.models import ServiceLease
from app.models.site import utcnow
from app.services.bus_lease import OWNER
from app.ui.sms.modem_status import ModemStatusWidget


def lease(status: dict) -> None:
    import datetime as dt

    ServiceLease.replace(
        name="modem", owner=OWNER, kind="gui",
        expires_at=utcnow() + dt.timedelta(seconds=60), status_json=json.dumps(status),
    ).execute()  # fmt: skip


def shown(qtbot) -> ModemStatusWidget:
    widget = ModemStatusWidget(refresh_ms=60_000)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: not widget._asking, timeout=5000)
    return widget


def test_hidden_on_a_site_without_a_modem(qtbot, database):
    widget = shown(qtbot)
    assert widget.isHidden()


def test_signal_bars_and_registration(qtbot, database):
    settings.put("modem.port", "socket://127.0.0.1:9")
    lease({"state": "ok", "bars": 3, "registration": "home", "message": "", "sent": 4})
    widget = shown(qtbot)
    assert not widget.isHidden()
    assert widget.text() == "Modem ▮▮▮▯▯ home network"
    assert "Sent 4" in widget.toolTip()


def test_a_fault_says_what_is_wrong(qtbot, database):
    settings.put("modem.port", "socket://127.0.0.1:9")
    message = json.dumps({"template": "there is no SIM card in the GSM modem", "params": {}})
    lease({"state": "no_sim", "bars": 0, "message": message})
    widget = shown(qtbot)
    assert widget.text() == "Modem ▯▯▯▯▯ cannot send"
    assert "there is no SIM card in the GSM modem" in widget.toolTip()


def test_nobody_running_the_modem_says_so(qtbot, database):
    settings.put("modem.port", "socket://127.0.0.1:9")
    assert shown(qtbot).text() == "Modem: not running"
