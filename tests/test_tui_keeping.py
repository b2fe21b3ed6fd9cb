"""Pilot tests of what the reader keeps in the TUI (issue 13): tags, selection and highlights,
article notes, the highlights screen, saved searches and tags in the filter screen, reading
positions and progress, reading time on the meta line."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from reader.library import ArticleFilter, Library
from reader.tui.app import ReaderApp
from reader.tui.screens.highlights import HighlightsScreen
from reader.tui.screens.prompt import PromptScreen
from reader.tui.selection import move_end
from reader.tui.widgets.article_text import ArticleText

from test_tui_support import build_library, run_async, screen_text, settle

SIZE = (120, 40)
HKUST = "香港科技大学与江门签署战略合作协议"
TAIPEI = "臺北捷運新線通車 旅客搭乘踴躍"


@pytest.fixture
def lib_path(tmp_path: Path) -> Path:
    return build_library(tmp_path / "tui.db")


def _id(path: Path, title: str) -> int:
    with Library.open(path) as lib:
        return next(s.id for s in lib.list_articles(limit=None) if s.title == title)


async def _open(pilot, app, article_id: int) -> None:
    screen = app.library_screen()
    screen.article_list.select_id(article_id)
    await pilot.press("enter")
    await settle(pilot)


def _marked(app, component: str) -> str:
    """The text drawn with the selection or highlight style, across the pane's sections."""
    out = []
    for section in app.library_screen().article_view.query(ArticleText):
        spans = section.selection if component == "selection" else section.highlights
        for para, start, end in spans:
            out.append(section.paras[para].text[start:end])
    return "".join(out)


def test_selection_steps_by_phrase_and_sentence_in_chinese():
    text = "江门市蓬江区胜利路上，坐落着香港团队。第二段港澳合作，合作带来新机会。"
    end = move_end(text, 0, 1, "phrase", True)
    assert text[:end] == "江门市蓬江区胜利路上，"
    end = move_end(text, 0, end, "sentence", True)
    assert text[:end] == "江门市蓬江区胜利路上，坐落着香港团队。"
    assert text[: move_end(text, 0, end, "phrase", False)] == "江门市蓬江区胜利路上，"
    assert text[: move_end(text, 0, 3, "char", False)] == "江门"


@run_async
async def test_select_and_highlight_stores_the_passage_and_shows_it_in_the_other_script(lib_path):
    app = ReaderApp(lib_path)
    taipei = _id(lib_path, TAIPEI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open(pilot, app, taipei)
        await pilot.press("v")
        await settle(pilot)
        assert _marked(app, "selection") == "臺北捷運環狀線今日正式通車,首日搭乘旅客超過十萬人次,市民對於這條新路線的便利性讚不絕口。"
        await pilot.press("left_square_bracket")
        await pilot.press("left_square_bracket")
        assert _marked(app, "selection") == "臺北捷運環狀線今日正式通車,"
        await pilot.press("less_than_sign")
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one(Input).value = "通車日"
        await pilot.press("enter")
        await settle(pilot)
        with Library.open(lib_path) as lib:
            (h,) = lib.highlights(taipei)
            assert (h.exact, h.note) == ("臺北捷運環狀線今日正式通車", "通車日")
            assert lib.get(taipei).body[h.start : h.end] == h.exact
        assert _marked(app, "highlight") == "臺北捷運環狀線今日正式通車"
        await pilot.press("t", "t")  # Traditional, then Simplified
        await settle(pilot)
        assert app.script == "simplified"
        assert _marked(app, "highlight") == "台北捷运环状线今日正式通车"


@run_async
async def test_the_find_match_is_a_quick_start_and_the_highlights_screen_jumps_to_it(lib_path):
    app = ReaderApp(lib_path)
    hkust = _id(lib_path, HKUST)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open(pilot, app, hkust)
        await pilot.press("f")
        for key in "双碳":
            await pilot.press(key)
        await pilot.press("enter")
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("enter")  # no note
        await settle(pilot)
        await pilot.press("escape")  # the find matches
        await _open(pilot, app, _id(lib_path, TAIPEI))
        await pilot.press("H")
        await settle(pilot)
        assert isinstance(app.screen, HighlightsScreen)
        assert "「双碳」" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        view = app.library_screen().article_view
        assert view.article.id == hkust and view.matches  # opened at the passage, found
        assert _marked(app, "highlight") == "双碳"


@run_async
async def test_article_note_shows_under_the_meta_line(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open(pilot, app, _id(lib_path, TAIPEI))
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one(Input).value = "[b]markup[/b] stays \x1b[31m literal"
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "筆記：[b]markup[/b] stays" in text and "\x1b" not in text


@run_async
async def test_tags_are_added_with_completion_shown_and_filtered_on(lib_path):
    with Library.open(lib_path) as lib:
        lib.tag([_id(lib_path, HKUST)], add=["港澳"])
    app = ReaderApp(lib_path)
    taipei = _id(lib_path, TAIPEI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open(pilot, app, taipei)
        await pilot.press("number_sign")
        await settle(pilot)
        box = app.screen.query_one(Input)
        for key in "+港":
            await pilot.press(key)
        await settle(pilot)
        assert box._suggestion == "+港澳"  # completion from the tags in the library
        await pilot.press("right")  # take it
        for key in " to-read":
            await pilot.press(key if key != " " else "space")
        await pilot.press("enter")
        await settle(pilot)
        with Library.open(lib_path) as lib:
            assert lib.article_tags(taipei) == ["to-read", "港澳"]
        assert "#to-read #港澳" in screen_text(app)  # on the meta line
        await pilot.press("o")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        tag_row = next(i for i, label in enumerate(labels) if label.startswith("tag     #to-read"))
        options.highlighted = tag_row
        await pilot.press("enter")
        await settle(pilot)
        assert app.library_screen().article_list.ids == [taipei]


@run_async
async def test_saved_searches_are_in_the_filter_screen_and_follow_new_articles(lib_path):
    from test_library_support import add_bundle, article

    with Library.open(lib_path) as lib:
        lib.save_search("合作新闻", "合作")
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        assert str(options.get_option_at_index(1).prompt).startswith("search  合作新闻  (1 unread of 1)")
        options.highlighted = 1
        await pilot.press("enter")
        await settle(pilot)
        screen = app.library_screen()
        assert len(screen.article_list.ids) == 1
        with Library.open(lib_path) as lib:  # another process imports meanwhile
            add_bundle(lib, "later", [article("新的合作项目", "合作带来新机会。", published="2030-01-01")])
        screen.follow_library()
        await settle(pilot)
        assert len(screen.article_list.ids) == 2


@run_async
async def test_the_position_is_remembered_per_article_and_shown_as_progress(lib_path):
    hkust = _id(lib_path, HKUST)
    long_text = ["第{}段，".format(n) + "很长的一段文字。" * 30 for n in range(40)]
    from test_library_support import add_bundle, article

    with Library.open(lib_path) as lib:
        add_bundle(lib, "long", [article("很长的文章", *long_text, published="2030-01-01")])
    long_id = _id(lib_path, "很长的文章")
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open(pilot, app, long_id)
        assert "约22分钟" in screen_text(app)  # 8,480 Han characters at 400 a minute, rounded up
        view = app.library_screen().article_view
        view.scroll_to(y=view.max_scroll_y // 2, animate=False, immediate=True)
        await settle(pilot)
        await _open(pilot, app, hkust)  # leaving the long one remembers where it was
        await settle(pilot)
        with Library.open(lib_path) as lib:
            fraction = lib.position(long_id).fraction
            assert 0.4 < fraction < 0.6
            assert lib.list_articles(ArticleFilter())[0].progress == fraction
        app.library_screen().reload()
        await settle(pilot)
        assert f"{int(fraction * 100)}%" in screen_text(app)  # begun, not finished
        await _open(pilot, app, long_id)
        await settle(pilot)
        assert abs(view.fraction - fraction) < 0.05  # back where it was left
