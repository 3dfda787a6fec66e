"""The listening TCP socket the simulators serve on (the meters' gateway, the GSM modem)."""

from __future__ import annotations

import socket

from app.errors import QT_TRANSLATE_NOOP, ConfigError


def listen_tcp(host: str, port: int, backlog: int) -> socket.socket:
    """A socket bound to ``host:port`` (0: any free port) and listening; a port that cannot be
    had is a ``ConfigError`` naming it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ConfigError(
            QT_TRANSLATE_NOOP("Errors", "cannot listen on {host}:{port}: {reason}"),
            host=host,
            port=port,
            reason=exc.strerror,
        ) from exc
    sock.listen(backlog)
    return sock
