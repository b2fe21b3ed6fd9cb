"""Pilot tests for every flow of the terminal reader, on a real library built in tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from reader.library import ArticleFilter, Library
from reader.tui import data
from reader.tui.app import ReaderApp
from reader.tui.commands import COMMANDS
from reader.tui.screens.empty import EmptyScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.search import SearchScreen
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_text import ArticleText

from conftest import SEED_PAGE
from test_tui_support import HOSTILE_TITLE, build_library, run_async, screen_text, settle

SIZE = (120, 40)


@pytest.fixture
def lib_path(tmp_path: Path) -> Path:
    return build_library(tmp_path / "tui.db", SEED_PAGE)



def library_state(path: Path):
    lib = Library.open(path)
    try:
        ids = lib.article_ids(ArticleFilter())
        return lib, ids
    except Exception:
        lib.close()
        raise


def titles_by_id(path: Path) -> dict[int, str]:
    lib = Library.open(path)
    try:
        return {i: s.title for i, s in lib.summaries(lib.article_ids(ArticleFilter())).items()}
    finally:
        lib.close()


def id_of(path: Path, prefix: str) -> int:
    return next(i for i, t in titles_by_id(path).items() if t.startswith(prefix))


def screen(app) -> LibraryScreen:
    return app.library_screen()


@run_async
async def test_library_lists_newest_first_with_counts(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lib, ids = library_state(lib_path)
        lib.close()
        articles = screen(app).article_list
        assert articles.ids == ids
        text = screen_text(app)
        assert "4 articles · 4 unread · 0 bookmarked" in text
        lines = text.splitlines()
        assert "江門推動港澳合作" in lines[1]  # 2021-12-29, newest
        assert "香港科技大学" in lines[2]
        assert "臺北捷運" in lines[3]
        assert "●" in lines[1]  # unread mark


@run_async
async def test_enter_opens_the_article_and_marks_it_read(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        view = screen(app).article_view
        assert view.article.title.startswith("香港科技大学")
        assert view.has_focus
        text = screen_text(app)
        assert "2021-12-08 · 南方日报 · 李明 · 責任編輯：王芳".replace("責任編輯", "责任编辑") in text
        assert "首页 › 江门" in text
        assert "深化科创合作" in text
        assert "3 unread" in text
    lib = Library.open(lib_path)
    try:
        article_id = id_of(lib_path, "香港科技大学")
        assert lib.get(article_id).read is True
        assert lib.get_setting(data.LAST_ARTICLE) == article_id
    finally:
        lib.close()


@run_async
async def test_paragraph_indentation_is_the_same_whatever_the_source_used(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        starts = [line for line in lines if "12月7日" in line or "据了解" in line or "江门市第十四次" in line]
        assert len(starts) == 3
        columns = {line.split("▕", 1)[1].index(line.split("▕", 1)[1].strip()[0]) for line in starts}
        assert len(columns) == 1, starts  # full-width, ASCII and no indentation all look the same


@run_async
async def test_vim_keys_move_through_the_list(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = screen(app).article_list
        await pilot.press("j")
        assert articles.cursor == 1
        await pilot.press("down", "down")
        assert articles.cursor == 3
        await pilot.press("k")
        assert articles.cursor == 2
        await pilot.press("g")
        assert articles.cursor == 0
        await pilot.press("G")
        assert articles.cursor == 3
        await pilot.press("ctrl+u")
        assert articles.cursor < 3
        await pilot.press("pagedown")
        assert articles.cursor == 3
        await pilot.press("home")
        assert articles.cursor == 0


@run_async
async def test_n_and_p_open_next_and_previous_and_tab_switches_panes(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        s = screen(app)
        await pilot.press("enter")
        await settle(pilot)
        first = s.article_view.article.id
        await pilot.press("n")
        await settle(pilot)
        assert s.article_view.article.id == s.article_list.ids[1]
        assert s.article_list.cursor == 1
        await pilot.press("p")
        await settle(pilot)
        assert s.article_view.article.id == first
        assert s.article_view.has_focus
        await pilot.press("tab")
        assert s.article_list.has_focus
        await pilot.press("tab")
        assert s.article_view.has_focus
        # j/k scroll the reader pane when it has focus.
        await pilot.press("j", "j")
        assert s.article_view.scroll_y == 2
        await pilot.press("G")
        assert s.article_view.scroll_y == s.article_view.max_scroll_y
        await pilot.press("g")
        assert s.article_view.scroll_y == 0


@run_async
async def test_search_as_you_type_opens_with_matches_and_esc_returns(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        s = screen(app)
        await pilot.press("j", "j")
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"捷運")
        await settle(pilot)
        search = app.screen
        assert [hit.summary.title for hit in search.hits] == ["臺北捷運新線通車 旅客搭乘踴躍"]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is s
        assert s.article_list.cursor == 2  # where we were
        assert s.article_view.article is None

        await pilot.press("slash")
        await pilot.press(*"江门")  # Simplified query finds the Traditional seed page too
        await settle(pilot)
        search = app.screen
        titles = [hit.summary.title for hit in search.hits]
        assert any(t.startswith("江門推動") for t in titles)
        assert any(t.startswith("香港科技大学") for t in titles)
        assert "江門" in screen_text(app) or "江门" in screen_text(app)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen is s
        view = s.article_view
        assert view.article.id == search.hits[1].summary.id
        assert view.find_query == "江门"
        assert view.matches  # the query is highlighted in the article


@run_async
async def test_stale_search_answers_are_ignored(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        search = app.screen
        search.query_one("#q", Input).value = "捷運"
        await settle(pilot)
        from reader.tui.screens.search import SearchResults

        search.post_message(SearchResults("江门", []))  # an answer to an older query
        await settle(pilot)
        assert [hit.summary.title for hit in search.hits] == ["臺北捷運新線通車 旅客搭乘踴躍"]


@run_async
async def test_find_highlights_and_steps_with_n_and_N(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        s = screen(app)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f")
        assert s.query_one("#find", Input).has_focus
        await pilot.press(*"港澳", "enter")
        await settle(pilot)
        view = s.article_view
        count = len(view.matches)
        assert count > 5
        assert view.current_match == 0
        await pilot.press("n")
        assert view.current_match == 1
        await pilot.press("N", "N")
        assert view.current_match == count - 1
        # The current match is scrolled into view and drawn in its own style.
        section, para, start, end = view.matches[view.current_match]
        assert view.scroll_y > 0
        # Simplified query finds Traditional text: find ignores script.
        await pilot.press("f")
        s.query_one("#find", Input).value = "港澳合作"
        await pilot.press("enter")
        await settle(pilot)
        assert view.matches
        await pilot.press("escape")
        assert view.matches == []
        # With no find active, n opens the next article again.
        await pilot.press("n")
        await settle(pilot)
        assert view.article.id == s.article_list.ids[1]


@run_async
async def test_t_cycles_scripts_in_list_and_pane_and_is_remembered(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "原文 Original" in text
        assert "江門推動港澳合作" in text and "香港科技大学" in text
        await pilot.press("t")
        await settle(pilot)
        text = screen_text(app)
        assert "繁 Traditional" in text
        assert "香港科技大學" in text  # list follows
        assert "江門推動港澳合作" in text
        await pilot.press("t")
        await settle(pilot)
        text = screen_text(app)
        assert "简 Simplified" in text
        assert "江门推动港澳合作" in text  # pane follows
        assert "台北捷运" in text or "臺北捷运" in text
        await pilot.press("T")  # Hong Kong standard
        await settle(pilot)
        assert app.standard == "hk"
    lib = Library.open(lib_path)
    try:
        assert lib.get_setting(data.SCRIPT) == "simplified"
        assert lib.get_setting(data.STANDARD) == "hk"
    finally:
        lib.close()
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.script == "simplified"
        assert "江门推动港澳合作" in screen_text(app)


@run_async
async def test_bookmark_and_read_state(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        s = screen(app)
        target = s.article_list.ids[1]
        await pilot.press("j", "b")
        await settle(pilot)
        assert "1 bookmarked" in screen_text(app)
        assert "★" in screen_text(app).splitlines()[2]
        await pilot.press("m")  # unread -> read
        await settle(pilot)
        assert "3 unread" in screen_text(app)
        await pilot.press("B")  # bookmarked only
        await settle(pilot)
        assert s.article_list.ids == [target]
        assert "showing 1: bookmarked" in screen_text(app)
        await pilot.press("B", "u")  # unread only
        await settle(pilot)
        assert target not in s.article_list.ids and len(s.article_list.ids) == 3
        await pilot.press("x")
        await settle(pilot)
        assert len(s.article_list.ids) == 4
    lib = Library.open(lib_path)
    try:
        assert lib.get(target).bookmarked is True
        assert lib.get(target).read is True
    finally:
        lib.close()


@run_async
async def test_filter_by_source(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        s = screen(app)
        await pilot.press("o")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        index = next(i for i, label in enumerate(labels) if "中央社" in label)
        options.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is s
        assert len(s.article_list.ids) == 1
        assert "showing 1: 中央社" in screen_text(app)


@run_async
async def test_empty_library_explains_and_imports_the_sample(tmp_path):
    sample = tmp_path / "sample"
    sample.mkdir()
    shutil.copy(SEED_PAGE, sample / SEED_PAGE.name)
    app = ReaderApp(tmp_path / "empty.db", sample=sample)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EmptyScreen)
        text = screen_text(app)
        assert "Your library is empty" in text
        assert "import PATH" in text
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert "1 articles" in screen_text(app) or "1 article" in screen_text(app)


@run_async
async def test_empty_library_without_sample_says_how(tmp_path, monkeypatch):
    monkeypatch.setattr("reader.tui.screens.empty.find_sample", lambda: None)
    app = ReaderApp(tmp_path / "empty.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EmptyScreen)
        assert "was not found here" in screen_text(app)
        assert "Import the sample" not in screen_text(app)  # no offer in the footer
        await pilot.press("i")
        assert isinstance(app.screen, EmptyScreen)


@run_async
async def test_help_screen_lists_every_binding(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=(120, 80)) as pilot:  # tall enough to show the whole table
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for command in COMMANDS:
            assert command.help in text, command.action
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


@run_async
async def test_palette_and_footer_come_from_the_same_commands(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        s = screen(app)
        titles = {command.title for command in app.get_system_commands(s)}
        assert {c.title for c in COMMANDS if c.palette} <= titles
        bound = {binding.action for binding in s.BINDINGS}
        assert {c.action for c in COMMANDS} == bound
        # A palette command runs the same action as its key.
        command = next(c for c in app.get_system_commands(s) if c.title == "Bookmark")
        await command.callback()
        await settle(pilot)
        assert "1 bookmarked" in screen_text(app)


@run_async
async def test_last_article_and_scroll_are_remembered(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("G", "k")  # near the end: below the share block
        await pilot.pause()
        scroll = screen(app).article_view.scroll_y
        opened = screen(app).article_view.article.id
        assert scroll > 0
        await pilot.press("q")
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = screen(app).article_view
        assert view.article.id == opened
        assert view.scroll_y == scroll
        assert screen(app).article_list.current_id == opened


@run_async
async def test_hostile_text_is_shown_literally_and_never_interpreted(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("G", "enter")
        await settle(pilot)
        view = screen(app).article_view
        assert view.article.title == HOSTILE_TITLE
        text = screen_text(app)
        assert "Hostile [bold]title[/bold] [@click=app.quit]click me[/]" in text
        assert "Markup [red]red[/red] and [link=https://evil.example]a" in text
        assert "link[/link] and [@click=app.quit]quit[/]" in text
        assert "[@click=app.quit]quit[/] stay literal." in text
        assert "[b]evil[/b] source" in text
        assert "\x1b" not in text and "\u202e" not in text and "pwned" not in text
        # No rendered segment carries a link or a click action.
        for strip in app.screen._compositor.render_strips():
            for segment in strip:
                if segment.style is not None:
                    assert not segment.style.link
                    assert "@click" not in (segment.style.meta or {})
        # Clicking on the literal "[@click=app.quit]quit[/]" does nothing.
        row = next(y for y, line in enumerate(text.splitlines()) if "[@click=app.quit]quit" in line)
        column = text.splitlines()[row].index("[@click=app.quit]quit")
        await pilot.click(offset=(column + 3, row))
        await settle(pilot)
        assert app.is_running
        # The list row is inert too.
        await pilot.press("tab")
        list_text = screen_text(app).splitlines()[4]
        assert "Hostile [bold]title[/b" in list_text and "[b]evil[" in list_text


@run_async
async def test_the_list_fetches_only_visible_rows_at_scale():
    """100,000 ids: render only asks for a window around what is on screen."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen

    asked: list[list[int]] = []

    class ListScreen(Screen):
        def compose(self) -> ComposeResult:
            yield ArticleList()

        def on_article_list_need_rows(self, message: ArticleList.NeedRows) -> None:
            asked.append(message.ids)

    class ListApp(App):
        def on_mount(self) -> None:
            self.push_screen(ListScreen())

    app = ListApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        articles = app.screen.query_one(ArticleList)
        articles.set_ids(list(range(100_000)))
        await pilot.pause()
        await pilot.pause()
        assert asked and max(len(ids) for ids in asked) < 400
        asked.clear()
        articles.cursor = 99_999
        await pilot.pause()
        await pilot.pause()
        wanted = {i for ids in asked for i in ids}
        assert 99_999 in wanted and len(wanted) < 400
        assert articles.virtual_size.height == 100_000


@run_async
async def test_letters_typed_in_find_and_search_boxes_are_text_not_commands(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        s = screen(app)
        await pilot.press("enter")
        await settle(pilot)
        opened = s.article_view.article.id
        await pilot.press("f", *"nqtbm[b")
        await settle(pilot)
        assert s.query_one("#find", Input).value == "nqtbm[b"
        assert app.is_running and app.script == "original"
        assert s.article_view.article.id == opened
        await pilot.press("escape", "slash", *"qjk[@click=app.quit]")
        await settle(pilot)
        assert app.screen.query_one("#q", Input).value == "qjk[@click=app.quit]"
        assert app.is_running


@run_async
async def test_the_chosen_theme_is_remembered(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "textual-light"
        await settle(pilot)
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-light"
        await pilot.press("enter")
        await settle(pilot)
        section = screen(app).article_view.query(ArticleText).first()
        light = section._style("text:article-view--paragraph")
        app.theme = "textual-dark"
        await settle(pilot)
        assert section._style("text:article-view--paragraph") != light  # the text follows the theme


@run_async
async def test_keys_move_the_cursor_in_a_list_longer_than_the_screen(tmp_path):
    from reader.model import Article, Block

    extra = [
        Article(
            title=f"第{n}號新聞標題",
            blocks=[Block("paragraph", f"這是第{n}篇測試文章的內容,編號{n * 7919}。")],
            published=f"2020-{1 + n // 28:02d}-{1 + n % 28:02d}",
            source="測試社",
        )
        for n in range(120)
    ]
    path = build_library(tmp_path / "long.db", None, extra)
    app = ReaderApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        articles = screen(app).article_list
        assert len(articles.ids) == 123
        page = articles.page()
        await pilot.press("down", "down")
        assert articles.cursor == 2 and articles.scroll_y == 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert articles.cursor == 2 + page
        assert articles.scroll_y > 0  # the viewport followed the cursor
        await pilot.press("end")
        await settle(pilot)
        assert articles.cursor == 122
        assert articles.scroll_y == articles.max_scroll_y
        assert "第0號新聞標題" in screen_text(app)  # the oldest, last row is drawn (rows fetched on demand)
        await pilot.press("pageup", "home")
        assert articles.cursor == 0 and articles.scroll_y == 0
        await pilot.press("ctrl+d")
        assert articles.cursor == page // 2


@run_async
async def test_search_operators_are_not_highlighted_as_text(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        s = screen(app)
        await pilot.press("slash")
        app.screen.query_one("#q", Input).value = "捷運 -香港 source:中央社"
        await settle(pilot)
        assert [hit.summary.title for hit in app.screen.hits] == ["臺北捷運新線通車 旅客搭乘踴躍"]
        await pilot.press("enter")
        await settle(pilot)
        view = s.article_view
        assert view.article.title.startswith("臺北捷運")
        highlighted = {section.paras[p].text[a:b] for section, p, a, b in view.matches}
        assert highlighted == {"捷運"}


def test_find_spans_ignore_script_width_and_case():
    from reader.tui.textmatch import find_spans, squeeze

    assert find_spans("臺北捷運與台北捷运", "捷运") == [(2, 4), (7, 9)]
    assert find_spans("ＣＯＶＩＤ and covid", "Covid") == [(0, 5), (10, 15)]
    assert find_spans("江門", ["江门", ""]) == [(0, 2)]
    assert squeeze("\u3000\u3000甲  乙\n丙", [(2, 3), (5, 6)]) == ("甲 乙 丙", [(0, 1), (2, 3)])


@run_async
async def test_share_block_stands_where_the_widget_stood_and_s_opens_the_share_screen(lib_path):
    from reader.tui.screens.share import ShareScreen
    from reader.tui.widgets.share_block import ShareBlock

    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        s = screen(app)
        await pilot.press("j", "enter")  # 香港科技大学…: share block between two paragraphs
        await settle(pilot)
        kinds = [type(child).__name__ for child in s.article_view.children if child.display]  # photo places hidden
        assert kinds == ["ArticleText", "ShareBlock", "ArticleText"]
        before, after = s.article_view._sections
        assert before.paras[-1].text.startswith("据了解")
        assert after.paras[0].text.startswith("江门市第十四次")
        block = s.article_view.query_one(ShareBlock)
        assert block.script == "original"
        await pilot.press("t")
        await settle(pilot)
        assert block.script == "traditional"  # the block follows the script toggle
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ShareScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is s


def test_a_damaged_library_is_one_line_from_the_cli_before_any_screen(tmp_path, capsys):
    from reader.cli import main

    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all " * 50)
    assert main(["--db", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("reader: error: ") and err.count("\n") == 1
    assert "\x1b" not in err  # the app never took the screen


@run_async
async def test_a_query_the_library_refuses_is_explained(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *'"江门')
        await settle(pilot)
        assert "unclosed quote" in screen_text(app)
        assert app.is_running


@run_async
async def test_empty_library_notices_an_import_from_a_shell(tmp_path):
    app = ReaderApp(tmp_path / "later.db", sample=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EmptyScreen)
        await pilot.press("r")
        await settle(pilot)
        assert "still empty" in screen_text(app)
        build_library(tmp_path / "later.db", SEED_PAGE)  # another process imports
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert "4 articles" in screen_text(app)


@run_async
async def test_no_color_is_respected_and_matches_do_not_rely_on_colour(lib_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.no_color
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f", *"港澳", "enter")
        await settle(pilot)
        section = screen(app).article_view.query(ArticleText).first()
        assert section._style("article-view--match").underline
        assert section._style("article-view--match-current").reverse


@run_async
async def test_reading_goes_on_while_another_process_holds_a_write(lib_path):
    """Reads and writes use separate connections: a busy library delays saving, not reading."""
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        s = screen(app)
        other = Library.open(lib_path)
        try:
            with other.import_bundle("held-open", "held-open"):  # BEGIN IMMEDIATE until the block ends
                await pilot.press("enter")
                for _ in range(50):  # the article shows although its read mark cannot be saved yet
                    await pilot.pause()
                    if s.article_view.article is not None:
                        break
                assert s.article_view.article is not None
                await pilot.press("b")
                await pilot.pause()
                assert "1 bookmarked" in screen_text(app)  # shown at once
                await pilot.press("slash", *"捷運")
                for _ in range(50):
                    await pilot.pause()
                    if getattr(app.screen, "hits", None):
                        break
                assert [hit.summary.title for hit in app.screen.hits] == ["臺北捷運新線通車 旅客搭乘踴躍"]
                await pilot.press("escape")
        finally:
            other.close()
        await settle(pilot)
        assert "1 bookmarked" in screen_text(app)
    lib = Library.open(lib_path)
    try:
        opened = lib.get_setting(data.LAST_ARTICLE)
        assert lib.get(opened).read and lib.get(opened).bookmarked
    finally:
        lib.close()


@run_async
async def test_an_article_marked_unread_stays_unread_across_a_restart(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        opened = screen(app).article_view.article.id
        await pilot.press("m")  # back to unread
        await settle(pilot)
        await pilot.press("q")
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert screen(app).article_view.article.id == opened  # restored...
    with Library.open(lib_path) as lib:
        assert lib.get(opened).read is False  # ...but not marked read by the restore


def test_the_tuis_writes_wait_longer_for_the_lock_than_its_reads(tmp_path):
    """Writes run on their own thread: waiting behind an import's merge costs nothing, failing
    would lose the read mark."""
    from reader.library.connection import BUSY_TIMEOUT_MS
    from reader.tui.data import WRITE_PATIENCE_MS, Gateway

    gateway = Gateway(tmp_path / "lib.db")
    try:
        def patience(lib):
            return lib._conn.execute("PRAGMA busy_timeout").fetchone()[0]

        assert gateway.write(patience) == WRITE_PATIENCE_MS > BUSY_TIMEOUT_MS
        assert gateway.call(patience) == BUSY_TIMEOUT_MS
    finally:
        gateway.close()
