"""The focus view (z) and the reading measure (+ / -), through Pilot: no sleeps."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from reader.tui import data
from reader.tui.app import ReaderApp
from reader.tui.screens.reading_layout import DEFAULT_MEASURE, MAX_MEASURE, MIN_MEASURE
from test_tui_support import build_library, run_async, screen_text


async def settle(app, pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()


def text_regions(app):
    return [s.region for s in app.screen.article_view._sections if s.region.height]


@run_async
async def test_focus_view_hides_the_list_centres_the_text_and_is_remembered(tmp_path):
    db = build_library(tmp_path / "focus.db")
    app = ReaderApp(db)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        first = app.screen.article_view.article.id
        await pilot.press("z")
        await settle(app, pilot)
        screen = app.screen
        assert not screen.article_list.display and screen.focus_view
        assert screen.focused is screen.article_view
        view = screen.article_view
        for region in text_regions(app):
            assert region.width == 2 * DEFAULT_MEASURE
            left, right = region.x - view.region.x, view.region.right - 1 - region.right  # 1: the scroll bar
            assert abs(left - right) <= 1, (left, right)
        await pilot.press("n")
        await settle(app, pilot)
        assert screen.article_view.article.id != first  # n and p still move through the list
        await pilot.press("p")
        await settle(app, pilot)
        assert screen.article_view.article.id == first
        await pilot.press("tab")
        assert screen.focused is screen.article_view and not screen.article_list.display
        await pilot.press("escape")
        assert screen.focused is screen.article_view
    app = ReaderApp(db)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        assert app.screen.focus_view and not app.screen.article_list.display
        await pilot.press("z")
        await settle(app, pilot)
        assert app.screen.article_list.display and not app.screen.focus_view
        assert app.settings[data.FOCUS] is False


@run_async
async def test_the_measure_limits_lines_in_the_split_view_too_and_is_remembered(tmp_path):
    db = build_library(tmp_path / "measure.db")
    app = ReaderApp(db)
    async with app.run_test(size=(240, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert all(r.width == 2 * DEFAULT_MEASURE for r in text_regions(app))  # a wide pane, lines at the measure
        await pilot.press("minus", "minus")
        await settle(app, pilot)
        assert all(r.width == 2 * (DEFAULT_MEASURE - 4) for r in text_regions(app))
        for _ in range(30):
            await pilot.press("plus")
        await settle(app, pilot)
        assert app.screen.measure == MAX_MEASURE
        assert all(r.width <= 2 * MAX_MEASURE for r in text_regions(app))
        for _ in range(30):
            await pilot.press("minus")
        await settle(app, pilot)
        assert app.screen.measure == MIN_MEASURE
        lines = [line for line in screen_text(app).splitlines() if "港澳" in line or "江门" in line]
        assert lines
    app = ReaderApp(db)
    async with app.run_test(size=(240, 40)) as pilot:
        await settle(app, pilot)
        assert app.screen.measure == MIN_MEASURE


def test_the_keys_are_described_once_for_footer_help_and_palette():
    from rich.console import Console

    from reader.tui.commands import COMMANDS
    from reader.tui.screens.help import help_table
    from reader.tui.screens.library import LibraryScreen

    by_action = {c.action: c for c in COMMANDS}
    assert by_action["focus_view"].keys == "z"
    assert by_action["wider"].display_keys == "+" and by_action["narrower"].display_keys == "-"
    keys = {b.key: b.action for b in LibraryScreen.BINDINGS}
    assert keys["z"] == "focus_view" and keys["plus"] == "wider" and keys["minus"] == "narrower"
    console = Console(width=120, record=True)
    console.print(help_table())
    shown = console.export_text()
    assert by_action["focus_view"].help in shown and by_action["wider"].help in shown
