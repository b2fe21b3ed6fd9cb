"""Web archives: WARC/ARC files (wget's, and records written here to the WARC 1.1 spec) and WACZ
packages; what becomes an article, what is skipped and why, and hostile archives."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
import subprocess
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

import web_pages
from reader.bundle import containers, iter_bundles, warc
from reader.bundle import wacz as wacz_reader
from reader.bundle.items import Member, Skipped
from reader.errors import DocumentError
from reader.importer import import_paths
from reader.library.store import Library
from reader.limits import DEFAULT_LIMITS, Limits
from reader.model import RawDocument

BODY = "记者从市交通运输局获悉，新建的跨江大桥今天正式通车，两岸市民往来的时间由四十分钟缩短到十分钟。"


def page(title: str, extra_head: str = "", paragraphs: int = 4) -> bytes:
    body = "".join(f"<p>{title}：{BODY}第{i}段。</p>" for i in range(paragraphs))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{extra_head}</head>"
            f"<body><h1>{title}</h1><p>2021年12月04日 来源：新华社</p>{body}</body></html>").encode()


def record(kind: str, uri: str, block: bytes, rid: str, **headers: str) -> bytes:
    lines = ["WARC/1.1", f"WARC-Type: {kind}", f"WARC-Record-ID: <urn:uuid:{rid}>",
             "WARC-Date: 2021-12-04T02:00:00Z"]
    if uri:
        lines.append(f"WARC-Target-URI: {uri}")
    lines += [f"{k.replace('_', '-')}: {v}" for k, v in headers.items()]
    lines.append(f"Content-Length: {len(block)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def response(uri: str, body: bytes, rid: str, status: str = "200 OK", content_type: str = "text/html",
             http_extra: str = "", digest: bool = True) -> bytes:
    http = (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{http_extra}\r\n").encode()
    headers = {"Content_Type": "application/http;msgtype=response"}
    if digest:
        headers["WARC_Payload_Digest"] = "sha1:" + hashlib.sha1(body).hexdigest()
    return record("response", uri, http + body, rid, **headers)


def gz(*records: bytes) -> bytes:
    return b"".join(gzip.compress(r) for r in records)


def read(data: bytes, limits: Limits = DEFAULT_LIMITS, name: str = "a.warc.gz"):
    return list(warc.read_warc(io.BytesIO(data), name, limits))


def members(items):
    return [i for i in items if isinstance(i, Member)]


def import_one(tmp_path: Path, path: Path):
    with Library.open(tmp_path / "lib.db") as library:
        report = import_paths(library, [path], jobs=1)
        rows = library._conn.execute("SELECT title, url, published FROM articles ORDER BY id").fetchall()
    return report, [tuple(r) for r in rows]


# --------------------------------------------------------------------------- the real producer


@pytest.mark.skipif(shutil.which("wget") is None, reason="wget is not installed (apt-get install wget)")
def test_a_warc_written_by_wget_imports_its_pages_and_says_what_the_rest_is(tmp_path):
    with web_pages.serve() as base:
        subprocess.run(["wget", "-r", "-q", "-P", str(tmp_path / "site"), f"--warc-file={tmp_path / 'crawl'}", base + "/"],
                       check=True, timeout=60)
    report, rows = import_one(tmp_path, tmp_path / "crawl.warc.gz")
    assert report.imported == 3 and not report.failed
    by_title = {title: (url, published) for title, url, published in rows}
    assert by_title[web_pages.TITLES["ganju"]][0] == web_pages.CANONICAL  # the page's own canonical URL wins
    assert by_title[web_pages.TITLES["metro"]][0] == f"{base}/2021/1128/metro.html"  # WARC-Target-URI, <> stripped
    assert by_title[web_pages.TITLES["library"]][1].startswith("2021-12-01")
    reasons = {reason for _file, reason in report.not_articles}
    assert {"web archive record: request", "web archive record: warcinfo", "web archive record: robots.txt",
            "web archive record: site home page", "web archive record: text/css",
            "web archive record: image/png", "web archive record: metadata"} <= reasons
    with Library.open(tmp_path / "lib.db") as library:  # the HTTP charset is the declared encoding
        hints = dict(library._conn.execute("SELECT name, hints FROM documents").fetchall())
    metro = next(json.loads(h) for n, h in hints.items() if n.endswith("metro.html"))
    assert metro["encoding"] == "big5" and metro["container"] == "warc" and metro["saved"].startswith("20")
    again, _ = import_one(tmp_path, tmp_path / "crawl.warc.gz")
    assert again.imported == 0 and again.skipped  # already imported


# --------------------------------------------------------------------------- records to the spec


def test_each_record_kind_is_an_article_or_a_skip_with_its_reason():
    data = gz(
        record("warcinfo", "", b"software: test\r\n", "00000000-0000-0000-0000-000000000001"),
        response("http://n.cn/a.html", page("大桥通车"), "00000000-0000-0000-0000-000000000002",
                 content_type="text/html; charset=GB2312"),
        response("http://n.cn/old.html", b"", "00000000-0000-0000-0000-000000000003", status="301 Moved",
                 http_extra="Location: /a.html\r\n"),
        response("http://n.cn/gone.html", b"<html>gone</html>", "00000000-0000-0000-0000-000000000004", status="404 Not Found"),
        response("http://n.cn/p.jpg", b"\xff\xd8\xff", "00000000-0000-0000-0000-000000000005", content_type="image/jpeg"),
        record("resource", "http://n.cn/r.html", page("资源页面"), "00000000-0000-0000-0000-000000000006",
               Content_Type="text/html"),
    )
    items = read(data)
    assert [type(i).__name__ for i in items] == ["Skipped", "Member", "Skipped", "Skipped", "Skipped", "Member"]
    assert [i.reason for i in items if isinstance(i, Skipped)] == [
        "web archive record: warcinfo", "web archive record: redirect (HTTP 301)",
        "web archive record: HTTP 404", "web archive record: image/jpeg"]
    article = items[1]
    assert article.name == "a.warc.gz#<urn:uuid:00000000-0000-0000-0000-000000000002> http://n.cn/a.html"
    assert article.data == page("大桥通车") and article.kind == "html"
    assert (article.hints.encoding, article.hints.fetched_url, article.hints.url) == ("GB2312", "http://n.cn/a.html", None)
    assert article.hints.entry == "<urn:uuid:00000000-0000-0000-0000-000000000002> http://n.cn/a.html"


def test_a_chunked_gzip_http_body_is_stored_as_the_page_bytes():
    body = page("分块传输")
    coded = gzip.compress(body)
    chunked = b"".join(f"{len(coded[i:i + 100]):x}\r\n".encode() + coded[i:i + 100] + b"\r\n"
                       for i in range(0, len(coded), 100)) + b"0\r\n\r\n"
    data = gz(response("http://n.cn/c.html", chunked, "00000000-0000-0000-0000-00000000000c",
                       http_extra="Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n"),
              response("http://n.cn/d.html", page("下一篇"), "00000000-0000-0000-0000-00000000000d"))
    assert [m.data for m in members(read(data))] == [body, page("下一篇")]


def test_a_revisit_is_the_earlier_page_with_the_same_payload_digest():
    body = page("重访的页面")
    digest = "sha1:" + hashlib.sha1(body).hexdigest()
    revisit = record("revisit", "http://n.cn/copy.html", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
                     "00000000-0000-0000-0000-0000000000r2", WARC_Payload_Digest=digest,
                     WARC_Profile="http://netpreserve.org/warc/1.1/revisit/identical-payload-digest")
    orphan = record("revisit", "http://n.cn/lost.html", b"", "00000000-0000-0000-0000-0000000000r3",
                    WARC_Payload_Digest="sha1:0000")
    not_modified = record("revisit", "http://n.cn/first.html", b"HTTP/1.1 304 Not Modified\r\n\r\n",
                          "00000000-0000-0000-0000-0000000000r4", WARC_Refers_To="<urn:uuid:00000000-0000-0000-0000-0000000000r1>",
                          WARC_Profile="http://netpreserve.org/warc/1.1/revisit/server-not-modified")
    first = response("http://n.cn/first.html", body, "00000000-0000-0000-0000-0000000000r1", content_type="text/html; charset=utf-8")
    items = read(gz(first, revisit, orphan, not_modified))
    assert [m.data for m in members(items)] == [body, body, body]
    assert members(items)[1].hints.fetched_url == "http://n.cn/copy.html"
    assert [m.hints.encoding for m in members(items)] == ["utf-8", "utf-8", "utf-8"]  # the original's charset
    assert items[2].reason == "web archive record: revisit of a page not in this archive"


def test_an_arc_file_is_read_too(tmp_path):
    body = page("旧格式的网页存档")
    http = b"HTTP/1.0 200 OK\nContent-Type: text/html; charset=utf-8\n\n" + body
    version = b"1 0 InternetArchive\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = (b"filedesc://old.arc 0.0.0.0 20050321012044 text/plain %d\n" % len(version) + version + b"\n"
           + b"http://n.cn/old.html 127.0.0.1 20050321012044 text/html %d\n" % len(http) + http + b"\n")
    path = tmp_path / "old.arc.gz"
    path.write_bytes(gzip.compress(arc))
    items = read(path.read_bytes(), name="old.arc.gz")
    assert [m.data for m in members(items)] == [body]
    assert members(items)[0].hints.fetched_url == "http://n.cn/old.html"


def test_archives_are_recognised_by_their_bytes_whatever_their_name():
    plain = response("http://n.cn/a.html", page("标题"), "00000000-0000-0000-0000-00000000000a")
    assert warc.sniff(plain[:512]) and warc.sniff(gz(plain)[:512])
    assert not warc.sniff(gzip.compress(b"<html><body>not an archive</body></html>"))
    assert not warc.sniff(page("普通网页")) and not warc.sniff(b"WARC is a format\n")
    member = Member("crawl.bin.txt", gz(plain), "text")
    assert [type(i).__name__ for i in containers.expand([member], DEFAULT_LIMITS)] == ["Member"]
    assert next(containers.expand([member], DEFAULT_LIMITS)).hints.container == "warc"


def test_a_whole_file_gzip_is_read_as_one_stream():
    records = b"".join(response(f"http://n.cn/{i}.html", page(f"第{i}篇"), f"00000000-0000-0000-0000-00000000001{i}")
                       for i in range(3))
    items = read(gzip.compress(records))
    assert [m.hints.fetched_url for m in members(items)] == [f"http://n.cn/{i}.html" for i in range(3)]


# --------------------------------------------------------------------------- hostile archives


def test_a_gzip_bomb_record_refuses_the_archive_in_seconds(tmp_path):
    bomb = gzip.compress(response("http://n.cn/x.jpg", b"\0" * (64 << 20), "00000000-0000-0000-0000-0000000000b0",
                                  content_type="image/jpeg"), 9)
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(gz(response("http://n.cn/a.html", page("正常的页面"), "00000000-0000-0000-0000-0000000000b1")) + bomb)
    start = time.monotonic()
    report, rows = import_one(tmp_path, path)
    assert time.monotonic() - start < 10
    assert rows == [] and len(report.failed) == 1
    label, reason = report.failed[0]
    assert label.endswith("bomb.warc.gz") and "record 2 inflates over 100:1" in reason and "gzip bomb" in reason


def test_an_http_body_that_inflates_past_the_page_limit_fails_alone():
    bomb = gzip.compress(b"<html>" + b" " * (4 << 20), 9)
    data = gz(response("http://n.cn/big.html", bomb, "00000000-0000-0000-0000-0000000000c1", http_extra="Content-Encoding: gzip\r\n"),
              response("http://n.cn/a.html", page("正常"), "00000000-0000-0000-0000-0000000000c2"))
    items = read(data, Limits(max_file_bytes=1 << 20))
    assert isinstance(items[0], DocumentError) and "inflates past the limit max_file_bytes" in items[0].reason
    assert items[0].name.endswith("http://n.cn/big.html") and len(members(items)) == 1


def test_a_truncated_archive_keeps_the_records_before_the_damage(tmp_path):
    good = [response(f"http://n.cn/{i}.html", page(f"截断之前第{i}篇"), f"00000000-0000-0000-0000-00000000002{i}") for i in range(2)]
    last = gzip.compress(response("http://n.cn/cut.html", page("被截断的", paragraphs=40), "00000000-0000-0000-0000-000000000029"))
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(gz(*good) + last[: len(last) // 2])
    report, rows = import_one(tmp_path, path)
    assert [r[0] for r in rows] == ["截断之前第0篇", "截断之前第1篇"]
    assert len(report.failed) == 1 and report.failed[0][0].endswith("cut.warc.gz")
    assert report.failed[0][1].startswith("damaged or truncated after record 2") and "the rest skipped" in report.failed[0][1]
    plain = b"".join(good) + response("http://n.cn/cut.html", page("被截断的"), "00000000-0000-0000-0000-00000000002a")[:-300]
    items = read(plain, name="cut.warc")
    assert len(members(items)) == 2 and "cut short" in items[-1].reason


def test_a_response_record_without_a_target_uri_is_damage_not_a_traceback(tmp_path):
    # warcio reads a response's HTTP headers by its WARC-Target-URI and fails with an
    # AttributeError when there is none (a record cut inside its headers, or a broken writer)
    good = response("http://n.cn/ok.html", page("无网址之前"), "00000000-0000-0000-0000-000000000031")
    bad = response("", page("没有网址的记录"), "00000000-0000-0000-0000-000000000032")
    items = read(good + bad, name="nouri.warc")
    assert len(members(items)) == 1 and isinstance(items[-1], DocumentError)
    assert "damaged or truncated after record 1" in items[-1].reason
    path = tmp_path / "nouri.warc"
    path.write_bytes(bad)
    report, rows = import_one(tmp_path, path)
    assert rows == [] and "not a readable web archive" in report.failed[0][1]


def test_a_file_that_is_no_archive_fails_as_a_bundle(tmp_path):
    path = tmp_path / "fake.warc.gz"
    path.write_bytes(gzip.compress(page("名字像存档的网页")))
    report, rows = import_one(tmp_path, path)
    assert rows == [] and report.failed[0][0].endswith("fake.warc.gz") and "not a readable web archive" in report.failed[0][1]


def test_a_big_archive_streams_with_flat_memory_and_no_whole_file_limit():
    """The shape of a 2 GB archive in 8 MB: limits 1/100 of the file, memory far below it."""
    big = b"".join(response(f"http://n.cn/{i}.html", page(f"第{i}篇", paragraphs=60), f"00000000-0000-0000-0000-{i:012d}")
                   for i in range(800))
    assert len(big) > 8 << 20
    limits = Limits(max_file_bytes=64 << 10, max_feed_bytes=64 << 10, max_total_bytes=64 << 10)
    tracemalloc.start()
    count = sum(1 for item in warc.read_warc(io.BytesIO(big), "big.warc.gz", limits) if isinstance(item, Member))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 800
    assert peak < 3 << 20, peak  # the pages are 8 MB together: held one at a time


def test_pages_past_max_entries_and_records_past_max_archive_records_are_one_error():
    data = gz(*(response(f"http://n.cn/{i}.html", page(f"第{i}篇"), f"00000000-0000-0000-0000-00000000003{i}") for i in range(5)))
    items = read(data, Limits(max_entries=3))
    assert len(members(items)) == 3 and items[-1].reason == "more than 3 pages (limit max_entries): the rest skipped"
    skips = gz(*(record("request", f"http://n.cn/{i}.html", b"GET / HTTP/1.1\r\n\r\n", f"00000000-0000-0000-0000-00000000004{i}")
                 for i in range(5)))
    items = read(skips + data, Limits(max_entries=3, max_archive_records=4))
    assert len(items) == 5 and items[-1].reason == "more than 4 records (limit max_archive_records): the rest skipped"


# --------------------------------------------------------------------------- WACZ


def wacz(archives: dict[str, bytes], pages_jsonl: bytes = b'{"format": "json-pages-1.0"}\n') -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in archives.items():
            zf.writestr(name, data, compress_type=zipfile.ZIP_STORED)
        zf.writestr("pages/pages.jsonl", pages_jsonl)
        zf.writestr("datapackage.json", b'{"profile": "data-package"}')
    return out.getvalue()


def test_a_wacz_reads_each_archive_and_revisits_across_them(tmp_path):
    body = page("包里的第一篇")
    digest = "sha1:" + hashlib.sha1(body).hexdigest()
    first = gz(response("http://n.cn/1.html", body, "00000000-0000-0000-0000-000000000041"))
    second = gz(record("revisit", "http://n.cn/1b.html", b"", "00000000-0000-0000-0000-000000000042", WARC_Payload_Digest=digest),
                response("http://n.cn/2.html", page("包里的第二篇"), "00000000-0000-0000-0000-000000000043"))
    path = tmp_path / "crawl.wacz"
    path.write_bytes(wacz({"archive/data-1.warc.gz": first, "archive/data-2.warc.gz": second}))
    items = list(wacz_reader.read_wacz(io.BytesIO(path.read_bytes()), "crawl.wacz", DEFAULT_LIMITS))
    assert [m.data for m in members(items)] == [body, body, page("包里的第二篇")]
    assert members(items)[1].name == "crawl.wacz#archive/data-2.warc.gz#<urn:uuid:00000000-0000-0000-0000-000000000042> http://n.cn/1b.html"
    assert {i.reason for i in items if isinstance(i, Skipped)} == {"WACZ index or metadata"}
    report, rows = import_one(tmp_path, path)
    assert report.imported == 2 and report.duplicates == 1 and not report.failed


def test_a_wacz_zip_bomb_or_unsafe_path_is_refused(tmp_path):
    bomb = tmp_path / "bomb.wacz"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("archive/data.warc.gz", b"\0" * (50 << 20))
        zf.writestr("datapackage.json", b"{}")
    report, rows = import_one(tmp_path, bomb)
    assert rows == [] and "zip bomb" in report.failed[0][1]
    unsafe = tmp_path / "unsafe.wacz"
    unsafe.write_bytes(wacz({"archive/ok.warc.gz": gz(response("http://n.cn/ok.html", page("安全的"), "00000000-0000-0000-0000-000000000051")),
                             "../evil.warc.gz": b"x"}))
    items = list(iter_bundles([unsafe]))[0].documents()
    outcome = list(items)
    assert [d.name for d in outcome if isinstance(d, RawDocument)] == [
        "unsafe.wacz#archive/ok.warc.gz#<urn:uuid:00000000-0000-0000-0000-000000000051> http://n.cn/ok.html"]
    assert any(isinstance(d, DocumentError) and "unsafe path" in d.reason for d in outcome)


def test_a_web_archive_inside_a_zip_bundle_is_expanded(tmp_path):
    bundle = tmp_path / "b.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("crawls/news.warc.gz", gz(response("http://n.cn/z.html", page("压缩包里的存档"), "00000000-0000-0000-0000-000000000061")))
        zf.writestr("page.html", page("普通的网页"))
    report, rows = import_one(tmp_path, bundle)
    assert sorted(r[0] for r in rows) == ["压缩包里的存档", "普通的网页"] and not report.failed
    assert ("压缩包里的存档", "http://n.cn/z.html") in [(r[0], r[1]) for r in rows]


def test_reindex_rebuilds_web_archive_articles_from_their_stored_payloads(tmp_path):
    from reader.importer import DocumentPreparer

    path = tmp_path / "r.warc.gz"
    path.write_bytes(gz(response("http://n.cn/1.html", page("重新抽取", "<link rel='canonical' href='/canon/1.html'>"),
                                 "00000000-0000-0000-0000-000000000071", content_type="text/html; charset=utf-8")))
    _report, before = import_one(tmp_path, path)
    assert before[0][1] == "http://n.cn/canon/1.html"  # a relative canonical link, made absolute against the URI
    path.unlink()
    with Library.open(tmp_path / "lib.db") as library:
        result = library.reindex(DocumentPreparer(jobs=1).prepared)
        after = [tuple(r) for r in library._conn.execute("SELECT title, url, published FROM articles").fetchall()]
    assert result["documents"] == 1 and not result["failed"] and after == before


def test_a_malformed_canonical_link_or_target_uri_is_no_traceback():
    from reader.extract import extract
    from reader.model import ArticleHints

    html = page("坏链接", "<link rel='canonical' href='http://[broken'>").decode()
    for fetched in ("http://n.cn/a.html", "http://[also-broken/a.html"):
        [article] = extract(html, "html", ArticleHints(fetched_url=fetched))
        assert article.url == "http://[broken"


def test_skip_reasons_carry_no_control_characters_or_floods_from_the_archive():
    data = gz(response("http://n.cn/x", b"x", "00000000-0000-0000-0000-000000000081", content_type="image/\x1b[31mred" + "x" * 5000))
    [item] = read(data)
    assert item.reason.isprintable() and len(item.reason) < 100
