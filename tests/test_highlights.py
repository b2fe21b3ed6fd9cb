"""Highlights and notes (issue 13): anchoring that survives change, storage, reindex, exports, CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_library_support import add_bundle, article, run_reader, simplified, traditional

from reader.errors import UsageError
from reader.export import highlights as export
from reader.importer import Processed
from reader.library import Library, NoSuchArticle
from reader.library.anchoring import place, quote

TEXT = "江门市蓬江区胜利路上，坐落着香港团队。第二段港澳合作不断深化，合作带来新机会。结尾说合作。"


def _spot(text: str, passage: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = text.index(passage, at + 1)
    return at, at + len(passage)


# ---- anchoring (pure) ---------------------------------------------------------------------------


def test_a_quote_is_found_where_it_was():
    q = quote(TEXT, *_spot(TEXT, "港澳合作不断深化"))
    assert (q.prefix.endswith("第二段"), q.suffix.startswith("，合作")) == (True, True)
    assert place(TEXT, q) == _spot(TEXT, "港澳合作不断深化")


def test_a_quote_follows_text_inserted_or_removed_before_it():
    q = quote(TEXT, *_spot(TEXT, "合作带来新机会"))
    moved = "新加的编者按一行。\n\n" + TEXT.replace("坐落着香港团队。", "")
    start, end = place(moved, q)
    assert moved[start:end] == "合作带来新机会"


def test_a_passage_quoted_twice_goes_to_the_one_its_context_names():
    text = "甲说：合作共赢。乙说：合作共赢。丙说：合作共赢。"
    q = quote(text, *_spot(text, "合作共赢", nth=1))
    shifted = "前言。" + text
    assert place(shifted, q) == _spot(shifted, "合作共赢", nth=1)


def test_a_highlight_made_in_one_script_is_placed_in_the_other():
    q = quote(TEXT, *_spot(TEXT, "港澳合作不断深化"))
    tw = traditional(TEXT)
    start, end = place(tw, q)
    assert tw[start:end] == traditional("港澳合作不断深化")
    q_tw = quote(tw, start, end)
    assert place(simplified(tw), q_tw) == _spot(TEXT, "港澳合作不断深化")


def test_a_passage_changed_a_little_is_still_found_and_one_gone_is_not():
    passage = "第二段港澳合作不断深化，合作带来新机会。"
    q = quote(TEXT, *_spot(TEXT, passage))
    edited = TEXT.replace("不断深化", "不断地深化")
    start, end = place(edited, q)
    assert edited[start:end] == "第二段港澳合作不断地深化，合作带来新机会。"
    assert place("完全不同的一篇文章，没有那句话。", q) is None


# ---- the library --------------------------------------------------------------------------------


@pytest.fixture
def lib(tmp_path):
    library = Library.open(tmp_path / "lib.db")
    add_bundle(library, "b", [article("港澳新闻", *TEXT.split("。")[:-1], url="https://a.example/hk")])
    yield library
    library.close()


def _only(lib) -> int:
    return lib.article_ids()[0]


def test_highlights_and_notes_are_stored_listed_and_logged(lib):
    aid = _only(lib)
    body = lib.get(aid).body
    h = lib.add_highlight(aid, *_spot(body, "香港团队"), note="注意")
    assert (h.exact, h.note, h.title, h.orphaned) == ("香港团队", "注意", "港澳新闻", False)
    lib.set_article_note(aid, "整篇的笔记")
    assert lib.article_note(aid) == "整篇的笔记"
    assert [x.exact for x in lib.highlights(aid)] == ["", "香港团队"]  # the article's note first
    lib.set_highlight_note(h.uid, "改过的")
    assert lib.highlights()[0].note in ("改过的", "整篇的笔记")
    fields = dict(lib.db.execute("SELECT field, value FROM state_changes").fetchall())
    assert json.loads(fields["highlight:" + h.uid])["note"] == "改过的"
    lib.delete_highlight(h.uid)
    lib.set_article_note(aid, "")
    assert lib.highlights(aid) == []
    assert lib.db.execute("SELECT count(*) FROM state_changes WHERE value IS NULL").fetchone()[0] == 2  # tombstones


def test_bad_highlights_are_refused(lib):
    aid = _only(lib)
    for start, end in [(5, 5), (-1, 3), (0, 10**6), (3, 2)]:
        with pytest.raises(UsageError):
            lib.add_highlight(aid, start, end)
    with pytest.raises(NoSuchArticle):
        lib.add_highlight(99999, 0, 2)
    with pytest.raises(UsageError):
        lib.delete_highlight("no-such-uid")
    assert lib.highlights() == []


def test_reindex_replaces_highlights_and_orphans_what_is_gone(lib, monkeypatch):
    from reader import importer

    aid = _only(lib)
    body = lib.get(aid).body
    kept = lib.add_highlight(aid, *_spot(body, "合作带来新机会"))
    gone = lib.add_highlight(aid, *_spot(body, "坐落着香港团队"))
    new_text = ["一段新加的导语，说明背景。", "第二段港澳合作不断深化，合作带来新机会"]
    monkeypatch.setattr(importer, "process_document", lambda doc: Processed([article("港澳新闻", *new_text, url="https://a.example/hk")], "utf-8"))
    lib.reindex(importer.DocumentPreparer(jobs=1).prepared)
    after = {h.uid: h for h in lib.highlights(aid)}
    new_body = lib.get(aid).body
    assert new_body[after[kept.uid].start : after[kept.uid].end] == "合作带来新机会"
    assert after[gone.uid].orphaned and after[gone.uid].exact == "坐落着香港团队"  # kept, never lost


def test_a_highlight_waits_for_its_article_and_comes_back_with_it(tmp_path):
    with Library.open(tmp_path / "a.db") as a:
        add_bundle(a, "b", [article("港澳新闻", TEXT, url="https://a.example/hk")])
        aid = a.article_ids()[0]
        a.add_highlight(aid, *_spot(a.get(aid).body, "港澳合作"))
        state = io.StringIO()
        a.export_state(state)
    with Library.open(tmp_path / "b.db") as b:
        report = b.import_state(io.BytesIO(state.getvalue().encode()).readlines())
        assert (report.applied, report.waiting) == (0, 1) and b.highlights() == []
        add_bundle(b, "other", [article(traditional("港澳新闻"), traditional(TEXT), url="https://a.example/hk")])
        (h,) = b.highlights()
        body = b.get(h.article_id).body
        assert body[h.start : h.end] == traditional("港澳合作")  # placed in the other script


# ---- exports and the CLI ------------------------------------------------------------------------


def test_exports_markdown_w3c_json_ld_and_readwise_csv(lib):
    aid = _only(lib)
    body = lib.get(aid).body
    lib.add_highlight(aid, *_spot(body, "香港团队"), note="# not a heading [x](javascript:alert(1))")
    lib.set_article_note(aid, "整篇")
    items = lib.highlights()
    md = export.markdown(items)
    assert "> 香港团队" in md and "## 港澳新闻" in md and "\\# not a heading \\[x\\]" in md
    anno = export.web_annotations(items)
    assert anno["@context"] == "http://www.w3.org/ns/anno.jsonld" and anno["total"] == 2
    quoted = [a for a in anno["first"]["items"] if a["motivation"] == "highlighting"][0]
    selectors = {s["type"]: s for s in quoted["target"]["selector"]}
    assert selectors["TextQuoteSelector"]["exact"] == "香港团队"
    assert body[selectors["TextPositionSelector"]["start"] : selectors["TextPositionSelector"]["end"]] == "香港团队"
    assert quoted["target"]["source"] == "https://a.example/hk" and quoted["body"]["type"] == "TextualBody"
    rows = list(csv.DictReader(io.StringIO(export.readwise_csv(items))))
    assert list(rows[0]) == ["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"]
    assert {r["Highlight"] for r in rows} == {"香港团队", "港澳新闻"}


def test_cli_highlights_and_export(lib, tmp_path):
    aid = _only(lib)
    body = lib.get(aid).body
    lib.add_highlight(aid, *_spot(body, "香港团队"), note="\x1b[31mred\x1b]0;t\x07")
    out = run_reader("highlights", db=lib.path)
    assert out.returncode == 0 and "「香港团队」" in out.stdout and "\x1b" not in out.stdout
    items = json.loads(run_reader("highlights", str(aid), "--json", db=lib.path).stdout)
    assert items[0]["quote"] == "香港团队" and items[0]["article_id"] == aid
    target = tmp_path / "h.csv"
    result = run_reader("export", "--highlights", "--format", "readwise", "-o", str(target), db=lib.path)
    assert result.returncode == 0 and "香港团队" in target.read_text("utf-8")
    assert "\x1b" not in target.read_text("utf-8")
    js = run_reader("export", "--highlights", "--format", "json", db=lib.path)
    assert json.loads(js.stdout)["total"] == 1 and "\x1b" not in js.stdout
    bad = run_reader("export", "--highlights", "--format", "epub", db=lib.path)
    assert bad.returncode == 2 and "readwise" in bad.stderr and "Traceback" not in bad.stderr


def test_wallabag_annotations_arrive_as_highlights_placed_or_orphaned(tmp_path):
    from reader.model import ArticleHints, RawDocument

    notes = json.dumps([{"quote": "港澳合作不断深化", "text": "要点"}, {"quote": "不在正文里的一句话", "text": ""},
                        {"quote": ""}, "junk"], ensure_ascii=False)
    paths = []
    for name in ("a.db", "b.db"):
        with Library.open(tmp_path / name) as lib:
            with lib.import_bundle("wallabag", "wallabag.json") as writer:
                doc = RawDocument("wallabag.json#1", b"x", "html", ArticleHints(annotations=notes))
                writer.add_document(doc, [article("港澳新闻", TEXT, url="https://a.example/hk")])
            found = {h.exact: h for h in lib.highlights()}
            paths.append(sorted(h.uid for h in found.values()))
            body = lib.get(lib.article_ids()[0]).body
            placed = found["港澳合作不断深化"]
            assert body[placed.start : placed.end] == "港澳合作不断深化" and placed.note == "要点"
            assert found["不在正文里的一句话"].orphaned and len(found) == 2
            assert lib.db.execute("SELECT count(*) FROM state_changes").fetchone()[0] == 0  # the source's
    assert paths[0] == paths[1]  # the same export gives the same highlights in every library


def test_a_reindex_that_reorders_a_documents_stories_keeps_each_with_its_own_state(tmp_path, monkeypatch):
    from reader import importer
    from reader.model import RawDocument

    first = article("防疫措施放宽", "防疫措施今日起放宽，市民出行更方便。")
    second = article("天气转冷", "明天起气温下降，请注意保暖。")
    with Library.open(tmp_path / "lib.db") as lib:
        with lib.import_bundle("digest", "digest.jsonl") as writer:
            writer.add_document(RawDocument("digest.jsonl", b"x", "jsonl"), [first, second])
        ids = {s.title: s.id for s in lib.list_articles(limit=None)}
        body = lib.get(ids["防疫措施放宽"]).body
        lib.add_highlight(ids["防疫措施放宽"], *_spot(body, "出行更方便"))
        lib.tag([ids["天气转冷"]], add=["天气"])
        monkeypatch.setattr(importer, "process_document", lambda doc: Processed([second, first], "utf-8"))
        report = lib.reindex(importer.DocumentPreparer(jobs=1).prepared)
        assert (report["removed"], report["duplicates"]) == (0, 0)
        after = {s.title: s.id for s in lib.list_articles(limit=None)}
        assert after == ids  # both stories kept, each with its id
        (h,) = lib.highlights(ids["防疫措施放宽"])
        assert not h.orphaned and lib.get(h.article_id).body[h.start : h.end] == "出行更方便"
        assert lib.article_tags(ids["天气转冷"]) == ["天气"]


def test_readwise_csv_cells_never_start_a_formula(lib):
    aid = _only(lib)
    body = lib.get(aid).body
    lib.add_highlight(aid, *_spot(body, "香港团队"), note='=HYPERLINK("http://evil.example","x")')
    lib.add_highlight(aid, *_spot(body, "合作带来"), note="@SUM(A1)")
    rows = list(csv.DictReader(io.StringIO(export.readwise_csv(lib.highlights()))))
    assert {r["Note"] for r in rows} == {"'=HYPERLINK(\"http://evil.example\",\"x\")", "'@SUM(A1)"}
