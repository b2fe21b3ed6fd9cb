"""What keeps the terminal reader responsive, checked for what it shows (no timings here):
the share code computed in a worker, lines kept across script switches, the footer kept across
focus changes, rows asked for ahead of the viewport, converters built ahead."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.app import App, ComposeResult
from textual.screen import Screen

from reader.library import ArticleFilter, Library
from reader.linebreak import same_layout, wrap
from reader.script import convert
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_text import ArticleText
from reader.tui.widgets.footer import ReaderFooter
from reader.tui.widgets.share_block import ShareBlock

from conftest import SEED_PAGE
from test_tui_support import build_library, run_async, settle

SIZE = (120, 40)


@pytest.fixture
def lib_path(tmp_path: Path) -> Path:
    return build_library(tmp_path / "tui.db", SEED_PAGE)



def id_of(path: Path, prefix: str) -> int:
    lib = Library.open(path)
    try:
        summaries = lib.summaries(lib.article_ids(ArticleFilter()))
        return next(i for i, s in summaries.items() if s.title.startswith(prefix))
    finally:
        lib.close()


async def open_article(pilot, article_id: int) -> None:
    screen = pilot.app.screen
    assert screen.article_list.select_id(article_id)
    await pilot.press("enter")
    await settle(pilot)


def fresh_lines(section: ArticleText) -> list:
    """The lines a section would get if it wrapped its paragraphs now."""
    width = section.content_size.width
    section._wrapped = None
    return section.layout_lines(width)


# -- the share block ------------------------------------------------------------------------------


@run_async
async def test_share_block_is_mounted_from_the_worker_and_follows_the_script(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_article(pilot, id_of(lib_path, "臺北捷運"))  # no URL: the code holds a citation
        view = app.screen.article_view
        block = view.query_one(ShareBlock)
        assert block.matrix is not None and block.payload.kind == "citation"
        assert "臺北捷運" in block.payload.text and block.label == "掃一掃分享"
        await pilot.press("t", "t")  # original -> traditional -> simplified
        await settle(pilot)
        assert app.script == "simplified"
        assert view.query_one(ShareBlock) is block  # updated in place, not mounted again
        assert block.script == "simplified" and block.label == "扫一扫分享"
        assert "台北捷运" in block.payload.text and block.matrix is not None


@run_async
async def test_a_switch_before_the_share_block_is_ready_gives_the_block_of_the_new_script(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.article_list.select_id(id_of(lib_path, "臺北捷運"))
        await pilot.press("enter", "t", "t")
        await settle(pilot)
        blocks = list(screen.article_view.query(ShareBlock))
        assert len(blocks) == 1
        assert blocks[0].script == "simplified" and "台北捷运" in blocks[0].payload.text


# -- script switches keep the lines when they can ------------------------------------------------


@run_async
async def test_switches_keep_or_rebuild_lines_and_they_are_always_the_fresh_ones(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_article(pilot, id_of(lib_path, "香港科技大学"))  # Simplified, in two sections
        sections = list(app.screen.article_view.query(ArticleText))
        originals = [s.layout_lines(s.content_size.width) for s in sections]
        for expected_script in ("traditional", "simplified", "original"):
            await pilot.press("t")
            await settle(pilot)
            assert app.script == expected_script
            kept = [s._wrapped[1] for s in sections]
            if expected_script != "traditional":
                # the article is Simplified: the text did not change, the same lines are kept
                assert all(k is o for k, o in zip(kept, originals))
            for section, lines in zip(sections, kept):
                assert lines == fresh_lines(section)
            originals = [s.layout_lines(s.content_size.width) for s in sections]


def test_same_layout_holds_for_conversions_and_means_the_same_lines():
    text = "香港科技大学与江门签署战略合作协议，发起共建江门“双碳”实验室计划。COVID-19 疫情后，合作（包括绿色金融）继续深化。" * 4
    converted = convert(text, "s2tw")
    assert converted != text and same_layout(text, converted)
    for width in (9, 20, 37, 80):
        assert wrap(text, width, first_indent=4) == wrap(converted, width, first_indent=4)


def test_same_layout_refuses_what_could_break_elsewhere():
    assert not same_layout("中文中文", "中文中")  # length
    assert not same_layout("中文，中文", "中文中中文")  # a mark that may not start a line
    assert not same_layout("中文中文", "中文ab")  # narrow characters
    assert not same_layout("中文 中文", "中文中中文")  # a space
    assert not same_layout("中文（中文", "中文中中文")  # a mark that may not end a line
    assert same_layout("", "") and same_layout("中文", "中文")


# -- the footer -----------------------------------------------------------------------------------


@run_async
async def test_footer_is_not_rebuilt_when_focus_moves_but_the_keys_stay(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(ReaderFooter)
        keys = list(footer.children)
        assert keys, "the footer shows keys"
        await pilot.press("tab")  # to the reader pane
        await settle(pilot)
        assert app.screen.focused is app.screen.article_view
        await pilot.press("tab")
        await settle(pilot)
        assert list(footer.children) == keys and all(a is b for a, b in zip(footer.children, keys))


@run_async
async def test_footer_is_rebuilt_when_the_keys_change(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(ReaderFooter)
        before = list(footer.children)
        footer._shown = ("something else",)  # as if other keys had been shown
        app.screen.refresh_bindings()
        await settle(pilot)
        assert footer.children and not any(a is b for a, b in zip(footer.children, before))


# -- the list asks for rows ahead of the viewport -------------------------------------------------


class ListScreen(Screen):
    """Asks are handled by the list's screen, as in the reader (a message posted while the
    screen renders does not bubble past it)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[int] = []

    def compose(self) -> ComposeResult:
        yield ArticleList(id="list")

    def on_article_list_need_rows(self, message: ArticleList.NeedRows) -> None:
        self.asked.extend(message.ids)


class ListApp(App):
    def on_mount(self) -> None:
        self.push_screen(ListScreen())


def summary(i: int):
    return SimpleNamespace(title=f"標題 {i}", source="中央社", published="2021-12-29", read=False, bookmarked=False, script="traditional")


@run_async
async def test_rows_are_asked_for_a_page_before_the_viewport_reaches_them():
    app = ListApp()
    async with app.run_test(size=(60, 22)) as pilot:
        await pilot.pause()
        screen = app.screen
        lst = screen.query_one(ArticleList)
        lst.add_rows({i: summary(i) for i in range(200)})
        lst.set_ids(list(range(1000)))
        await pilot.pause()
        assert screen.asked == []  # what is on screen and a page around it is there
        height = lst.scrollable_content_region.height
        lst.scroll_to(y=200 - height - 2, animate=False, immediate=True)  # every visible row is loaded
        await pilot.pause()
        top = round(lst.scroll_y)
        assert all(lst.summary(i) is not None for i in range(top, top + height))
        assert 200 in screen.asked and top + 2 * height - 1 in screen.asked  # the next page is asked for
        assert not any(i < 200 for i in screen.asked)  # loaded rows are not asked again


# -- converters are built ahead ---------------------------------------------------------------------


@run_async
async def test_the_converters_of_the_current_standard_are_built_after_the_first_paint(lib_path):
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.warmed == {"s2tw", "tw2s"}
        await pilot.press("T")  # Hong Kong standard
        await settle(pilot)
        assert app.standard == "hk" and {"s2hk", "hk2s"} <= app.warmed


# -- full garbage collections wait for an idle moment ---------------------------------------------


@run_async
async def test_full_collections_wait_for_idle_and_thresholds_come_back(lib_path):
    import gc
    import weakref

    before = gc.get_threshold()
    app = ReaderApp(lib_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] > 10**6  # no automatic full one

        class Cycle:
            pass

        garbage = Cycle()
        garbage.me = garbage
        gone = weakref.ref(garbage)
        gc.collect(1)  # still referenced: it moves to the oldest generation
        del garbage  # now a cycle only a full collection frees
        while gc.get_count()[2] < before[2]:
            gc.collect(1)  # as many younger collections as make a full one due
        assert gone() is not None

        await pilot.press("j")  # a key just now: not idle
        assert not app.collect_when_idle()
        assert gone() is not None
        assert app.collect_when_idle(now=app._last_input + 5)  # idle for 5 s: collected
        assert gone() is None
        assert not app.collect_when_idle(now=app._last_input + 10)  # nothing due any more
    assert gc.get_threshold() == before
