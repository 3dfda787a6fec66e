"""Issue #13, SMS side: a tenant's balance query answered, unknown numbers ignored or refused,
the per-number rate limit; SMS text length and parts; mainland mobile numbers on tenants."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from app import settings
from app.errors import InvalidField
from app.models import SmsMessage, Tenant
from app.models.alarms import SmsState
from app.models.site import utcnow
from app.services import sms_inbox, sms_text, tenants
from app.services.tenants import TenantEdit
from tests.billing_helpers import ADMIN, make_env, open_meter, store_state

BOTH_DATABASES = True

PHONE = "13912345678"
AT = dt.datetime(2026, 3, 2, 2, 0)


@pytest.fixture
def env(database, master_key):
    env = make_env(master_key, n_meters=2)
    tenant, _ = open_meter(env, env.meter_ids[0], name="Zhang San Store", first_sale_fen=2345)
    Tenant.update(phone=PHONE).where(Tenant.id == tenant.id).execute()
    status = env.status(env.meter_ids[0])
    store_state(
        env.meter_ids[0], json.dumps(dataclasses.asdict(status)), updated_at=utcnow(), online=True
    )
    env.tenant_id = tenant.id
    return env


def _reply(handled) -> SmsMessage:
    return SmsMessage.get_by_id(handled.reply_id)


def test_balance_query_from_the_number_on_file_is_answered(env):
    settings.put("sms.language", "en")
    handled = sms_inbox.handle_incoming("+86 139 1234 5678", " ye ", AT)
    assert handled.state == SmsState.ANSWERED
    incoming = SmsMessage.get_by_id(handled.incoming_id)
    assert (incoming.direction, incoming.phone, incoming.tenant_id) == ("in", PHONE, env.tenant_id)
    reply = _reply(handled)
    assert (reply.direction, reply.state, reply.kind) == ("out", SmsState.QUEUED, "balance_reply")
    assert reply.phone == PHONE and reply.tenant_id == env.tenant_id
    assert "M001: 23.45 yuan" in reply.body  # the balance last read
    assert "days left" not in reply.body and "?" not in reply.body  # cannot tell (yet)
    assert "last recharge 23.45 (" in reply.body  # the sale, dated


def test_chinese_keyword_and_chinese_reply(env):
    handled = sms_inbox.handle_incoming("8613912345678", "余额", AT)
    body = _reply(handled).body
    assert "余额23.45元，最近充值" in body and "预计" not in body
    assert _reply(handled).parts == sms_text.measure(body).parts >= 1


def test_unknown_number_is_ignored_or_politely_refused(env):
    handled = sms_inbox.handle_incoming("13700000000", "YE", AT)
    assert handled.state == SmsState.IGNORED and handled.reply_id is None
    assert handled.why == sms_inbox.IGNORED_UNKNOWN
    assert SmsMessage.select().where(SmsMessage.direction == "out").count() == 0
    settings.put("sms.reply_unknown", True)
    settings.put("site.phone", "0755-1234567")
    handled = sms_inbox.handle_incoming("13700000000", "YE", AT)
    assert handled.state == SmsState.ANSWERED
    reply = _reply(handled)
    assert reply.kind == "refusal" and reply.tenant_id is None and "0755-1234567" in reply.body


def test_other_text_is_kept_but_not_answered(env):
    handled = sms_inbox.handle_incoming(PHONE, "YES please call me", AT)
    assert handled.state == SmsState.IGNORED and handled.why == sms_inbox.IGNORED_TEXT
    assert SmsMessage.get_by_id(handled.incoming_id).tenant_id == env.tenant_id  # on record


def test_rate_limit_per_number_and_hour(env):
    settings.put("sms.query_per_hour", 2)
    states = [
        sms_inbox.handle_incoming(PHONE, "YE", AT + dt.timedelta(minutes=i)).state for i in range(3)
    ]
    assert states == [SmsState.ANSWERED, SmsState.ANSWERED, SmsState.IGNORED]
    later = sms_inbox.handle_incoming(PHONE, "YE", AT + dt.timedelta(minutes=61))
    assert later.state == SmsState.ANSWERED


def test_keywords_setting_is_followed(env):
    settings.put("sms.query_keywords", "CX；查询")
    assert sms_inbox.handle_incoming(PHONE, "查询", AT).state == SmsState.ANSWERED
    assert sms_inbox.handle_incoming(PHONE, "YE", AT).state == SmsState.IGNORED


# ---- text ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, encoding, units, parts",
    [
        ("", "GSM-7", 0, 1),
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("€" * 80, "GSM-7", 160, 1),  # extension characters take two septets
        ("a" * 152 + "€" * 77, "GSM-7", 306, 3),  # an escape pair never straddles two parts
        ("余" * 70, "UCS2", 70, 1),
        ("余" * 71, "UCS2", 71, 2),
        ("余" * 134, "UCS2", 134, 2),
        ("余" * 135, "UCS2", 135, 3),
        ("a" * 69 + "é", "GSM-7", 70, 1),
        ("a" * 100 + "ç", "UCS2", 101, 2),  # ç is not in the GSM alphabet (Ç is)
    ],
)
def test_measure(text, encoding, units, parts):
    length = sms_text.measure(text)
    assert (length.encoding, length.units, length.parts) == (encoding, units, parts)


def test_render_and_check_template():
    assert sms_text.render("{tenant}: {balance}", {"tenant": "Li"}) == "Li: -"
    assert sms_text.render("broken {", {}) == "broken {"
    sms_text.check_template("{tenant} {days_left}")
    for bad in ("{balanse}", "oops {", "  "):
        with pytest.raises(InvalidField):
            sms_text.check_template(bad)


def test_every_default_template_uses_known_fields():
    for key in sms_text.TEMPLATE_KEYS.values():
        sms_text.check_template(settings.option(key).default)


# ---- tenants' mobile numbers -----------------------------------------------------------
@pytest.mark.parametrize(
    "typed, stored",
    [
        ("13912345678", "13912345678"),
        ("+8613912345678", "13912345678"),
        ("86 139 1234 5678", "13912345678"),
        ("+86-139-1234-5678", "13912345678"),
        ("0755-12345678", "0755-12345678"),
    ],
)
def test_phone_normalised_when_saved(env, typed, stored):
    tenants.update_tenant(ADMIN, env.tenant_id, TenantEdit("Zhang San Store", phone=typed))
    assert Tenant.get_by_id(env.tenant_id).phone == stored


@pytest.mark.parametrize("bad", ["12912345678", "1391234567", "+85213912345678", "139123456789"])
def test_not_a_mainland_mobile_is_refused(env, bad):
    with pytest.raises(InvalidField) as caught:
        tenants.update_tenant(ADMIN, env.tenant_id, TenantEdit("Zhang San Store", phone=bad))
    assert caught.value.field == "phone"
