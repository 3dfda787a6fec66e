"""Every action the services write to the system log has words in the log window."""

from __future__ import annotations

import ast
from pathlib import Path

from app.ui.records.system_log_texts import ACTIONS

APP = Path(__file__).resolve().parents[2] / "app"


def _logged_actions() -> set[str]:
    """The actions passed to ``log_action`` as a literal or a module constant, across ``app``."""
    found = set()
    for path in APP.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            t.id: n.value.value
            for n in tree.body
            if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant)
            for t in n.targets
            if isinstance(t, ast.Name)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name != "log_action":
                continue
            arg = node.args[1]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.add(arg.value)
            elif isinstance(arg, ast.Name) and isinstance(constants.get(arg.id), str):
                found.add(constants[arg.id])
    return found


def test_every_logged_action_has_a_label():
    actions = _logged_actions()
    assert {"alarm.acknowledge", "backup.made", "archive.run", "report.cash_count"} <= actions
    assert sorted(actions - ACTIONS.keys()) == []
