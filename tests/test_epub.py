"""EPUB books: pandoc's and Calibre's real output, periodicals to Calibre's published NCX
structure, EPUBs renamed or inside bundles, and hostile books (entities, bombs, ../ hrefs)."""

from __future__ import annotations

import http.server
import shutil
import subprocess
import threading
import zipfile
from functools import partial
from pathlib import Path

import pytest

from reader.bundle import epub, iter_bundles
from reader.importer import import_paths
from reader.library.store import Library
from reader.limits import Limits

from test_robust_support import refused

BODY = "江门市今年新建三座社区图书馆，市民在家门口就能借书、读书。图书馆每天开放十二小时，周末还有亲子阅读活动。"
CONTAINER = b"""<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"""
LAUGHS = "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">" + "".join(
    f"<!ENTITY a{i + 1} \"{('&a%d;' % i if i else '&a;') * 10}\">" for i in range(9)) + "]>"


def page(title: str, body: str = BODY, extra: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>{title}</title></head>'
            f"<body>{extra}<h1>{title}</h1><p>{body}</p><p>{body}</p></body></html>").encode()


def opf(items: list[tuple[str, str, str]], spine: list[str], meta: str = "", guide: str = "", doctype: str = "") -> bytes:
    manifest = "".join(f'<item id="{i}" href="{h}" media-type="{t}"/>' for i, h, t in items)
    refs = "".join(f'<itemref idref="{i}"/>' for i in spine)
    return (f'<?xml version="1.0" encoding="utf-8"?>{doctype}<package xmlns="http://www.idpf.org/2007/opf" version="2.0">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">'
            f"<dc:title>侨乡晚报</dc:title><dc:language>zh</dc:language>{meta}</metadata>"
            f'<manifest><item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>{manifest}</manifest>'
            f'<spine toc="ncx">{refs}</spine><guide>{guide}</guide></package>').encode()


def ncx(points: str, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>{doctype}<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" '
            f'xmlns:mbp="http://mobipocket.com/ns/mbp" version="2005-1"><navMap>{points}</navMap></ncx>').encode()


def point(label: str, src: str, klass: str = "", inner: str = "", author: str = "") -> str:
    meta = f'<mbp:meta name="author">{author}</mbp:meta>' if author else ""
    cls = f' class="{klass}"' if klass else ""
    return f'<navPoint{cls}><navLabel><text>{label}</text></navLabel><content src="{src}"/>{meta}{inner}</navPoint>'


def make_epub(path: Path, files: dict[str, bytes], container: bytes = CONTAINER) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), b"application/epub+zip")  # stored, first
        zf.writestr("META-INF/container.xml", container)
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def book(path: Path, titles: list[str], meta: str = "", **files: bytes) -> Path:
    items = [(f"c{n}", f"text/c{n}.xhtml", "application/xhtml+xml") for n in range(len(titles))]
    content = {f"OEBPS/text/c{n}.xhtml": page(t) for n, t in enumerate(titles)}
    content["OEBPS/toc.ncx"] = ncx("".join(point(t, f"text/c{n}.xhtml") for n, t in enumerate(titles)))
    content["OEBPS/content.opf"] = opf(items, [i for i, _, _ in items], meta)
    content.update({k.replace("__", "/"): v for k, v in files.items()})
    return make_epub(path, content)


def items_of(path: Path, limits: Limits = Limits()):
    (source,) = list(iter_bundles([path], limits))
    return source, list(source.documents())


def test_pandoc_writes_an_epub_whose_chapters_are_the_articles(tmp_path):
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed (Debian package pandoc; .ci/run installs it)")
    md = tmp_path / "issue.md"
    md.write_text("---\ntitle: 江门晚报选读\nauthor: 李明\ndate: 2024-03-05\nlang: zh-CN\npublisher: 江门晚报\n---\n\n"
                  f"# 江门新建三座社区图书馆\n\n{BODY}\n\n## 借书办法\n\n凭身份证即可办理借书证。\n\n"
                  f"# 台山海鲜节吸引游客\n\n第十届台山海鲜节昨日开幕，吸引了来自珠三角各地的游客。{BODY}\n", encoding="utf-8")
    out = tmp_path / "issue.epub"
    subprocess.run(["pandoc", str(md), "-o", str(out)], check=True, timeout=60)
    source, docs = items_of(out)
    assert [(d.name, d.hints.title) for d in docs] == [
        ("issue.epub#EPUB/text/ch001.xhtml", "江门新建三座社区图书馆"), ("issue.epub#EPUB/text/ch002.xhtml", "台山海鲜节吸引游客")]
    hints = docs[0].hints
    assert (hints.saved, hints.authors, hints.source, hints.language) == ("2024-03-05", ("李明",), "江门晚报", "zh-CN")
    assert hints.published is None  # the book's date dates the chapters that show none of their own
    assert (hints.container, hints.entry) == ("epub", "EPUB/text/ch001.xhtml")
    skipped = {s.name.split("#")[1]: s.reason for s in source.skipped}
    assert skipped["EPUB/text/title_page.xhtml"] == "title page" and skipped["EPUB/nav.xhtml"] == "table of contents"
    with Library.open(tmp_path / "lib.db") as library:
        assert import_paths(library, [out], jobs=1).imported == 2
        again = import_paths(library, [out], jobs=1)
        assert again.imported == 0 and again.skipped == [str(out)]
        (title, body), = library._conn.execute("SELECT title, blocks FROM articles WHERE title LIKE '江门%'").fetchall()
    assert "借书办法" in body and "凭身份证" in body


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


def test_calibre_writes_a_periodical_whose_articles_are_the_articles(tmp_path):
    if shutil.which("ebook-convert") is None:
        pytest.skip("calibre is not installed (Debian package calibre; .ci/run installs it)")
    site = tmp_path / "site"
    site.mkdir()
    stories = [("江门新建三座社区图书馆", "本地新闻"), ("台山海鲜节吸引游客", "本地新闻"), ("开平碉楼申遗十五周年", "侨乡文化")]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    base = f"http://127.0.0.1:{server.server_port}"
    for n, (title, _) in enumerate(stories):
        (site / f"a{n}.html").write_text(f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>'
                                         f"<h1>{title}</h1><p>{BODY}</p><p>第{n}篇。{BODY}</p></body></html>", encoding="utf-8")
    feeds = []
    for k, feed in enumerate(("本地新闻", "侨乡文化")):
        entries = "".join(f"<item><title>{t}</title><link>{base}/a{n}.html</link><pubDate>Tue, 05 Mar 2024 08:00:00 +0800</pubDate></item>"
                          for n, (t, f) in enumerate(stories) if f == feed)
        (site / f"feed{k}.xml").write_text(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                                           f"<title>{feed}</title><link>{base}/</link>{entries}</channel></rss>", encoding="utf-8")
        feeds.append((feed, f"{base}/feed{k}.xml"))
    recipe = tmp_path / "local.recipe"
    recipe.write_text("from calibre.web.feeds.news import BasicNewsRecipe\n"
                      "class LocalNews(BasicNewsRecipe):\n"
                      "    title = '侨乡晚报'\n    language = 'zh'\n    oldest_article = 100000\n"
                      "    max_articles_per_feed = 10\n    no_stylesheets = True\n    timeout = 10\n"
                      "    simultaneous_downloads = 1\n    delay = 0\n"
                      f"    feeds = {feeds!r}\n", encoding="utf-8")
    out = tmp_path / "news.epub"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        subprocess.run(["ebook-convert", str(recipe), str(out)], check=True, timeout=120, capture_output=True,
                       env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"})
    finally:
        server.shutdown()
        server.server_close()
    source, docs = items_of(out)
    assert [(d.hints.title, d.hints.tags) for d in docs] == [(t, (f,)) for t, f in stories]
    assert [d.hints.url for d in docs] == [f"{base}/a{n}.html" for n in range(3)]
    assert {d.hints.source for d in docs} == {"侨乡晚报"} and docs[0].hints.authors is None  # not "calibre"
    assert all(b"calibre_navbar" not in d.data and b"downloaded by" not in d.data for d in docs)
    reasons = [s.reason for s in source.skipped]
    assert reasons.count("section or contents page of the periodical") == 3 and "cover" in reasons
    with Library.open(tmp_path / "lib.db") as library:
        assert import_paths(library, [out], jobs=1).imported == 3
        bodies = [r[0] for r in library._conn.execute("SELECT blocks FROM articles")]
    assert all("calibre" not in b and "Main menu" not in b for b in bodies)


def test_a_periodical_to_calibres_mobi_style_ncx_gives_each_article_its_section_and_author(tmp_path):
    """KindleEar and Calibre's periodical NCX: periodical > section > article, with mbp:meta."""
    files = {"OEBPS/index.html": page("目录"), "OEBPS/f0/index.html": page("要闻"),
             "OEBPS/f0/a0.html": page("江门新建三座社区图书馆"), "OEBPS/f0/a1.html": page("台山海鲜节吸引游客")}
    items = [(f"i{n}", name.removeprefix("OEBPS/"), "application/xhtml+xml") for n, name in enumerate(files)]
    arts = point("江门新建三座社区图书馆", "f0/a0.html#top", "article", author="李明") + point("台山海鲜节吸引游客", "f0/a1.html", "article")
    files["OEBPS/toc.ncx"] = ncx(point("目录", "index.html", "periodical", point("要闻", "f0/index.html", "section", arts)))
    files["OEBPS/content.opf"] = opf(items, [i for i, _, _ in items], "<dc:date>2024-03-05T08:00:00+08:00</dc:date>")
    source, docs = items_of(make_epub(tmp_path / "kindleear.epub", files))
    assert [(d.hints.title, d.hints.authors, d.hints.tags, d.hints.published) for d in docs] == [
        ("江门新建三座社区图书馆", ("李明",), ("要闻",), "2024-03-05"), ("台山海鲜节吸引游客", None, ("要闻",), "2024-03-05")]
    assert sorted(s.name for s in source.skipped) == ["kindleear.epub#OEBPS/f0/index.html", "kindleear.epub#OEBPS/index.html"]


def test_a_book_in_one_document_is_one_article_with_the_books_title(tmp_path):
    _, docs = items_of(book(tmp_path / "one.epub", ["第一章"], "<dc:creator opf:role=\"aut\">王芳</dc:creator>"
                            "<dc:date opf:event=\"modification\">2025-01-01</dc:date><dc:date>2023-06-01</dc:date>"))
    assert [(d.hints.title, d.hints.authors, d.hints.published) for d in docs] == [("侨乡晚报", ("王芳",), "2023-06-01")]


def test_a_chapter_of_a_collection_that_shows_its_own_date_keeps_it(tmp_path):
    """A book of several articles (a digest, an export) dates each by its own meta tags or byline;
    the book's dc:date (when it was made) dates only the chapters that show none."""
    dated = page("江门新建三座社区图书馆").replace(b"<head>", b'<head><meta name="article:published_time" content="2021-12-29T10:20:00+08:00"/>')
    undated = page("台山海鲜节吸引游客", "第十届台山海鲜节昨日开幕，吸引了来自珠三角各地的游客。" + BODY)
    path = book(tmp_path / "digest.epub", ["江门新建三座社区图书馆", "台山海鲜节吸引游客"], "<dc:date>2026-12-02</dc:date>",
                **{"OEBPS/text/c0.xhtml": dated, "OEBPS/text/c1.xhtml": undated})
    with Library.open(tmp_path / "lib.db") as library:
        assert import_paths(library, [path], jobs=1).imported == 2
        dates = dict(library._conn.execute("SELECT title, published FROM articles").fetchall())
    assert dates == {"江门新建三座社区图书馆": "2021-12-29T10:20:00+08:00", "台山海鲜节吸引游客": "2026-12-02"}


def test_an_epub_renamed_zip_is_a_book_at_the_top_and_in_a_folder_of_bundles(tmp_path):
    path = book(tmp_path / "book.zip", ["甲", "乙"])
    source, docs = items_of(path)
    assert source.kind == "epub" and [d.hints.title for d in docs] == ["甲", "乙"]
    folder = tmp_path / "all"
    folder.mkdir()
    shutil.move(str(path), folder / "book.zip")
    (source,) = list(iter_bundles([folder]))
    assert source.kind == "epub"


def test_an_epub_inside_a_zip_bundle_is_expanded(tmp_path):
    inner = book(tmp_path / "inner.epub", ["甲", "乙"]).read_bytes()
    bundle = tmp_path / "b.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("books/inner.epub", inner)
        zf.writestr("books/broken.epub", b"PK\x03\x04 not really")
    _, items = items_of(bundle)
    names = [(type(i).__name__, i.name) for i in items]
    assert names == [("DocumentError", "broken.epub"), ("RawDocument", "inner.epub#OEBPS/text/c0.xhtml"),
                     ("RawDocument", "inner.epub#OEBPS/text/c1.xhtml")]  # the one top folder is the bundle root


@pytest.mark.parametrize("where", ["container", "opf", "ncx"])
@pytest.mark.parametrize("attack", ["laughs", "external"])
def test_entities_in_the_package_refuse_the_book(tmp_path, where, attack):
    doctype = LAUGHS if attack == "laughs" else '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    use = "&a9;" if attack == "laughs" else "&e;"
    items = [("c0", "text/c0.xhtml", "application/xhtml+xml")]
    files = {"OEBPS/text/c0.xhtml": page("甲"),
             "OEBPS/content.opf": opf(items, ["c0"], f"<dc:publisher>{use}</dc:publisher>" if where == "opf" else "",
                                      doctype=doctype if where == "opf" else ""),
             "OEBPS/toc.ncx": ncx(point(use if where == "ncx" else "甲", "text/c0.xhtml"), doctype if where == "ncx" else "")}
    container = CONTAINER.replace(b"?>", b"?>" + doctype.encode(), 1).replace(b"<rootfiles>", use.encode() + b"<rootfiles>") if where == "container" else CONTAINER
    path = make_epub(tmp_path / "hostile.epub", files, container)
    message = refused(path, "declares XML entities")
    assert {"container": "container.xml", "opf": "content.opf", "ncx": "toc.ncx"}[where] in message
    assert "root:" not in message


def test_a_zip_bomb_epub_is_refused_before_it_is_inflated(tmp_path):
    path = book(tmp_path / "bomb.epub", ["甲"], OEBPS__text__pad_xhtml=b"\0" * (8 << 20))
    refused(path, "bomb")


def test_hrefs_that_climb_out_of_the_book_fail_alone(tmp_path):
    items = [("c0", "text/c0.xhtml", "application/xhtml+xml"), ("evil", "../../../etc/passwd", "application/xhtml+xml")]
    files = {"OEBPS/text/c0.xhtml": page("甲"), "OEBPS/toc.ncx": ncx(point("甲", "text/c0.xhtml")),
             "OEBPS/content.opf": opf(items, ["c0", "evil"]), "etc/passwd": page("乙")}
    _, items_ = items_of(make_epub(tmp_path / "climb.epub", files))
    assert [(type(i).__name__, i.name) for i in items_] == [
        ("RawDocument", "climb.epub#OEBPS/text/c0.xhtml"), ("DocumentError", "climb.epub#../../../etc/passwd")]
    assert "unsafe href" in items_[1].reason
    bad = make_epub(tmp_path / "root.epub", {}, CONTAINER.replace(b"OEBPS/content.opf", b"../content.opf"))
    refused(bad, "unsafe package path")


def test_a_damaged_chapter_fails_alone_and_a_truncated_book_fails_whole(tmp_path):
    items = [(f"c{n}", f"text/c{n}.xhtml", "application/xhtml+xml") for n in range(3)]
    files = {"OEBPS/text/c0.xhtml": page("甲"), "OEBPS/text/c2.xhtml": page("丙"), "OEBPS/toc.ncx": ncx(""),
             "OEBPS/content.opf": opf(items, ["c0", "c1", "c2", "ghost"])}
    _, got = items_of(make_epub(tmp_path / "gaps.epub", files))
    assert [(type(i).__name__, i.name.split("#")[1]) for i in got] == [
        ("RawDocument", "OEBPS/text/c0.xhtml"), ("DocumentError", "OEBPS/text/c1.xhtml"),
        ("RawDocument", "OEBPS/text/c2.xhtml"), ("DocumentError", "ghost")]
    assert got[1].reason == "is missing from the archive"
    whole = book(tmp_path / "whole.epub", ["甲", "乙"]).read_bytes()
    (tmp_path / "cut.epub").write_bytes(whole[: len(whole) // 2])
    refused(tmp_path / "cut.epub", "not a readable zip archive")
    with Library.open(tmp_path / "lib.db") as library:
        report = import_paths(library, [tmp_path / "cut.epub"], jobs=1)
        assert report.imported == 0 and library._conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_documents_past_max_entries_are_one_failure(tmp_path):
    _, got = items_of(book(tmp_path / "many.epub", [f"第{n}章" for n in range(6)]), Limits(max_entries=4))
    assert [type(i).__name__ for i in got] == ["RawDocument"] * 4 + ["DocumentError"]
    assert got[-1].name == "many.epub" and "more than 4 documents (limit max_entries)" in got[-1].reason


def test_sniff_claims_only_epubs():
    assert epub.sniff(b"PK\x03\x04" + b"\0" * 22 + b"\x08\0\0\0mimetypeapplication/epub+zip")
    assert not epub.sniff(b"PK\x03\x04" + b"\0" * 22 + b"\x08\0\0\0mimetypeapplication/zip")
    assert not epub.sniff(b"<html>mimetypeapplication/epub+zip</html>")
