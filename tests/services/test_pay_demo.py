"""The demo's payment fakes: one process serves them and stores their credentials; another
finds the ports taken and leaves them; the registry then builds real clients against them."""

from __future__ import annotations

from types import SimpleNamespace

from app import settings
from app.paths import SitePaths
from app.services.demo_site import free_tcp_port
from app.services.payments import credentials, demo_pay, registry
from app.services.payments.alipay import AlipayClient
from app.services.payments.wechat import WechatPayClient


def test_one_process_serves_the_fakes_and_the_clients_use_them(tmp_path, master_key, database):
    paths = SitePaths(tmp_path)
    demo_pay.configure(paths, free_tcp_port(), free_tcp_port())
    assert settings.get("pay.enabled") and settings.get("pay.test_mode")
    port = settings.get("portal.listen").rpartition(":")[2]
    assert settings.get("pay.notify_base") == f"http://127.0.0.1:{port}"
    site = SimpleNamespace(paths=paths, master_key=master_key)
    first = demo_pay.start(site)
    try:
        assert first is not None and len(first.fakes) == 2
        assert demo_pay.start(site) is None  # a second process: the ports are taken
        stored = credentials.load(master_key, paths.key_file, "wechat")
        assert stored.complete() and stored.get("base_url") == first.fakes[0].base_url
        assert isinstance(registry.provider("wechat"), WechatPayClient)
        assert isinstance(registry.provider("alipay"), AlipayClient)
        assert registry.provider("wechat").query("PEM-none").state == "unknown"
    finally:
        first.stop()
        registry.set_credentials_loader(None)


def test_not_a_demo_site(tmp_path, master_key):
    site = SimpleNamespace(paths=SitePaths(tmp_path), master_key=master_key)
    assert demo_pay.start(site) is None
