"""Layering: the domain packages never import Qt widgets (DESIGN "Layers").

Checked in a fresh interpreter, because this test process has long imported
PySide6.QtWidgets for the GUI tests.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import app

ROOT = Path(__file__).resolve().parents[1]
QT_ALLOWED = {"app.ui.support.qt_bridge"}  # the one QtCore adapter


def domain_modules() -> list[str]:
    names = []
    for package in ("models", "serial_io", "services"):
        path = Path(app.__file__).parent / package
        for info in pkgutil.walk_packages([str(path)], prefix=f"app.{package}."):
            if info.name not in QT_ALLOWED:
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


def test_domain_packages_do_not_import_qt_widgets():
    modules = domain_modules()
    assert "app.serial_io.worker" in modules and "app.models.site" in modules
    loaded = imported_after(modules)
    assert "PySide6.QtWidgets" not in loaded
    assert "PySide6.QtGui" not in loaded


def test_serial_io_except_the_bridge_imports_no_qt_at_all():
    modules = [m for m in domain_modules() if m.startswith("app.serial_io.")]
    assert not imported_after(modules)


def test_the_bridge_uses_qtcore_only():
    loaded = imported_after(sorted(QT_ALLOWED))
    assert "PySide6.QtCore" in loaded
    assert "PySide6.QtWidgets" not in loaded and "PySide6.QtGui" not in loaded
