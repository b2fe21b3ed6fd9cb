"""The library: schema, migrations, import transactions, dedupe, state, settings, ordering."""

from __future__ import annotations

import json
import random
import sqlite3
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_library_support import add_bundle, article, dump, seed_paragraphs, simplified

from reader.errors import BundleError, LibraryError, UsageError
from reader.importer import Processed
from reader.library import ArticleFilter, Library, NoSuchArticle
from reader.library import reindex, schema, search_index
from reader.library.rows import canonical_url, dedupe_key
from reader.model import Article, Block, RawDocument
from reader.script import dedupe_key_text


@pytest.fixture
def lib(tmp_path):
    library = Library.open(tmp_path / "lib.db")
    yield library
    library.close()


def test_open_creates_schema_with_wal_foreign_keys_and_busy_timeout(tmp_path):
    path = tmp_path / "sub" / "dir" / "lib.db"
    with Library.open(path) as lib:
        conn = lib._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert lib.schema_version == schema.SCHEMA_VERSION
        tables = set(lib.db.table_names())
        assert {"bundles", "documents", "articles", "settings", "search_index"} <= tables
    assert path.exists()


def test_default_path_comes_from_reader_db(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_DB", str(tmp_path / "env.db"))
    with Library.open() as lib:
        assert lib.path == tmp_path / "env.db"


def test_foreign_keys_refuse_an_article_without_bundle(lib):
    with pytest.raises(sqlite3.IntegrityError):
        lib._conn.execute(
            "INSERT INTO articles (bundle_id, document_id, title, dedupe_key) VALUES (999, 999, 't', 'k')"
        )


def test_migrates_a_real_version_1_file(tmp_path):
    """A library written by schema version 1 (no search index, no list indexes) opens and works."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert schema.migrate(conn, target=1) == 1
    conn.execute("INSERT INTO bundles (id, identity, label, imported_at) VALUES (1, 'old', 'old bundle', '2024-01-01')")
    conn.execute(
        "INSERT INTO documents (id, bundle_id, name, kind, sha256, size, compression, data)"
        " VALUES (1, 1, 'a.txt', 'text', 'x', 1, 'none', x'61')"
    )
    blocks = json.dumps([{"kind": "paragraph", "text": "江門市蓬江區勝利路上,坐落著香港團隊管理的珠西創谷"}], ensure_ascii=False)
    conn.execute(
        "INSERT INTO articles (id, bundle_id, document_id, title, published, sort_date, blocks, script, dedupe_key, read)"
        " VALUES (7, 1, 1, '舊文章', '2020-05-01', '2020-05-01', ?, 'traditional', 'k', 1)",
        (blocks,),
    )
    conn.close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1

    with Library.open(path) as lib:
        assert lib.schema_version == schema.SCHEMA_VERSION
        assert lib.article_ids() == [7]
        assert lib.get(7).read is True
        assert [h.summary.id for h in lib.search("坐落着")] == [7]  # old rows were indexed
        indexes = {r[0] for r in lib._conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "articles_read_date" in indexes
        assert lib.check() == []
        # version 7: a 16 MiB buffer, no merging inside commits, the library's merges 16 at a time
        config = dict(lib._conn.execute("SELECT k, v FROM search_index_config"))
        assert config["hashsize"] == 16 * 1024 * 1024 and config["automerge"] == 0
        assert config["usermerge"] == 16 and config["crisismerge"] == 64


def test_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(LibraryError, match="newer"):
        Library.open(path)


def test_refuses_a_file_that_is_not_a_library(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(LibraryError, match="not a reader library"):
        Library.open(path)


def test_import_and_get_round_trip(lib):
    art = Article(
        title="江門推動港澳合作",
        blocks=[Block("paragraph", "第一段。"), Block("share"), Block("subheading", "小標題"), Block("paragraph", "第二段。")],
        published="2021-12-29T10:20:00+08:00",
        source="南方日報",
        authors=["葉芷晴", "張泳渝"],
        editor="王編",
        breadcrumb=["城市", "江門分站", "最新動態"],
        url="https://example.com/a",
    )
    result = add_bundle(lib, "b1", [art])
    assert (result.imported, result.duplicates) == (1, 0)
    [article_id] = lib.article_ids()
    got = lib.get(article_id)
    assert got.title == art.title
    assert [b.kind for b in got.blocks] == ["paragraph", "share", "subheading", "paragraph"]
    assert got.body == "第一段。\n\n小標題\n\n第二段。"
    assert (got.authors, got.editor, got.breadcrumb) == (art.authors, "王編", art.breadcrumb)
    assert got.published == art.published and got.source == "南方日報" and got.url == art.url
    assert got.script == "traditional"
    assert got.name == "0000.txt" and not got.read and not got.bookmarked
    summary = lib.summaries([article_id])[article_id]
    assert summary.title == art.title and summary.bundle_id == got.bundle_id
    with pytest.raises(NoSuchArticle):
        lib.get(article_id + 1)
    assert issubclass(NoSuchArticle, UsageError)


def test_original_bytes_are_kept_compressed(lib):
    data = "江門市蓬江區".encode("big5") * 200
    add_bundle(lib, "b1", [article("t", "正文內容")], data=data)
    row = lib._conn.execute("SELECT size, compression, length(data), sha256 FROM documents").fetchone()
    assert row[0] == len(data) and row[1] in ("zlib", "lzma") and row[2] < len(data)
    from reader.library.rows import decompress

    blob = lib._conn.execute("SELECT compression, data FROM documents").fetchone()
    assert decompress(*blob) == data


def test_script_is_recorded(lib):
    trad = "江門市蓬江區勝利路上,坐落著香港團隊管理的珠西創谷科技園。"
    add_bundle(lib, "b", [article("繁體", trad), article("简体", simplified(trad) + "另一篇"), article("English", "No Chinese here.")])
    scripts = {s.title: s.script for s in lib.summaries(lib.article_ids()).values()}
    assert scripts == {"繁體": "traditional", "简体": "simplified", "English": "unknown"}


def test_duplicate_by_canonical_url(lib):
    a = article("one", "第一篇完全不同的文字。", url="https://Example.com/news/1/#top")
    b = article("two", "第二篇也不同。", url="http://example.com/news/1")
    result = add_bundle(lib, "b", [a, b])
    assert (result.imported, result.duplicates) == (1, 1)
    assert canonical_url("https://Example.com:443/news/1/#x") == canonical_url("http://example.com/news/1")


def test_duplicate_traditional_and_simplified_copy_is_one_article(lib):
    paras = seed_paragraphs()[:3]
    trad = article("江門推動港澳合作再上新臺階", *paras)
    simp = article(simplified("江門推動港澳合作再上新臺階"), *[simplified(p).replace(",", "，") for p in paras])
    assert add_bundle(lib, "t", [trad]).imported == 1
    result = add_bundle(lib, "s", [simp])
    assert (result.imported, result.duplicates) == (0, 1)
    assert len(lib.article_ids()) == 1
    # the duplicate's bytes are not kept either
    assert lib._conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_duplicates_within_one_document_and_bundle(lib):
    with lib.import_bundle("b", "b") as writer:
        new = writer.add_document(RawDocument("x.jsonl", b"{}", "jsonl"), [article("a", "同一段文字"), article("b", "同一段文字")])
    assert new == [True, False]
    assert writer.result.imported == 1 and writer.result.duplicates == 1


def test_reimporting_a_bundle_is_a_no_op(lib, tmp_path):
    add_bundle(lib, "same-identity", [article("t", "文字")])
    before = dump(lib.path)
    with lib.import_bundle("same-identity", "again") as writer:
        assert writer is None
    assert dump(lib.path) == before


def test_bundle_error_midway_leaves_the_library_exactly_as_it_was(lib):
    add_bundle(lib, "first", [article("t", "第一個包的文章")])
    lib.set_read(lib.article_ids()[0])
    lib.set_setting("theme", "dark")
    before = dump(lib.path)
    with pytest.raises(BundleError):
        with lib.import_bundle("second", "second") as writer:
            writer.add_document(RawDocument("a.txt", b"a", "text"), [article("新文章", "新的正文一")])
            writer.add_document(RawDocument("b.txt", b"b", "text"), [article("新文章二", "新的正文二")])
            raise BundleError("second: archive truncated")
    assert dump(lib.path) == before
    assert lib.search("新的正文") == []
    assert lib.check() == []
    # and the same bundle imports completely afterwards
    add_bundle(lib, "second", [article("新文章", "新的正文一")])
    assert len(lib.article_ids()) == 2


def test_read_and_bookmark_state(lib):
    add_bundle(lib, "b", [article(f"t{i}", f"正文{i}號") for i in range(3)])
    ids = lib.article_ids()
    lib.set_read(ids[0])
    lib.set_bookmarked(ids[1], True)
    assert lib.get(ids[0]).read and not lib.get(ids[1]).read
    assert lib.article_ids(ArticleFilter(unread=True)) == ids[1:]
    assert lib.article_ids(ArticleFilter(bookmarked=True)) == [ids[1]]
    lib.set_read(ids[0], False)
    lib.set_bookmarked(ids[1], False)
    assert lib.article_ids(ArticleFilter(unread=True)) == ids
    assert lib.article_ids(ArticleFilter(bookmarked=True)) == []
    with pytest.raises(NoSuchArticle):
        lib.set_read(10_000)
    with pytest.raises(NoSuchArticle):
        lib.set_bookmarked(10_000, True)


def test_settings_hold_json_values(lib, tmp_path):
    assert lib.get_setting("missing") is None
    assert lib.get_setting("missing", {"a": 1}) == {"a": 1}
    lib.set_setting("tui", {"script": "simplified", "widths": [30, 70], "last": 12})
    lib.set_setting("theme", "dark")
    lib.set_setting("theme", "light")
    lib.close()
    with Library.open(tmp_path / "lib.db") as again:
        assert again.get_setting("tui") == {"script": "simplified", "widths": [30, 70], "last": 12}
        assert again.get_setting("theme") == "light"


def test_100_articles_list_newest_first_with_filters(lib):
    rng = random.Random(3)
    sources = ["南方日報", "新华社", "明報"]
    arts = []
    for i in range(100):
        day = None if i % 10 == 0 else f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        arts.append(article(f"標題{i}", f"第{i}篇的正文內容", published=day, source=sources[i % 3]))
    add_bundle(lib, "first", arts[:60])
    add_bundle(lib, "second", arts[60:])
    ids = lib.article_ids()
    summaries = lib.summaries(ids)
    assert len(ids) == 100 == len(summaries)
    keys = [(summaries[i].published or "", i) for i in ids]
    assert keys == sorted(keys, reverse=True)  # newest first, ties by id, undated last
    assert all(summaries[i].published is None for i in ids[-10:])
    page = lib.list_articles(ArticleFilter(), limit=25, offset=25)
    assert [s.id for s in page] == ids[25:50]
    assert [s.id for s in lib.list_articles(None, limit=None)] == ids
    # filters: each is the plain filter of the full list
    bundles = {b.label: b.id for b in lib.bundles()}
    second = lib.article_ids(ArticleFilter(bundle_id=bundles["second"]))
    assert second == [i for i in ids if summaries[i].bundle_id == bundles["second"]] and len(second) == 40
    news = lib.article_ids(ArticleFilter(source="新華社"))  # either script
    assert news == [i for i in ids if summaries[i].source == "新华社"]
    after = lib.article_ids(ArticleFilter(after="2020-01-01"))
    assert after == [i for i in ids if (summaries[i].published or "") >= "2020-01-01"]
    before = lib.article_ids(ArticleFilter(before="2015-01-01"))
    assert before == [i for i in ids if summaries[i].published and summaries[i].published < "2015-01-01"]
    assert lib.count(ArticleFilter(source="明報")) == len(lib.article_ids(ArticleFilter(source="明報")))
    assert dict(lib.sources()) == {"南方日報": 34, "新华社": 33, "明報": 33}
    assert {b.label: b.articles for b in lib.bundles()} == {"first": 60, "second": 40}


def test_list_uses_indexes(lib):
    plans = {
        "all": ("SELECT a.id FROM articles a ORDER BY a.sort_date DESC, a.id DESC", []),
        "bundle": ("SELECT a.id FROM articles a WHERE a.bundle_id = ? ORDER BY a.sort_date DESC, a.id DESC", [1]),
        "unread": ("SELECT a.id FROM articles a WHERE a.read = 0 ORDER BY a.sort_date DESC, a.id DESC", []),
        "source+unread": (
            "SELECT a.id FROM articles a WHERE a.source_key = ? AND a.read = 0 ORDER BY a.sort_date DESC, a.id DESC",
            ["x"],
        ),
        "bundle+bookmarked": (
            "SELECT a.id FROM articles a WHERE a.bundle_id = ? AND a.bookmarked = 1 ORDER BY a.sort_date DESC, a.id DESC",
            [1],
        ),
    }
    for name, (sql, params) in plans.items():
        plan = " ".join(str(r[3]) for r in lib._conn.execute("EXPLAIN QUERY PLAN " + sql, params))
        assert "USING" in plan and "TEMP B-TREE" not in plan, (name, plan)


def test_stats(lib):
    add_bundle(lib, "b", [article("t", "江門市蓬江區勝利路上")])
    stats = lib.stats()
    assert stats["articles"] == 1 and stats["bundles"] == 1 and stats["unread"] == 1
    assert stats["schema_version"] == schema.SCHEMA_VERSION
    assert stats["scripts"] == {"traditional": 1}


def test_a_library_is_usable_from_another_thread(lib):
    add_bundle(lib, "b", [article("t", "文字內容")])
    out = {}

    def worker():
        out["ids"] = lib.article_ids()
        out["hits"] = [h.summary.id for h in lib.search("文字")]

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert out["ids"] == out["hits"] == lib.article_ids()


def test_second_connection_reads_while_an_import_is_open(lib, tmp_path):
    add_bundle(lib, "a", [article("t", "已提交的文章")])
    reader = Library.open(tmp_path / "lib.db")
    try:
        with lib.import_bundle("b", "b") as writer:
            writer.add_document(RawDocument("x", b"x", "text"), [article("u", "未提交的文章")])
            assert len(reader.article_ids()) == 1  # WAL: the reader sees the last commit
        assert len(reader.article_ids()) == 2
    finally:
        reader.close()


def test_other_connections_write_while_a_bundle_is_being_imported(lib, tmp_path):
    add_bundle(lib, "a", [article("t", "已提交的文章")])
    [first] = lib.article_ids()
    other = Library.open(tmp_path / "lib.db")
    other._conn.execute("PRAGMA busy_timeout = 0")  # would fail at once if the library were locked
    try:
        with lib.import_bundle("b", "b") as writer:
            writer.add_document(RawDocument("x", b"x", "text"), [article("u", "未提交的文章")])
            other.set_read(first)
            other.set_setting("k", 1)
        assert writer.result.bundle_id is not None
    finally:
        other.close()
    assert lib.get(first).read and len(lib.article_ids()) == 2


def test_the_same_bundle_imported_meanwhile_by_another_process_is_skipped(lib, tmp_path):
    other = Library.open(tmp_path / "lib.db")
    try:
        with lib.import_bundle("same", "first") as writer:
            writer.add_document(RawDocument("x", b"x", "text"), [article("u", "同一個包")])
            add_bundle(other, "same", [article("u", "同一個包")])
        assert writer.result.skipped and writer.result.imported == 0
    finally:
        other.close()
    assert len(lib.article_ids()) == 1


def test_an_article_stored_meanwhile_by_another_import_becomes_a_duplicate(lib, tmp_path):
    other = Library.open(tmp_path / "lib.db")
    try:
        with lib.import_bundle("one", "one") as writer:
            writer.add_document(RawDocument("x", b"x", "text"), [article("u", "兩個包裡的同一篇")])
            writer.add_document(RawDocument("y", b"y", "text"), [article("v", "只在這個包裡")])
            add_bundle(other, "two", [article("u", "兩個包裡的同一篇")])
        assert (writer.result.imported, writer.result.duplicates) == (1, 1)
    finally:
        other.close()
    assert len(lib.article_ids()) == 2 and lib.check() == []


def test_a_bundle_whose_every_article_was_stored_meanwhile_is_not_recorded(lib, tmp_path):
    """As when the duplicates are seen while staging: a retry retries, nothing says "imported"."""
    other = Library.open(tmp_path / "lib.db")
    try:
        with lib.import_bundle("one", "one") as writer:
            writer.add_document(RawDocument("x", b"x", "text"), [article("u", "兩個包裡的同一篇")])
            add_bundle(other, "two", [article("u", "兩個包裡的同一篇")])
        assert (writer.result.imported, writer.result.duplicates, writer.result.bundle_id) == (0, 1, None)
    finally:
        other.close()
    assert [b.label for b in lib.bundles()] == ["two"] and not lib.has_bundle("one")
    assert len(lib.article_ids()) == 1 and lib.check() == []


def test_an_article_whose_url_was_stored_meanwhile_becomes_a_duplicate(lib, tmp_path):
    url = "https://news.example/2021/1229/a.html"
    other = Library.open(tmp_path / "lib.db")
    try:
        with lib.import_bundle("one", "one") as writer:
            writer.add_document(RawDocument("x", b"x", "text"), [article("更新版", "改過的正文", url=url)])
            writer.add_document(RawDocument("y", b"y", "text"), [article("v", "只在這個包裡")])
            add_bundle(other, "two", [article("初版", "最早的正文", url="http://NEWS.example/2021/1229/a.html#top")])
        assert (writer.result.imported, writer.result.duplicates) == (1, 1)
    finally:
        other.close()
    assert sorted(s.title for s in lib.summaries(lib.article_ids()).values()) == ["v", "初版"]
    assert lib.check() == []


def test_a_killed_import_leaves_a_scratch_file_that_the_next_open_removes(lib, tmp_path):
    stale = tmp_path / "lib.db.import-deadbeef0000.tmp"
    stale.write_bytes(b"left by kill -9")
    lib.close()
    with Library.open(tmp_path / "lib.db"):
        assert not stale.exists()
    assert not list(tmp_path.glob("*.import-*.tmp"))


def _reindex_with(lib, monkeypatch, process):
    """``lib.reindex`` through the importer's own preparation, with ``process`` as the extractor."""
    from reader import importer

    monkeypatch.setattr(importer, "process_document", process)
    return lib.reindex(importer.DocumentPreparer(jobs=1).prepared)


def test_reindex_keeps_ids_and_state_and_rebuilds_search(lib, monkeypatch):
    add_bundle(lib, "b", [article("舊標題", "舊的正文"), article("另一篇", "另一篇正文")])
    first, second = sorted(lib.article_ids())
    lib.set_read(first)
    lib.set_bookmarked(first, True)

    def process(doc):
        if doc.name == "0001.txt":
            from reader.errors import ContentError

            raise ContentError("cannot read it now")
        return Processed([article("新標題", "新的正文")], "utf-8")

    report = _reindex_with(lib, monkeypatch, process)
    assert report["updated"] == 1 and len(report["failed"]) == 1
    got = lib.get(first)
    assert (got.title, got.read, got.bookmarked) == ("新標題", True, True)
    assert lib.get(second).title == "另一篇"  # a document that now fails keeps its article
    assert [h.summary.id for h in lib.search("新的")] == [first]
    assert lib.search("舊的") == []
    assert lib.check() == []


def test_an_interrupted_reindex_keeps_whole_documents_says_so_and_a_rerun_finishes(lib, monkeypatch):
    add_bundle(lib, "b", [article(f"舊{i}", f"舊的第{i}篇正文") for i in range(5)])
    ids = sorted(lib.article_ids())
    monkeypatch.setattr(reindex, "REINDEX_BATCH", 2)
    seen = []

    def interrupted(doc):
        seen.append(doc.name)
        if len(seen) == 4:  # two batches of two were written
            raise KeyboardInterrupt
        return Processed([article(f"新{doc.name}", f"新的正文{doc.name}")], "utf-8")

    with pytest.raises(KeyboardInterrupt):
        _reindex_with(lib, monkeypatch, interrupted)
    titles = [lib.get(i).title for i in ids]
    assert titles[:2] == ["新0000.txt", "新0001.txt"] and titles[2:] == ["舊2", "舊3", "舊4"]
    assert any("reindex was interrupted" in p for p in lib.check())

    report = _reindex_with(lib, monkeypatch, lambda doc: Processed([article(f"新{doc.name}", "新的正文" + doc.name)], "utf-8"))
    assert report["updated"] == 5 and lib.check() == []
    assert [h.summary.id for h in lib.search("新的正文0003")] == [ids[3]]
    assert lib.search("舊的") == []


def test_a_second_reindex_of_the_same_library_is_refused(lib, monkeypatch):
    import fcntl

    add_bundle(lib, "b", [article("t", "正文")])
    with open(lib.path.with_name(lib.path.name + ".reindex.lock"), "a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(LibraryError, match="another reindex"):
            _reindex_with(lib, monkeypatch, lambda doc: Processed([article("t", "正文")], "utf-8"))
    assert lib.check() == []


def test_a_reindex_clears_what_an_interrupted_one_left_and_leaves_one_search_index(lib, monkeypatch):
    add_bundle(lib, "b", [article(f"第{i}篇", f"第{i}篇的正文") for i in range(30)])
    for leftover in ("search_index_next", "search_index_old"):  # killed while building, while dropping
        search_index.create_search_index(lib._conn, leftover)
        lib._conn.executemany(
            f"INSERT INTO {leftover} (rowid, title, body) VALUES (?, ?, ?)", [(i, f"t{i}", "x y") for i in range(1, 500)]
        )
    monkeypatch.setattr(search_index, "DROP_STEP_ROWS", 2)  # dropped a few pages per transaction
    _reindex_with(lib, monkeypatch, lambda doc: Processed([article("新" + doc.name, "新的正文" + doc.name)], "utf-8"))
    assert sorted(t for t in lib.db.table_names() if t.startswith("search_index")) == [
        "search_index", "search_index_config", "search_index_data", "search_index_docsize", "search_index_idx"
    ]
    assert len(lib.search("新的")) == 20 and lib.check() == []


def test_the_search_index_merges_its_segments_16_at_a_time_between_imports(lib):
    for b in range(40):
        add_bundle(lib, f"b{b}", [article(f"第{b}包", f"第{b}包的正文，第{b}包的內容")])
    segments = lib._conn.execute("SELECT count(DISTINCT segid) FROM search_index_idx").fetchone()[0]
    assert segments <= 16  # one per bundle without the merge steps
    assert lib.check() == [] and len(lib.search("的正文", limit=100)) == 40


def test_doctor_tells_a_running_reindex_from_an_interrupted_one(lib):
    import fcntl

    add_bundle(lib, "b", [article("t", "正文")])
    search_index.create_search_index(lib._conn, "search_index_old")  # left by a reindex killed while dropping it
    assert any(p.startswith("a reindex was interrupted") for p in lib.check())
    with open(lib.path.with_name(lib.path.name + ".reindex.lock"), "a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # another process reindexing
        assert any(p.startswith("a reindex is running") for p in lib.check())


def test_an_import_whose_index_merge_steps_fail_is_still_stored(lib, monkeypatch):
    def busy(conn, table="search_index"):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(search_index, "merge_segments", busy)
    result = add_bundle(lib, "b", [article("t", "正文")])  # the merge committed; only the tidying failed
    assert result.bundle_id is not None and len(lib.article_ids()) == 1 and lib.check() == []


def test_the_index_a_reindex_builds_is_the_one_the_migrations_build(lib):
    search_index.create_search_index(lib._conn, "search_index_copy")
    sql = dict(lib._conn.execute("SELECT name, sql FROM sqlite_master WHERE name IN ('search_index', 'search_index_copy')"))
    def unspaced(text: str) -> str:
        return "".join(text.split())

    assert unspaced(sql["search_index_copy"].replace("search_index_copy", "search_index")) == unspaced(sql["search_index"])
    config = {name: sorted(lib._conn.execute(f"SELECT k, v FROM {name}_config")) for name in sql}
    assert config["search_index_copy"] == config["search_index"]


def test_doctor_check_finds_orphans_and_repair_fixes_them(lib):
    add_bundle(lib, "b", [article("t", "正文")])
    assert lib.check() == []
    lib._conn.execute("PRAGMA foreign_keys = OFF")
    lib._conn.execute("DELETE FROM bundles")
    lib._conn.execute("PRAGMA foreign_keys = ON")
    problems = lib.check()
    assert any("orphaned" in p for p in problems)
    lib.repair()
    assert lib.check() == []
    assert lib.article_ids() == []
    assert lib.search("正文") == []


def test_doctor_check_finds_a_stale_search_index(lib):
    add_bundle(lib, "b", [article("t", "正文")])
    lib._conn.execute("INSERT INTO search_index (rowid, title, body) VALUES (999, 'x', 'y')")
    assert any("search index" in p for p in lib.check())
    lib.repair()
    assert lib.check() == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("江門市蓬江区區著着「」“”，,。 　ＡaB\n")), max_size=40))
def test_dedupe_key_shortcut_equals_dedupe_key_text(text):
    import hashlib

    from reader.script import normalise_for_search

    expected = dedupe_key_text(text) or "title:" + dedupe_key_text("t")
    assert dedupe_key("t", text, normalise_for_search(text)) == hashlib.sha256(expected.encode()).hexdigest()


def test_reindex_drops_an_article_that_became_a_duplicate(lib, monkeypatch):
    add_bundle(lib, "b", [article("甲", "第一篇的正文"), article("乙", "第二篇的正文")])
    first, second = sorted(lib.article_ids())
    lib.set_bookmarked(first, True)

    def process(doc):  # the better extractor finds that both pages hold the same story
        return Processed([article("同一篇", "相同的正文")], "utf-8")

    report = _reindex_with(lib, monkeypatch, process)
    assert report["duplicates"] == 1 and report["removed"] == 1
    assert lib.article_ids() == [first] and lib.get(first).bookmarked
    assert lib.check() == []
