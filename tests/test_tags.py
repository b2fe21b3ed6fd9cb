"""Tags, read/bookmark marks, saved searches, reading positions and reading time (issue 13),
through the library API and the real CLI."""

from __future__ import annotations

import json
import sqlite3

import pytest
from test_library_support import add_bundle, article, run_reader

from reader.errors import UsageError
from reader.library import Library, schema
from reader.library.types import ArticleFilter, NoSuchArticle
from reader.model import ArticleHints, RawDocument
from reader.reading_time import reading_minutes


@pytest.fixture
def lib(tmp_path):
    library = Library.open(tmp_path / "lib.db")
    add_bundle(
        library,
        "b1",
        [
            article("台灣選舉結果出爐", "臺北市的選舉結果今晚公佈。" * 40, published="2024-01-13", url="https://a.example/1"),
            article("港澳合作再深化", "香港与澳门的合作不断深化。", published="2024-02-01", url="https://a.example/2"),
            article("Latin news", "word " * 450, published="2024-03-01"),
        ],
    )
    yield library
    library.close()


def _ids(lib) -> dict[str, int]:
    return {s.title: s.id for s in lib.list_articles(limit=None)}


def test_tags_fold_across_scripts_and_keep_their_first_spelling(lib):
    ids = _ids(lib)
    tw, hk = ids["台灣選舉結果出爐"], ids["港澳合作再深化"]
    assert lib.tag([tw], add=["台灣", "to-read"]) == 2
    assert lib.tag([hk], add=["台湾"]) == 1  # the same tag written in Simplified
    assert lib.tag([hk], add=["台湾"]) == 0  # again: nothing changes
    assert [(t.name, t.count) for t in lib.tags()] == [("台灣", 2), ("to-read", 1)]
    assert lib.count(ArticleFilter(tag="台湾")) == 2
    assert lib.count(ArticleFilter(tag="臺灣")) == 2  # the variant 臺 folds to 台 too
    assert lib.article_tags(tw) == ["to-read", "台灣"]
    assert lib.summaries([tw])[tw].tags == ("to-read", "台灣")
    assert lib.get(tw).tags == ("to-read", "台灣")
    lib.tag([tw, hk], remove=["台湾"])
    assert [t.name for t in lib.tags()] == ["to-read"]


def test_tag_search_works_with_words_sources_and_dates(lib):
    ids = _ids(lib)
    lib.tag([ids["台灣選舉結果出爐"], ids["港澳合作再深化"]], add=["港澳"])
    assert {h.summary.id for h in lib.search("选举 tag:港澳")} == {ids["台灣選舉結果出爐"]}
    assert {h.summary.id for h in lib.search("合作", ArticleFilter(tag="港澳"))} == {ids["港澳合作再深化"]}
    assert lib.search("合作 tag:nothing") == []
    assert {h.summary.id for h in lib.search("的 tag:港澳 after:2024-01-20")} == {ids["港澳合作再深化"]}
    with pytest.raises(UsageError, match="reader list"):
        lib.search("tag:港澳")  # a search needs a word; a list (or saved search) does not


def test_bad_tags_and_ids_change_nothing(lib):
    ids = _ids(lib)
    some = ids["Latin news"]
    for bad in ["", "  ", "x" * 65, "red\x1b[31m", "rtl\u202eevil"]:
        with pytest.raises(UsageError):
            lib.tag([some], add=[bad])
    with pytest.raises(NoSuchArticle):
        lib.tag([some, 999999], add=["fine"])
    with pytest.raises(UsageError, match="both added and removed"):
        lib.tag([some], add=["x"], remove=["X"])
    with pytest.raises(NoSuchArticle):
        lib.mark([some, 999999])
    assert lib.tags() == [] and not lib.get(some).read
    assert lib.db.execute("SELECT count(*) FROM state_changes").fetchone()[0] == 0


def test_every_change_is_logged_by_identity(lib):
    ids = _ids(lib)
    tw, latin = ids["台灣選舉結果出爐"], ids["Latin news"]
    lib.tag([tw], add=["台灣"])
    lib.mark([tw, latin])
    lib.mark([tw])  # unchanged: no new log row
    lib.bookmark([latin])
    lib.set_position(latin, 120, 0.5)
    lib.tag([tw], remove=["台湾"])
    rows = {(r[0], r[1]): r[2] for r in lib.db.execute("SELECT identity, field, value FROM state_changes")}
    assert rows[("//a.example/1", "tag:台湾")] is None  # removed: a tombstone
    assert rows[("//a.example/1", "read")] == "true"
    text_key = [k for k in rows if k[0].startswith("text:")]
    assert {k[1] for k in text_key} == {"read", "bookmarked", "position"}
    assert json.loads(rows[(text_key[0][0], "position")]) == {"offset": 120, "fraction": 0.5}


def test_saved_searches_are_filters_that_follow_imports(lib):
    ids = _ids(lib)
    lib.tag([ids["港澳合作再深化"]], add=["港澳"])
    saved = lib.save_search("港澳 news", "tag:港澳")
    assert (saved.count, saved.unread) == (1, 1)
    lib.save_search("合作", "合作")
    add_bundle(lib, "b2", [article("新的合作項目", "合作帶來新機會。", published="2024-04-01")])
    lib.mark([ids["港澳合作再深化"]])
    listed = {s.name: (s.count, s.unread) for s in lib.saved_searches()}
    assert listed == {"合作": (2, 1), "港澳 news": (1, 0)}
    newest = lib.list_articles(ArticleFilter(query="合作"))
    assert [s.title for s in newest] == ["新的合作項目", "港澳合作再深化"]
    with pytest.raises(UsageError):
        lib.save_search("broken", '"unclosed')
    lib.delete_search("合作")
    with pytest.raises(UsageError):
        lib.delete_search("合作")
    assert [s.name for s in lib.saved_searches()] == ["港澳 news"]


def test_positions_give_progress_in_summaries(lib):
    ids = _ids(lib)
    latin = ids["Latin news"]
    assert lib.position(latin) is None and lib.summaries([latin])[latin].progress is None
    lib.set_position(latin, 300, 0.38)
    lib.set_position(latin, 400, 1.7)  # clamped
    assert (lib.position(latin).offset, lib.position(latin).fraction) == (400, 1.0)
    with pytest.raises(NoSuchArticle):
        lib.set_position(999999, 1, 0.1)


def test_reading_time_counts_han_characters_and_latin_words(lib):
    assert reading_minutes("中" * 400) == 1
    assert reading_minutes("中" * 401) == 2
    assert reading_minutes("word " * 200 + "中" * 400) == 2
    assert reading_minutes("，。123") == 0
    minutes = {s.title: s.reading_minutes for s in lib.list_articles(limit=None)}
    assert minutes == {"台灣選舉結果出爐": 2, "港澳合作再深化": 1, "Latin news": 3}


def test_tags_from_an_import_arrive_as_tags(lib):
    with lib.import_bundle("feed", "feed") as writer:
        doc = RawDocument("feed.xml#1", b"x", "text", ArticleHints(tags=("科技", "", "AI\x1b")))
        writer.add_document(doc, [article("科技新聞", "人工智能的新進展。")])
    assert [(t.name, t.count) for t in lib.tags()] == [("科技", 1)]  # unusable names dropped
    assert lib.db.execute("SELECT count(*) FROM state_changes").fetchone()[0] == 0  # the source's, not logged


def test_migration_from_version_7_fills_reading_time(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, target=7)
    conn.execute("INSERT INTO bundles (id, identity, label, imported_at) VALUES (1, 'b', 'b', 'now')")
    conn.execute(
        "INSERT INTO documents (id, bundle_id, name, kind, sha256, size, compression, data) VALUES (1, 1, 'a', 'text', '', 0, 'none', x'')"
    )
    blocks = json.dumps([{"kind": "paragraph", "text": "中" * 900}])
    conn.execute(
        "INSERT INTO articles (bundle_id, document_id, title, blocks, dedupe_key) VALUES (1, 1, 't', ?, 'k')", (blocks,)
    )
    conn.close()
    with Library.open(path) as lib:
        assert lib.schema_version == schema.SCHEMA_VERSION
        assert lib.list_articles()[0].reading_minutes == 3


# ---- the CLI ----------------------------------------------------------------------------------


def _one_line_error(result, fragment: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], result.stderr


def test_cli_tag_tags_list_mark_bookmark(lib):
    ids = _ids(lib)
    db = lib.path
    tw, hk = str(ids["台灣選舉結果出爐"]), str(ids["港澳合作再深化"])
    assert run_reader("tag", tw, hk, "+港澳", "+to-read", db=db).returncode == 0
    assert run_reader("tag", tw, "-to-read", db=db).stdout.strip() == "1 change"
    tags = json.loads(run_reader("tags", "--json", db=db).stdout)
    assert tags == [{"name": "港澳", "count": 2}, {"name": "to-read", "count": 1}]
    listed = json.loads(run_reader("list", "--tag", "港澳", "--json", db=db).stdout)
    assert {i["id"] for i in listed} == {int(tw), int(hk)}
    assert all({"tags", "read", "bookmarked", "reading_minutes", "progress"} <= set(i) for i in listed)
    assert run_reader("mark", tw, db=db).returncode == 0
    assert run_reader("bookmark", hk, db=db).returncode == 0
    shown = json.loads(run_reader("show", tw, "--json", db=db).stdout)
    assert shown["read"] and shown["tags"] == ["港澳"] and shown["reading_minutes"] == 2
    assert json.loads(run_reader("show", hk, "--json", db=db).stdout)["bookmarked"]
    run_reader("mark", tw, "--unread", db=db)
    run_reader("bookmark", hk, "--remove", db=db)
    assert not json.loads(run_reader("show", tw, "--json", db=db).stdout)["read"]
    assert not json.loads(run_reader("show", hk, "--json", db=db).stdout)["bookmarked"]
    found = json.loads(run_reader("search", "合作", "tag:港澳", "--json", db=db).stdout)
    assert [i["id"] for i in found] == [int(hk)] and found[0]["tags"] == ["to-read", "港澳"]


def test_cli_saved_searches(lib):
    db = lib.path
    result = run_reader("search", "--save", "合作新聞", "合作", db=db)
    assert result.returncode == 0 and "1 articles, 1 unread" in result.stdout
    assert json.loads(run_reader("searches", "--json", db=db).stdout) == [
        {"name": "合作新聞", "query": "合作", "count": 1, "unread": 1}
    ]
    assert run_reader("searches", "--delete", "合作新聞", db=db).returncode == 0
    assert json.loads(run_reader("searches", "--json", db=db).stdout) == []


def test_cli_errors_are_one_line_and_change_nothing(lib):
    db = lib.path
    some = str(_ids(lib)["Latin news"])
    _one_line_error(run_reader("tag", some, "999999", "+x", db=db), "no article with id 999999")
    _one_line_error(run_reader("tag", some, db=db), "+name")
    _one_line_error(run_reader("tag", "+x", db=db), "at least one article")
    _one_line_error(run_reader("tag", some, "+red\x1b[31m", db=db), "control")
    _one_line_error(run_reader("mark", "abc", db=db), "an article id is a number")
    _one_line_error(run_reader("searches", "--delete", "nope", db=db), "no saved search")
    _one_line_error(run_reader("search", "--save", "x", '"open', db=db), "unclosed quote")
    assert json.loads(run_reader("tags", "--json", db=db).stdout) == []


def test_hostile_tag_names_print_inert(lib):
    some = _ids(lib)["Latin news"]
    lib.tag([some], add=["[bold]markup[/bold]", "<script>x</script>"])
    with lib.import_bundle("feed", "feed") as writer:  # a feed may carry escapes the CLI refuses
        doc = RawDocument("f#1", b"x", "text", ArticleHints(tags=("\u00a0ok\u00a0",)))
        writer.add_document(doc, [article("Other", "text here")])
    out = run_reader("tags", db=lib.path).stdout + run_reader("list", db=lib.path).stdout
    assert "[bold]markup[/bold]" in out and "<script>x</script>" in out
    assert "\x1b" not in out
