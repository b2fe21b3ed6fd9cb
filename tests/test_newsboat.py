"""newsboat's cache.db: a cache newsboat itself writes, read without being modified; inside a
bundle; and caches that are not newsboat's, locked by a running newsboat, or corrupt."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reader.bundle import iter_bundles, newsboat
from reader.importer import import_paths
from reader.library.store import Library
from reader.limits import Limits

from test_robust_support import refused

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from formats_books import SCHEMA  # noqa: E402 - newsboat 2.21's tables, written once

BODY = "江门市今年新建三座社区图书馆，市民在家门口就能借书、读书。图书馆每天开放十二小时，周末还有亲子阅读活动。"


def make_cache(path: Path, n: int = 3, deleted: tuple[int, ...] = ()) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    conn.execute("INSERT INTO rss_feed (rssurl, url, title) VALUES ('exec:cat feed.xml', 'https://news.example.cn/', '侨乡新闻网')")
    for i in range(n):
        conn.execute("INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread, flags, deleted)"
                     " VALUES (?, ?, '', ?, 'exec:cat feed.xml', 1709596800, ?, 1, '', ?)",
                     (f"g{i}", f"第{i}条新闻", f"https://news.example.cn/{i}.html", f"<p>{BODY}第{i}段。</p>", int(i in deleted)))
    conn.commit()
    conn.close()
    return path


def documents(path: Path, limits: Limits = Limits()):
    (source,) = list(iter_bundles([path], limits))
    return source, list(source.documents())


def test_a_cache_newsboat_writes_is_read_without_being_changed(tmp_path):
    if shutil.which("newsboat") is None:
        pytest.skip("newsboat is not installed (Debian package newsboat; .ci/run installs it)")
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>侨乡新闻网</title><link>https://news.example.cn/</link>'
        "<description>江门本地新闻</description>"
        "<item><title>江门新建三座社区图书馆</title><link>https://news.example.cn/a1.html</link><guid>a1</guid>"
        f"<pubDate>Tue, 05 Mar 2024 08:00:00 +0800</pubDate><dc:creator>李明</dc:creator><content:encoded><![CDATA[<p>{BODY}</p>]]></content:encoded></item>"
        "<item><title>台山海鲜节吸引游客</title><link>https://news.example.cn/a2.html</link><guid>a2</guid>"
        f"<pubDate>Tue, 05 Mar 2024 09:30:00 +0800</pubDate><description><![CDATA[<p>第十届台山海鲜节昨日开幕。{BODY}</p>]]></description></item>"
        "<item><title>开平碉楼申遗十五周年</title><link>https://news.example.cn/a3.html</link><guid>a3</guid>"
        f"<pubDate>Tue, 05 Mar 2024 10:00:00 +0800</pubDate><description><![CDATA[<p>开平碉楼与村落。{BODY}</p>]]></description></item>"
        "</channel></rss>", encoding="utf-8")
    urls = tmp_path / "urls"
    urls.write_text(f'"exec:cat {feed}" 新闻\n', encoding="utf-8")
    cache = tmp_path / "cache.db"
    subprocess.run(["newsboat", "-u", str(urls), "-c", str(cache), "-x", "reload"], check=True, timeout=60,
                   capture_output=True, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    # newsboat marks items read or flagged only interactively: done here as it would store them
    with sqlite3.connect(cache) as conn:
        conn.execute("UPDATE rss_item SET unread = 0 WHERE guid = 'a2'")
        conn.execute("UPDATE rss_item SET flags = 'sx' WHERE guid = 'a1'")
    conn.close()
    before = hashlib.sha256(cache.read_bytes()).hexdigest()
    source, docs = documents(cache)
    assert source.kind == "newsboat"
    by_title = {d.hints.title: d for d in docs}
    assert sorted(by_title) == sorted(["江门新建三座社区图书馆", "台山海鲜节吸引游客", "开平碉楼申遗十五周年"])
    first = by_title["江门新建三座社区图书馆"].hints
    assert (first.url, first.published, first.authors, first.source) == (
        "https://news.example.cn/a1.html", "2024-03-05T00:00:00+00:00", ("李明",), "侨乡新闻网")
    assert (first.read, first.bookmarked, first.tags, first.container) == (False, True, ("flag:x",), "newsboat")
    assert first.entry.startswith("item ") and by_title["台山海鲜节吸引游客"].hints.read is True
    assert BODY.encode() in by_title["江门新建三座社区图书馆"].data
    with Library.open(tmp_path / "lib.db") as library:
        assert import_paths(library, [cache], jobs=1).imported == 3
        assert import_paths(library, [cache], jobs=1).skipped == [str(cache)]
        states = dict(((t, (r, b)) for t, r, b in library._conn.execute("SELECT title, read, bookmarked FROM articles")))
    assert states["台山海鲜节吸引游客"] == (1, 0) and states["江门新建三座社区图书馆"] == (0, 1)
    assert hashlib.sha256(cache.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("cache.db")) == ["cache.db"]


def test_a_cache_renamed_without_its_db_suffix_is_recognised_by_its_bytes(tmp_path):
    # the schema sits at the end of SQLite's first page: recognition must read past 512 bytes
    cache = make_cache(tmp_path / "cache.db", 2)
    for renamed in ("cache", "cache.db.bak"):
        copy = tmp_path / renamed
        copy.write_bytes(cache.read_bytes())
        source, items = documents(copy)
        assert source.kind == "newsboat" and [i.name for i in items] == [f"{renamed}#item 1", f"{renamed}#item 2"]


def test_a_cache_inside_a_zip_bundle_is_read_from_memory(tmp_path):
    cache = make_cache(tmp_path / "cache.db", 3, deleted=(1,))
    bundle = tmp_path / "b.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.write(cache, "newsboat/cache.db")
        zf.writestr("newsboat/other.db", b"SQLite format 3\x00" + b"\0" * 100)
        zf.writestr("page.txt", BODY)
    source, items = documents(bundle)
    assert [(type(i).__name__, i.name) for i in items] == [
        ("RawDocument", "newsboat/cache.db#item 1"), ("RawDocument", "newsboat/cache.db#item 3"),
        ("DocumentError", "newsboat/other.db"), ("RawDocument", "page.txt")]
    assert "not a readable SQLite database" in items[2].reason
    assert [(s.name, s.reason) for s in source.skipped] == [("newsboat/cache.db#item 2", "deleted in newsboat")]


def test_an_sqlite_file_that_is_not_newsboats_is_refused(tmp_path):
    other = tmp_path / "notes.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER, body TEXT)")
    conn.close()
    refused(other, "not a newsboat cache (no rss_item table)")
    bundle = tmp_path / "b.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.write(other, "notes.db")
        zf.writestr("page.txt", BODY)
    _, items = documents(bundle)
    assert [(type(i).__name__, i.name, getattr(i, "reason", "")) for i in items] == [
        ("DocumentError", "notes.db", "not a newsboat cache (no rss_item table)"), ("RawDocument", "page.txt", "")]


def test_a_cache_locked_by_a_running_newsboat_is_refused_and_changes_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(newsboat, "BUSY_SECONDS", 0.2)
    cache = make_cache(tmp_path / "cache.db")
    holder = sqlite3.connect(cache, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # what newsboat holds while it writes a reload
    try:
        refused(cache, "locked by a running newsboat")
        with Library.open(tmp_path / "lib.db") as library:
            report = import_paths(library, [cache], jobs=1)
            assert report.imported == 0 and "locked" in report.failed[0][1]
            assert library._conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(documents(cache)[1]) == 3  # readable again once newsboat is done


def test_a_corrupt_cache_is_refused(tmp_path):
    data = make_cache(tmp_path / "good.db", 40).read_bytes()
    (tmp_path / "cut.db").write_bytes(data[:4096] + b"\xff" * 4096)
    refused(tmp_path / "cut.db", "not a readable SQLite database", "malformed")
    (tmp_path / "junk.db").write_bytes(b"SQLite format 3\x00" + b"\xee" * 3000)
    refused(tmp_path / "junk.db", "not a readable SQLite database")


def test_items_past_max_entries_are_one_failure(tmp_path):
    _, items = documents(make_cache(tmp_path / "cache.db", 5), Limits(max_entries=3))
    assert [type(i).__name__ for i in items] == ["RawDocument"] * 3 + ["DocumentError"]
    assert "more than 3 items (limit max_entries)" in items[-1].reason


def test_sniff_wants_newsboats_table():
    assert newsboat.sniff(b"SQLite format 3\x00....CREATE TABLE rss_item (id")
    assert not newsboat.sniff(b"SQLite format 3\x00....CREATE TABLE notes (id")
    assert not newsboat.sniff(b"<html>CREATE TABLE rss_item</html>")


def test_a_cache_left_mid_write_by_a_crash_is_refused_untouched(tmp_path):
    cache = make_cache(tmp_path / "cache.db")
    crash = ("import os, sqlite3, sys\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\nc.execute('PRAGMA cache_size=1')\n"
             "c.execute('BEGIN')\nfor i in range(500): c.execute(\"UPDATE rss_item SET content = ? \", ('x' * 2000,))\nos._exit(0)\n")
    subprocess.run([sys.executable, "-c", crash, str(cache)], check=True, timeout=60)
    assert (tmp_path / "cache.db-journal").exists()  # the hot journal a killed newsboat leaves
    before = hashlib.sha256(cache.read_bytes() + (tmp_path / "cache.db-journal").read_bytes()).hexdigest()
    refused(cache, "unfinished newsboat transaction", "open it in newsboat once")
    assert hashlib.sha256(cache.read_bytes() + (tmp_path / "cache.db-journal").read_bytes()).hexdigest() == before
