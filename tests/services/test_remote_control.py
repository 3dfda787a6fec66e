"""One-meter relay commands: confirmed from the status read back, logged, checked."""

from __future__ import annotations

import pytest

from app.errors import CannotDo, MeterOffline, PermissionDenied
from app.models import SystemLog
from app.serial_io.commands import RelayCommand
from app.serial_io.profiles import DEFAULT, PROFILES, MeterProfile
from app.services.remote_control import submit_relay
from tests.billing_helpers import ADMIN, CASHIER, MAINTENANCE, make_env


@pytest.fixture
def env(database, master_key):
    return make_env(master_key, n_meters=2)


def _last_log():
    return SystemLog.select().order_by(SystemLog.id.desc()).first()


def test_trip_and_close_are_confirmed_by_the_meter_and_logged(env):
    m = env.meter_ids[0]
    after = submit_relay(env.worker, MAINTENANCE, m, RelayCommand.TRIP).result()
    assert after.relay_open and after.forced_trip
    assert env.sim_meter(m).relay_open  # the meter itself, not only what we read
    row = _last_log()
    assert (row.action, row.result, row.operator_name) == ("relay.trip", "ok", "fixer")
    after = submit_relay(env.worker, ADMIN, m, RelayCommand.CLOSE).result()
    assert not after.forced_trip and not env.sim_meter(m).forced_trip
    assert _last_log().action == "relay.close"


def test_a_cashier_may_not_send_relay_commands(env):
    with pytest.raises(PermissionDenied):
        submit_relay(env.worker, CASHIER, env.meter_ids[0], RelayCommand.TRIP)
    assert env.bus.writes == 0


def test_a_command_the_meter_does_not_show_is_not_confirmed(env, monkeypatch):
    from app.serial_io.profiles.default import DefaultProfile

    monkeypatch.setattr(DefaultProfile, "send_command", lambda *a, **k: None)  # lost
    with pytest.raises(MeterOffline, match="not confirmed"):
        submit_relay(env.worker, MAINTENANCE, env.meter_ids[0], RelayCommand.TRIP).result()
    row = _last_log()
    assert (row.action, row.result) == ("relay.trip", "failed")


def test_a_meter_whose_family_cannot_trip_is_refused_before_any_frame(env, monkeypatch):
    class MeteringOnly(MeterProfile):
        name = "metering-test"
        read_status = DEFAULT.read_status

    monkeypatch.setitem(PROFILES, "metering-test", MeteringOnly())
    m = env.meter_ids[1]
    env.refs[m] = env.refs[m].__class__(**{**env.refs[m].__dict__, "profile": "metering-test"})
    writes = env.bus.writes
    with pytest.raises(CannotDo, match="cannot do remote trip and close"):
        submit_relay(env.worker, MAINTENANCE, m, RelayCommand.TRIP).result()
    assert env.bus.writes == writes and not env.sim_meter(m).forced_trip
    assert _last_log().result == "failed"


def test_a_trip_costs_one_read_one_write_and_the_confirming_read_only(env):
    """The confirming read goes to the grid as a poll: no fourth transaction (issue #12:
    a sale waits for at most the command already on the line)."""
    m = env.meter_ids[0]
    reads, writes = env.bus.reads, env.bus.writes
    submit_relay(env.worker, MAINTENANCE, m, RelayCommand.TRIP).result()
    assert (env.bus.reads - reads, env.bus.writes - writes) == (2, 1)
    meter_id, published = env.worker.link.published[-1]
    assert meter_id == m and published.relay_open
