"""The demo site's simulated GSM modem: its description, its server, its phones' folder.

``create_demo_site`` calls ``configure`` (``modem.port`` set to a local TCP
port, ``simulator/modem.json`` written); the process that wins the modem's
lease serves it (``serve``) before its modem worker connects. The phones'
folder holds what they received and the orders of ``main.py simulate-phones``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from app import settings
from app.errors import ConfigError
from app.paths import SitePaths
from app.serial_io.simulator.modem import ModemServer, SimModem

log = logging.getLogger(__name__)

DESCRIPTION = "modem.json"
SEND_S = 2.0  # the network's time to take one SMS part, as a real modem shows it


def phones_folder(paths: SitePaths) -> Path:
    return paths.sim_dir / "phones"


def configure(paths: SitePaths, port: int, send_s: float = SEND_S) -> None:
    settings.put("modem.port", f"socket://127.0.0.1:{port}")
    paths.sim_dir.mkdir(parents=True, exist_ok=True)
    (paths.sim_dir / DESCRIPTION).write_text(json.dumps({"send_s": send_s}), encoding="utf-8")


def serve(paths: SitePaths, port_url: str) -> ModemServer | None:
    """Serve the simulated modem of a demo site (None on a site without one).

    Listens on the port of ``modem.port``, or on a free one when another program
    took it since (``modem.port`` is moved there).
    """
    desc = paths.sim_dir / DESCRIPTION
    if not desc.exists() or not port_url.startswith("socket://"):
        return None
    try:
        send_s = float(json.loads(desc.read_text(encoding="utf-8")).get("send_s", SEND_S))
    except (OSError, ValueError, AttributeError):
        send_s = SEND_S
    port = int(port_url.rsplit(":", 1)[1])
    server = ModemServer(SimModem(send_s=send_s), port=port, folder=phones_folder(paths))
    try:
        server.start()
    except ConfigError:
        server = ModemServer(SimModem(send_s=send_s), port=0, folder=phones_folder(paths))
        server.start()
        settings.put("modem.port", server.url)
        log.info("simulated GSM modem moved to %s", server.url)
    return server
