"""The mobile site through Starlette's test client: sign-in, guards, pages (issue #15)."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import types
import warnings

import pytest

from app.messages import Message
from app.services import credit_forecast
from app.services.credit_forecast import Forecast
from app.services.tenants import BAD_PIN
from app.web import texts
from app.web.app import create_app
from app.web.security import SESSION_COOKIE
from tests.web_fakes import EVIL_NAME, FakeTenants

with warnings.catch_warnings():  # starlette 1.x would rather have httpx2 (not packaged yet)
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SECRET = b"s" * 32


@pytest.fixture
def fake(monkeypatch):
    return FakeTenants().install(monkeypatch)


def client_for(limit: int = 1000) -> TestClient:
    site = types.SimpleNamespace(paths=None)
    return TestClient(create_app(site, secret=SECRET, request_limit=limit, wait_s=2.0))


def csrf(page) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def sign_in(client: TestClient, account="000001", pin="1000"):
    token = csrf(client.get("/login"))
    return client.post("/login", data={"csrf": token, "account": account, "pin": pin})


def test_login_page_guards_and_chinese_first(fake):
    client = client_for()
    page = client.get("/home")  # not signed in: to the sign-in page
    assert page.url.path == "/login"
    assert "登录" in page.text and "账号或铺位号" in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["x-content-type-options"] == "nosniff"
    cookie = page.history[0].headers.get("set-cookie") or page.headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()


def test_sign_in_wrong_then_right(fake):
    client = client_for()
    wrong = sign_in(client, pin="9999")
    assert wrong.status_code == 401 and "Wrong account or PIN" in wrong.text
    home = sign_in(client)
    assert home.url.path == "/home"
    assert "¥123.45" in home.text and "M011" in home.text
    assert fake.sources == ["web:testclient", "web:testclient"]
    set_cookie = home.history[0].headers["set-cookie"]
    assert SESSION_COOKIE in set_cookie and "httponly" in set_cookie.lower()


def test_pin_guessing_is_locked_by_the_service(fake):
    client = client_for()
    for guess in range(5):
        assert sign_in(client, pin=f"{guess:04d}").status_code == 401
    locked = sign_in(client)  # the right PIN, after five wrong ones
    assert locked.status_code == 401 and "try again in 5 minutes" in locked.text
    assert client.get("/home").url.path == "/login"


def test_sign_in_without_csrf_is_refused_before_the_pin_is_tried(fake):
    client = client_for()
    client.get("/login")
    refused = client.post("/login", data={"account": "000001", "pin": "1000"})
    assert refused.status_code == 403
    forged = client.post("/login", data={"csrf": "0" * 64, "account": "000001", "pin": "1000"})
    assert forged.status_code == 403
    assert fake.sources == []


def test_session_fixation_a_planted_session_is_not_carried_on(fake):
    client = client_for()
    sign_in(client, "000002", "2000")  # the attacker's own valid session, planted in the browser
    planted = client.cookies[SESSION_COOKIE]
    planted_token = next(iter(fake.sessions))
    home = sign_in(client)  # the victim signs in on that browser
    assert home.url.path == "/home" and "张记面馆" in home.text
    assert client.cookies[SESSION_COOKIE] != planted
    assert planted_token not in fake.sessions
    assert list(fake.sessions.values()) == [fake.actors["000001"]]


def test_forged_or_unsigned_session_cookie_is_nobody(fake):
    client = client_for()
    sign_in(client)
    token = next(iter(fake.sessions))
    client.cookies.set(SESSION_COOKIE, token)  # the token without the site's signature
    assert client.get("/home").url.path == "/login"


def test_another_tenants_meter_id_in_the_url_is_not_found(fake):
    client = client_for()
    sign_in(client)
    other = client.get("/meter/22")
    assert other.status_code == 404 and "M022" not in other.text
    assert client.get("/meter/abc").status_code == 404
    assert client.get("/meter/99999999999999999999").status_code == 404
    token = csrf(client.get("/home"))
    refused = client.post("/meter/22/off", data={"csrf": token})
    assert refused.status_code == 404 and "M022" not in refused.text
    assert fake.relay_open[22] is False


def test_html_in_a_tenant_name_is_shown_as_text(fake):
    client = client_for()
    home = sign_in(client, "000002", "2000")
    assert "<script>" not in home.text and "<b>bold</b>" not in home.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;王记" in home.text
    assert EVIL_NAME not in home.text


def test_switch_needs_the_sessions_csrf_token(fake):
    client = client_for()
    sign_in(client)
    assert client.post("/meter/11/off").status_code == 403
    other = client_for()
    sign_in(other, "000002", "2000")
    foreign = csrf(other.get("/home"))  # a valid token, of another session
    assert client.post("/meter/11/off", data={"csrf": foreign}).status_code == 403
    assert fake.relay_open[11] is False


def test_switch_off_and_on(fake):
    client = client_for()
    token = csrf(sign_in(client))
    off = client.post("/meter/11/off", data={"csrf": token})
    assert off.url.path == "/meter/11" and "已断开电源" in off.text and "恢复供电" in off.text
    assert fake.relay_open[11] is True
    on = client.post("/meter/11/on", data={"csrf": token})
    assert "已恢复供电" in on.text and fake.relay_open[11] is False
    assert "<svg" in on.text and on.text.count("<rect") == 29  # 30 days, one gap


def test_a_slow_meter_answers_later_without_holding_the_page(fake):
    fake.switch_delay = 2.5  # longer than the app's wait_s (2 s)
    client = client_for()
    token = csrf(sign_in(client))
    pending = client.post("/meter/11/off", data={"csrf": token})
    assert pending.url.path == "/meter/11" and "仍在执行" in pending.text
    for _ in range(100):  # the job was not cancelled by the page giving up waiting
        if fake.relay_open[11]:
            break
        time.sleep(0.05)
    assert fake.relay_open[11] is True


def test_read_only_notice_and_no_switch_without_a_collection_service(fake):
    fake.live = False
    client = client_for()
    home = sign_in(client)
    assert "只读" in home.text and "¥123.45" in home.text
    assert "/meter/11/off" not in home.text and "/meter/11/read" not in home.text


def test_requests_per_address_are_limited(fake):
    client = client_for(limit=5)
    codes = [client.get("/login").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    # a provider's notifications from that address still get through (each is verified by
    # its signature; a 429 would only delay the tenant's credit)
    notice = client.post("/pay/notify/wechat", content=b"{}")
    assert notice.status_code != 429


def test_language_switch_and_no_redirect_off_the_site(fake):
    client = client_for()
    sign_in(client)
    english = client.get("/lang?to=en&next=/records")
    assert (
        english.url.path == "/records" and "Recharges" in english.text and "200.00" in english.text
    )
    assert client.get("/lang?to=zh_CN&next=//evil.example/").url.path == "/home"


def test_sign_out_needs_csrf_and_ends_the_session(fake):
    client = client_for()
    token = csrf(sign_in(client))
    assert client.post("/logout").status_code == 403
    out = client.post("/logout", data={"csrf": token})
    assert out.url.path == "/login" and "已退出" in out.text
    assert fake.sessions == {}
    assert client.get("/home").url.path == "/login"


def test_pin_change(fake):
    client = client_for()
    token = csrf(sign_in(client))
    form = {"csrf": token, "old_pin": "1000", "new_pin": "4321", "new_pin_again": "4322"}
    assert client.post("/pin", data=form).status_code == 400
    done = client.post("/pin", data={**form, "new_pin_again": "4321"})
    assert done.url.path == "/login" and "新密码" in done.text
    assert fake.pins["000001"] == "4321" and fake.sessions == {}


def test_the_site_loads_no_qt():
    code = (
        "import sys, app.web.app, app.web.serve; print([m for m in sys.modules if 'PySide6' in m])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_service_messages_in_chinese_from_the_translation_file():
    known = Message(BAD_PIN)  # a tenant service error, already in the translation file
    zh = texts.message_text("zh_CN", known)
    assert zh != known.text() and "4" in zh and "8" in zh
    assert texts.message_text("en", known) == known.text()
    assert texts.message_text("zh_CN", Message("not in the file")) == "not in the file"


def test_sign_ins_run_a_few_at_a_time(fake, monkeypatch):
    """A burst of sign-ins (a crowd at opening time, or someone spraying PINs) must not put
    dozens of scrypt runs and write transactions on the database at once: under a collector's
    writes that ended in "database is locked" (HTTP 500), and it slows the cashier's sales."""
    import asyncio
    import threading

    import httpx

    from app.services import tenant_access

    inside, most, lock = [0], [0], threading.Lock()
    real = tenant_access.sign_in

    def slow_sign_in(*args, **kw):
        with lock:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.05)
        try:
            return real(*args, **kw)
        finally:
            with lock:
                inside[0] -= 1

    monkeypatch.setattr(tenant_access, "sign_in", slow_sign_in)
    app = create_app(types.SimpleNamespace(paths=None), secret=SECRET, request_limit=10**6)

    async def one(i: int):
        transport = httpx.ASGITransport(app=app, client=(f"10.0.0.{i}", 1))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            token = csrf(await c.get("/login"))
            form = {"csrf": token, "account": "000001", "pin": "1000"}
            return (await c.post("/login", data=form)).status_code

    async def crowd():
        return await asyncio.gather(*(one(i) for i in range(12)))

    assert asyncio.run(crowd()) == [303] * 12
    assert most[0] <= 2


@pytest.mark.parametrize(
    "target", ["/\\evil.example/", "/\\/evil.example", "/%5Cevil.example", "/\tevil", "https://x"]
)
def test_the_language_switch_never_sends_the_phone_off_the_site(fake, target):
    """Browsers read a backslash as a slash: ``/\\evil.example`` is ``//evil.example``."""
    client = client_for()
    answer = client.get("/lang", params={"to": "en", "next": target}, follow_redirects=False)
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\"))
    assert "\\" not in location and "evil" not in location and "\t" not in location


def test_days_left_unknown_shows_the_reason_in_small_type(fake):
    """The kiosk shows why days left are unknown; the phone said nothing."""
    fake.forecast = Forecast(None, None, Message(credit_forecast.TOO_LITTLE_HISTORY))
    client = client_for()
    home = sign_in(client)
    assert '<span class="reason">历史数据太少，无法估算</span>' in home.text
    client.get("/lang?to=en&next=/meter/11")
    assert '<span class="reason">too little history to tell</span>' in client.get("/meter/11").text


def test_every_forecast_reason_has_its_chinese():
    for template in (
        credit_forecast.TOO_LITTLE_HISTORY,
        credit_forecast.NO_USE,
        credit_forecast.NO_PRICES,
        credit_forecast.NO_BALANCE,  # "the meter's balance": an &apos; in the .ts
    ):
        zh = texts.message_text("zh_CN", Message(template))
        assert zh != template and not zh.isascii(), template
