"""Test libraries for the TUI tests: the seed page plus small hand-made articles, stored through
the real Library API (the same path the importer takes)."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

from reader.importer import process_document
from reader.library import Library
from reader.model import Article, Block, RawDocument

HOSTILE_TITLE = "Hostile [bold]title[/bold] [@click=app.quit]click me[/] \x1b]0;pwned\x07\u202eevil"
HOSTILE_BODY = (
    "Markup [red]red[/red] and [link=https://evil.example]a link[/link] and "
    "[@click=app.quit]quit[/] stay literal.\x1b[31m no colour \x1b[0m\u202e reversed?"
)


def small_articles() -> list[Article]:
    return [
        Article(
            title="香港科技大学与江门签署战略合作协议",
            blocks=[
                Block("paragraph", "　　12月7日,香港科技大学(广州)与江门市政府签订全面战略合作框架协议,发起共建江门“双碳”实验室计划。"),
                Block("subheading", "深化科创合作"),
                Block("paragraph", "    据了解,香港科技大学在低碳科技、绿色金融等领域已经积累了大量的科研成果。江门将大力支持双方合作。"),
                Block("share"),
                Block("paragraph", "江门市第十四次党代会提出,要牢记服务港澳初心。"),
            ],
            published="2021-12-08",
            source="南方日报",
            authors=["李明"],
            editor="王芳",
            breadcrumb=["首页", "江门"],
            url="https://example.com/news/2021/12/08/hkust.html",
        ),
        Article(
            title="臺北捷運新線通車 旅客搭乘踴躍",
            blocks=[
                Block("paragraph", "臺北捷運環狀線今日正式通車,首日搭乘旅客超過十萬人次,市民對於這條新路線的便利性讚不絕口。"),
                Block("paragraph", "交通局表示,未來將持續檢討班距,並與公車路網整合,讓市民「轉乘更方便」。"),
            ],
            published="2021-12-05",
            source="中央社",
            authors=[],
        ),
        Article(
            title=HOSTILE_TITLE,
            blocks=[Block("paragraph", HOSTILE_BODY)],
            published="2021-11-30",
            source="[b]evil[/b] source",
        ),
    ]


def build_library(path: Path, seed_page: Path | None = None, extra: list[Article] | None = None) -> Path:
    """A library at ``path`` holding the seed page and the small articles; returns ``path``."""
    lib = Library.open(path)
    try:
        with lib.import_bundle("tui-test-bundle", "tui-test") as writer:
            if seed_page is not None:
                doc = RawDocument(name=seed_page.name, data=seed_page.read_bytes(), kind="text")
                processed = process_document(doc)
                writer.add_document(doc, processed.articles, processed.encoding)
            for n, article in enumerate(small_articles() + list(extra or [])):
                doc = RawDocument(name=f"small-{n}.txt", data=article.title.encode(), kind="text")
                writer.add_document(doc, [article])
    finally:
        lib.close()
    return path


def screen_text(app) -> str:
    """What the terminal shows, as plain text (one line per row)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip).rstrip() for strip in strips)


def run_async(test):
    """Run an async test with asyncio.run (no pytest-asyncio plugin here)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper


async def settle(pilot) -> None:
    """Let workers finish and their messages land (three times: answers start new loads)."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()
