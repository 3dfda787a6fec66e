"""The GSM modem driver against the simulated modem: each AT step failing, UCS2, long SMS, +CMTI."""

from __future__ import annotations

import pytest

from app.serial_io.gsm_modem import GsmModem, ModemError, State
from app.serial_io.simulator.modem import ModemServer, SimModem
from tests.waiting import wait_for

CHINESE = "【演示商场】张先生您好，您的电表M001余额不足10.00元，约2天后用完，请尽快充值。"
PHONE = "+8613800138000"


@pytest.fixture
def sim():
    modem = SimModem()
    with ModemServer(modem) as server:
        yield modem, server


def connect(server, **kw) -> GsmModem:
    modem = GsmModem(server.url, answer_s=0.4, **kw)
    modem.open()
    return modem


def test_setup_reports_signal_registration_and_pdu_mode(sim):
    _modem, server = sim
    driver = connect(server)
    try:
        status = driver.setup()
    finally:
        driver.close()
    assert status == {"rssi": 21, "bars": 4, "registration": "home", "mode": "pdu"}


@pytest.mark.parametrize(
    ("fault", "pin", "state", "words"),
    [
        ("silent", "", State.NO_ANSWER, "does not answer"),
        ("no_sim", "", State.NO_SIM, "no SIM card"),
        ("pin", "", State.PIN, "asks for a PIN"),
        ("pin", "0000", State.PIN, "refused the PIN"),
        ("no_network", "", State.NO_NETWORK, "not registered"),
    ],
)
def test_each_setup_step_failing_is_a_clear_state(sim, fault, pin, state, words):
    modem, server = sim
    modem.faults.add(fault)
    driver = connect(server, pin=pin)
    try:
        with pytest.raises(ModemError) as err:
            driver.setup()
    finally:
        driver.close()
    assert err.value.state == state
    assert words in str(err.value)


def test_the_right_pin_unlocks_the_sim(sim):
    modem, server = sim
    modem.faults.add("pin")
    driver = connect(server, pin="1234")
    try:
        assert driver.setup()["registration"] == "home"
    finally:
        driver.close()


def test_a_port_that_does_not_open_is_a_clear_state():
    with pytest.raises(ModemError) as err:
        GsmModem("socket://127.0.0.1:1").open()
    assert err.value.state == State.NO_PORT


def test_pdu_refused_falls_back_to_text_mode_unless_pdu_is_required(sim):
    modem, server = sim
    modem.faults.add("text_only")
    driver = connect(server, mode="pdu")
    with pytest.raises(ModemError) as err:
        driver.setup()
    driver.close()
    assert err.value.state == State.ERROR
    driver = connect(server, mode="auto")
    try:
        assert driver.setup()["mode"] == "text"
        driver.send(PHONE, CHINESE)
    finally:
        driver.close()
    assert modem.received[-1]["text"] == CHINESE
    assert modem.received[-1]["coding"] == "text-ucs2"


def test_chinese_text_round_trips_through_the_simulated_modem_in_ucs2(sim):
    modem, server = sim
    driver = connect(server)
    try:
        driver.setup()
        refs = driver.send(PHONE, CHINESE)
    finally:
        driver.close()
    assert len(refs) == 1
    assert modem.received == [
        {**modem.received[0], "to": PHONE, "text": CHINESE, "parts": 1, "coding": "ucs2"}
    ]


def test_a_long_message_goes_as_parts_that_reassemble(sim):
    modem, server = sim
    text = (CHINESE * 4)[:200]
    driver = connect(server)
    try:
        driver.setup()
        refs = driver.send("13800138000", text)
        driver.send("13800138000", "A" * 200)  # GSM 7-bit: two parts of 153
    finally:
        driver.close()
    assert len(refs) == 3  # 67 UCS2 characters a part
    assert [(r["text"], r["parts"]) for r in modem.received] == [(text, 3), ("A" * 200, 2)]
    assert modem.received[1]["coding"] == "gsm7"


def test_cms_error_500_refuses_that_sms_only_and_may_be_retried(sim):
    modem, server = sim
    driver = connect(server)
    try:
        driver.setup()
        modem.faults.add("cms500")
        with pytest.raises(ModemError) as err:
            driver.send(PHONE, "hello")
    finally:
        driver.close()
    assert err.value.state == State.SMS_REFUSED and not err.value.permanent
    assert "+CMS ERROR 500" in str(err.value)
    assert modem.received == []


@pytest.mark.parametrize(
    ("fault", "state"),
    [("no_network", State.NO_NETWORK), ("silent", State.NO_ANSWER), ("no_sim", State.NO_SIM)],
)
def test_a_modem_failing_after_setup_fails_the_send_with_its_state(sim, fault, state):
    modem, server = sim
    driver = connect(server)
    try:
        driver.setup()
        modem.faults.add(fault)
        with pytest.raises(ModemError) as err:
            driver.send(PHONE, "hello")
    finally:
        driver.close()
    assert err.value.state == state


def test_incoming_messages_are_announced_read_reassembled_and_deleted(sim):
    modem, server = sim
    driver = connect(server)
    try:
        driver.setup()
        modem.deliver("+8613912345678", "余额")
        modem.deliver("13912345678", "查询" * 60)  # two UCS2 parts
        wait_for(lambda: (driver.poll_unsolicited(0.05), driver.incoming_waiting)[1], 5, "+CMTI")
        got = driver.read_incoming()
        again = driver.read_incoming()
    finally:
        driver.close()
    assert sorted((m.phone, m.text) for m in got) == [
        ("+8613912345678", "余额"),
        ("13912345678", "查询" * 60),
    ]
    assert modem.stored == {} and again == []


def test_an_incoming_sms_stays_on_the_modem_until_it_was_handled(sim):
    """The inbox failing (database busy) must not lose the tenant's message: it is deleted
    from the modem only after it was handled."""
    modem, server = sim
    driver = connect(server)
    handled = []

    def busy(message):
        raise RuntimeError("database is locked")

    try:
        driver.setup()
        modem.deliver("13912345678", "余额")
        with pytest.raises(RuntimeError):
            driver.read_incoming(busy)
        assert len(modem.stored) == 1
        got = driver.read_incoming(handled.append)
    finally:
        driver.close()
    assert [(m.phone, m.text) for m in handled] == [("13912345678", "余额")]
    assert got == handled and modem.stored == {}


@pytest.mark.allow_log_warnings
def test_an_undecodable_pdu_is_deleted_and_does_not_block_the_others(sim):
    modem, server = sim
    driver = connect(server)
    try:
        driver.setup()
        with modem.lock:
            modem.stored[90] = ("13900000000", "0004FFFF")  # a PDU cut short
        modem.deliver("13912345678", "YE")
        first = driver.read_incoming()
        again = driver.read_incoming()
    finally:
        driver.close()
    assert [(m.phone, m.text) for m in first] == [("13912345678", "YE")]
    assert again == [] and modem.stored == {}
