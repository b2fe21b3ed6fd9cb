"""Container files (many articles in one file): expansion inside bundles, entry names and
provenance, the read state a container keeps, and reports that stay short."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from reader.bundle import iter_bundles
from reader.bundle.items import Member, Skipped
from reader.bundle import containers
from reader.bundle.items import entry_name
from reader.errors import BundleError
from reader.extract import extract
from reader.importer import import_paths
from reader.library.store import Library
from reader.limits import DEFAULT_LIMITS
from reader.model import ArticleHints, RawDocument

BODY = "这是一篇新闻的正文，内容足够长，说明了事情的经过和结果。"


def record(n: int) -> bytes:
    return json.dumps({"title": f"第{n}条新闻", "body": f"{BODY}第{n}段。"}, ensure_ascii=False).encode()


def everything(path: Path):
    items = []
    for source in iter_bundles([path]):
        items.extend(source.documents())
    return items


def test_a_jsonl_file_inside_a_zip_bundle_is_read_record_by_record(tmp_path):
    bundle = tmp_path / "b.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("feeds/news.jsonl", record(1) + b"\n\n{broken\n" + record(2) + b"\n")
        zf.writestr("page.txt", BODY.encode())
    items = everything(bundle)
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [(d.name, d.kind) for d in docs] == [
        ("feeds/news.jsonl#line 1", "json"), ("feeds/news.jsonl#line 3", "json"),
        ("feeds/news.jsonl#line 4", "json"), ("page.txt", "text"),
    ]
    assert docs[0].hints.container == "jsonl" and docs[0].hints.entry == "line 1"
    assert docs[0].data == record(1)


def test_a_file_that_is_no_container_passes_through_expansion():
    member = Member("notes.txt", BODY.encode(), "text")
    assert list(containers.expand([member], DEFAULT_LIMITS)) == [member]


def test_an_entry_name_cannot_carry_control_characters():
    name = entry_name("feed.xml", "guid\x1b[31m\nred" + "x" * 500)
    assert name.startswith("feed.xml#guid [31m red") and name.isprintable()
    assert len(name) == len("feed.xml#") + 300


def test_the_manifest_source_applies_to_every_entry_of_a_container(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "manifest.json").write_text(json.dumps({
        "format": "offline-news-bundle", "version": "1.0", "publisher": "出版社",
        "articles": [{"path": "news.jsonl"}],
    }), encoding="utf-8")
    (folder / "news.jsonl").write_bytes(record(1) + b"\n" + record(2) + b"\n")
    items = everything(folder)
    assert [i.name for i in items] == ["news.jsonl#line 1", "news.jsonl#line 2"]  # listed: not missing
    assert {i.hints.source for i in items} == {"出版社"}


def test_many_failed_entries_of_one_file_are_one_line_naming_the_first_three(tmp_path):
    folder = tmp_path / "loose"
    folder.mkdir()
    (folder / "bad.jsonl").write_bytes(b"{bad\n" * 50 + record(7) + b"\n")
    with Library.open(tmp_path / "lib.db") as library:
        report = import_paths(library, [folder], jobs=1)
    assert report.imported == 1
    assert len(report.failed) == 1
    label, reason = report.failed[0]
    assert label.endswith("bad.jsonl")
    assert reason.startswith("50 entries failed (#line 1: invalid JSON")
    assert "#line 3:" in reason and "#line 4:" not in reason and reason.endswith("and 47 more)")


def test_a_few_failed_entries_are_each_named(tmp_path):
    folder = tmp_path / "loose"
    folder.mkdir()
    (folder / "bad.jsonl").write_bytes(record(1) + b"\n{bad\n" + record(2) + b"\n")
    with Library.open(tmp_path / "lib.db") as library:
        report = import_paths(library, [folder], jobs=1)
    assert report.imported == 2
    assert [(label.rsplit(": ", 1)[-1], reason[:12]) for label, reason in report.failed] == [("bad.jsonl#line 2", "invalid JSON")]


def test_read_and_starred_state_kept_by_a_container_is_stored(tmp_path):
    with Library.open(tmp_path / "lib.db") as library:
        with library.import_bundle("identity", "x.db") as writer:
            for n, (read, starred) in enumerate([(True, False), (False, True), (None, None)]):
                doc = RawDocument(f"x.db#{n}", record(n), "json", ArticleHints(container="test", entry=str(n), read=read, bookmarked=starred))
                writer.add_document(doc, extract(doc.data.decode(), "json", doc.hints))
        rows = library._conn.execute("SELECT title, read, bookmarked, read_at IS NOT NULL, bookmarked_at IS NOT NULL FROM articles ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [("第0条新闻", 1, 0, 1, 0), ("第1条新闻", 0, 1, 0, 1), ("第2条新闻", 0, 0, 0, 0)]


def test_a_container_reader_that_fails_midway_inside_a_bundle_fails_alone(tmp_path, monkeypatch):
    def broken(stream, name, limits):
        yield Member(f"{name}#1", record(1), "json", ArticleHints(container="broken", entry="1"))
        raise BundleError(f"{name}: truncated after the first entry")

    fake = containers.Container("broken", broken, sniff=lambda head: head.startswith(b"BROKEN"))
    monkeypatch.setattr(containers, "CONTAINERS", (fake, *containers.CONTAINERS))
    items = list(containers.expand([Member("x.txt", b"BROKEN...", "text"), Member("y.txt", BODY.encode(), "text")],
                                   DEFAULT_LIMITS))
    assert [type(i).__name__ for i in items] == ["Member", "DocumentError", "Member"]
    assert (items[1].name, items[1].reason) == ("x.txt", "truncated after the first entry")
    assert not any(isinstance(i, Skipped) for i in items)


def _page(url: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<html><head><link rel="canonical" href="{url}"><title>港口扩建工程开工</title></head>'
            f"<body><h1>港口扩建工程开工</h1>{body}</body></html>").encode()


def _import(library, identity: str, doc: RawDocument):
    with library.import_bundle(identity, identity) as writer:
        writer.add_document(doc, extract(doc.data.decode(), doc.kind, doc.hints))
    return writer.result


def test_the_full_story_replaces_its_stored_summary_only_feed_item(tmp_path):
    url = "https://news.example.cn/2024/0301/port.html"
    summary = RawDocument("feed.xml#item-1", _page(url, ["港口扩建工程今天开工，预计三年完成。"]), "html",
                          ArticleHints(container="feed", entry="item-1", excerpt=True, url=url))
    full = RawDocument("port.html", _page(url, ["港口扩建工程今天开工，预计三年完成。", "新码头将增加四个万吨级泊位，"
                                                 "可停靠更大的集装箱船。"]), "html")
    with Library.open(tmp_path / "lib.db") as library:
        _import(library, "feed", summary)
        (article_id,) = [row[0] for row in library._conn.execute("SELECT id FROM articles")]
        library._conn.execute("UPDATE articles SET read = 1 WHERE id = ?", (article_id,))
        library._conn.commit()
        result = _import(library, "page", full)
        rows = library._conn.execute("SELECT id, read, blocks FROM articles").fetchall()
        assert result.imported == 1 and result.duplicates == 0
        assert len(rows) == 1 and rows[0][0] == article_id and rows[0][1] == 1  # same article, state kept
        assert "万吨级泊位" in rows[0][2]
        assert [hit.summary.id for hit in library.search("万吨级泊位")] == [article_id]  # the index follows the text
        assert library._conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
        # the summary arriving again is a duplicate of the full story, never the other way round
        again = _import(library, "feed-again", RawDocument("feed.xml#item-1", summary.data + b" ", "html", summary.hints))
        assert again.imported == 0 and again.duplicates == 1
        assert library._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        library._conn.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")


def test_an_unforeseen_error_of_a_container_reader_fails_its_file_alone(tmp_path, monkeypatch):
    """A reader's library choking on hostile bytes (any exception) fails that file, inside a
    bundle, or the file given on its own with one line: never the whole bundle, never a traceback."""
    def choking(stream, name, limits):
        yield Member(f"{name}#1", record(1), "json", ArticleHints(container="choking", entry="1"))
        raise ValueError("month must be in 1..12")

    fake = containers.Container("choking", choking, sniff=lambda head: head.startswith(b"CHOKE"))
    monkeypatch.setattr(containers, "CONTAINERS", (fake, *containers.CONTAINERS))
    bundle = tmp_path / "b.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("a.txt", b"CHOKE...")
        zf.writestr("b.txt", BODY.encode())
    with Library.open(tmp_path / "lib.db") as library:
        report = import_paths(library, [bundle], jobs=1)
    assert report.imported == 2  # the entry read before the error, and the other file
    assert [(label.rsplit(": ", 1)[-1], reason) for label, reason in report.failed] == [
        ("a.txt", "unreadable choking file (ValueError: month must be in 1..12)")]
    alone = tmp_path / "alone.dat"
    alone.write_bytes(b"CHOKE...")
    from reader.bundle import formats
    monkeypatch.setattr(formats, "FILE_FORMATS", (formats.Format("choking", formats._container_file(fake), (".dat",), fake.sniff, archive=True), *formats.FILE_FORMATS))
    monkeypatch.setattr(formats, "BY_NAME", {**formats.BY_NAME, "choking": formats.FILE_FORMATS[0]})
    with Library.open(tmp_path / "lib2.db") as library:
        report = import_paths(library, [alone], jobs=1)
    assert report.imported == 0
    assert report.failed == [(str(alone), "unreadable choking file (ValueError: month must be in 1..12)")]
