"""No dead weight: every top-level function, class and constant in the program is used.

A name defined at module level in app/ or main.py that no other line of the
repository mentions (program, tests, bench, scripts, build.spec) is code
nobody runs: it misleads the reader and rots. Methods are not judged here
(Qt calls its overrides by name).
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("app", "tests", "bench", "scripts")
# Kept on purpose, with the reason.
KEPT = {
    "__version__": "the program's version, read by packaging tools",
}


def _words() -> Counter:
    words: Counter = Counter()
    files = [ROOT / "main.py", ROOT / "build.spec"]
    for folder in SOURCES:
        files += sorted((ROOT / folder).rglob("*.py"))
    for path in files:
        if path.exists():
            words.update(re.findall(r"\w+", path.read_text(encoding="utf-8")))
    return words


def _top_level_names(path: Path) -> list[str]:
    names = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
    return names


def test_every_top_level_name_is_used():
    words = _words()
    unused = []
    for path in [ROOT / "main.py", *sorted((ROOT / "app").rglob("*.py"))]:
        for name in _top_level_names(path):
            if words[name] < 2 and name not in KEPT and name != "__all__":
                unused.append(f"{path.relative_to(ROOT)}: {name}")
    assert unused == []
