"""Issue #11 part 6: ``template``, ``import FILE [--dry-run]`` and ``export-config`` from the
command line, as a user runs them (a subprocess), with the README's exit codes."""

from __future__ import annotations

import subprocess

from app.models import Meter, close_database
from app.paths import SitePaths
from app.services.site import Site
from tests.services.workbook_helpers import db_bytes, meter, site_rows, write_book
from tests.site_procs import main_py

ADMIN_PW = "Import-admin-1"


def run(*args: str, env: dict | None = None, stdin=None) -> tuple[int, str, str]:
    proc = main_py(*args, env=env, stdin=stdin or subprocess.DEVNULL)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


def _meters(data) -> dict[str, int]:
    Site(SitePaths(data)).open()
    try:
        return {m.number: m.address for m in Meter.select()}
    finally:
        close_database()


def test_template_then_import_into_an_empty_folder_creates_the_site(tmp_path):
    code, out, _ = run("template", "--out", str(tmp_path / "t.xlsx"))
    assert code == 0 and (tmp_path / "t.xlsx").exists()
    data = tmp_path / "site"
    book = write_book(tmp_path / "a.xlsx", site_rows(3))
    code, out, err = run("import", str(book), "--data-dir", str(data),
                         env={"PEM_ADMIN_PASSWORD": ADMIN_PW})  # fmt: skip
    assert code == 0, (out, err)
    assert "new: meters M003" in out and "new site created" in out
    assert _meters(data) == {"M001": 1, "M002": 2, "M003": 3}
    code, out, err = run("import", str(book), "--data-dir", str(data), "--operator", "admin",
                         env={"PEM_PASSWORD": ADMIN_PW})  # fmt: skip
    assert code == 0 and "nothing to change" in out, (out, err)
    out_file = str(tmp_path / "e.xlsx")
    code, out, err = run("export-config", "--data-dir", str(data), "--out", out_file)
    assert code == 0 and "3 meters" in out, (out, err)


def test_a_file_with_problems_exits_1_and_creates_no_site(tmp_path):
    rows = site_rows(2)
    rows["meters"].append(meter(3, address=248))
    data = tmp_path / "site"
    code, out, err = run("import", str(write_book(tmp_path / "a.xlsx", rows)), "--data-dir",
                         str(data), env={"PEM_ADMIN_PASSWORD": ADMIN_PW})  # fmt: skip
    assert code == 1, (out, err)
    assert "problem: 电表 Meters, row 4, 通信地址 Address" in out and "outside 1-247" in out
    assert not (data / "site.db").exists()


def test_without_a_password_and_without_a_terminal_it_refuses_with_exit_2(tmp_path):
    data = tmp_path / "site"
    code, out, err = run("import", str(write_book(tmp_path / "a.xlsx", site_rows(1))),
                         "--data-dir", str(data))  # fmt: skip
    assert code == 2 and "PEM_ADMIN_PASSWORD" in err, (out, err)
    assert not (data / "site.db").exists()


def test_dry_run_and_a_wrong_password_write_nothing_to_an_existing_site(tmp_path):
    data = tmp_path / "site"
    book = write_book(tmp_path / "a.xlsx", site_rows(2))
    assert run("import", str(book), "--data-dir", str(data),
               env={"PEM_ADMIN_PASSWORD": ADMIN_PW})[0] == 0  # fmt: skip
    bigger = write_book(tmp_path / "b.xlsx", site_rows(4))
    before = db_bytes(data)
    code, out, err = run("import", str(bigger), "--data-dir", str(data), "--dry-run")
    assert code == 0 and "new: meters M004" in out, (out, err)
    assert db_bytes(data) == before
    code, out, err = run("import", str(bigger), "--data-dir", str(data), "--operator", "admin",
                         env={"PEM_PASSWORD": "wrong-password-1"})  # fmt: skip
    assert code == 2, (out, err)
    assert len(_meters(data)) == 2
    code, out, err = run("import", str(bigger), "--data-dir", str(data), "--operator", "admin",
                         env={"PEM_PASSWORD": ADMIN_PW})  # fmt: skip
    assert code == 0, (out, err)
    assert len(_meters(data)) == 4


def test_an_unusable_file_and_a_missing_site_exit_2(tmp_path):
    text = tmp_path / "a.xlsx"
    text.write_text("not a workbook")
    code, _out, err = run("import", str(text), "--data-dir", str(tmp_path / "s"), "--dry-run")
    assert code == 2 and "not an Excel workbook" in err
    code, _out, err = run("import", str(tmp_path / "missing.xlsx"), "--data-dir", str(tmp_path))
    assert code == 2 and "no file" in err
    code, _out, err = run("export-config", "--data-dir", str(tmp_path / "none"), "--out",
                          str(tmp_path / "e.xlsx"))  # fmt: skip
    assert code == 2, err
