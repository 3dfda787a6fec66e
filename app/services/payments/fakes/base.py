"""What both provider fakes share: an HTTP server in a thread, fresh RSA keys, the orders a
fake holds, the "pay" page, and faults on demand.

Faults (``FakeProvider.fail(kind, times)``): ``duplicate`` (the notification is sent twice),
``late`` (sent ``late_s`` seconds after the payment), ``lost`` (never sent; only a query
finds the payment), ``forged`` (signed with a key that is not the platform's),
``refund_error`` (the refund is refused as a business error), ``down`` (the next API call
answers 500); from another process: ``POST /fake/fail?kind=lost&times=2``. Notifications are
sent from a thread, like a provider's retry queue; ``notify(order_no)`` sends one again.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import threading
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from app.services.payments.amounts import BEIJING, yuan

PAGE_STYLE = (
    "body{font-family:sans-serif;max-width:26em;margin:2em auto;padding:0 1em;text-align:center}"
    "h1{color:COLOUR;font-size:1.4em}#amount{font-size:2.4em;margin:.4em}"
    "button{font-size:1.3em;padding:.6em 3em;color:#fff;background:COLOUR;"
    "border:0;border-radius:6px}"
)
FAULTS = ("duplicate", "late", "lost", "forged", "refund_error", "down")


@dataclass(frozen=True)
class KeyPair:
    private_pem: str
    public_pem: str

    @property
    def private_key(self) -> rsa.RSAPrivateKey:
        return serialization.load_pem_private_key(self.private_pem.encode(), password=None)


def new_keys() -> KeyPair:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return KeyPair(private.decode(), public.decode())


@dataclass
class FakeOrder:
    order_no: str
    amount: int
    subject: str
    notify_url: str
    state: str = "unpaid"  # unpaid | paid | closed
    txn: str = ""
    paid_at: dt.datetime | None = None  # aware, Beijing time as the providers write it
    refunds: list[tuple[str, int, dt.datetime]] = field(default_factory=list)

    @property
    def refunded(self) -> int:
        return sum(amount for _, amount, _ in self.refunds)


@dataclass
class Answer:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"


class FakeProvider:
    """The server, the orders and the faults; a subclass speaks one provider's protocol."""

    page_title = "Pay"
    colour = "#333"
    late_s = 2.0

    def __init__(self) -> None:
        self.orders: dict[str, FakeOrder] = {}
        self.lock = threading.RLock()
        self._faults: dict[str, int] = {}
        self.sent: list[tuple[str, int]] = []  # (order_no, HTTP status of our notify_url)
        self._server: ThreadingHTTPServer | None = None
        self._txn = 0

    identity: tuple[str, ...] = ()  # the attributes that make this fake's keys and ids

    def keep_identity(self, path: Path) -> FakeProvider:
        """Use the keys and ids saved in ``path`` (written on first use), so that every process
        of a demo site and every restart talks to the same fake provider."""
        if path.exists():
            saved = json.loads(path.read_text(encoding="utf-8"))
            for name in self.identity:
                value = saved[name]
                setattr(self, name, KeyPair(*value) if isinstance(value, list) else value)
        else:
            data = {}
            for name in self.identity:
                value = getattr(self, name)
                data[name] = (
                    [value.private_pem, value.public_pem] if isinstance(value, KeyPair) else value
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(data), encoding="utf-8")
        return self

    # --- lifecycle -------------------------------------------------------------------------
    def start(self, port: int = 0) -> FakeProvider:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake._handle(self, "GET")

            def do_POST(self) -> None:
                fake._handle(self, "POST")

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # --- faults ----------------------------------------------------------------------------
    def fail(self, kind: str, times: int = 1) -> None:
        """The next ``times`` notifications (or refunds, calls) go wrong in this way."""
        if kind not in FAULTS:
            raise ValueError(kind)
        with self.lock:
            self._faults[kind] = self._faults.get(kind, 0) + times

    def take_fault(self, kind: str) -> bool:
        with self.lock:
            left = self._faults.get(kind, 0)
            if left:
                self._faults[kind] = left - 1
            return bool(left)

    # --- orders ----------------------------------------------------------------------------
    def next_txn(self, prefix: str) -> str:
        with self.lock:
            self._txn += 1
            return f"{prefix}{dt.datetime.now(BEIJING):%Y%m%d}{self._txn:010d}"

    def pay(self, order_no: str) -> FakeOrder:
        """The tenant pays (the "Pay" button): the order is paid and the notification sent."""
        with self.lock:
            order = self.orders[order_no]
            if order.state == "unpaid":
                order.state = "paid"
                order.txn = self.next_txn(self.txn_prefix)
                order.paid_at = dt.datetime.now(BEIJING).replace(microsecond=0)
        self.notify(order_no)
        return order

    def notify(self, order_no: str) -> None:
        """Send (again) the payment notification of a paid order, faults applied."""
        if self.take_fault("lost"):
            return
        forged = self.take_fault("forged")
        copies = 2 if self.take_fault("duplicate") else 1
        delay = self.late_s if self.take_fault("late") else 0.0
        with self.lock:
            order = self.orders[order_no]

        def send() -> None:
            for _ in range(copies):
                headers, body, content_type = self.notice(order, forged)
                self.sent.append((order_no, post(order.notify_url, body, content_type, headers)))

        timer = threading.Timer(delay, send)
        timer.daemon = True
        timer.start()

    def statement_rows(self, day: dt.date) -> list[tuple[str, FakeOrder, str, int, dt.datetime]]:
        """(kind "pay"|"refund", order, refund_no, amount, at) of one Beijing day."""
        rows = []
        with self.lock:
            for order in self.orders.values():
                if order.paid_at and order.paid_at.date() == day:
                    rows.append(("pay", order, "", order.amount, order.paid_at))
                for refund_no, amount, at in order.refunds:
                    if at.date() == day:
                        rows.append(("refund", order, refund_no, amount, at))
        return rows

    # --- protocol hooks --------------------------------------------------------------------
    txn_prefix = "T"

    def notice(self, order: FakeOrder, forged: bool) -> tuple[dict[str, str], bytes, str]:
        raise NotImplementedError

    def api(self, method: str, path: str, query: dict[str, str], headers, body: bytes) -> Answer:
        raise NotImplementedError

    # --- HTTP ------------------------------------------------------------------------------
    def _handle(self, request: BaseHTTPRequestHandler, method: str) -> None:
        parts = urlsplit(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        if parts.path.startswith("/pay/"):
            answer = self._pay_page(method, parts.path[len("/pay/") :])
        elif parts.path == "/fake/fail" and method == "POST":  # faults from another process
            answer = self._fail_request(dict(parse_qsl(parts.query)))
        elif self.take_fault("down"):
            answer = Answer(500, b'{"code":"SYSTEM_ERROR","message":"fake is down"}')
        else:
            answer = self.api(
                method, request.path, dict(parse_qsl(parts.query)), request.headers, body
            )
        try:
            request.send_response(answer.status)
            request.send_header("Content-Type", answer.content_type)
            request.send_header("Content-Length", str(len(answer.body)))
            for name, value in answer.headers.items():
                request.send_header(name, value)
            request.end_headers()
            request.wfile.write(answer.body)
        except ConnectionError:
            pass  # the caller went away (a browser, a client that timed out)

    def _fail_request(self, query: dict[str, str]) -> Answer:
        try:
            self.fail(query.get("kind", ""), int(query.get("times", "1")))
        except ValueError:
            return Answer(400, b"kinds: " + ", ".join(FAULTS).encode(), content_type="text/plain")
        return Answer(204, b"", content_type="text/plain")

    def pay_url(self, order_no: str) -> str:
        return f"{self.base_url}/pay/{order_no}"

    def _pay_page(self, method: str, order_no: str) -> Answer:
        with self.lock:
            order = self.orders.get(order_no)
        if order is None:
            return Answer(404, b"no such order", content_type="text/plain; charset=utf-8")
        if method == "POST" and order.state == "unpaid":
            order = self.pay(order_no)
        state = {"unpaid": "", "paid": "Paid 已支付", "closed": "Closed 已关闭"}[order.state]
        button = (
            f'<form method="post" action="/pay/{html.escape(order_no)}">'
            '<button type="submit" id="pay">Pay 支付</button></form>'
            if order.state == "unpaid"
            else f'<p id="state">{state}</p>'
        )
        page = (
            '<!doctype html><html><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width">'
            f"<title>{html.escape(self.page_title)}</title>"
            f"<style>{PAGE_STYLE.replace('COLOUR', self.colour)}</style></head><body>"
            f"<h1>{html.escape(self.page_title)}</h1>"
            f'<p>{html.escape(order.subject)}</p><p id="order">{html.escape(order_no)}</p>'
            f'<p id="amount">¥{yuan(order.amount)}</p>{button}'
            "</body></html>"
        )
        return Answer(200, page.encode(), content_type="text/html; charset=utf-8")


def post(url: str, body: bytes, content_type: str, headers: dict[str, str]) -> int:
    """POST a notification; the HTTP status (0: not reached)."""
    request = urllib.request.Request(url, data=body, method="POST")
    request.add_header("Content-Type", content_type)
    for name, value in headers.items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0
