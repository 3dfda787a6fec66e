"""The Simplified Chinese translation: complete, compiled, loaded, and really used by the screens.

A new ``tr()`` string that nobody translated fails ``test_every_message_lupdate_finds_is_in_the_ts``
(run ``make i18n`` and translate the unfinished entries). Screens are checked through their
widgets, so a text whose runtime context differs from the one lupdate recorded (``obj.tr`` on
a variable receiver, a helper wrapping ``translate``) shows up as English here.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.resources import resource_path
from app.services import auth_passwords as pw
from app.services.meter_state import GridState
from app.services.permissions import Role
from app.ui.grid.marks import Mark, badge_text, mark_label
from app.ui.shell import application

ROOT = Path(__file__).resolve().parents[2]
TS = resource_path("i18n", "pem_zh_CN.ts")
QM = resource_path("i18n", "pem_zh_CN.qm")
PLACEHOLDER = re.compile(r"%\d|%n|\{[^}]*\}")


def _tool(name: str) -> str:
    found = Path(sys.executable).parent / name
    if found.exists():
        return str(found)
    other = shutil.which(name)
    if other is None:
        pytest.skip(f"{name} is not installed")
    return other


def _messages(ts: Path) -> dict[tuple[str, str, str], ET.Element]:
    """(context, source, disambiguation) -> <message>, the key Qt looks translations up by."""
    out = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            out[(name, msg.findtext("source"), msg.findtext("comment") or "")] = msg
    return out


def _texts(msg: ET.Element) -> list[str]:
    tr = msg.find("translation")
    forms = [f.text or "" for f in tr.iter("numerusform")]
    return forms or [tr.text or ""]


@pytest.fixture
def zh(qapp):
    """Chinese installed the way the program does it; English again afterwards."""
    before = QLocale()
    installed = application.install_translators(qapp, "zh_CN")
    yield installed
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


# ---- the files ---------------------------------------------------------------------------


def test_qm_exists_loads_and_translates():
    assert QM.is_file() and TS.is_file()
    translator = QTranslator()
    assert translator.load(str(QM))
    assert not translator.isEmpty()
    assert translator.language() == "zh_CN"
    assert translator.translate("GridState", "Arrears") == "欠费"


def test_ts_has_no_unfinished_or_empty_translation():
    text = TS.read_text(encoding="utf-8")
    assert text.count('type="unfinished"') == 0
    empty = [key for key, msg in _messages(TS).items() if not all(t.strip() for t in _texts(msg))]
    assert empty == []


def test_every_message_lupdate_finds_is_in_the_ts(tmp_path):
    sources = sorted(str(p) for p in (ROOT / "app").rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    found = set(_messages(fresh))
    assert len(found) > 400  # the whole UI, not an empty scan
    missing = sorted(found - set(_messages(TS)))
    assert missing == [], "run `make i18n` and translate: " + "; ".join(map(str, missing[:10]))


def test_qm_is_compiled_from_the_ts(tmp_path):
    """Forgetting lrelease after editing the .ts would ship the old translation."""
    out = tmp_path / "check.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(out)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert out.read_bytes() == QM.read_bytes(), "run `make i18n`"


def test_placeholders_and_accelerators_survive():
    wrong = []
    for key, msg in _messages(TS).items():
        source = key[1]
        for text in _texts(msg):
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                wrong.append((key, text))
            if re.search(r"&\w", source) and not re.search(r"\(&[A-Z]\)|&\w", text):
                wrong.append((key, text))
    assert wrong == []


def test_glossary_terms():
    """SPEC glossary words, exactly, where the operator reads them."""
    expected = {
        ("GridState", "Not opened"): "未开户",
        ("GridState", "Alarm 1"): "报警1",
        ("GridState", "Alarm 2"): "报警2",
        ("GridState", "Arrears"): "欠费",
        ("GridState", "Offline"): "失联",
        ("Cashier", "Open account"): "开户",
        ("Cashier", "Sale"): "售电",
        ("Cashier", "Refund"): "退电",
        ("Cashier", "Correction"): "冲正",
        ("Cashier", "Close account"): "销户",
        ("MeterRecord", "Tripped"): "拉闸",
        ("MeterRecord", "Closed"): "合闸",
        ("MeterRecord", "Keep power"): "保电",
        ("MeterDetail", "sharp"): "尖",
        ("MeterDetail", "peak"): "峰",
        ("MeterDetail", "flat"): "平",
        ("MeterDetail", "valley"): "谷",
        ("receipt", "Purchase count"): "购电次数",
    }
    messages = _messages(TS)
    got = {k: _texts(messages[(*k, "")])[0] for k in expected}
    assert got == expected


# ---- the program chooses the language ----------------------------------------------------


def test_language_comes_from_the_setting_unless_given(database):
    assert application._language(argparse.Namespace(lang=None)) == "zh_CN"  # site default
    assert application._language(argparse.Namespace(lang="en")) == "en"


def test_english_installs_nothing(qapp):
    assert application.install_translators(qapp, "en") == []
    assert QCoreApplication.translate("GridState", "Arrears") == "Arrears"


def test_chinese_installs_ours_from_the_resources_folder(zh):
    assert resource_path("i18n") == application.I18N_DIR
    assert len(zh) == 2  # ours and Qt's own (the 取消 of a button box)
    assert QCoreApplication.translate("GridState", "Offline") == "失联"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QLocale().name() == "zh_CN"
    assert (badge_text(Mark.TRIPPED), mark_label(Mark.KEEP_POWER)) == ("断", "保电")


# ---- screens -----------------------------------------------------------------------------


def test_main_window_in_chinese(zh, qtbot):
    from app.ui.cashier.actions import install_cashier_actions
    from app.ui.shell.main_window import MainWindow
    from tests.support.preview_site import PreviewSite, grid_row, sample_buses
    from tests.ui.cashier_fixtures import CASHIER

    rows = [grid_row(1), grid_row(2, tenant=None), grid_row(3, online=False)]
    window = MainWindow(PreviewSite(rows, sample_buses(1)))
    qtbot.addWidget(window)
    legend = {s: label.text() for s, label in window.legend.state_labels.items()}
    assert legend[GridState.UNOPENED] == "未开户"
    assert legend[GridState.ARREARS] == "欠费"
    assert legend[GridState.OFFLINE] == "失联"
    assert window.menus["sales"].title() == "售电(&S)"
    assert window.filter_bar.shown.text() == "3 / 3 块电表"
    assert window.state_counts.labels[GridState.OFFLINE].text() == "失联 1"
    window.apply_role(CASHIER)
    ca = install_cashier_actions(window, window.site, CASHIER)
    assert ca.actions["sales.sell"].text() == "售电(&S)…"
    assert ca.actions["tenants.open"].text() == "开户(&O)…"


def test_sale_dialog_in_chinese(zh, qtbot, database, master_key, tmp_path):
    from app.ui.cashier.sale_dialog import SaleDialog
    from tests.ui.cashier_fixtures import CASHIER, cashier_site

    with cashier_site(master_key, tmp_path) as site:
        dialog = SaleDialog(site, CASHIER, site.meter_ids[0])
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.windowTitle() == "售电"
        assert dialog.continue_button.text() == "下一步…"
        assert "抄读" in dialog.balance_label.text()  # "100.00（… 抄读）"
        assert dialog.payment_combo.itemText(dialog.payment_combo.findData("cash")) == "现金"
        qtbot.keyClicks(dialog.amount_edit, "50")
        assert "伍拾元整" in dialog.words_label.text()
        dialog.close()


def test_login_and_operator_texts_in_chinese(zh, qtbot, database):
    from app.services.auth import AuthService
    from app.ui.auth.login_dialog import LoginDialog
    from app.ui.auth.operators_dialog import role_text
    from app.ui.auth.password_dialogs import problem_text

    auth = AuthService()
    auth.create_first_admin("admin", "s3cret-admin")
    dialog = LoginDialog(auth, language="zh_CN")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "登录"
    assert dialog.login_button.text() == "登录"
    assert dialog.language_box.toolTip() == "界面语言"
    n = pw.MIN_PASSWORD_LENGTH
    assert problem_text(dialog, pw.TOO_SHORT) == f"密码至少需要 {n} 个字符。"
    assert role_text(dialog, Role.CASHIER) == "收银员"
