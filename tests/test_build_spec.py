"""build.spec's lists without building (tests/test_build.py builds, behind PEM_BUILD_TEST=1)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _spec_lists() -> dict:
    """build.spec's datas and hiddenimports, from running its top (before ``Analysis``)."""
    text = (ROOT / "build.spec").read_text(encoding="utf-8")
    top = text[: text.index("a = Analysis(")]
    scope = {"SPECPATH": str(ROOT), "__file__": str(ROOT / "build.spec")}
    exec(compile(top, "build.spec", "exec"), scope)
    return scope


@pytest.mark.slow
def test_the_spec_ships_the_mobile_sites_files_and_uvicorns_modules():
    """Cheap (no build): the portal's templates and CSS, and uvicorn's run-time imports."""
    scope = _spec_lists()
    shipped = {(Path(src).relative_to(ROOT).as_posix(), dest) for src, dest in scope["datas"]}
    for folder in ("templates", "static"):
        for path in (ROOT / "app" / "web" / folder).iterdir():
            rel = path.relative_to(ROOT).as_posix()
            assert (rel, f"app/web/{folder}") in shipped, f"{rel} not in the build"
    for name in ("uvicorn.loops.auto", "uvicorn.protocols.http.auto", "uvicorn.lifespan.on"):
        assert name in scope["hiddenimports"], name
