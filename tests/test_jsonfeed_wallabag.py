"""JSON Feed files and wallabag exports (JSON, CSV), and the JSON reader that streams them."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import pytest

from reader.bundle import formats, jsonfeed, jsonstream, wallabag
from reader.bundle.items import Skipped
from reader.errors import BundleError, DocumentError
from reader.importer import import_paths
from reader.library.store import Library
from reader.limits import DEFAULT_LIMITS, Limits

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "wallabag"
PARA = "恩平市偏远山村日前实现5G信号全覆盖，村民用手机和在外打工的家人视频通话，画面清晰流畅。"


def feed(items: list, version: str = "https://jsonfeed.org/version/1.1", **fields) -> bytes:
    return json.dumps({"version": version, "title": "五邑科技观察", **fields, "items": items}, ensure_ascii=False).encode()


def wallabag_entry(n: int, **fields) -> dict:
    return {"is_archived": 1, "is_starred": 0, "tags": ["教育", "本地"], "id": n, "title": f"新闻{n}",
            "url": f"https://edu.example.cn/{n}.html", "content": f"<p>{PARA}</p><p>{PARA}第{n}段。</p>",
            "published_at": "2021-12-23T10:30:00+0800", "published_by": ["朱俊杰"], "annotations": [],
            "language": "zh_CN", **fields}


def read(reader, data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> list:
    return list(reader(io.BytesIO(data), name, limits))


def test_json_feed_items_become_entries_with_their_fields():
    data = feed([
        {"id": "a1", "url": "https://x.example/1", "title": "标题一", "content_html": f"<p>{PARA}</p>",
         "date_published": "2021-12-26T11:00:00+08:00", "authors": [{"name": "区志华"}], "tags": ["制造业", "数字化"]},
        {"id": 2, "content_text": PARA, "author": {"name": "冯晓琳"}},
        {"url": "https://x.example/3", "summary": "只有摘要。"},
        {"title": "只有标题"},
    ], language="zh-CN")
    assert jsonfeed.sniff(data[:4096])
    html, text, summary, bare = read(jsonfeed.read_jsonfeed, data, "f.json")
    assert (html.name, html.kind, html.data) == ("f.json#a1", "html", f"<p>{PARA}</p>".encode())
    h = html.hints
    assert (h.url, h.title, h.published, h.authors, h.tags) == ("https://x.example/1", "标题一", "2021-12-26T11:00:00+08:00", ("区志华",), ("制造业", "数字化"))
    assert (h.source, h.language, h.container, h.entry, h.encoding) == ("五邑科技观察", "zh-CN", "jsonfeed", "a1", "utf-8")
    assert (text.name, text.kind, text.hints.authors) == ("f.json#2", "text", ("冯晓琳",))
    assert (summary.name, summary.kind, summary.hints.excerpt) == ("f.json#https://x.example/3", "text", True)
    assert isinstance(bare, Skipped) and bare.name == "f.json#item 4"


def test_a_json_feed_named_json_is_a_json_feed_given_on_its_own_and_in_a_folder(tmp_path):
    folder = tmp_path / "loose"
    folder.mkdir()
    path = folder / "feed.json"
    path.write_bytes(feed([{"id": "a", "title": "标题", "content_html": f"<p>{PARA}</p>"}], version="https://jsonfeed.org/version/1"))
    assert formats.recognise_file(path).name == "jsonfeed"
    article = folder / "article.json"
    article.write_text(json.dumps({"title": "普通文章", "body": "另一篇文章的正文，讲的是别的事情。" * 3, "version": "2"}, ensure_ascii=False), encoding="utf-8")
    assert formats.recognise_file(article).name == "file"
    with Library.open(tmp_path / "lib.db") as library:
        report = import_paths(library, [path, folder], jobs=1)
    assert report.imported == 2 and report.duplicates == 1 and report.failed == []


@pytest.mark.parametrize("head", [
    b'{"title": "x", "body": "https://jsonfeed.org/version/1"}',
    b'[{"version": "https://jsonfeed.org/version/1"}]',
    '江门新闻 "version": "https://jsonfeed.org/version/1"'.encode(),
])
def test_json_feed_sniffing_needs_its_version_key_in_an_object(head):
    assert not jsonfeed.sniff(head)


def test_a_broken_json_feed_keeps_the_items_before_the_damage_and_stops_at_max_entries():
    data = feed([{"id": str(n), "content_text": PARA} for n in range(5)])
    items = read(jsonfeed.read_jsonfeed, data[:-30], "f.json")
    assert [type(i).__name__ for i in items] == ["Member"] * 4 + ["DocumentError"]
    assert items[-1].reason.startswith("broken JSON after item 4 (") and items[-1].name == "f.json"
    limited = read(jsonfeed.read_jsonfeed, data, "f.json", Limits(max_entries=2))
    assert limited[-1].reason == "item 3: more than 2 items (limit max_entries): the rest skipped" and len(limited) == 3
    with pytest.raises(BundleError, match=r"^f.json: not a readable JSON Feed \(expected '\{' at the start"):
        read(jsonfeed.read_jsonfeed, b"[1, 2]", "f.json")


def test_a_json_feed_of_a_million_items_stops_at_max_entries_quickly():
    data = b'{"version": "https://jsonfeed.org/version/1.1", "items": [' + b'{"id": "x", "summary": "s"},' * 1_000_000 + b'{}]}'
    started = time.monotonic()
    items = read(jsonfeed.read_jsonfeed, data, "big.json", Limits(max_entries=100))
    assert len(items) == 101 and isinstance(items[-1], DocumentError) and time.monotonic() - started < 5


def test_wallabag_json_entries_keep_read_starred_tags_authors_and_annotations():
    notes = [{"text": "要核实", "quote": "5G信号全覆盖", "ranges": [{"start": "/p[1]", "startOffset": "12", "end": "/p[1]", "endOffset": "19"}]}]
    data = json.dumps([wallabag_entry(1, annotations=notes, is_starred=1), wallabag_entry(2, is_archived=0, content="")],
                      ensure_ascii=False).encode()
    assert wallabag.sniff_json(data[:4096])
    first, empty = read(wallabag.read_json, data, "export.json")
    assert (first.name, first.kind) == ("export.json#entry 1", "html")
    h = first.hints
    assert (h.read, h.bookmarked, h.tags, h.authors, h.published, h.language) == (
        True, True, ("教育", "本地"), ("朱俊杰",), "2021-12-23T10:30:00+08:00", "zh-CN")
    assert (h.container, h.entry, h.url, h.title) == ("wallabag", "entry 1", "https://edu.example.cn/1.html", "新闻1")
    assert json.loads(h.annotations) == notes
    assert isinstance(empty, Skipped) and empty.name == "export.json#entry 2"


def test_wallabag_s_own_export_fixture_imports_with_its_read_state(tmp_path):
    path = tmp_path / "wallabag-v2-read.json"
    path.write_bytes((FIXTURES / "wallabag-v2-read.json").read_bytes())
    assert formats.recognise_file(path).name == "wallabag"
    with Library.open(tmp_path / "lib.db") as library:
        report = import_paths(library, [path], jobs=1)
        rows = library._conn.execute("SELECT url, read, bookmarked FROM articles ORDER BY url").fetchall()
    assert report.failed == [] and [tuple(r) for r in rows] == [
        ("https://blog.wikimedia.org/2016/02/10/anne-frank-diary-removal/", 1, 0),
        ("https://tails.boum.org/news/version_2.0.1/index.en.html", 0, 0),
    ]


def _wallabag_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quotechar='"', lineterminator="\n")
    # as PHP's fputcsv writes it: fields quoted only when they need it
    writer.writerow(["Title", "URL", "Content", "Tags", "MIME Type", "Language", "Creation date"])
    writer.writerows(rows)
    return out.getvalue().replace("MIME Type", '"MIME Type"').replace("Creation date", '"Creation date"').encode()


def test_a_wallabag_csv_export_is_read_row_by_row(tmp_path):
    big = "<p>" + PARA * 3000 + "</p>"  # over the csv module's default field limit
    data = _wallabag_csv([
        ["新闻一", "https://x.example/1", f"<p>{PARA}</p>", "教育, 本地", "text/html", "zh_CN", "23/12/2021 09:40:00"],
        ["新闻二", "https://x.example/2", big, "", "text/html", "zh", "23/12/2021 09:41:00"],
        ["坏行"],
    ])
    assert data.startswith(b'Title;URL;Content;Tags;"MIME Type";Language;"Creation date"\n') and wallabag.sniff_csv(data)
    one, two, bad = read(wallabag.read_csv, data, "export.csv")
    assert (one.name, one.kind, one.hints.tags, one.hints.language, one.hints.container) == (
        "export.csv#https://x.example/1", "html", ("教育", "本地"), "zh-CN", "wallabag")
    assert two.data == big.encode() and two.hints.tags is None
    assert isinstance(bad, DocumentError) and bad.name == "export.csv#row 4"
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    with Library.open(tmp_path / "lib.db") as library:
        report = import_paths(library, [path], jobs=1)
    assert report.imported == 2 and len(report.failed) == 1


def test_another_csv_file_is_skipped_with_what_it_is(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "prices.csv").write_bytes(b"date,price\n2021-12-29,3\n")
    (folder / "page.txt").write_text(PARA * 3, encoding="utf-8")
    with Library.open(tmp_path / "lib.db") as library:
        report = import_paths(library, [folder], jobs=1)
    assert report.imported == 1 and report.failed == []
    assert [(Path(f).name, what) for f, what in report.not_articles] == [("prices.csv", wallabag.CSV_NOT_OURS)]


def test_wallabag_sniffing_needs_a_list_of_entries_with_its_keys():
    assert not wallabag.sniff_json(b'[{"title": "x", "body": "is_archived is_starred"}]')
    assert not wallabag.sniff_json(b'{"is_archived": 1, "is_starred": 0}')
    assert not wallabag.sniff_csv(b"Title;URL;Body\n")


def test_the_json_stream_reads_elements_across_window_edges(monkeypatch):
    monkeypatch.setattr(jsonstream, "_CHUNK", 7)
    values = [12345678901234567890, "长文本" * 20, {"a": [1, 2.5, None]}, True, -0.5]
    data = json.dumps(values, ensure_ascii=False).encode()
    assert list(jsonstream.array_items(io.BytesIO(data), 10_000)) == values
    fields = list(jsonstream.object_fields(io.BytesIO(b'{"t": "x", "items": [1, 22], "n": 333}'), 100, "items"))
    assert fields == [("t", "x", False), ("items", 1, True), ("items", 22, True), ("n", 333, False)]


@pytest.mark.parametrize("data, message", [
    (b'[{"a": "' + b"x" * 500 + b'"}]', "one element is over 100 characters"),
    (b"[1, 2", "expected ',' or ']' between elements, found 'the end'"),
    (b"[1] 2", "text after the end of the array"),
    (b'["\xff"]', "not UTF-8 text, or cut short"),
])
def test_the_json_stream_refuses_what_it_cannot_read(data, message):
    with pytest.raises(jsonstream.JSONStreamError, match=message):
        list(jsonstream.array_items(io.BytesIO(data), 100))
