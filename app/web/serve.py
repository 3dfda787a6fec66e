"""Running the mobile site with uvicorn: on its own (``main.py portal``) or in a collector's thread.

HTTPS when the site has a certificate (``portal.cert_file`` / ``portal.key_file``),
else plain HTTP meant for a reverse proxy in front (docs/portal.md): the
proxy's ``X-Forwarded-For`` is believed only from ``forwarded_allow`` (the
proxy's address), so the per-address limits count the phones, not the proxy.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import uvicorn

from app import settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Listen:
    host: str
    port: int
    cert_file: str = ""
    key_file: str = ""

    @property
    def https(self) -> bool:
        return bool(self.cert_file)

    @property
    def url(self) -> str:
        return f"{'https' if self.https else 'http'}://{self.host}:{self.port}/"


def parse_listen(text: str) -> tuple[str, int]:
    """``host:port`` (``[::]:8080`` for IPv6) as a pair; ValueError when it is not one."""
    host, sep, port = text.strip().rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"not host:port: {text!r}")
    return host.strip("[]") or "0.0.0.0", int(port)


def listen_from(listen: str | None = None, cert: str | None = None, key: str | None = None):
    """Where to serve: the given values, else the site's ``portal.*`` settings (site open)."""
    host, port = parse_listen(listen or settings.get("portal.listen"))
    cert = cert if cert is not None else settings.get("portal.cert_file")
    key = key if key is not None else settings.get("portal.key_file")
    if bool(cert) != bool(key):
        raise ValueError("HTTPS needs both the certificate and its key")
    return Listen(host, port, cert or "", key or "")


def server(app, where: Listen, forwarded_allow: str = "127.0.0.1") -> uvicorn.Server:
    config = uvicorn.Config(
        app,
        host=where.host,
        port=where.port,
        ssl_certfile=where.cert_file or None,
        ssl_keyfile=where.key_file or None,
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow,
        server_header=False,
        log_config=None,  # the program's logging (app/logconfig.py)
        access_log=False,
    )
    return uvicorn.Server(config)


class PortalThread:
    """uvicorn in a daemon thread of a serving process; ``stop()`` ends it."""

    def __init__(self, app, where: Listen) -> None:
        self.where = where
        self._server = server(app, where)
        self._thread = threading.Thread(target=self._server.run, name="portal", daemon=True)

    def start(self, timeout: float = 10.0) -> PortalThread:
        self._thread.start()
        waited = threading.Event()
        while not self._server.started and self._thread.is_alive() and timeout > 0:
            waited.wait(0.05)
            timeout -= 0.05
        if not self._server.started:
            self.stop()
            raise RuntimeError(f"the mobile site did not start on {self.where.url}")
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(10)
