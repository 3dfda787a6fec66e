"""The PyInstaller program (build.spec) works on its own: self-test, subcommands, resources.

Skipped unless PEM_BUILD_TEST=1 (``make build-test`` sets it), because building takes a
while. With PEM_PROGRAM set (``make build-test`` passes dist/pem/pem) the tests check that
program; otherwise they build one into a temporary folder first. Every run starts from a
folder outside the checkout, so the program cannot lean on the source tree.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.build,
    pytest.mark.skipif(
        os.environ.get("PEM_BUILD_TEST") != "1", reason="set PEM_BUILD_TEST=1 (make build-test)"
    ),
]

FIGURES: dict[str, str] = {}


@pytest.fixture(scope="module")
def program(tmp_path_factory, request) -> Path:
    given = os.environ.get("PEM_PROGRAM")
    if given:
        path = Path(given).resolve()
        assert path.is_file(), f"PEM_PROGRAM={given} does not exist: run make build"
    else:
        out = tmp_path_factory.mktemp("pyinstaller")
        t0 = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
             "--distpath", str(out / "dist"), "--workpath", str(out / "work"),
             str(ROOT / "build.spec")],
            cwd=ROOT, check=True, timeout=900,
        )  # fmt: skip
        FIGURES["build time"] = f"{time.monotonic() - t0:.1f} s"
        path = out / "dist" / "pem" / "pem"
    request.addfinalizer(_report_figures(request.config))
    return path


def _report_figures(config):
    def report() -> None:
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        capture = config.pluginmanager.get_plugin("capturemanager")
        if reporter is None or capture is None or not FIGURES:
            return
        with capture.global_and_fixture_disabled():
            figures = ", ".join(f"{k} {v}" for k, v in FIGURES.items())
            reporter.write_line(f"\nbuilt program: {figures}")

    return report


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    """Offscreen, and any default data folder inside the test's own folder."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PEM_DATA_DIR": str(tmp_path / "data")}


def run(program: Path, *args: str, env: dict, cwd: Path, timeout: float = 120):
    return subprocess.run(
        [str(program), *args], capture_output=True, text=True, timeout=timeout, env=env, cwd=cwd
    )


def test_selftest_of_the_built_program_passes(program, env, tmp_path):
    t0 = time.monotonic()
    out = run(program, "--selftest", env=env, cwd=tmp_path, timeout=240)
    FIGURES["selftest"] = f"{time.monotonic() - t0:.1f} s"
    lines = out.stdout.strip().splitlines()
    assert out.returncode == 0, out.stdout + out.stderr
    assert len(lines) == 1 and lines[0].startswith("SELFTEST OK:"), out.stdout
    assert "polled 99/99" in lines[0] and "sale+refund+correction confirmed" in lines[0]


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run")
def test_selftest_on_an_x_screen(program, env, tmp_path):
    """The site PC shows the program on X11: the xcb plugin and what it links are shipped."""
    out = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", str(program), "--selftest"],
        capture_output=True, text=True, timeout=240, cwd=tmp_path,
        env={**env, "QT_QPA_PLATFORM": "xcb"},
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("SELFTEST OK:"), out.stdout


def test_help_lists_every_subcommand_of_the_source_tree(program, env, tmp_path):
    sys.path.insert(0, str(ROOT))
    try:
        import main
    finally:
        sys.path.remove(str(ROOT))
    names = sorted(main._subcommands())
    out = run(program, "--help", env=env, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    listed = set(re.findall(r"^\s{4}(\S+)\s", out.stdout, re.MULTILINE))
    assert set(names) <= listed, f"subcommands missing from the build: {set(names) - listed}"
    for name in names:  # each subcommand's module (and what it imports at parse time) is there
        sub = run(program, name, "--help", env=env, cwd=tmp_path)
        assert sub.returncode == 0, f"{name} --help: {sub.stderr}"
        assert sub.stdout.startswith(f"usage: pem {name}"), sub.stdout


def _first_line(proc: subprocess.Popen, timeout: float) -> str:
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(proc.stdout.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout).strip()
    except queue.Empty:
        pytest.fail(f"simulator printed nothing within {timeout} s")


def test_read_and_scan_over_tcp_against_the_built_simulator(program, env, tmp_path):
    sim = subprocess.Popen(
        [str(program), "simulate", "--tcp", "0", "--meters", "1-3"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    try:
        url = _first_line(sim, timeout=30)
        assert url.startswith("socket://"), url  # pyserial's URL handler is in the build
        out = run(program, "read", "--port", url, "--address", "2", env=env, cwd=tmp_path)
        assert out.returncode == 0, out.stderr
        status = json.loads(out.stdout)
        assert status["address"] == 2 and status["serial"].endswith("2")
        missing = run(program, "read", "--port", url, "--address", "9", env=env, cwd=tmp_path)
        assert missing.returncode != 0 and "9" in missing.stderr
    finally:
        sim.terminate()
        try:
            sim.wait(timeout=20)  # SIGTERM stops the simulator cleanly
        except subprocess.TimeoutExpired:
            sim.kill()
            sim.wait()
            pytest.fail("the simulator ignored SIGTERM")
        finally:
            sim.stdout.close()
            sim.stderr.close()


def test_init_demo_then_verify_from_the_built_program(program, env, tmp_path):
    site = tmp_path / "site"
    made = run(program, "init-demo", "--data-dir", str(site), env=env, cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    assert (site / "site.db").is_file() and (site / "master.key").is_file()
    checked = run(program, "verify", "--no-meters", "--data-dir", str(site), env=env, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_built_program_keeps_a_site_on_a_postgresql_server(program, env, tmp_path, pg_url):
    """psycopg and its libpq travel in the bundle: a site made and verified on the server."""
    site = tmp_path / "site"
    made = run(program, "init-demo", "--data-dir", str(site), "--db", pg_url, env=env,
               cwd=tmp_path)  # fmt: skip
    assert made.returncode == 0, made.stdout + made.stderr
    assert not (site / "site.db").exists() and (site / "database.url").is_file()
    checked = run(program, "verify", "--no-meters", "--data-dir", str(site), env=env, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "intact" in checked.stdout


def _folder_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def test_bundle_has_resources_and_only_the_qt_parts_in_use(program):
    internal = program.parent / "_internal"
    for qm in sorted((ROOT / "resources" / "i18n").glob("*.qm")):
        assert (internal / "resources" / "i18n" / qm.name).is_file(), f"{qm.name} not bundled"
    assert not list((internal / "resources").rglob("*.ts")), "translation sources shipped"
    size = _folder_mb(program.parent)
    FIGURES["folder"] = f"{size:.0f} MB"
    # 227 MB on 2026-12-02: Qt 91, numpy and its BLAS 39 (pyqtgraph's charts), cryptography
    # 12 (the payment SDKs), psycopg with its libpq 10 (a site on a PostgreSQL server), lxml 9.
    assert size < 240, f"the program folder grew to {size:.0f} MB"
    if not sys.platform.startswith("linux"):
        return
    qt = internal / "PySide6" / "Qt"
    platforms = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
    assert {"libqxcb.so", "libqoffscreen.so"} <= platforms
    assert not {"libqwayland.so", "libqeglfs.so", "libqvnc.so"} & platforms
    assert (qt / "plugins" / "printsupport" / "libcupsprintersupport.so").is_file()
    assert [p.name for p in (qt / "translations").iterdir()] == ["qtbase_zh_CN.qm"]
    assert not list(internal.glob("libQt6Network*")) and not list(internal.glob("libgtk*"))
