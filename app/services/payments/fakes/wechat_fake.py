"""A local WeChat Pay API v3 (direct merchant, platform public-key mode) with its own keys.

Requests must carry the ``WECHATPAY2-SHA256-RSA2048`` Authorization signed with the
merchant's key; answers are signed with the platform key (``Wechatpay-Serial`` = the public
key id); notifications carry an AEAD_AES_256_GCM resource under the APIv3 key and are signed
with the platform key. Paths: Native/H5 order, query and close by out-trade-no, domestic
refunds, trade bill + its download (GZIP, SHA1), as in the published API.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
import re
import secrets
import time
import uuid

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from app.services.payments.amounts import BEIJING, yuan
from app.services.payments.fakes.base import Answer, FakeOrder, FakeProvider, new_keys

AUTH = re.compile(r'(\w+)="([^"]*)"')
ORDER_PATH = re.compile(r"^/v3/pay/transactions/out-trade-no/([^/?]+)(/close)?$")
STATES = {"unpaid": "NOTPAY", "paid": "SUCCESS", "closed": "CLOSED"}


def sign(private_key, text: str) -> str:
    return base64.b64encode(private_key.sign(text.encode(), PKCS1v15(), SHA256())).decode()


def rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(BEIJING).isoformat(timespec="seconds")


class WechatFake(FakeProvider):
    page_title = "WeChat Pay (fake) 微信支付"
    colour = "#07c160"
    txn_prefix = "42000"
    identity = ("platform", "merchant", "mchid", "appid", "serial_no", "public_key_id", "apiv3_key")

    def __init__(self) -> None:
        super().__init__()
        self.platform = new_keys()
        self.merchant = new_keys()
        self.mchid = "1900000109"
        self.appid = "wxd678efh567hg6787"
        self.serial_no = secrets.token_hex(20).upper()
        self.public_key_id = "PUB_KEY_ID_" + secrets.token_hex(8).upper()
        self.apiv3_key = secrets.token_hex(16)  # 32 characters, as WeChat's
        self.refund_ids: dict[str, dict] = {}

    def credentials(self) -> dict[str, str]:
        """What the merchant would copy from the WeChat Pay console into our settings."""
        return {
            "mchid": self.mchid,
            "appid": self.appid,
            "serial_no": self.serial_no,
            "private_key": self.merchant.private_pem,
            "apiv3_key": self.apiv3_key,
            "platform_key": self.platform.public_pem,
            "platform_key_id": self.public_key_id,
            "base_url": self.base_url,
        }

    # --- signatures --------------------------------------------------------------------------
    def _signed_headers(self, body: str, key=None) -> dict[str, str]:
        stamp, nonce = str(int(time.time())), secrets.token_hex(16)
        return {
            "Wechatpay-Timestamp": stamp,
            "Wechatpay-Nonce": nonce,
            "Wechatpay-Signature": sign(
                key or self.platform.private_key, f"{stamp}\n{nonce}\n{body}\n"
            ),
            "Wechatpay-Serial": self.public_key_id,
            "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
        }

    def _request_signed(self, method: str, path: str, headers, body: bytes) -> bool:
        scheme, _, params = (headers.get("Authorization") or "").partition(" ")
        fields = dict(AUTH.findall(params))
        if scheme != "WECHATPAY2-SHA256-RSA2048" or fields.get("mchid") != self.mchid:
            return False
        if fields.get("serial_no") != self.serial_no:
            return False
        text = f"{method}\n{path}\n{fields.get('timestamp')}\n{fields.get('nonce_str')}\n"
        text += body.decode() + "\n"
        key = load_pem_public_key(self.merchant.public_pem.encode())
        try:
            key.verify(
                base64.b64decode(fields.get("signature", "")), text.encode(), PKCS1v15(), SHA256()
            )
        except (InvalidSignature, ValueError):
            return False
        return abs(time.time() - int(fields.get("timestamp") or 0)) < 300

    def _answer(self, status: int, data: dict | None) -> Answer:
        text = json.dumps(data, ensure_ascii=False) if data is not None else ""
        return Answer(status, text.encode(), self._signed_headers(text))

    def _error(self, status: int, code: str, message: str) -> Answer:
        return self._answer(status, {"code": code, "message": message})

    # --- notifications -------------------------------------------------------------------------
    def notice(self, order: FakeOrder, forged: bool) -> tuple[dict[str, str], bytes, str]:
        resource = json.dumps(self._transaction(order), ensure_ascii=False)
        nonce = secrets.token_hex(6)
        cipher = AESGCM(self.apiv3_key.encode()).encrypt(
            nonce.encode(), resource.encode(), b"transaction"
        )
        body = json.dumps(
            {
                "id": str(uuid.uuid4()),
                "create_time": rfc3339(dt.datetime.now(BEIJING)),
                "resource_type": "encrypt-resource",
                "event_type": "TRANSACTION.SUCCESS",
                "summary": "支付成功",
                "resource": {
                    "original_type": "transaction",
                    "algorithm": "AEAD_AES_256_GCM",
                    "ciphertext": base64.b64encode(cipher).decode(),
                    "associated_data": "transaction",
                    "nonce": nonce,
                },
            },
            ensure_ascii=False,
        )
        key = new_keys().private_key if forged else None
        return self._signed_headers(body, key), body.encode(), "application/json"

    def _transaction(self, order: FakeOrder) -> dict:
        state = "REFUND" if order.refunds else STATES[order.state]
        data = {
            "appid": self.appid,
            "mchid": self.mchid,
            "out_trade_no": order.order_no,
            "trade_state": state,
            "trade_state_desc": state,
            "amount": {"total": order.amount, "currency": "CNY"},
        }
        if order.paid_at:
            data.update(
                transaction_id=order.txn,
                trade_type="NATIVE",
                bank_type="OTHERS",
                success_time=rfc3339(order.paid_at),
                payer={"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},
            )
            data["amount"].update(payer_total=order.amount, payer_currency="CNY")
        return data

    # --- API ---------------------------------------------------------------------------------
    def api(self, method: str, path: str, query: dict[str, str], headers, body: bytes) -> Answer:
        bare = path.split("?", 1)[0]
        if bare == "/v3/billdownload/file":
            return self._bill_file(query.get("token", ""))
        if not self._request_signed(method, path, headers, body):
            return self._error(401, "SIGN_ERROR", "签名错误")
        data = json.loads(body) if body else {}
        if method == "POST" and bare in ("/v3/pay/transactions/native", "/v3/pay/transactions/h5"):
            return self._create(data, "code_url" if bare.endswith("native") else "h5_url")
        if bare == "/v3/refund/domestic/refunds" and method == "POST":
            return self._refund(data)
        if bare == "/v3/bill/tradebill":
            return self._bill(query.get("bill_date", ""))
        match = ORDER_PATH.match(bare)
        if match:
            with self.lock:
                order = self.orders.get(match.group(1))
            if order is None:
                return self._error(404, "ORDER_NOT_EXIST", "订单不存在")
            if match.group(2):
                return self._close(order)
            return self._answer(200, self._transaction(order))
        return self._error(404, "NOT_FOUND", "no such API in the fake")

    def _create(self, data: dict, link: str) -> Answer:
        if data.get("mchid") != self.mchid or data.get("appid") != self.appid:
            return self._error(400, "PARAM_ERROR", "mchid/appid")
        order_no, total = data["out_trade_no"], int(data["amount"]["total"])
        with self.lock:
            order = self.orders.get(order_no)
            if order is None:
                order = FakeOrder(order_no, total, data.get("description", ""), data["notify_url"])
                self.orders[order_no] = order
            elif order.amount != total:
                return self._error(400, "INVALID_REQUEST", "订单号重复")
            elif order.state != "unpaid":
                return self._error(400, "ORDERPAID", "该订单已支付")
        return self._answer(200, {link: self.pay_url(order_no)})

    def _close(self, order: FakeOrder) -> Answer:
        with self.lock:
            if order.state == "paid":
                return self._error(400, "ORDERPAID", "该订单已支付")
            order.state = "closed"
        return self._answer(204, None)

    def _refund(self, data: dict) -> Answer:
        refund_no = data["out_refund_no"]
        with self.lock:
            if refund_no in self.refund_ids:  # the same request again: the same refund
                return self._answer(200, self.refund_ids[refund_no])
            order = self.orders.get(data.get("out_trade_no", ""))
            if order is None or order.state != "paid":
                return self._error(404, "RESOURCE_NOT_EXISTS", "订单不存在")
            amount = data["amount"]
            if int(amount["total"]) != order.amount:
                return self._error(400, "INVALID_REQUEST", "订单金额不符")
            if int(amount["refund"]) + order.refunded > order.amount:
                return self._error(400, "INVALID_REQUEST", "退款金额超过订单金额")
            if self.take_fault("refund_error"):
                return self._error(403, "NOT_ENOUGH", "基本账户余额不足，请充值后重新发起")
            now = dt.datetime.now(BEIJING).replace(microsecond=0)
            order.refunds.append((refund_no, int(amount["refund"]), now))
            answer = {
                "refund_id": self.next_txn("50000"),
                "out_refund_no": refund_no,
                "transaction_id": order.txn,
                "out_trade_no": order.order_no,
                "channel": "ORIGINAL",
                "create_time": rfc3339(now),
                "status": "PROCESSING",
                "amount": {
                    "refund": int(amount["refund"]),
                    "total": order.amount,
                    "currency": "CNY",
                },
            }
            self.refund_ids[refund_no] = answer
        return self._answer(200, answer)

    def _bill(self, bill_date: str) -> Answer:
        content = self.bill_bytes(dt.date.fromisoformat(bill_date))
        return self._answer(
            200,
            {
                "hash_type": "SHA1",
                "hash_value": hashlib.sha1(content).hexdigest(),
                "download_url": f"{self.base_url}/v3/billdownload/file?token={bill_date}",
            },
        )

    def _bill_file(self, token: str) -> Answer:
        try:
            day = dt.date.fromisoformat(token)
        except ValueError:
            return self._error(400, "INVALID_REQUEST", "token")
        return Answer(200, self.bill_bytes(day), content_type="application/octet-stream")

    def bill_bytes(self, day: dt.date) -> bytes:
        """The trade bill (ALL) of one day, GZIP: each field prefixed with a backquote."""
        head = (
            "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
            "交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,"
            "充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注"
        )
        lines = [head]
        total_pay = total_refund = 0
        rows = self.statement_rows(day)
        for kind, order, refund_no, amount, at in rows:
            pay = kind == "pay"
            total_pay += amount if pay else 0
            total_refund += 0 if pay else amount
            fields = [
                f"{at:%Y-%m-%d %H:%M:%S}", self.appid, self.mchid, "0", "", order.txn,
                order.order_no, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", "NATIVE",
                "SUCCESS" if pay else "REFUND", "OTHERS", "CNY",
                yuan(order.amount) if pay else "0.00",
                "0.00", "" if pay else f"5000{refund_no}", "" if pay else refund_no,
                "0.00" if pay else yuan(amount), "0.00", "" if pay else "ORIGINAL",
                "" if pay else "SUCCESS", order.subject, "", "0.00", "0.60%", yuan(order.amount),
                "0.00" if pay else yuan(amount), "",
            ]  # fmt: skip
            lines.append(",".join("`" + field for field in fields))
        lines.append(
            "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额"
        )
        lines.append(
            ",".join("`" + v for v in (str(len(rows)), yuan(total_pay), yuan(total_refund),
                                         "0.00", "0.00", yuan(total_pay), yuan(total_refund)))
        )  # fmt: skip
        return gzip.compress(("\r\n".join(lines) + "\r\n").encode(), mtime=0)
