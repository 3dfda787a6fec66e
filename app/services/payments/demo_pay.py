"""The demo site's payment providers: the local WeChat Pay and Alipay fakes (issue #16).

``create_demo_site`` calls ``configure``: online purchase on, in test mode, the
fakes' ports written to ``simulator/payfake.json``. A serving process (GUI or
collector) then ``start``s them: the one that binds the ports serves both (their
keys and ids kept in the simulator folder, so every process and restart talks to
the same fake providers) and stores what their consoles would show as the site's
payment credentials; a process that finds the ports taken leaves them to the other.
Tenants pay on the fakes' own "Pay" page (the phone's link, the kiosk's QR code).
"""

from __future__ import annotations

import json
import logging

from app import settings
from app.paths import SitePaths
from app.services.payments import credentials
from app.services.payments.fakes.alipay_fake import AlipayFake
from app.services.payments.fakes.wechat_fake import WechatFake
from app.services.permissions import SYSTEM

log = logging.getLogger(__name__)

DESCRIPTION = "payfake.json"
QUERY_AFTER_S = 15  # no public address in a demo: the payment service asks the fake soon


def configure(paths: SitePaths, wechat_port: int, alipay_port: int) -> None:
    settings.put("pay.enabled", True)
    settings.put("pay.test_mode", True)
    settings.put("pay.query_after_s", QUERY_AFTER_S)
    host, _sep, port = settings.get("portal.listen").strip().rpartition(":")
    if host in ("", "0.0.0.0", "[::]", "::"):
        host = "127.0.0.1"  # the fakes run on this machine and notify the portal here
    settings.put("pay.notify_base", f"http://{host}:{port}")
    paths.sim_dir.mkdir(parents=True, exist_ok=True)
    ports = {"wechat": wechat_port, "alipay": alipay_port}
    (paths.sim_dir / DESCRIPTION).write_text(json.dumps(ports), encoding="utf-8")


class DemoFakes:
    def __init__(self, fakes: list) -> None:
        self.fakes = fakes

    def stop(self) -> None:
        for fake in self.fakes:
            fake.stop()


def start(site) -> DemoFakes | None:
    """Serve the demo's fakes (None: not a demo site, or another process serves them)."""
    paths = site.paths
    desc = paths.sim_dir / DESCRIPTION
    if not desc.exists() or not site.master_key:
        return None
    ports = json.loads(desc.read_text(encoding="utf-8"))
    started = []
    try:
        for name, fake in (("wechat", WechatFake()), ("alipay", AlipayFake())):
            fake.keep_identity(paths.sim_dir / f"{name}-keys.json").start(int(ports[name]))
            started.append(fake)
            target = paths.sim_dir / f"{name}.json"
            target.write_text(json.dumps(fake.credentials()), encoding="utf-8")
    except OSError:  # the ports are taken: another process of this site serves the fakes
        DemoFakes(started).stop()
        return None
    credentials.store_fake(SYSTEM, site.master_key, paths.key_file, paths.sim_dir)
    log.info("payment fakes serving: %s", ", ".join(f.base_url for f in started))
    return DemoFakes(started)
