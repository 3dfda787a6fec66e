"""The mobile site over the real tenant service (no stand-in): PIN guessing locks, another
tenant's meter is not found, the read-only notice while no collection service serves."""

from __future__ import annotations

from app.models import BusLease
from app.services.tenant_access import TenantLocked
from app.web import texts
from tests.web.portal_env import PIN, tenant_env
from tests.web.test_portal import client_for, csrf, sign_in


def test_guessing_locks_the_account_even_for_the_right_pin(database, master_key):
    _env, account_no = tenant_env(master_key)
    client = client_for()
    for guess in ("0000", "1111", "2222", "3333", "4444"):
        assert sign_in(client, account_no, guess).status_code == 401
    locked = sign_in(client, account_no, PIN)
    said = texts.message_text("zh_CN", TenantLocked(5).message)  # Chinese once translated
    assert locked.status_code == 401 and said in locked.text
    assert client.get("/home").url.path == "/login"


def test_real_views_other_ids_and_read_only(database, master_key):
    env, account_no = tenant_env(master_key)
    client = client_for()
    home = sign_in(client, account_no, PIN)
    assert "¥86.40" in home.text and "张记面馆 &lt;b&gt;&amp;&lt;/b&gt;" in home.text
    # read only since it was opened: the days left cannot be told yet, and the page says why
    assert '<span class="reason">历史数据太少，无法估算</span>' in home.text
    (mid,) = env.meter_ids
    assert client.get(f"/meter/{mid}").status_code == 200
    assert client.get(f"/meter/{mid + 1}").status_code == 404
    token = csrf(home)
    assert client.post(f"/meter/{mid + 1}/off", data={"csrf": token}).status_code == 404
    BusLease.delete().execute()  # the collection service stopped
    page = client.get("/home")
    assert "只读" in page.text and f"/meter/{mid}/off" not in page.text
