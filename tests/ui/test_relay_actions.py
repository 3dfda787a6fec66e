"""The grid's relay commands: offered by role and family, asked with the tenant named, sent."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from app.models import Meter
from app.serial_io.commands import RelayCommand
from app.ui.control import relay_actions as ra
from tests.billing_helpers import CASHIER, MAINTENANCE, make_env, open_meter


@pytest.fixture
def env(database, master_key):
    env = make_env(master_key, n_meters=2)
    open_meter(env, env.meter_ids[0], name="Noodles", first_sale_fen=5000)
    return env


class FakeSite:
    def __init__(self, env) -> None:
        self.env = env

    def worker_for(self, meter_id):
        return self.env.worker


def _names(actions) -> list[str]:
    return [a.objectName() for a in actions]


def test_maintenance_gets_the_relay_commands_a_cashier_does_not(qtbot, env):
    parent = QWidget()
    qtbot.addWidget(parent)
    m = env.meter_ids[0]
    names = _names(ra.relay_actions(parent, FakeSite(env), MAINTENANCE, [m]))
    assert names == ["relay.trip", "relay.close", "relay.keep_power_on", "relay.keep_power_off"]
    assert ra.relay_actions(parent, FakeSite(env), CASHIER, [m]) == []
    assert ra.relay_actions(parent, FakeSite(env), MAINTENANCE, env.meter_ids) == []  # several


def test_a_metering_meter_gets_no_relay_commands(qtbot, env):
    parent = QWidget()
    qtbot.addWidget(parent)
    m = env.meter_ids[1]
    Meter.update(profile="acrel-adl400").where(Meter.id == m).execute()
    assert ra.relay_actions(parent, FakeSite(env), MAINTENANCE, [m]) == []


def test_the_question_names_the_tenant_and_warns_about_their_credit(qapp, env, monkeypatch):
    from dataclasses import replace

    real = ra.meter_summary
    monkeypatch.setattr(ra, "meter_summary", lambda m: replace(real(m), balance=5000))
    text = ra.confirmation_text(env.meter_ids[0], RelayCommand.TRIP)
    assert "M001" in text and "Noodles" in text and "50.00" in text  # credit still on it
    assert "no tenant" in ra.confirmation_text(env.meter_ids[1], RelayCommand.TRIP)
    assert "arrears" not in text  # that warning is for keeping the power on
    monkeypatch.setattr(ra, "meter_summary", lambda m: replace(real(m), balance=-300))
    assert "arrears" in ra.confirmation_text(env.meter_ids[0], RelayCommand.KEEP_POWER_ON)


def test_a_confirmed_trip_reaches_the_meter_and_is_reported(qtbot, env, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    parent = QWidget()
    qtbot.addWidget(parent)
    m = env.meter_ids[0]
    future = ra.send_relay(parent, FakeSite(env), MAINTENANCE, m, RelayCommand.TRIP)
    assert future.result().relay_open and env.sim_meter(m).forced_trip
    qtbot.waitUntil(lambda: bool(shown), timeout=2000)
    assert "M001" in shown[0] and "open" in shown[0]
