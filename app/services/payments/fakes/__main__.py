"""Run both provider fakes until killed (demo site, browser tests):

    python -m app.services.payments.fakes --state DIR [--wechat-port N] [--alipay-port M]

Their keys and ids are kept in DIR (``wechat-keys.json``, ``alipay-keys.json``); what a client
needs, base URL included, is written to ``wechat.json`` and ``alipay.json`` once serving.
"""

from __future__ import annotations

import argparse
import json
import threading
from pathlib import Path

from app.services.payments.fakes.alipay_fake import AlipayFake
from app.services.payments.fakes.wechat_fake import WechatFake


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m app.services.payments.fakes")
    parser.add_argument("--state", type=Path, required=True)
    parser.add_argument("--wechat-port", type=int, default=0)
    parser.add_argument("--alipay-port", type=int, default=0)
    args = parser.parse_args(argv)
    for name, fake, port in (
        ("wechat", WechatFake(), args.wechat_port),
        ("alipay", AlipayFake(), args.alipay_port),
    ):
        fake.keep_identity(args.state / f"{name}-keys.json").start(port)
        target = args.state / f"{name}.json"
        target.with_suffix(".tmp").write_text(json.dumps(fake.credentials()), encoding="utf-8")
        target.with_suffix(".tmp").replace(target)
    threading.Event().wait()


if __name__ == "__main__":
    main()
