"""Operator-facing error sentences read in the operator's language (str(err) stays English)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.errors import (
    DAMAGED_ANSWER,
    DAMAGED_ANSWER_DETAIL,
    NO_ANSWER,
    TIMEOUT,
    BadFrame,
    InsufficientBalance,
    MeterOffline,
    MeterRejected,
    PemError,
    ValidationError,
)
from app.messages import Message
from app.models import Building, Bus, Meter, MeterState
from app.serial_io.commands import Result
from app.serial_io.loopback import LoopbackBus
from app.serial_io.profiles import get_profile
from app.serial_io.security import derive_meter_keys
from app.services import auth_passwords as pw
from app.services import billing
from app.services.auth import AccountLocked
from app.ui.shell import application
from app.ui.support.error_text import error_text
from tests.billing_helpers import CASHIER, MAINTENANCE, make_env, open_meter


@pytest.fixture
def zh(qapp):
    installed = application.install_translators(qapp, "zh_CN")
    assert installed, "the Chinese .qm did not load"
    yield installed
    for translator in installed:
        qapp.removeTranslator(translator)


@pytest.fixture
def env(database, master_key):
    env = make_env(master_key)
    open_meter(env, env.meter_ids[0])
    return env


def test_insufficient_balance_from_billing_reads_chinese_with_its_figures(zh, env):
    m = env.meter_ids[0]
    billing.sell(env.worker, CASHIER, m, 5000, "cash")
    with pytest.raises(InsufficientBalance) as caught:
        billing.refund(env.worker, CASHIER, m, 8000)
    err = caught.value
    assert str(err) == "the refund of 80.00 is more than the meter's balance of 50.00"
    assert error_text(err) == "退电金额 80.00 大于电表剩余金额 50.00"


def test_validation_and_permission_sentences_from_billing_read_chinese(zh, env):
    with pytest.raises(ValidationError) as no_account:
        billing.sell(env.worker, CASHIER, env.meter_ids[1], 100, "cash")
    assert str(no_account.value) == "meter M002 has no open account"
    assert error_text(no_account.value) == "电表 M002 未开户"
    with pytest.raises(PemError) as denied:
        billing.sell(env.worker, MAINTENANCE, env.meter_ids[0], 100, "cash")
    assert "may not do this" in str(denied.value)
    assert error_text(denied.value).startswith("fixer（maintenance）无权执行此操作")


def test_meter_offline_from_a_simulator_exchange_reads_chinese(zh, env):
    bus = LoopbackBus(env.sim)  # the plain loopback: address 99 has no meter, so silence
    with pytest.raises(MeterOffline) as caught:
        get_profile("default").read_status(bus, 99)
    err = caught.value
    assert str(err) == "meter 99 did not answer"
    assert error_text(err) == "地址 99 的电表无应答"


def test_meter_rejected_from_a_simulator_exchange_reads_chinese(zh, env):
    ref = env.refs[env.meter_ids[0]]
    wrong_keys = derive_meter_keys(b"\x01" * 32, ref.serial)
    before = env.status(env.meter_ids[0])
    with pytest.raises(MeterRejected) as caught:
        get_profile(ref.profile).credit(
            LoopbackBus(env.sim),
            ref,
            wrong_keys,
            100,
            before.purchase_count + 1,
            before,
        )
    err = caught.value
    assert err.result == Result.BAD_MAC
    assert str(err) == "the meter rejected the frame's MAC (wrong key or damaged frame)"
    assert error_text(err) == "电表拒绝了该命令的校验码（密钥错误或数据帧损坏）"
    assert env.status(env.meter_ids[0]).balance == before.balance


def test_worker_messages_read_chinese_also_after_a_json_round_trip(zh):
    """The grid gets ``MeterUpdate.error`` / ``CommStats.last_error`` as Messages."""
    damaged = BadFrame(DAMAGED_ANSWER_DETAIL, 7, detail="CRC").message
    assert error_text(damaged) == "电表 7 的应答已损坏：CRC"
    assert error_text(Message.from_json(damaged.to_json())) == "电表 7 的应答已损坏：CRC"
    assert error_text(BadFrame(DAMAGED_ANSWER, 7).message) == "电表 7 的应答已损坏"
    assert error_text(Message(TIMEOUT)) == "超时"
    assert error_text(Message("")) == "" and error_text(None) == ""


def test_plain_strings_are_translated_only_when_they_are_a_template(zh):
    """A money result's note or an old stored row: no English is matched back to a template."""
    assert error_text("the meter did not apply the command") == "电表未执行该命令"
    assert error_text("timeout") == "超时"
    assert error_text("meter 12 did not answer") == "meter 12 did not answer"
    assert error_text("something nobody marked") == "something nobody marked"
    assert error_text("") == ""


def test_a_stored_error_reads_chinese_in_the_grid(zh, database):
    """A failed poll's row (as the poll store writes it) shows Chinese in cell and tooltip."""
    from app.serial_io.poll_store import dump_error
    from app.services.grid_data import load_grid_rows
    from app.ui.grid.columns import COL_COMM
    from app.ui.grid.model import MeterGridModel

    building = Building.create(name="Mall A")
    bus = Bus.create(name="Bus 1", port="/dev/ttyUSB0", building=building)
    meter = Meter.create(number="M5", bus=bus, address=5, building=building)
    stored = dump_error(MeterOffline(NO_ANSWER, 5).message, MeterState.last_error.max_length)
    MeterState.create(meter=meter, online=False, timeouts=3, last_error=stored)
    model = MeterGridModel(load_grid_rows())
    index = model.index(0, COL_COMM)
    assert model.data(index) == "地址 5 的电表无应答"
    assert "地址 5 的电表无应答" in model.data(index, Qt.ItemDataRole.ToolTipRole)


def test_locked_account_and_password_rule_read_chinese(zh):
    locked = AccountLocked(15)
    assert str(locked) == "too many wrong passwords: account locked, try again in 15 min"
    assert error_text(locked) == "密码错误次数过多：账号已锁定，请 15 分钟后再试"
    short = ValidationError(pw.PROBLEM_TEXT[pw.TOO_SHORT], count=pw.MIN_PASSWORD_LENGTH)
    assert str(short) == f"the password must have at least {pw.MIN_PASSWORD_LENGTH} characters"
    assert error_text(short) == f"密码至少需要 {pw.MIN_PASSWORD_LENGTH} 个字符"


def test_errors_without_a_template_and_bugs_fall_back_to_english(zh):
    assert error_text(PemError("no meter numbered X9")) == "no meter numbered X9"
    assert error_text(PemError("braces {kept} as they are")) == "braces {kept} as they are"
    assert error_text(KeyError("bug")) == "'bug'"


def test_english_when_no_translator_is_installed(env):
    with pytest.raises(InsufficientBalance) as caught:
        billing.refund(env.worker, CASHIER, env.meter_ids[0], 1)
    assert error_text(caught.value) == str(caught.value)


def test_sale_dialog_refusal_page_shows_the_chinese_sentence(
    zh, qtbot, database, master_key, tmp_path
):
    from app.ui.cashier.sale_dialog import SaleDialog
    from tests.ui.cashier_fixtures import cashier_site

    with cashier_site(master_key, tmp_path) as site:
        site.env.bus.offline = True
        dialog = SaleDialog(site, CASHIER, site.meter_ids[0])
        dialog.auto_preview = False
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.amount_edit, "20")
        qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(dialog.operationFinished, timeout=5000) as blocker:
            qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
        assert blocker.args[0] == "refused"
        assert "电表无应答" in dialog.outcome_title.text()
        address = site.env.refs[site.meter_ids[0]].address
        assert f"地址 {address} 的电表无应答" in dialog.outcome_text.text()
        assert "did not answer" not in dialog.outcome_text.text()
        dialog.close()
