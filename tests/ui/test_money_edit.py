"""MoneyEdit as a cashier types into it: bad keystrokes refused, full-width digits read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QValidator

from app.ui.widgets.money_edit import AmountValidator, AmountWordsLabel, MoneyEdit
from tests.ui.typing_helpers import commit_ime, type_unicode

LIMIT = 1_000_000


@pytest.fixture
def edit(qtbot):
    widget = MoneyEdit(max_fen=LIMIT)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_valid_amount_typed(qtbot, edit):
    with qtbot.waitSignal(edit.valueChanged, check_params_cb=lambda fen: fen == 10050):
        qtbot.keyClicks(edit, "100.50")
    assert edit.value_fen() == 10050
    assert edit.hasAcceptableInput()
    assert edit.error() is None and edit.error_text() == ""


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("1e3", "not_a_number"),  # not turned into 13 by dropping the "e"
        ("-5", "negative"),
        ("+5", "sign"),
        ("NaN", "not_a_number"),
        ("inf", "not_a_number"),
        ("0.001", "decimals"),
        ("12.345", "decimals"),  # not turned into 12.34
        ("1.2.3", "not_a_number"),
        ("abc", "not_a_number"),
    ],
)
def test_bad_amounts_are_kept_as_typed_and_explained(qtbot, edit, typed, reason):
    qtbot.keyClicks(edit, typed)
    assert edit.text() == typed
    assert edit.value_fen() is None
    assert not edit.hasAcceptableInput()
    assert edit.error().reason == reason and edit.error_text()


def test_misgrouped_amount_kept_but_not_acceptable(qtbot, edit):
    qtbot.keyClicks(edit, "1,00.0")
    assert edit.text() == "1,00.0"  # not silently turned into "1,000"
    assert edit.value_fen() is None
    assert not edit.hasAcceptableInput()
    assert edit.error().reason == "grouping"
    assert "1,000.00" in edit.error_text()


def test_over_limit_kept_and_explained(qtbot, edit):
    values = []
    edit.valueChanged.connect(values.append)
    qtbot.keyClicks(edit, "20000")
    assert edit.text() == "20000"  # the last 0 is not dropped to leave 2000
    assert edit.value_fen() is None
    assert values[-1] == 0 and values[-2] == 200000
    assert "10,000.00" in edit.error_text()
    edit.set_max_fen(None)
    assert edit.value_fen() == 2_000_000


def test_full_width_digits_typed(qtbot, edit):
    type_unicode(edit, "１００")
    assert edit.text() == "100"
    assert edit.value_fen() == 10000


def test_full_width_from_input_method(qtbot, edit):
    commit_ime(edit, "１，２３４．５")
    assert edit.text() == "1,234.5"
    assert edit.value_fen() == 123450
    edit.clear()
    commit_ime(edit, "８８。８")  # "。" in Chinese punctuation mode
    assert edit.value_fen() == 8880


def test_ime_commit_of_garbage_refused(qtbot, edit):
    commit_ime(edit, "一百")
    assert edit.text() == "一百"  # kept and explained, never an amount
    assert edit.value_fen() is None and not edit.hasAcceptableInput()
    assert edit.error().reason == "not_a_number"


def test_set_value_and_backspace(qtbot, edit):
    edit.set_value_fen(123456)
    assert edit.text() == "1234.56"
    qtbot.keyClick(edit, Qt.Key.Key_End)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.value_fen() == 123450
    edit.set_value_fen(None)
    assert edit.text() == "" and edit.value_fen() is None


def test_words_label_follows_typing(qtbot, edit):
    label = AmountWordsLabel(edit, lang="zh_CN")
    qtbot.addWidget(label)
    assert label.text() == ""
    qtbot.keyClicks(edit, "10001")
    assert "10,000.00" in label.text()  # over the limit: the reason, not words
    edit.set_max_fen(None)
    assert label.text() == "壹万零壹元整"
    edit.setText("1005.07")
    assert label.text() == "壹仟零伍元零柒分"
    edit.setText("0.0")
    assert label.text() and label.property("amountValid") is False
    en = AmountWordsLabel(edit, lang="en")
    qtbot.addWidget(en)
    edit.setText("100.5")
    assert en.text() == "one hundred yuan and fifty fen"


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("", QValidator.State.Intermediate),
        (".", QValidator.State.Intermediate),
        ("0", QValidator.State.Intermediate),
        ("1,", QValidator.State.Intermediate),
        ("100.5", QValidator.State.Acceptable),
        ("¥100", QValidator.State.Acceptable),
        ("1e", QValidator.State.Intermediate),
        ("-", QValidator.State.Intermediate),
        ("10000.01", QValidator.State.Intermediate),
    ],
)
def test_validator_states(qapp, text, state):
    assert AmountValidator(LIMIT).state_of(text) == state
