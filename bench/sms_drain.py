"""1,000 queued SMS drain at the simulated modem's pace while a bus is polled (issue #13).

    .venv/bin/python bench/sms_drain.py [--sms 1000] [--send-s 0.05] [--meters 30] [--before-s 15]

Setup, all in this process as in the window: a site database (SQLite file,
WAL); one simulated bus of ``--meters`` meters on a pseudo-terminal, paced at
9600 baud, polled by a ``BusWorker`` with its ``PollStore`` (live status rows
and readings written); the simulated GSM modem on TCP taking ``--send-s`` per
SMS part (a real modem takes 3-6 s); a ``ModemWorker`` draining ``--sms``
queued ``SmsMessage`` rows (Chinese, one part each) through the real outbox
(``sms_outbox`` as the SMS service wires it: ``next_due`` with its cap and
quiet-hour checks, ``mark_sent``); quiet hours off so the bench runs at any hour.
Figures: drain time and SMS/s against the modem's own limit (``--send-s`` a
part), the poll cycle before and during the drain (median, worst), and how
late a 10 ms timer on the main thread (the GUI thread's stand-in) fired at
worst while the drain ran.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import settings as site_settings
from app.models import Building, Bus, Meter, SmsMessage, close_database, open_database
from app.models.site import utcnow
from app.serial_io.events import BusConfig, MeterRef, PollSettings
from app.serial_io.gsm_modem import GsmModem
from app.serial_io.modem_worker import ModemWorker
from app.serial_io.poll_store import PollStore
from app.serial_io.simulator.modem import ModemServer, SimModem
from app.serial_io.worker import BusWorker
from app.services.ledger import write_txn
from app.services.sms_service import _RealOutbox
from bench.report import result
from tests.sim_helpers import running_pty_sim

KEY = bytes(range(32))
TEXT = "【演示商场】张先生您好，您的电表M001余额不足10.00元，约2天后用完，请尽快充值。"


class Cycles:
    def __init__(self) -> None:
        self.cycles: list[tuple[float, float]] = []

    def meter_updated(self, update) -> None:
        pass

    def bus_updated(self, update) -> None:
        if update.cycle_s and (not self.cycles or self.cycles[-1][1] != update.cycle_s):
            self.cycles.append((time.monotonic(), update.cycle_s))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sms", type=int, default=1000)
    ap.add_argument("--send-s", type=float, default=0.05)
    ap.add_argument("--meters", type=int, default=30)
    ap.add_argument("--before-s", type=float, default=15.0)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="pem-sms-drain-"))
    open_database(folder / "site.db", create=True)
    with running_pty_sim(KEY, n=args.meters, pace=True) as sim:
        site_settings.put("sms.quiet_start", "00:00")  # equal start and end: no quiet hours
        site_settings.put("sms.quiet_end", "00:00")
        building = Building.create(name="B")
        bus = Bus.create(name="bus1", building=building, port=sim.port, parity="N")
        refs = []
        for a in range(1, args.meters + 1):
            serial = sim.bus.meter(a).identity.serial
            meter = Meter.create(number=f"M{a:03d}", bus=bus, address=a, serial=serial)
            refs.append(MeterRef(meter.id, a, serial))
        now = utcnow()
        rows = [
            {"direction": "out", "phone": f"+86138{i:08d}", "body": TEXT, "kind": "alarm1",
             "state": "queued", "created_at": now}
            for i in range(args.sms)
        ]  # fmt: skip
        with write_txn():
            for i in range(0, len(rows), 500):
                SmsMessage.insert_many(rows[i : i + 500]).execute()
        cycles = Cycles()
        config = BusConfig(1, "bus1", sim.port, parity="N", turnaround_ms=20)
        settings = PollSettings(state_flush_s=1.0, reading_interval_s=60)
        worker = BusWorker(config, refs, KEY, listener=cycles, settings=settings, store=PollStore())
        worker.start()
        time.sleep(args.before_s)
        before = [c for _t, c in cycles.cycles[1:]]
        sim_modem = SimModem(send_s=args.send_s)
        with ModemServer(sim_modem) as server:
            modem = ModemWorker(
                lambda: GsmModem(server.url), _RealOutbox(), lambda *a: None, lambda s: None,
                idle_s=0.05,
            )  # fmt: skip
            started = time.monotonic()
            modem.start()
            late, tick = [], time.monotonic()
            while len(sim_modem.received) < args.sms and time.monotonic() - started < 3600:
                time.sleep(0.01)
                t = time.monotonic()
                late.append(t - tick - 0.01)
                tick = t
            drain_s = time.monotonic() - started
            modem.stop()
        during = [c for t, c in cycles.cycles if started < t <= started + drain_s]
        worker.stop()
        sent = SmsMessage.select().where(SmsMessage.state == "sent").count()
    close_database()
    limit_s = args.sms * args.send_s
    setup = (
        f"{args.meters} meters paced 9600 on a pty, modem {args.send_s * 1000:.0f} ms/SMS on TCP, "
        f"real sms_outbox on SQLite, one process"
    )
    extra_ms = (drain_s - limit_s) / args.sms * 1000
    result(
        "SMS drain", f"{args.sms} SMS at the modem's pace (< 25 ms a SMS beyond the modem's own)",
        f"{sent} sent in {drain_s:.1f} s ({sent / drain_s:.1f}/s; the modem's own {limit_s:.1f} s;"
        f" {extra_ms:.1f} ms a SMS more)",
        sent == args.sms and extra_ms < 25, setup,
    )  # fmt: skip
    med_b, med_d = statistics.median(before), statistics.median(during)
    result(
        "poll cycle during the drain", "within 10% of the cycle before",
        f"median {med_b:.3f} s before, {med_d:.3f} s during (worst {max(before):.3f} / "
        f"{max(during):.3f} s; {len(before)}/{len(during)} cycles)",
        med_d <= med_b * 1.10, setup,
    )  # fmt: skip
    result(
        "main thread during the drain", "a 10 ms timer late by < 50 ms",
        f"worst {max(late) * 1000:.1f} ms, p99 {sorted(late)[int(len(late) * 0.99)] * 1000:.1f} ms",
        max(late) < 0.05, setup,
    )  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
