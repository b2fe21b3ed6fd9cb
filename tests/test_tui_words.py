"""The word cursor and its panel (w), the reading style (y), the title's reading (Y): Pilot, no sleeps."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")
pytest.importorskip("pypinyin")

from reader.tui import data
from reader.tui.app import ReaderApp
from reader.tui.screens.search import SearchScreen
from test_tui_support import build_library, run_async, screen_text


async def settle(app, pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()


async def opened(app, pilot) -> None:
    await settle(app, pilot)
    await pilot.press("enter")  # the newest article: 香港科技大学与江门签署战略合作协议
    await settle(app, pilot)


@run_async
async def test_the_word_cursor_steps_by_dictionary_words_and_the_panel_follows(tmp_path):
    app = ReaderApp(build_library(tmp_path / "words.db"))
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(app, pilot)
        screen = app.screen
        assert not screen.word_panel.display
        await pilot.press("w")
        await settle(app, pilot)
        assert screen.word_mode and screen.word_panel.display
        from reader.reading import words

        seen = [screen.word]
        for _ in range(3):
            await pilot.press("right")
            seen.append(screen.word)
        every = words(screen.article_view.shown_text())
        first = every.index(seen[0])
        assert seen == every[first: first + 4]  # each word in turn, none skipped
        assert "香港科技大学" in [w.text for w in seen]  # one word by longest match, not two-character steps
        while screen.word.text != "香港科技大学":
            await pilot.press("left")
        await settle(app, pilot)
        shown = screen_text(app)
        assert "xiāng gǎng kē jì dà xué" in shown and "香港科技大學 / 香港科技大学" in shown
        assert "Hong Kong University of Science and Technology" in shown and "CC BY-SA 4.0" in shown
        view = screen.article_view
        start, end = view.selection
        assert view.shown_text()[start:end] == "香港科技大学"  # the cursor is drawn on the word

        await pilot.press("y")
        await settle(app, pilot)
        assert "ㄒㄧㄤ ㄍㄤˇ" in screen_text(app) and app.settings[data.READING_STYLE] == "zhuyin"
        await pilot.press("y")
        assert app.settings[data.READING_STYLE] == "pinyin"

        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen) and app.screen.query_one("#q").value == "香港科技大学"
        await pilot.press("escape")
        await settle(app, pilot)
        assert not app.screen.word_mode and not app.screen.word_panel.display


@run_async
async def test_the_words_follow_the_script_and_escape_ends(tmp_path):
    app = ReaderApp(build_library(tmp_path / "script.db"))
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(app, pilot)
        await pilot.press("t")  # Traditional
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("w")
        await settle(app, pilot)
        while screen.word.text not in ("香港科技大學",):
            before = screen.word
            await pilot.press("right")
            assert screen.word != before, "ran out of words"
        assert "xiāng gǎng kē jì dà xué" in screen_text(app)
        await pilot.press("escape")
        assert not screen.word_mode and screen.article_view.selection is None
        # ← → belong to the find box again
        await pilot.press("f", *"港澳", "left")
        assert screen.query_one("#find").cursor_position == 1


@run_async
async def test_the_titles_reading_on_the_meta_line_is_remembered(tmp_path):
    db = build_library(tmp_path / "title.db")
    app = ReaderApp(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(app, pilot)
        await pilot.press("Y")
        await settle(app, pilot)
        assert "xiāng gǎng kē jì dà xué" in screen_text(app).replace("\u00a0", " ")  # a word's syllables: no-break spaces
    app = ReaderApp(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(app, pilot)
        assert "jiāng mén" in screen_text(app).replace("\u00a0", " ")
        await pilot.press("Y")
        await settle(app, pilot)
        assert "jiāng mén" not in screen_text(app).replace("\u00a0", " ")
