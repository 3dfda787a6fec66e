from app.serial_io.meter_data import MeterStatus
from app.services.meter_state import GridState, classify


def st(balance):
    return MeterStatus(balance=balance)


def test_states_follow_the_spec_thresholds():
    c = lambda b: classify(True, True, st(b), alarm1=2000, alarm2=500)  # noqa: E731
    assert c(2001) is GridState.NORMAL
    assert c(2000) is GridState.ALARM1
    assert c(501) is GridState.ALARM1
    assert c(500) is GridState.ALARM2
    assert c(1) is GridState.ALARM2
    assert c(0) is GridState.ARREARS
    assert c(-300) is GridState.ARREARS


def test_offline_and_unopened():
    assert classify(True, False, st(5000), 2000, 500) is GridState.OFFLINE
    assert classify(True, True, None, 2000, 500) is GridState.OFFLINE
    assert classify(False, True, st(0), 2000, 500) is GridState.UNOPENED
