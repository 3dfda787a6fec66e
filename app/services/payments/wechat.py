"""WeChat Pay API v3 client (issue #16) on the ``wechatpayv3`` SDK.

The SDK signs every request (merchant key, ``WECHATPAY2-SHA256-RSA2048``), verifies every
answer and notification against the platform public key (public-key mode: no certificate
download) and decrypts the AES-256-GCM resource. Written here: mapping to the ``Provider``
interface, HTTP errors to ``ProviderError``/``RefundResult``, the notification's timestamp
window (the SDK does not check it), and reading the trade bill (its SHA1 and GZIP and the
backquoted CSV, which the SDK hands over as bytes). ``base_url`` replaces the SDK's gateway
(a private attribute, the only way in 2.0.4) so the fake or a sandbox stands in.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import time

import requests
from wechatpayv3 import WeChatPay, WeChatPayType

from app.services.payments.amounts import fen, utc_naive
from app.services.payments.provider import (
    WECHAT,
    Checkout,
    ForgedNotice,
    Notice,
    ProviderError,
    QueryResult,
    RefundResult,
    Reply,
    StatementRow,
)

GATEWAY = "https://api.mch.weixin.qq.com"
NOTICE_WINDOW_S = 300  # WeChat's advice: refuse signatures older (or newer) than 5 minutes
STATES = {
    "SUCCESS": "paid",
    "NOTPAY": "unpaid",
    "USERPAYING": "unpaid",
    "CLOSED": "closed",
    "REVOKED": "closed",
    "PAYERROR": "closed",
    "REFUND": "refunded",
}


class WechatPayClient:
    name = WECHAT

    def __init__(
        self,
        mchid: str,
        appid: str,
        serial_no: str,
        private_key: str,
        apiv3_key: str,
        platform_key: str,
        platform_key_id: str,
        base_url: str = GATEWAY,
        timeout: float = 10.0,
        client_ip: str = "127.0.0.1",
    ) -> None:
        self._sdk = WeChatPay(
            wechatpay_type=WeChatPayType.NATIVE,
            mchid=mchid,
            private_key=private_key,
            cert_serial_no=serial_no,
            appid=appid,
            apiv3_key=apiv3_key,
            timeout=(timeout, timeout),
            public_key=platform_key,
            public_key_id=platform_key_id,
        )
        self._sdk._core._gate_way = base_url.rstrip("/")
        self._client_ip = client_ip

    def _call(self, what: str, *args, **kwargs) -> tuple[int, dict]:
        try:
            code, text = getattr(self._sdk, what)(*args, **kwargs)
        except requests.RequestException as error:
            raise ProviderError(f"wechat {what}: {error}") from error
        except Exception as error:  # the SDK raises bare Exception for a bad answer signature
            raise ProviderError(f"wechat {what}: {error}") from error
        if isinstance(text, bytes):
            return code, {"raw": text}
        try:
            data = json.loads(text) if text else {}
        except ValueError as error:
            raise ProviderError(f"wechat {what}: not JSON ({code})") from error
        if code >= 500 or code == 429:
            raise ProviderError(f"wechat {what}: {code} {data.get('code')}")
        return code, data

    def checkout(
        self, order_no: str, amount: int, subject: str, notify_url: str, channel: str
    ) -> Checkout:
        common = {
            "description": subject[:127],
            "out_trade_no": order_no,
            "amount": {"total": amount, "currency": "CNY"},
            "notify_url": notify_url,
        }
        if channel == "kiosk":
            code, data = self._call("pay", pay_type=WeChatPayType.NATIVE, **common)
        else:
            scene = {"payer_client_ip": self._client_ip, "h5_info": {"type": "Wap"}}
            code, data = self._call("pay", pay_type=WeChatPayType.H5, scene_info=scene, **common)
        if code != 200:
            raise ProviderError(f"wechat order: {code} {data.get('code')}", permanent=True)
        return Checkout(qr=data.get("code_url", ""), url=data.get("h5_url", ""))

    def verify_notice(self, headers: dict[str, str], body: bytes) -> Notice:
        lower = {key.lower(): value for key, value in headers.items()}
        try:
            stamp = int(lower.get("wechatpay-timestamp", "0"))
            data = self._sdk.callback(lower, body)
        except Exception as error:  # unknown algorithm, bad JSON: not a notice we can trust
            raise ForgedNotice(f"wechat notice: {error}") from error
        if not data:
            raise ForgedNotice("wechat notice: signature or decryption does not verify")
        if abs(time.time() - stamp) > NOTICE_WINDOW_S:
            raise ForgedNotice("wechat notice: timestamp outside the window (replayed?)")
        resource = data["resource"]
        if not isinstance(resource, dict) or "out_trade_no" not in resource:
            raise ForgedNotice("wechat notice: not a payment")
        return Notice(
            order_no=resource["out_trade_no"],
            amount=int(resource.get("amount", {}).get("total", 0)),
            paid=resource.get("trade_state") == "SUCCESS",
            provider_txn=resource.get("transaction_id", ""),
            paid_at=_time(resource.get("success_time")),
        )

    def reply(self, ok: bool) -> Reply:
        if ok:
            return Reply(200, b"")
        return Reply(500, json.dumps({"code": "FAIL", "message": "失败"}).encode())

    def query(self, order_no: str) -> QueryResult:
        code, data = self._call("query", out_trade_no=order_no)
        if code == 404 or data.get("code") == "ORDER_NOT_EXIST":
            return QueryResult("unknown", None, "", None)
        if code != 200:
            raise ProviderError(f"wechat query: {code} {data.get('code')}")
        return QueryResult(
            STATES.get(data.get("trade_state", ""), "unpaid"),
            data.get("amount", {}).get("total"),
            data.get("transaction_id", ""),
            _time(data.get("success_time")),
        )

    def close(self, order_no: str) -> None:
        code, data = self._call("close", out_trade_no=order_no)
        if code not in (200, 204):
            raise ProviderError(f"wechat close: {code} {data.get('code')}", permanent=code < 500)

    def refund(
        self, order_no: str, refund_no: str, amount: int, total: int, reason: str
    ) -> RefundResult:
        code, data = self._call(
            "refund",
            out_refund_no=refund_no,
            amount={"refund": amount, "total": total, "currency": "CNY"},
            out_trade_no=order_no,
            reason=reason[:80] or None,
        )
        if code == 200 and data.get("status") in ("SUCCESS", "PROCESSING"):
            return RefundResult(True, data.get("refund_id", ""))
        return RefundResult(False, "", f"{data.get('code', code)}: {data.get('message', '')}")

    def statement(self, day: dt.date) -> list[StatementRow]:
        code, data = self._call("trade_bill", bill_date=day.isoformat())
        if data.get("code") == "NO_STATEMENT_EXIST":
            return []
        if code != 200:
            raise ProviderError(f"wechat bill: {code} {data.get('code')}")
        _code, file = self._call("download_bill", data["download_url"])
        raw = file.get("raw", b"")
        if data.get("hash_value") and hashlib.sha1(raw).hexdigest() != data["hash_value"]:
            raise ProviderError("wechat bill: SHA1 differs")  # of the file as downloaded
        try:
            content = gzip.decompress(raw)
        except OSError:
            content = raw
        return read_bill(content.decode("utf-8-sig"))


def read_bill(text: str) -> list[StatementRow]:
    """The rows of a trade bill (ALL): payments and refunds; the totals at the end skipped."""
    rows = []
    reader = csv.reader(io.StringIO(text))
    head = next(reader, [])
    for record in reader:
        if len(record) != len(head):
            continue  # the totals' header and line
        field = dict(zip(head, (value.lstrip("`") for value in record), strict=True))
        at = utc_naive(dt.datetime.strptime(field["交易时间"], "%Y-%m-%d %H:%M:%S"))
        if field["交易状态"] == "REFUND":
            rows.append(
                StatementRow(
                    field["商户订单号"], field["微信订单号"], "refund",
                    fen(field["退款金额"]), at, field["商户退款单号"],
                )
            )  # fmt: skip
        else:
            rows.append(
                StatementRow(field["商户订单号"], field["微信订单号"], "pay",
                             fen(field["应结订单金额"]), at)
            )  # fmt: skip
    return rows


def _time(text: str | None) -> dt.datetime | None:
    return utc_naive(dt.datetime.fromisoformat(text)) if text else None
