"""The Textual share block and share screen, in a small test app (no sleeps: pilot.pause only)."""

from __future__ import annotations

import asyncio
import functools

import pytest

pytest.importorskip("textual")

from textual.app import App, ComposeResult

from reader.model import Article
from reader.share import Payload, make_matrix
from reader.tui.screens.share import ShareScreen
from reader.tui.widgets.share_block import ShareBlock
from test_share_support import BOTTOM, TOP, needs_zbar, pixels_to_png, url_of_length, zbar_decode

URL = url_of_length(60)
ARTICLE = Article(
    title="臺北市長宣布新政策\x1b]0;pwned\x07[b]粗體[/b]",
    blocks=[],
    published="2021-12-29",
    source="中央社",
    url=URL,
)
NO_URL = Article(title="台北市长宣布新政策", blocks=[], published="2021-12-29", source="新华社")


def sync(test):
    """Run an async test with asyncio.run (no pytest-asyncio plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper


class BlockApp(App):
    def __init__(self, block: ShareBlock) -> None:
        super().__init__()
        self.block = block

    def compose(self) -> ComposeResult:
        yield self.block


def screen_cells(app: App):
    """Every cell on screen: rows of (char, rich Style), as the compositor paints them."""
    rows = []
    for strip in app.screen._compositor.render_strips():
        row = []
        for segment in strip:
            for ch in segment.text:
                row.append((ch, segment.style))
        rows.append(row)
    return rows


def is_code_style(style) -> bool:
    return (
        style is not None
        and style.color is not None
        and style.bgcolor is not None
        and style.color.get_truecolor() == (0, 0, 0)
        and style.bgcolor.get_truecolor() == (255, 255, 255)
        and not style.reverse
    )


def code_pixels(app: App, full: bool = False):
    """The black-on-white cells on screen turned back into module pixels."""
    cells = screen_cells(app)
    found = [(y, x) for y, row in enumerate(cells) for x, (_, s) in enumerate(row) if is_code_style(s)]
    assert found, "no black-on-white code on screen"
    top, bottom = min(y for y, _ in found), max(y for y, _ in found)
    left, right = min(x for _, x in found), max(x for _, x in found)
    pixels = []
    for y in range(top, bottom + 1):
        upper, lower = [], []
        step = 2 if full else 1
        for x in range(left, right + 1, step):
            ch, style = cells[y][x]
            assert is_code_style(style), f"hole in the code at {x},{y}"
            if full:
                dark = ch == "█"
                assert cells[y][x + 1][0] == ch
                upper.append((0, 0, 0) if dark else (255, 255, 255))
            else:
                upper.append((0, 0, 0) if TOP[ch] else (255, 255, 255))
                lower.append((0, 0, 0) if BOTTOM[ch] else (255, 255, 255))
        pixels.append(upper)
        if not full:
            pixels.append(lower)
    return pixels


def screen_text(app: App) -> str:
    return "\n".join("".join(ch for ch, _ in row) for row in screen_cells(app))


@needs_zbar
@sync
async def test_wide_pane_draws_a_code_that_scans(tmp_path):
    app = BlockApp(ShareBlock(ARTICLE, script="original"))
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "掃一掃分享" in text
        assert URL in text
        png = pixels_to_png(code_pixels(app), tmp_path / "pane.png")
        assert zbar_decode(png) == URL.encode()


@sync
async def test_too_narrow_pane_says_so_and_draws_no_code():
    app = BlockApp(ShareBlock(ARTICLE))
    columns = make_matrix(URL).size
    async with app.run_test(size=(columns - 1, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Too narrow for the QR code" in text
        assert not any(is_code_style(s) for row in screen_cells(app) for _, s in row)
        assert URL[:20] in text  # the URL is still shown, folded


@sync
async def test_label_follows_the_script_and_citations_convert():
    block = ShareBlock(NO_URL, script="original")
    app = BlockApp(block)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        # Article() has no detected script: original shows as written, Traditional label.
        assert "掃一掃分享" in screen_text(app)
        block.set_script("simplified")
        await pilot.pause()
        text = screen_text(app)
        assert "扫一扫分享" in text and "新华社 2021-12-29" in text
        block.set_script("traditional")
        await pilot.pause()
        text = screen_text(app)
        assert "掃一掃分享" in text and "臺北市長宣佈新政策" in text
        assert block.payload.kind == "citation"


@sync
async def test_hostile_text_is_plain():
    payload = Payload("[b]x[/b] \x1b[31m", "text")
    app = BlockApp(ShareBlock(payload=payload))
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[b]x[/b]" in text and "\x1b" not in text


@needs_zbar
@sync
async def test_share_screen_large_code_scans_and_c_copies(tmp_path):
    app = BlockApp(ShareBlock(ARTICLE))
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        await app.push_screen(ShareScreen(ARTICLE, script="original"))
        await pilot.pause()
        assert isinstance(app.screen, ShareScreen)
        assert app.screen.block.code_mode(120, 50) == "full"
        png = pixels_to_png(code_pixels(app, full=True), tmp_path / "screen.png")
        assert zbar_decode(png) == URL.encode()
        assert URL in screen_text(app)
        await pilot.press("c")
        assert app.clipboard == URL
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ShareScreen)


@needs_zbar
@sync
async def test_share_screen_falls_back_to_half_blocks(tmp_path):
    url = url_of_length(150)
    app = BlockApp(ShareBlock(payload=Payload(url, "url")))
    async with app.run_test(size=(80, 40)) as pilot:
        await app.push_screen(ShareScreen(payload=Payload(url, "url")))
        await pilot.pause()
        png = pixels_to_png(code_pixels(app), tmp_path / "half.png")
        assert zbar_decode(png) == url.encode()


@needs_zbar
@sync
async def test_in_the_reader_app_pane_and_s_screen(tmp_path):
    """The real app: the block stands where the page's share widget stood; s, c, esc work."""
    from test_tui_support import build_library

    from reader.tui.app import ReaderApp

    url = "https://example.com/news/2021/12/08/hkust.html"
    app = ReaderApp(build_library(tmp_path / "tui.db"))
    async with app.run_test(size=(120, 60)) as pilot:
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.press("enter")  # newest article: the HKUST one, with a share block
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        block = app.screen.query_one(ShareBlock)
        assert block.payload == Payload(url, "url") and block.label == "扫一扫分享"
        app.screen.query_one("ArticleView").scroll_to_widget(block, animate=False)
        await pilot.pause()
        assert zbar_decode(pixels_to_png(code_pixels(app), tmp_path / "pane.png")) == url.encode()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ShareScreen)
        assert zbar_decode(pixels_to_png(code_pixels(app, full=True), tmp_path / "s.png")) == url.encode()
        await pilot.press("c")
        assert app.clipboard == url
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ShareScreen)


@sync
async def test_share_screen_too_short_for_the_code_says_so_and_draws_no_code():
    url = url_of_length(150)
    app = BlockApp(ShareBlock(payload=Payload(url, "url")))
    async with app.run_test(size=(60, 20)) as pilot:
        await app.push_screen(ShareScreen(payload=Payload(url, "url")))
        await pilot.pause()
        assert app.screen.block.code_mode(58, 20) == "short"
        text = screen_text(app)
        assert "Too short for the QR code" in text and "c copy URL" in text
        assert not any(is_code_style(s) for row in screen_cells(app) for _, s in row)
