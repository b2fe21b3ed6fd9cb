"""reader export --format epub: books that epubcheck passes with no errors and no warnings, that
our own EPUB importer reads back into the same articles, in either script, with hostile text
inert, and written whole or not at all."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from test_library_support import ROOT, add_bundle, article, run_reader

from reader.export import epub as epub_export
from reader.export.presenting import Presented, ShownBlock
from reader.importer import import_paths
from reader.library import Library
from reader.model import Article, Block

EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
XHTML = "{http://www.w3.org/1999/xhtml}"
HOSTILE_TITLE = "<script>alert(1)</script> & ]]> \x1b[31m紅\x07字\x0c標題"
# (no NUL: decoding strips it before anything is stored)
HOSTILE_BODY = ("正文 <b>粗</b> &amp; ]]> \x01\x1b]52;c;ZXZpbA==\x07剪貼簿\x7f\x9b31m <img src=x onerror=alert(1)>"
                " <body epub:type='cover'>")


def epubcheck(path: Path) -> None:
    """Zero errors and zero warnings (the usage notes epubcheck keeps for -u are not asked for)."""
    java = shutil.which("java")
    if java is None or not EPUBCHECK.is_file():
        pytest.skip("epubcheck needs java and /usr/share/java/epubcheck.jar (Debian packages default-jre-headless, "
                    "epubcheck; .ci/run installs them)")
    # a short run is all JVM start-up: the client compiler and serial GC halve it
    result = subprocess.run([java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(EPUBCHECK), str(path)],
                            capture_output=True, text=True, timeout=300)
    report = result.stdout + result.stderr
    assert result.returncode == 0 and "No errors or warnings detected." in report, report


def chapters(path: Path) -> dict[str, etree._Element]:
    """Each XHTML document of the book, parsed as strict XML."""
    with zipfile.ZipFile(path) as book:
        return {name: etree.fromstring(book.read(name)) for name in book.namelist() if name.endswith(".xhtml")}


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> Path:
    """A library of the 29 sample articles (bundles/), three of them highlighted, two with notes."""
    db = tmp_path_factory.mktemp("samples") / "lib.db"
    with Library.open(db) as library:
        assert import_paths(library, [ROOT / "bundles"], jobs=1).imported == 29
        ids = library.article_ids()
        for n, ident in enumerate(ids[:3]):
            library.add_highlight(ident, 2, 12, "值得一記" if n else "")
            library.add_highlight(ident, 20, 30, f"第{n}條筆記 <i>&")
        library.set_article_note(ids[0], "整篇的筆記")
    return db


def blocks_of(library: Library, ident: int) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in library.get(ident).blocks if b.kind != "share" and b.text]


def test_the_sample_library_comes_back_from_its_book(samples, tmp_path):
    book = tmp_path / "samples.epub"
    result = run_reader("export", "--format", "epub", "-o", str(book), db=samples)
    assert result.returncode == 0 and f"exported 29 articles to {book}" in result.stderr, result.stderr
    epubcheck(book)
    back = tmp_path / "back.db"
    result = run_reader("import", str(book), env={"READER_DB": str(back)})
    assert result.returncode == 0 and "imported 29, duplicates 0, failed 0" in result.stdout, result.stdout
    assert "title page" in result.stdout and "navigation document" in result.stdout

    with Library.open(samples) as before, Library.open(back) as after:
        again = {after.get(i).title: i for i in after.article_ids()}
        same = {"title": 0, "date": 0, "blocks": 0, "source": 0, "url": 0}
        for ident in before.article_ids():
            old = before.get(ident)
            new = after.get(again[old.title])  # KeyError: a title did not come back
            same["title"] += 1
            same["source"] += old.source == new.source
            same["url"] += old.url == new.url
            assert new.published == old.published, old.title  # to the second; undated stays undated
            same["date"] += 1
            old_blocks, new_blocks = blocks_of(before, ident), blocks_of(after, new.id)
            if old_blocks == new_blocks:
                same["blocks"] += 1
            else:
                # a short line between the headline and the text reads as the headline's deck in
                # HTML; the JSON records of the sample kept it as a subheading
                assert old_blocks[0][0] == "subheading" and old_blocks[1:] == new_blocks, old.title
    assert same == {"title": 29, "date": 29, "blocks": 27, "source": 29, "url": 29}


def test_highlights_are_marks_with_their_notes_after_them_and_stay_out_of_the_text(samples, tmp_path):
    book = tmp_path / "marked.epub"
    with Library.open(samples) as library:
        first = library.article_ids()[0]
    assert run_reader("export", str(first), "--format", "epub", "-o", str(book), db=samples).returncode == 0
    (page,) = [root for name, root in chapters(book).items() if "/text/" in name]
    marks = ["".join(m.itertext()) for m in page.iter(f"{XHTML}mark")]
    with Library.open(samples) as library:
        body = library.get(first).body
    assert marks == [body[2:12], body[20:30]]
    notes = ["".join(a.itertext()) for a in page.iter(f"{XHTML}aside")]
    assert notes == ["笔记 整篇的筆記", "笔记 第0條筆記 <i>&"]  # a Simplified article: our label Simplified, notes as written


@pytest.fixture
def hostile(tmp_path) -> Path:
    db = tmp_path / "hostile.db"
    with Library.open(db) as library:
        add_bundle(library, "b1", [
            Article(title=HOSTILE_TITLE, blocks=[Block("paragraph", HOSTILE_BODY), Block("subheading", "小標題 <h1>"),
                                                 Block("paragraph", "第二段：軟體與網路。")],
                    published="2021-12-29T10:20:00+08:00", source="惡意<來源>&", authors=["葉芷晴", "張泳渝"],
                    editor="王編", url="javascript:alert(document.cookie)"),
            article("简体新闻标题", "香港与澳门的合作不断深化，软件和网络产业发展迅速。", published="2020-01-02",
                    source="新华社", url='https://example.com/a b/"q"?x=<1>&y=[2]#frag'),
        ])
        library.add_highlight(1, 0, 2, "</aside><script>alert(1)</script>\x1b[2J")
    return db


@pytest.mark.parametrize("script, lang, shown, not_shown, sources", [
    ("simplified", "zh-Hans", ["软体与网路", "简体新闻标题", "目录", "叶芷晴"], ["軟體", "目錄", "葉"], ["恶意<来源>&", "新华社"]),
    ("traditional", "zh-Hant", ["軟體與網路", "簡體新聞標題", "目錄", "葉芷晴", "軟件和網絡"], ["软件", "目录", "简体"],
     ["惡意<來源>&", "新華社"]),
])
def test_hostile_text_is_inert_in_either_script_and_the_book_validates(hostile, tmp_path, script, lang, shown, not_shown,
                                                                       sources):
    book = tmp_path / f"{script}.epub"
    result = run_reader("export", "--format", "epub", "--script", script, "--group-by", "source", "-o", str(book), db=hostile)
    assert result.returncode == 0, result.stderr
    epubcheck(book)
    pages = chapters(book)  # strict XML: a stray "<" or "&" would not parse
    with zipfile.ZipFile(book) as zf:
        everything = b"".join(zf.read(n) for n in zf.namelist()).decode("utf-8")
        opf = zf.read("EPUB/package.opf").decode("utf-8")
    assert f"<dc:language>{lang}</dc:language>" in opf
    assert all(root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang == root.get("lang") for root in pages.values())
    for word in shown:
        assert word in everything, word
    for word in not_shown:
        assert word not in everything, word
    for root in pages.values():
        assert not [el for el in root.iter() if etree.QName(el).localname in ("script", "img", "b", "i")]
        hrefs = [a.get("href") for a in root.iter(f"{XHTML}a")]
        assert not [h for h in hrefs if h.startswith("javascript")]
    assert not any(c in everything for c in "\x01\x07\x0c\x1b\x7f\x9b")
    text = "".join(t for root in pages.values() for t in root.itertext())
    assert "<script>alert(1)</script> & ]]>" in text and "&amp; ]]>" in text and "<img src=x onerror=alert(1)>" in text
    # the one http(s) address is the one link, percent-encoded; the javascript: one is no link at all
    links = [a.get("href") for root in pages.values() for a in root.iter(f"{XHTML}a") if a.get("href").startswith("http")]
    assert links == ["https://example.com/a%20b/%22q%22?x=%3C1%3E&y=%5B2%5D#frag"]
    assert [s.text for s in pages["EPUB/nav.xhtml"].iter(f"{XHTML}span")] == sources  # grouped by source
    back = tmp_path / "back.db"
    result = run_reader("import", str(book), env={"READER_DB": str(back)})
    assert "imported 2, duplicates 0, failed 0" in result.stdout, result.stdout  # no chapter taken for a cover


def test_lone_surrogates_and_xml_forbidden_characters_are_dropped(tmp_path):
    """Text that cannot even be stored in the library (lone surrogates) may still reach the writer."""
    shown = Presented(
        id=1, title="標題\ud800\udfff\ufffe", name="x.html", published="2021-12-29", source="來源\uffff", authors=["王\udc80"],
        editor="", breadcrumb=[], url="https://example.com/\ud83d", script="traditional", language="zh-Hant",
        blocks=[ShownBlock("paragraph", "段落\ud800文字\x0b\x1f")], notes=["筆記\udfff"], tags=[], labels={})
    book = tmp_path / "odd.epub"
    epub_export.write_epub(book, [shown], script="traditional")
    epubcheck(book)
    with zipfile.ZipFile(book) as zf:
        page = zf.read("EPUB/text/a0001.xhtml").decode("utf-8")
    assert "<h1>標題</h1>" in page and "<p>段落文字</p>" in page


def test_the_title_grouping_and_identifier(hostile, tmp_path):
    first, second, other = tmp_path / "1.epub", tmp_path / "2.epub", tmp_path / "3.epub"
    for path, extra in ((first, ["--title", "我的<書>"]), (second, []), (other, ["1"])):
        assert run_reader("export", "--format", "epub", "-o", str(path), *extra, db=hostile).returncode == 0

    def opf(path: Path) -> str:
        with zipfile.ZipFile(path) as zf:
            assert zf.infolist()[0].filename == "mimetype" and zf.infolist()[0].compress_type == zipfile.ZIP_STORED
            return zf.read("EPUB/package.opf").decode("utf-8")

    def identifier(path: Path) -> str:
        return opf(path).split('<dc:identifier id="book-id">')[1].split("<")[0]

    assert identifier(first) == identifier(second) != identifier(other)  # the selection, not the title
    assert identifier(first).startswith("urn:uuid:")
    assert "<dc:title>我的&lt;書&gt;</dc:title>" in opf(first)
    assert "· 2 篇</dc:title>" in opf(second) and "<dc:title>reader 20" in opf(second)
    nav = chapters(second)["EPUB/nav.xhtml"]
    assert [s.text for s in nav.iter(f"{XHTML}span")] == ["2021-12-29", "2020-01-02"]  # by day, newest first


def test_usage_and_empty_selection_errors_and_nothing_left_behind(hostile, tmp_path, monkeypatch):
    def one_line_error(result, code: int, fragment: str) -> None:
        assert result.returncode == code, (result.returncode, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert "Traceback" not in result.stderr and len(lines) == 1 and fragment in lines[0], result.stderr

    one_line_error(run_reader("export", "--format", "epub", db=hostile), 2, "-o FILE.epub")
    one_line_error(run_reader("export", "--format", "epub", "--group-by", "tag", "-o", str(tmp_path / "x.epub"), db=hostile),
                   2, "--group-by")
    empty = tmp_path / "empty.epub"
    one_line_error(run_reader("export", "--format", "epub", "--source", "nobody", "-o", str(empty), db=hostile), 1,
                   "nothing to export")
    nowhere = tmp_path / "missing" / "x.epub"
    one_line_error(run_reader("export", "--format", "epub", "-o", str(nowhere), db=hostile), 1, "cannot write")
    assert not [p.name for p in tmp_path.rglob("*") if "epub" in p.name]

    # a failure halfway through leaves the old file as it was and no temporary file
    target = tmp_path / "book.epub"
    target.write_bytes(b"the old book")
    shown = Presented(id=1, title="標題", name="x", published=None, source="", authors=[], editor="", breadcrumb=[],
                      url=None, script="traditional", language="zh-Hant", blocks=[ShownBlock("paragraph", "文字")],
                      notes=[], tags=[], labels={})

    def broken(article):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(epub_export.markup, "chapter", broken)
    with pytest.raises(RuntimeError):
        epub_export.write_epub(target, [shown], script="traditional")
    assert target.read_bytes() == b"the old book"
    assert [p.name for p in tmp_path.rglob("*") if "epub" in p.name] == ["book.epub"]
