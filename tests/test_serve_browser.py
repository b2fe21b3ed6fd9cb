"""The share screen's local link, end to end: the TUI starts the server, draws the code, the code
scans to the article's link, and a real browser (headless Chromium at a phone's size) opens it."""

from __future__ import annotations

import re
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("textual")

from test_share_support import needs_zbar, pixels_to_png, zbar_decode
from test_share_tui import code_pixels
from test_tui_support import build_library, run_async, screen_text

from reader.model import Article, Block

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)")
PHONE = "390,844"


def chromium(*args: str, timeout: int = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
         "--disable-extensions", f"--window-size={PHONE}", *args],
        capture_output=True, text=True, timeout=timeout,
    )


def not_blank(png: Path) -> bool:
    from PIL import Image

    with Image.open(png) as image:
        colours = image.convert("L").getcolors(maxcolors=1 << 16)
    return colours is None or len(colours) > 8


def keep(png: Path) -> None:
    """Leave a copy where a developer can look at it (``READER_TEST_SHOTS=DIR``)."""
    import os

    folder = os.environ.get("READER_TEST_SHOTS")
    if folder:
        shutil.copy(png, Path(folder) / png.name)


async def settle(app, pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()


@needs_zbar
@needs_chromium
@run_async
async def test_local_link_from_the_share_screen_opens_in_a_phone_browser(tmp_path, monkeypatch):
    from reader.tui.app import ReaderApp
    from reader.tui.screens.share import ShareScreen

    monkeypatch.setenv("READER_SERVE_HOST", "127.0.0.1")
    app = ReaderApp(build_library(tmp_path / "tui.db"))
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        article = app.screen.article_view.article
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ShareScreen)
        await pilot.press("l")
        await settle(app, pilot)
        assert app.lan is not None
        url = zbar_decode(pixels_to_png(code_pixels(app, full=True), tmp_path / "lan.png")).decode()
        # the phone opens it in the script being read (original here)
        assert re.fullmatch(rf"http://127\.0\.0\.1:{app.lan.port}/a/{article.id}\?token=[\w-]+&script=original", url), url
        assert f"serving on 127.0.0.1:{app.lan.port}: no local network found" in screen_text(app)

        # The phone: the token link (redirected, cookie set), the page in both scripts
        for script in ("traditional", "simplified"):
            dom = chromium("--dump-dom", f"{url}&script={script}").stdout
            assert "<script" not in dom
            assert 'lang="zh-Hant"' in dom if script == "traditional" else 'lang="zh-Hans"' in dom
            shot = tmp_path / f"phone-{script}.png"
            chromium(f"--screenshot={shot}", f"{url}&script={script}")
            assert shot.exists() and not_blank(shot)
            keep(shot)
        from reader.script import to_display

        dom = chromium("--dump-dom", f"{url}&script=simplified").stdout
        assert to_display(article.title, "simplified", article.script) in dom

        # Without the token, the same page is refused
        bare = url.split("?")[0]
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(bare, timeout=5)
        assert refused.value.code == 403

        await pilot.press("x")
        await settle(app, pilot)
        assert app.lan is None
        with pytest.raises(urllib.error.URLError):
            urllib.request.urlopen(bare, timeout=5)


HOSTILE = Article(
    title="<script>document.title='pwned'</script>臺北捷運環狀線通車",
    blocks=[
        Block("paragraph", "環狀線今天通車，<img src=x onerror=\"document.body.innerHTML='pwned'\">乘客擠滿車廂。"),
        Block("subheading", "<a href=\"javascript:alert(1)\">沿線</a>商圈"),
        Block("paragraph", "沿線商家表示人潮增加。</p><script>document.body.innerHTML='pwned'</script><p>"),
    ],
    published="2021-12-29",
    source="<b onmouseover=alert(1)>中央社</b>",
    url="javascript:alert(document.cookie)",
)


@needs_chromium
def test_hostile_article_text_is_inert_in_a_real_browser(tmp_path):
    from reader.library import Library
    from reader.serve.server import Running

    db = build_library(tmp_path / "hostile.db", extra=[HOSTILE])
    with Library.open(db) as lib:
        article_id = next(s.id for s in lib.list_articles(None, limit=20) if "捷運" in s.title)
        lib.tag([article_id], add=["<i>標籤</i>"])
        lib.add_highlight(article_id, 0, 5, note="<script>alert('note')</script>筆記")
    running = Running(db, "127.0.0.1", 0).start()
    try:
        url = running.article_url(article_id)
        dom = chromium("--dump-dom", url).stdout
        shot = tmp_path / "phone-hostile.png"
        chromium(f"--screenshot={shot}", url)
    finally:
        running.stop()
    body = dom.split("<body>", 1)[1]
    for element in ("<script", "<img", "<b ", "<i>", "<a href=\"javascript"):
        assert element not in body, element
    assert "<title>pwned</title>" not in dom and "<body>pwned" not in dom  # no script rewrote the page
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;臺北捷運環狀線通車" in body
    assert "&lt;img src=x onerror=" in body and "&lt;i&gt;標籤&lt;/i&gt;" in body
    assert "&lt;script&gt;alert('note')&lt;/script&gt;筆記" in body
    assert "javascript:alert(document.cookie)" in body  # shown as text only
    assert not_blank(shot)
    keep(shot)
