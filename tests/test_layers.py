"""Layering (DESIGN "Layers", issue #7): the domain imports no Qt, arrows point down, no circles.

Qt is checked in a fresh interpreter, because this test process has long
imported PySide6 for the GUI tests; the import graph is read from the source
(tests/support/import_graph.py), lazy imports inside functions included.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import app
from tests.support.import_graph import app_graph, cycles, upward

ROOT = Path(__file__).resolve().parents[1]
BRIDGE = "app.ui.support.qt_bridge"  # the one adapter from worker threads to Qt signals


def domain_modules() -> list[str]:
    names = []
    for package in ("models", "serial_io", "services"):
        path = Path(app.__file__).parent / package
        for info in pkgutil.walk_packages([str(path)], prefix=f"app.{package}."):
            names.append(info.name)
    return sorted(names)


def imported_after(modules: list[str]) -> set[str]:
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('PySide6'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    return set(out.stdout.split())


def test_domain_packages_import_no_qt_at_all():
    modules = domain_modules()
    assert "app.serial_io.worker" in modules and "app.services.site" in modules
    assert not imported_after(modules)  # not even QtCore: the bridge lives in app/ui


def test_the_qt_bridge_lives_in_ui_and_uses_qtcore_only():
    assert not (Path(app.__file__).parent / "serial_io" / "qt_bridge.py").exists()
    loaded = imported_after([BRIDGE])
    assert "PySide6.QtCore" in loaded
    assert "PySide6.QtWidgets" not in loaded and "PySide6.QtGui" not in loaded


def test_no_import_circles_among_app_modules():
    assert cycles(app_graph()) == []


def test_imports_point_down_the_layers_only():
    assert upward(app_graph()) == []


def test_the_graph_sees_lazy_imports():
    """The checks above would pass vacuously if function-level imports were missed."""
    graph = app_graph()
    assert "app.services.demo_site" in graph["app.cli.site_args"]  # imported inside a function
