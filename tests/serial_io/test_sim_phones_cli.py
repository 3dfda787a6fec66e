"""The demo's simulated modem and ``simulate-phones``: what phones received, a phone texting."""

from __future__ import annotations

import main
from app import settings
from app.paths import SitePaths
from app.serial_io.gsm_modem import GsmModem
from app.services import demo_modem
from tests.waiting import wait_for


def test_phones_see_what_was_sent_and_can_text_the_modem(database, tmp_path, capsys):
    paths = SitePaths(tmp_path)
    demo_modem.configure(paths, 1, send_s=0)  # port 1 is taken: serve moves it
    server = demo_modem.serve(paths, settings.get("modem.port"))
    try:
        assert settings.get("modem.port") == server.url
        driver = GsmModem(server.url, answer_s=0.5)
        driver.open()
        driver.setup()
        driver.send("+8613800138000", "您的电费余额不足")
        assert main.main(["--data-dir", str(tmp_path), "simulate-phones", "list"]) == 0
        listed = capsys.readouterr().out.splitlines()[-1]
        assert "+8613800138000" in listed and "您的电费余额不足" in listed
        argv = ["--data-dir", str(tmp_path), "simulate-phones", "send", "--from", "139", "余额"]
        assert main.main(argv) == 0
        wait_for(lambda: (driver.poll_unsolicited(0.05), driver.incoming_waiting)[1], 5, "+CMTI")
        assert [(m.phone, m.text) for m in driver.read_incoming()] == [("139", "余额")]
        driver.close()
    finally:
        server.stop()
