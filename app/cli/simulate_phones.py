"""``simulate-phones``: the demo site's simulated phones: what they received, and texting the modem.

    python main.py simulate-phones list [--last 20]
    python main.py simulate-phones send --from 13912345678 余额
    python main.py simulate-phones fault no_network [--off]

The simulated GSM modem runs in the process that holds the site's modem lease
(the window or the collector); this command talks to it through the files of
its phones' folder, so it works from any terminal while the site runs.
"""

from __future__ import annotations

import argparse

from app.errors import QT_TRANSLATE_NOOP, ConfigError

NAME = "simulate-phones"
HELP = "see what the demo site's simulated phones received; text the modem from one"


def add_arguments(p: argparse.ArgumentParser) -> None:
    from app.serial_io.simulator.modem import FAULTS

    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = sub.add_parser("list", help="the SMS the phones received, newest last")
    listing.add_argument("--last", type=int, default=20, help="how many (20; 0: all)")
    send = sub.add_parser("send", help="a phone texts the site's modem")
    send.add_argument("--from", dest="phone", required=True, help="the phone's number")
    send.add_argument("text", nargs="+", help="the text")
    fault = sub.add_parser("fault", help="make the simulated modem fail (or stop failing)")
    fault.add_argument("fault", choices=FAULTS)
    fault.add_argument("--off", action="store_true", help="end the fault")


def run(args) -> int:
    from app.cli.site_args import site_paths
    from app.serial_io.simulator.modem import order_control, read_received
    from app.services.demo_modem import DESCRIPTION, phones_folder

    paths = site_paths(args)
    if not (paths.sim_dir / DESCRIPTION).exists():
        raise ConfigError(
            QT_TRANSLATE_NOOP("Errors", "the site in {path} has no simulated GSM modem"),
            path=paths.data_dir,
        )
    folder = phones_folder(paths)
    if args.action == "list":
        received = read_received(folder)
        for r in received[-args.last :] if args.last else received:
            print(f"{r['at']}  {r['to']:<16} ({r['parts']} part(s))  {r['text']}")
        if not received:
            print("no SMS received yet")
    elif args.action == "send":
        order_control(folder, {"op": "send", "from": args.phone, "text": " ".join(args.text)})
        print("sent to the simulated modem (it is delivered while the site runs)")
    else:
        order_control(folder, {"op": "fault", "fault": args.fault, "on": not args.off})
        print(f"fault {args.fault} {'off' if args.off else 'on'}")
    return 0
