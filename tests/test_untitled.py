"""A page without a headline says so: no line of the page is passed off as its title (issue 11).

The extractor gives an empty title; the library lists the article under its file's name, flagged;
the CLI marks it, the JSON says null, and the TUI shows the name muted in the list and the reader.
"""

from __future__ import annotations

import json

from test_library_support import add_bundle, article, run_reader
from test_tui_support import run_async, screen_text, settle

from reader.extract import extract
from reader.library import Library
from reader.model import ArticleHints

NO_HEADLINE = "\n\n".join(
    "　　" + p
    for p in (
        "今年入夏以来，全市各地陆续开展防汛演练，相关部门表示将持续做好准备工作。",
        "演练模拟了城区内涝和山洪转移等情况，参与人员按预案迅速到位，处置有序。",
    )
)


def test_a_page_of_paragraphs_only_has_no_headline():
    art = extract(NO_HEADLINE, "text", ArticleHints())[0]
    assert art.title == ""
    assert "防汛演练" in art.body


def _library(tmp_path):
    db = tmp_path / "lib.db"
    with Library.open(db) as lib:
        add_bundle(lib, "b", [article("", "今年入夏以来，全市各地陆续开展防汛演练。"), article("有標題的新聞", "第二篇的正文內容。")])
    return db


def test_the_library_lists_it_under_its_file_name_flagged(tmp_path):
    with Library.open(_library(tmp_path)) as lib:
        summaries = lib.summaries(lib.article_ids())
        by_title = {s.title: s for s in summaries.values()}
        assert by_title["0000.txt"].untitled and not by_title["有標題的新聞"].untitled
        assert lib.list_articles()[-1].title in ("0000.txt", "有標題的新聞")
        untitled = next(s for s in summaries.values() if s.untitled)
        assert lib.get(untitled.id).untitled and lib.get(untitled.id).title == ""


def test_the_cli_marks_it_and_json_says_null(tmp_path):
    db = _library(tmp_path)
    out = run_reader("list", db=db).stdout
    assert "(0000.txt: no headline)" in out
    items = json.loads(run_reader("list", "--json", db=db).stdout)
    untitled = [i for i in items if i["untitled"]]
    assert len(untitled) == 1 and untitled[0]["title"] is None
    shown = run_reader("show", str(untitled[0]["id"]), db=db).stdout
    assert shown.splitlines()[0] == "(0000.txt: no headline)"


@run_async
async def test_the_tui_shows_the_file_name_muted(tmp_path):
    from reader.tui.app import ReaderApp
    from reader.tui.widgets.article_list import ArticleList

    app = ReaderApp(_library(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "0000.txt" in screen_text(app)
        listing = app.screen.query_one(ArticleList)
        row = next(i for i, k in enumerate(listing.ids) if listing._summaries[k].untitled)
        muted = listing._style("untitled")
        strip = listing._render_row(listing._summaries[listing.ids[row]], 60, False)
        assert any("0000.txt" in seg.text and seg.style == muted for seg in strip)


def test_search_results_mark_it_too(tmp_path):
    out = run_reader("search", "防汛", db=_library(tmp_path)).stdout
    assert "(0000.txt: no headline)" in out
