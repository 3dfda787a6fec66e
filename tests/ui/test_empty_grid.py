"""A site with no meters: the grid says what to do next, with buttons for who may configure."""

from __future__ import annotations

import pytest

from app.services.permissions import Actor, Role
from app.ui.shell import next_steps
from app.ui.shell.main_window import MainWindow
from tests.support.preview_site import PreviewSite, grid_row, sample_buses


@pytest.fixture
def calls(monkeypatch):
    seen = []
    hooks = next_steps.NextSteps(
        on_import=lambda p: seen.append(("import", p)) or False,
        on_scan=lambda p: seen.append(("scan", p)),
        on_add_by_hand=lambda p: seen.append(("by hand", p)),
    )
    monkeypatch.setattr(next_steps, "HOOKS", hooks)
    return seen


def _window(qtbot, rows) -> MainWindow:
    w = MainWindow(PreviewSite(rows, sample_buses(1)))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.mark.parametrize("role", [Role.ADMIN, Role.MAINTENANCE])
def test_an_empty_site_says_what_to_do_and_the_buttons_call_the_hooks(qtbot, calls, role):
    w = _window(qtbot, [])
    w.apply_role(Actor(1, "x", role))
    hint = w.empty_hint
    assert hint.isVisible() and "No meters yet" in hint.text.text()
    assert hint.geometry() == w.stack.rect()
    buttons = (hint.import_button, hint.scan_button, hint.add_button)
    assert all(b.isVisible() for b in buttons) and not hint.note.isVisible()
    for button in buttons:
        button.click()
    assert calls == [("import", w), ("scan", w), ("by hand", w)]


def test_a_cashier_reads_the_sentence_without_buttons(qtbot, calls):
    w = _window(qtbot, [])
    w.apply_role(Actor(2, "c", Role.CASHIER))
    hint = w.empty_hint
    assert hint.isVisible() and hint.note.isVisible()
    assert not any(b.isVisible() for b in (hint.import_button, hint.scan_button, hint.add_button))


def test_the_hint_goes_when_meters_arrive_and_is_absent_on_a_site_with_meters(qtbot, calls):
    w = _window(qtbot, [])
    assert w.empty_hint.isVisible()
    w.site.rows = [grid_row(1, bus_id=1, bus_name="Bus 1")]
    w.reload()
    assert not w.empty_hint.isVisible()
    full = _window(qtbot, [grid_row(1, bus_id=1, bus_name="Bus 1")])
    assert not full.empty_hint.isVisible()
    # a filter that hides every meter does not bring the hint back
    full.proxy.setFilterFixedString("no such meter")
    assert not full.empty_hint.isVisible()
