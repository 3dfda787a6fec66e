"""A local Alipay open-platform gateway (``gateway.do``, RSA2 public-key mode) with its own keys.

Requests are the signed query strings of the published protocol (sorted ``k=v`` joined by
``&``, RSA2 with the app's key); answers are ``{"<method>_response": {...}, "sign": ...}`` with
the signature over the inner object's text (Alipay's key); notifications are form posts
signed the same way. Methods: precreate, wap pay (redirects to the "pay" page), query,
close, refund, and the daily bill's download URL (a zip holding a GBK CSV).
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import secrets
import zipfile
from urllib.parse import parse_qsl, urlencode

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from app.services.payments.amounts import BEIJING, fen, yuan
from app.services.payments.fakes.base import Answer, FakeOrder, FakeProvider, new_keys

STATES = {"unpaid": "WAIT_BUYER_PAY", "paid": "TRADE_SUCCESS", "closed": "TRADE_CLOSED"}
BILL_HEAD = (
    "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,"
    "对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,"
    "商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,"
    "退款批次号/请求号,服务费（元）,分润（元）,备注"
)


def signing_text(params: dict[str, str], skip: tuple[str, ...] = ("sign", "sign_type")) -> str:
    """Alipay's string to sign: the parameters sorted, raw values joined by ``&``; a request
    signs all but ``sign``, a notification all but ``sign`` and ``sign_type``."""
    items = sorted((k, v) for k, v in params.items() if k not in skip and v != "")
    return "&".join(f"{k}={v}" for k, v in items)


def rsa2(private_key, text: str) -> str:
    return base64.b64encode(private_key.sign(text.encode(), PKCS1v15(), SHA256())).decode()


def stamp(moment: dt.datetime) -> str:
    return f"{moment.astimezone(BEIJING):%Y-%m-%d %H:%M:%S}"


def business_error(sub_code: str, sub_msg: str) -> dict:
    return {"code": "40004", "msg": "Business Failed", "sub_code": sub_code, "sub_msg": sub_msg}


class AlipayFake(FakeProvider):
    page_title = "Alipay (fake) 支付宝"
    colour = "#1677ff"
    txn_prefix = "2026"
    identity = ("alipay", "app", "appid", "seller_id")

    def __init__(self) -> None:
        super().__init__()
        self.alipay = new_keys()  # Alipay's own key pair: its public half goes to the merchant
        self.app = new_keys()  # the app's key pair: the merchant keeps the private half
        self.appid = "2021000000000001"
        self.seller_id = "2088000000000001"
        self.refund_nos: dict[str, dict] = {}

    def credentials(self) -> dict[str, str]:
        """What the merchant would copy from the Alipay open platform into our settings."""
        return {
            "appid": self.appid,
            "app_private_key": self.app.private_pem,
            "alipay_public_key": self.alipay.public_pem,
            "base_url": self.base_url + "/gateway.do",
        }

    # --- notifications -------------------------------------------------------------------------
    def notice(self, order: FakeOrder, forged: bool) -> tuple[dict[str, str], bytes, str]:
        now = dt.datetime.now(BEIJING)
        params = {
            "notify_time": stamp(now),
            "notify_type": "trade_status_sync",
            "notify_id": secrets.token_hex(16),
            "app_id": self.appid,
            "charset": "utf-8",
            "version": "1.0",
            "trade_no": order.txn,
            "out_trade_no": order.order_no,
            "seller_id": self.seller_id,
            "trade_status": STATES[order.state],
            "total_amount": yuan(order.amount),
            "receipt_amount": yuan(order.amount),
            "buyer_pay_amount": yuan(order.amount),
            "subject": order.subject,
            "gmt_create": stamp(order.paid_at or now),
            "gmt_payment": stamp(order.paid_at or now),
        }
        key = new_keys().private_key if forged else self.alipay.private_key
        params["sign_type"] = "RSA2"
        params["sign"] = rsa2(key, signing_text(params))
        body = urlencode(params).encode()
        return {}, body, "application/x-www-form-urlencoded; charset=utf-8"

    # --- gateway -------------------------------------------------------------------------------
    def api(self, method: str, path: str, query: dict[str, str], headers, body: bytes) -> Answer:
        bare = path.split("?", 1)[0]
        if bare == "/bill":
            return self._bill_file(query.get("day", ""))
        if method == "POST" and body:
            query.update(parse_qsl(body.decode(), keep_blank_values=True))
        name = query.get("method", "")
        response_type = name.replace(".", "_") + "_response"
        if not self._request_signed(query):
            error = {
                "code": "40002",
                "msg": "Invalid Arguments",
                "sub_code": "isv.invalid-signature",
                "sub_msg": "验签出错",
            }
            return self._answer("error_response", error)
        biz = json.loads(query.get("biz_content") or "{}")
        handler = {
            "alipay.trade.precreate": self._precreate,
            "alipay.trade.wap.pay": self._precreate,
            "alipay.trade.query": self._query,
            "alipay.trade.close": self._close,
            "alipay.trade.refund": self._refund,
            "alipay.data.dataservice.bill.downloadurl.query": self._bill,
        }.get(name)
        if handler is None:
            return self._answer(response_type, business_error("isv.invalid-method", name))
        result = handler(biz, query)
        if name == "alipay.trade.wap.pay" and result.get("code") == "10000":
            location = self.pay_url(biz["out_trade_no"])
            return Answer(302, b"", {"Location": location}, "text/html")
        return self._answer(response_type, result)

    def _request_signed(self, params: dict[str, str]) -> bool:
        if params.get("app_id") != self.appid or params.get("sign_type") != "RSA2":
            return False
        key = load_pem_public_key(self.app.public_pem.encode())
        try:
            signature = base64.b64decode(params.get("sign", ""))
            text = signing_text(params, skip=("sign",))
            key.verify(signature, text.encode(), PKCS1v15(), SHA256())
        except (InvalidSignature, ValueError):
            return False
        return True

    def _answer(self, response_type: str, data: dict) -> Answer:
        inner = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        sign = rsa2(self.alipay.private_key, inner)
        text = f'{{"{response_type}":{inner},"sign":"{sign}"}}'
        return Answer(200, text.encode(), content_type="text/html;charset=utf-8")

    def _precreate(self, biz: dict, params: dict[str, str]) -> dict:
        order_no, amount = biz["out_trade_no"], fen(biz["total_amount"])
        with self.lock:
            order = self.orders.get(order_no)
            if order is None:
                notify_url = params.get("notify_url", "")
                order = FakeOrder(order_no, amount, biz.get("subject", ""), notify_url)
                self.orders[order_no] = order
            elif order.amount != amount or order.state != "unpaid":
                return business_error("ACQ.TRADE_HAS_SUCCESS", "交易已被支付")
        return {
            "code": "10000",
            "msg": "Success",
            "out_trade_no": order_no,
            "qr_code": self.pay_url(order_no),
        }

    def _order(self, biz: dict) -> FakeOrder | None:
        with self.lock:
            return self.orders.get(biz.get("out_trade_no", ""))

    def _query(self, biz: dict, _params: dict[str, str]) -> dict:
        order = self._order(biz)
        if order is None:
            return business_error("ACQ.TRADE_NOT_EXIST", "交易不存在")
        state = STATES[order.state]
        if order.refunds and order.refunded >= order.amount:
            state = "TRADE_CLOSED"  # Alipay closes a trade refunded in full
        answer = {
            "code": "10000",
            "msg": "Success",
            "out_trade_no": order.order_no,
            "trade_no": order.txn,
            "trade_status": state,
            "total_amount": yuan(order.amount),
        }
        if order.paid_at:
            answer["send_pay_date"] = stamp(order.paid_at)
        return answer

    def _close(self, biz: dict, _params: dict[str, str]) -> dict:
        order = self._order(biz)
        if order is None:
            return business_error("ACQ.TRADE_NOT_EXIST", "交易不存在")
        with self.lock:
            if order.state == "paid":
                return business_error("ACQ.TRADE_STATUS_ERROR", "交易状态不合法")
            order.state = "closed"
        return {"code": "10000", "msg": "Success", "out_trade_no": order.order_no}

    def _refund(self, biz: dict, _params: dict[str, str]) -> dict:
        refund_no = biz.get("out_request_no") or biz.get("out_trade_no", "")
        with self.lock:
            if refund_no in self.refund_nos:
                return dict(self.refund_nos[refund_no], fund_change="N")
            order = self._order(biz)
            if order is None or order.state != "paid":
                return business_error("ACQ.TRADE_NOT_EXIST", "交易不存在")
            amount = fen(biz["refund_amount"])
            if amount + order.refunded > order.amount:
                return business_error("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限")
            if self.take_fault("refund_error"):
                return business_error("ACQ.SELLER_BALANCE_NOT_ENOUGH", "卖家余额不足")
            now = dt.datetime.now(BEIJING).replace(microsecond=0)
            order.refunds.append((refund_no, amount, now))
            answer = {
                "code": "10000",
                "msg": "Success",
                "trade_no": order.txn,
                "out_trade_no": order.order_no,
                "fund_change": "Y",
                "refund_fee": yuan(order.refunded),
                "gmt_refund_pay": stamp(now),
            }
            self.refund_nos[refund_no] = answer
        return answer

    def _bill(self, biz: dict, _params: dict[str, str]) -> dict:
        return {
            "code": "10000",
            "msg": "Success",
            "bill_download_url": f"{self.base_url}/bill?day={biz.get('bill_date', '')}",
        }

    def _bill_file(self, day_text: str) -> Answer:
        try:
            day = dt.date.fromisoformat(day_text)
        except ValueError:
            return Answer(404, b"", content_type="text/plain")
        return Answer(200, self.bill_zip(day), content_type="application/zip")

    def bill_zip(self, day: dt.date) -> bytes:
        """The day's trade bill as Alipay hands it over: a zip with a GBK CSV of details."""
        lines = [
            "#支付宝业务明细查询",
            f"#账号：[{self.seller_id}0156]",
            f"#起始日期：[{day:%Y年%m月%d日} 00:00:00]   终止日期：[{day:%Y年%m月%d日} 23:59:59]",
            "#-----------------------------------------业务明细列表----------------------------------------",
            BILL_HEAD,
        ]
        for kind, order, refund_no, amount, at in self.statement_rows(day):
            pay = kind == "pay"
            fields = [
                order.txn, order.order_no, "交易" if pay else "退款", order.subject,
                stamp(order.paid_at or at), stamp(at), "", "", "", "", "buyer@example.com",
                yuan(order.amount), yuan(amount) if pay else "-" + yuan(amount),
                "0.00", "0.00", "0.00", "0.00", "0.00", "", "0.00", "0.00",
                "" if pay else refund_no, "0.00", "0.00", "",
            ]  # fmt: skip
            lines.append(",".join(value + "\t" for value in fields))
        lines.append(
            "#-----------------------------------------业务明细列表结束------------------------------------"
        )
        lines.append(f"#导出时间：[{dt.datetime.now(BEIJING):%Y年%m月%d日 %H:%M:%S}]")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            name = f"{self.seller_id}0156_{day:%Y%m%d}_业务明细.csv"
            archive.writestr(name, ("\r\n".join(lines) + "\r\n").encode("gbk"))
        return out.getvalue()
