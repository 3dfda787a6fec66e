"""Alipay client (issue #16) on ``python-alipay-sdk`` (RSA2, public-key mode).

The SDK builds and signs every request, verifies the signature of every answer and of the
notification parameters. Written here: mapping to the ``Provider`` interface, Alipay's
business codes (``10000`` done, ``40004`` refused with a ``sub_code``, ``20000`` busy) to
results and ``ProviderError``, the notification's ``app_id`` check (Alipay's advice; the SDK
does not do it), and reading the daily bill (a zip of GBK CSV the SDK only points to).
``base_url`` replaces the SDK's gateway (``_gateway``; no public setter in 3.4.0) so the fake
or the sandbox (``https://openapi-sandbox.dl.alipaydev.com/gateway.do``) stands in.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import urllib.request
import zipfile
from urllib.parse import parse_qsl

from alipay import AliPay
from alipay.exceptions import AliPayException, AliPayValidationError
from alipay.utils import AliPayConfig

from app.services.payments.amounts import fen, utc_naive, yuan
from app.services.payments.provider import (
    ALIPAY,
    Checkout,
    ForgedNotice,
    Notice,
    ProviderError,
    QueryResult,
    RefundResult,
    Reply,
    StatementRow,
)

GATEWAY = "https://openapi.alipay.com/gateway.do"
STATES = {
    "TRADE_SUCCESS": "paid",
    "TRADE_FINISHED": "paid",
    "WAIT_BUYER_PAY": "unpaid",
    "TRADE_CLOSED": "closed",
}


class AlipayClient:
    name = ALIPAY

    def __init__(
        self,
        appid: str,
        app_private_key: str,
        alipay_public_key: str,
        base_url: str = GATEWAY,
        timeout: float = 10.0,
    ) -> None:
        self._appid = appid
        self._timeout = timeout
        self._sdk = AliPay(
            appid=appid,
            app_private_key_string=app_private_key,
            alipay_public_key_string=alipay_public_key,
            sign_type="RSA2",
            config=AliPayConfig(timeout=timeout),
        )
        self._sdk._gateway = base_url

    def _call(self, what: str, **kwargs) -> dict:
        """The verified answer; a busy or unreachable Alipay is a ``ProviderError``."""
        try:
            answer = getattr(self._sdk, what)(**kwargs)
        except AliPayValidationError as error:
            raise ProviderError(f"alipay {what}: the answer's signature does not verify") from error
        except AliPayException as error:  # unsigned error answer (bad app id, our signature)
            raise ProviderError(f"alipay {what}: {error}", permanent=True) from error
        except (OSError, ValueError) as error:  # network, HTTP 5xx, not JSON
            raise ProviderError(f"alipay {what}: {error}") from error
        if answer.get("code") in ("20000", "40000", "40003"):  # unavailable, try again
            raise ProviderError(f"alipay {what}: {answer.get('code')} {answer.get('sub_code')}")
        return answer

    def checkout(
        self, order_no: str, amount: int, subject: str, notify_url: str, channel: str
    ) -> Checkout:
        if channel != "kiosk":
            signed = self._sdk.api_alipay_trade_wap_pay(
                subject=subject, out_trade_no=order_no, total_amount=yuan(amount),
                notify_url=notify_url, timeout_express="30m",
            )  # fmt: skip
            return Checkout(url=f"{self._sdk._gateway}?{signed}")
        answer = self._call(
            "api_alipay_trade_precreate",
            subject=subject, out_trade_no=order_no, total_amount=yuan(amount),
            notify_url=notify_url,
        )  # fmt: skip
        if answer.get("code") != "10000":
            raise ProviderError(_why("precreate", answer), permanent=True)
        return Checkout(qr=answer["qr_code"])

    def verify_notice(self, headers: dict[str, str], body: bytes) -> Notice:
        try:
            params = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
            signature = params.pop("sign", "")
            good = bool(signature) and self._sdk.verify(dict(params), signature)
        except (AliPayException, UnicodeDecodeError, ValueError) as error:
            raise ForgedNotice(f"alipay notice: {error}") from error
        if not good:
            raise ForgedNotice("alipay notice: RSA2 signature does not verify")
        if params.get("app_id") != self._appid:
            raise ForgedNotice("alipay notice: for another app")
        try:
            amount = fen(params["total_amount"])
            order_no = params["out_trade_no"]
        except (KeyError, ValueError) as error:
            raise ForgedNotice(f"alipay notice: {error}") from error
        status = params.get("trade_status", "")
        return Notice(
            order_no=order_no,
            amount=amount,
            paid=status in ("TRADE_SUCCESS", "TRADE_FINISHED"),
            provider_txn=params.get("trade_no", ""),
            paid_at=_time(params.get("gmt_payment")),
        )

    def reply(self, ok: bool) -> Reply:
        return Reply(200, b"success" if ok else b"fail", "text/plain")

    def query(self, order_no: str) -> QueryResult:
        answer = self._call("api_alipay_trade_query", out_trade_no=order_no)
        if answer.get("sub_code") == "ACQ.TRADE_NOT_EXIST":
            return QueryResult("unknown", None, "", None)
        if answer.get("code") != "10000":
            raise ProviderError(_why("query", answer))
        return QueryResult(
            STATES.get(answer.get("trade_status", ""), "unpaid"),
            fen(answer["total_amount"]) if answer.get("total_amount") else None,
            answer.get("trade_no", ""),
            _time(answer.get("send_pay_date")),
        )

    def close(self, order_no: str) -> None:
        answer = self._call("api_alipay_trade_close", out_trade_no=order_no)
        # A pre-created order nobody scanned does not exist at Alipay yet: nothing to close.
        if answer.get("code") != "10000" and answer.get("sub_code") != "ACQ.TRADE_NOT_EXIST":
            raise ProviderError(_why("close", answer), permanent=True)

    def refund(
        self, order_no: str, refund_no: str, amount: int, total: int, reason: str
    ) -> RefundResult:
        answer = self._call(
            "api_alipay_trade_refund",
            refund_amount=yuan(amount), out_trade_no=order_no, out_request_no=refund_no,
            refund_reason=reason[:256],
        )  # fmt: skip
        if answer.get("code") == "10000":
            return RefundResult(True, f"{answer.get('trade_no', '')}/{refund_no}")
        return RefundResult(False, "", _why("refund", answer))

    def statement(self, day: dt.date) -> list[StatementRow]:
        answer = self._call(
            "server_api",
            api_name="alipay.data.dataservice.bill.downloadurl.query",
            biz_content={"bill_type": "trade", "bill_date": day.isoformat()},
        )
        if answer.get("sub_code") == "isp.bill_not_exist":
            return []
        if answer.get("code") != "10000":
            raise ProviderError(_why("bill", answer))
        try:
            with urllib.request.urlopen(answer["bill_download_url"], timeout=self._timeout) as f:
                content = f.read()
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = [n for n in archive.namelist() if not n.endswith("(汇总).csv")]
                text = "".join(archive.read(name).decode("gbk") for name in names)
        except (OSError, zipfile.BadZipFile) as error:
            raise ProviderError(f"alipay bill download: {error}") from error
        return read_bill(text)


def read_bill(text: str) -> list[StatementRow]:
    """The detail lines of a trade bill ("交易" and "退款"); comment lines start with "#"."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = []
    for record in csv.DictReader(lines):
        field = {key.strip(): (value or "").strip() for key, value in record.items() if key}
        kind = {"交易": "pay", "退款": "refund"}.get(field.get("业务类型", ""))
        if kind is None:
            continue
        at = _time(field.get("完成时间"))
        amount = abs(fen(field["商家实收（元）"].lstrip("-")))
        refund_no = field.get("退款批次号/请求号", "") if kind == "refund" else ""
        rows.append(
            StatementRow(field["商户订单号"], field["支付宝交易号"], kind, amount, at, refund_no)
        )
    return rows


def _why(what: str, answer: dict) -> str:
    return (
        f"alipay {what}: {answer.get('sub_code') or answer.get('code')} {answer.get('sub_msg', '')}"
    )


def _time(text: str | None) -> dt.datetime | None:
    return utc_naive(dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")) if text else None
