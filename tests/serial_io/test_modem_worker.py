"""The modem worker thread: drains an outbox, reads incoming, reports every state."""

from __future__ import annotations

import pytest

from app.messages import Message
from app.serial_io.simulator.modem import ModemServer, SimModem
from tests.serial_io.modem_fakes import ListOutbox, make_worker
from tests.waiting import wait_for


@pytest.fixture
def sim():
    modem = SimModem()
    with ModemServer(modem) as server:
        yield modem, server


def test_the_worker_sends_queued_messages_and_answers_incoming(sim):
    modem, server = sim
    outbox = ListOutbox([("+8613800138000", "您好"), ("13800138001", "余额不足" * 30)])
    incoming, statuses = [], []
    worker = make_worker(
        server.url, outbox, lambda p, t, at: incoming.append((p, t)), statuses
    ).start()
    try:
        wait_for(lambda: outbox.states() == ["sent", "sent"], 10, "both sent")
        modem.deliver("+8613912345678", "YE")
        wait_for(lambda: incoming, 10, "the incoming SMS")
    finally:
        worker.stop()
    assert [(r["to"], r["text"]) for r in modem.received] == [
        ("+8613800138000", "您好"),
        ("13800138001", "余额不足" * 30),
    ]
    assert incoming == [("+8613912345678", "YE")]
    assert modem.stored == {}
    assert outbox.dispatched > 0
    last = statuses[-1]
    assert last["state"] == "ok" and last["bars"] == 4 and last["registration"] == "home"
    assert last["mode"] == "pdu" and last["sent"] == 2 and last["received"] == 1


def test_a_refused_sms_is_failed_and_the_modem_stays_fine(sim):
    modem, server = sim
    modem.faults.add("cms500")
    outbox, statuses = ListOutbox([("13800138000", "x")]), []
    worker = make_worker(server.url, outbox, statuses=statuses).start()
    try:
        wait_for(lambda: outbox.states() == ["failed"], 10, "the failure")
    finally:
        worker.stop()
    assert "+CMS ERROR 500" in outbox.messages[0].error and not outbox.messages[0].permanent
    assert {s["state"] for s in statuses} == {"ok"}


def test_no_sim_is_reported_and_the_worker_recovers_when_it_is_back(sim):
    modem, server = sim
    modem.faults.add("no_sim")
    outbox, statuses = ListOutbox([("13800138000", "later")]), []
    worker = make_worker(server.url, outbox, statuses=statuses).start()
    try:
        wait_for(lambda: statuses and statuses[-1]["state"] == "no_sim", 10, "no_sim")
        assert outbox.states() == ["queued"] and statuses[-1]["bars"] == 0
        assert "no SIM card" in Message.from_json(statuses[-1]["message"]).text()
        modem.faults.clear()
        wait_for(lambda: outbox.states() == ["sent"], 10, "sent once the SIM is back")
    finally:
        worker.stop()
    assert statuses[-1]["state"] == "ok"


def test_a_modem_that_cannot_send_hands_out_nothing(sim):
    modem, server = sim
    outbox, statuses = ListOutbox([("13800138000", "one")]), []
    worker = make_worker(server.url, outbox, statuses=statuses)
    modem.faults.add("no_network")
    worker.start()
    try:
        wait_for(lambda: statuses and statuses[-1]["state"] == "no_network", 10, "no network")
    finally:
        worker.stop()
    assert outbox.states() == ["queued"]  # never handed out while the modem cannot send
    said = Message.from_json(statuses[-1]["message"]).text()
    assert said == "the GSM modem is not registered on a network (searching)"


def test_losing_the_network_mid_send_puts_that_sms_back_and_sends_it_when_back(sim):
    """The network lost mid-send is the modem's failure, not the message's: the SMS is
    queued again without a try counted, and goes once the modem is back."""
    modem, server = sim
    outbox, statuses = ListOutbox(), []
    worker = make_worker(server.url, outbox, statuses=statuses, status_every_s=60).start()
    try:
        wait_for(lambda: statuses and statuses[-1]["state"] == "ok", 10, "ready")
        modem.faults.add("no_network")  # CREG was fine at setup; the network goes now
        outbox.add("13800138000", "one")
        wait_for(lambda: statuses[-1]["state"] == "no_network", 10, "no network after")
        assert outbox.states() == ["queued"]
        assert "not registered" in outbox.messages[0].error
        modem.faults.discard("no_network")
        wait_for(lambda: outbox.states() == ["sent"], 10, "sent once the network is back")
    finally:
        worker.stop()
    assert [r["text"] for r in modem.received] == ["one"]


@pytest.mark.allow_log_warnings
def test_an_incoming_sms_the_inbox_could_not_take_is_taken_at_the_next_turn(sim):
    modem, server = sim
    incoming, calls = [], []

    def inbox(phone, text, at):
        calls.append(text)
        if len(calls) == 1:
            raise RuntimeError("database is locked")
        incoming.append((phone, text))

    worker = make_worker(server.url, ListOutbox(), inbox, sweep_every_s=60).start()
    try:
        wait_for(lambda: worker.status.get("state") == "ok", 10, "set up")
        modem.deliver("13912345678", "余额")
        wait_for(lambda: incoming, 10, "the SMS handled after the failure")
    finally:
        worker.stop()
    assert incoming == [("13912345678", "余额")] and modem.stored == {}
