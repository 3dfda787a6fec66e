"""Errors travel as Messages (template + params), never as sentences made in English.

A sentence built with an f-string cannot be translated: lupdate never sees its
template and the UI would have to guess it back from the English. So every
PemError (and every Message) is built from a marked template with named params;
this file checks that statically over app/ and checks the Message round trips.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from app.errors import (
    DAMAGED_ANSWER_DETAIL,
    NO_ANSWER,
    PORT_CANNOT_OPEN,
    BadFrame,
    MeterOffline,
    PemError,
    ValidationError,
)
from app.messages import Message

APP = Path(__file__).resolve().parents[1] / "app"


def _error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """Names of PemError and every class that derives from it anywhere in app/."""
    bases: dict[str, set[str]] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                names = {
                    b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases
                }
                bases.setdefault(node.name, set()).update(names)
    found = {"PemError"}
    while True:
        more = {name for name, of in bases.items() if of & found} - found
        if not more:
            return found | {"Message"}
        found |= more


def _made_in_english(arg: ast.expr) -> bool:
    """An f-string, a ``%`` format or a ``.format`` call anywhere in the expression."""
    for node in ast.walk(arg):
        if isinstance(node, ast.JoinedStr):
            return True
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Mod)
            and isinstance(node.left, ast.Constant)
            and isinstance(node.left.value, str)
        ):
            return True
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
        ):
            return True
    return False


def english_made_errors(root: Path = APP) -> list[str]:
    """``file:line Class`` for each error or Message whose template is made in English."""
    trees = {p: ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in root.rglob("*.py")}
    classes = _error_classes(trees)
    out = []
    for path, tree in sorted(trees.items()):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in classes:
                continue
            # Positional arguments hold the template (AmountError: its second); keyword
            # arguments are the params, which are text and may be made any way.
            if any(_made_in_english(arg) for arg in node.args):
                out.append((path.relative_to(root.parent), node.lineno, name))
    return [f"{path}:{line} {name}" for path, line, name in sorted(out)]


def test_no_error_in_app_is_built_from_an_fstring_or_a_format():
    assert english_made_errors() == []


def test_the_check_finds_fstrings_percent_and_format(tmp_path):
    pkg = tmp_path / "app"
    pkg.mkdir()
    (pkg / "bad.py").write_text(
        "from app.errors import PemError\n"
        "class Base(PemError):\n"
        "    pass\n"
        "class LocalError(Base):\n"
        "    pass\n"
        "def f(x):\n"
        "    raise PemError(f'meter {x} is gone')\n"
        "def g(x):\n"
        "    raise LocalError('meter %s is gone' % x)\n"
        "def h(x):\n"
        "    return Message('meter {0} is gone'.format(x))\n"
        "def ok(x):\n"
        "    raise LocalError(TEMPLATE, name=f'{x}')\n",
        encoding="utf-8",
    )
    assert english_made_errors(pkg) == [
        "app/bad.py:7 PemError",
        "app/bad.py:9 LocalError",
        "app/bad.py:11 Message",
    ]


def test_message_text_is_the_english_sentence_and_equals_str_of_the_error():
    err = BadFrame(DAMAGED_ANSWER_DETAIL, 7, detail="CRC")
    msg = err.message
    assert msg == Message(DAMAGED_ANSWER_DETAIL, {"address": "7", "detail": "CRC"})
    assert msg.text() == str(err) == "damaged answer from meter 7: CRC"
    assert Message.of(err) == msg
    assert Message.of(ValueError("registers do not decode")) == Message("registers do not decode")
    assert Message("braces {kept} as they are").text() == "braces {kept} as they are"


def test_message_round_trips_through_json():
    msg = MeterOffline(NO_ANSWER, 12).message
    stored = msg.to_json()
    assert json.loads(stored) == {"template": NO_ANSWER, "params": {"address": "12"}}
    back = Message.from_json(stored)
    assert back == msg and hash(back) == hash(msg)
    assert back.text() == "meter 12 did not answer"


@pytest.mark.parametrize("old", ["meter 12 did not answer", "{not json", '{"other": 1}'])
def test_a_plain_string_loads_as_a_message_that_shows_as_itself(old):
    msg = Message.from_json(old)
    assert msg == Message(old) and msg.text() == old


def test_empty_column_loads_as_no_message():
    assert Message.from_json("") is None and Message.from_json(None) is None
    assert not Message("")


def test_a_long_message_is_cut_in_its_params_and_still_loads():
    reason = "the device said no " * 30
    msg = PemError(PORT_CANNOT_OPEN, port="/dev/ttyUSB0", reason=reason).message
    stored = msg.to_json(255)
    assert len(stored) <= 255
    back = Message.from_json(stored)
    assert back.template == PORT_CANNOT_OPEN
    assert back.params["port"] == "/dev/ttyUSB0"
    assert reason.startswith(back.params["reason"][:-1]) and back.params["reason"].endswith("…")


def test_settings_errors_carry_their_template():
    from app.settings import OPTIONS

    with pytest.raises(ValidationError) as caught:
        OPTIONS["poll.offline_after"].check(99)
    assert str(caught.value) == "poll.offline_after must be at most 20"
    assert caught.value.message.params == {"key": "poll.offline_after", "maximum": "20"}


def test_a_poll_result_keeps_its_messages_through_the_job_codec():
    """A window without the port gets "poll now" back through a job row, as JSON."""
    from app.serial_io.events import MeterUpdate
    from app.serial_io.meter_data import CommStats
    from app.services import job_kinds, jobs

    missed = MeterOffline(NO_ANSWER, 3).message
    update = MeterUpdate(
        1, 7, 3, False, None, CommStats(timeouts=3, last_error=missed), 1.5, missed
    )
    assert job_kinds.poll_job(7).kind == "poll"
    stored = json.loads(json.dumps(jobs.encode_result("poll", update)))
    back = jobs.decode_result("poll", stored)
    assert back == update
    assert back.error == missed and back.stats.last_error == missed
