"""The TUI with hostile text that arrived through ``reader import`` in places other than the
article itself: bundle titles and sources, shown in the filter chooser and then in the header
once chosen. Markup-looking text must be shown literally (never a link, a style or an action)
and malformed markup must not crash the app."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from test_robust_support import run_reader, write_manifest

MARKUP_TITLE = "[@click=app.quit]退出[/] [bold]粗[/bold] [/] [link=https://evil.example]链接[/link]"
MARKUP_SOURCE = "[red]红色来源[/red] [/i] [@click=app.bell]响[/]"


@pytest.fixture
def hostile_db(tmp_path) -> Path:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    names = []
    for i in range(3):
        record = {"title": f"第{i}篇文章的标题", "source": MARKUP_SOURCE, "published": f"2021-12-0{i + 1}",
                  "body": f"第{i}篇文章的正文内容足够长，讲述了一件事情的经过和结果，还有更多的细节。"}
        (bundle / f"a{i}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        names.append(f"a{i}.json")
    write_manifest(bundle, [{"path": name} for name in names], title=MARKUP_TITLE + "\x1b[31m\u202e")
    db = tmp_path / "library.db"
    proc = run_reader(db, "import", "--quiet", str(bundle), timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    listed = json.loads(run_reader(db, "list", "--json", timeout=60).stdout)
    assert {item["source"] for item in listed} == {MARKUP_SOURCE}
    return db


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _screen_text(app) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip).rstrip() for strip in strips)


def _choose(option_prefix: str):
    async def choose(pilot) -> None:
        from textual.widgets import OptionList

        await pilot.press("o")
        await _settle(pilot)
        box = pilot.app.screen.query_one(OptionList)
        index = next(i for i in range(box.option_count) if str(box.get_option_at_index(i).prompt).startswith(option_prefix))
        box.highlighted = index
        await pilot.press("enter")
        await _settle(pilot)

    return choose


@pytest.mark.parametrize(
    "kind, shown",
    [("bundle", MARKUP_TITLE), ("source", MARKUP_SOURCE)],
)
def test_filter_by_a_hostile_bundle_or_source_shows_it_literally(hostile_db, kind, shown):
    from reader.tui.app import ReaderApp

    quit_called = []

    async def scenario() -> None:
        app = ReaderApp(hostile_db)
        original_exit = app.exit

        def recording_exit(*args, **kwargs):
            quit_called.append(args)
            return original_exit(*args, **kwargs)

        app.exit = recording_exit
        async with app.run_test(size=(200, 30)) as pilot:
            await _settle(pilot)
            await _choose(kind)(pilot)
            screen = app.library_screen()
            assert app.screen is screen
            assert len(screen.article_list.ids) == 3
            text = _screen_text(app)
            header = text.splitlines()[0]
            assert shown in header, header
            # clicking where the would-be link is must not run an action
            await pilot.click("#counts", offset=(header.index(shown) + 2, 0))
            await _settle(pilot)
            assert not quit_called
        assert app.return_code in (None, 0)

    asyncio.run(scenario())
