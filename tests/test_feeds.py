"""RSS and Atom feed files: fields, dialects, encodings, recognition, hostile XML, limits, dedupe."""

from __future__ import annotations

import io
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from reader.bundle import feeds, formats, iter_bundles
from reader.bundle.items import Member, Skipped
from reader.errors import BundleError, DocumentError
from reader.importer import import_paths
from reader.library.store import Library
from reader.limits import DEFAULT_LIMITS, Limits
from reader.model import RawDocument

ROOT = Path(__file__).resolve().parent.parent
PARA = "江门市今天举行新闻发布会，介绍港澳合作的最新进展，与会代表就交通、教育和医疗等议题交换了意见。"
NS = 'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"'


def rss_item(n: int, *, content: bool = True, link: str | None = None) -> str:
    body = f"<content:encoded><![CDATA[<p>{PARA}第{n}段。</p><p>{PARA}</p>]]></content:encoded>" if content else ""
    return (f"<item><title>第{n}条新闻</title><link>{link or f'https://news.example.cn/{n}.html'}</link>"
            f"<guid isPermaLink=\"false\">g-{n}</guid><pubDate>Wed, 29 Dec 2021 10:20:00 +0800</pubDate>"
            f"<dc:creator>记者{n}</dc:creator><category>本地</category><category>交通</category>"
            f"<description>摘要{n}：{PARA}……</description>{body}</item>")


def rss(*items: str, prolog: str = '<?xml version="1.0" encoding="utf-8"?>', encoding: str = "utf-8") -> bytes:
    return f"{prolog}<rss version=\"2.0\" {NS}><channel><title>示例频道</title><language>zh-cn</language>{''.join(items)}</channel></rss>".encode(encoding)


def read(data: bytes, name: str = "feed.xml", limits: Limits = DEFAULT_LIMITS) -> list:
    return list(feeds.read_feed(io.BytesIO(data), name, limits))


def library_import(tmp_path: Path, *paths: Path):
    with Library.open(tmp_path / "lib.db") as library:
        report = import_paths(library, list(paths), jobs=1)
        rows = library._conn.execute("SELECT title, url FROM articles ORDER BY id").fetchall()
    return report, [tuple(r) for r in rows]


def test_an_rss_item_with_full_content_becomes_an_html_entry_with_the_feed_s_fields():
    [item] = read(rss(rss_item(1)))
    assert (item.name, item.kind) == ("feed.xml#g-1", "html")
    assert item.data.decode("utf-8").startswith(f"<p>{PARA}第1段。</p>")
    h = item.hints
    assert (h.url, h.title, h.published, h.authors) == ("https://news.example.cn/1.html", "第1条新闻", "2021-12-29T10:20:00+08:00", ("记者1",))
    assert (h.source, h.language, h.encoding, h.container, h.entry) == ("示例频道", "zh-cn", "utf-8", "rss", "g-1")
    assert h.tags == ("本地", "交通") and h.excerpt is None


def test_an_item_without_a_guid_is_named_by_its_link_else_by_its_number():
    no_guid = rss_item(1).replace('<guid isPermaLink="false">g-1</guid>', "")
    bare = "<item><description>" + PARA * 10 + "</description></item>"
    first, second = read(rss(no_guid, bare))
    assert first.name == "feed.xml#https://news.example.cn/1.html"
    assert second.name == "feed.xml#item 2" and second.hints.excerpt is None  # a long description is the article


def test_a_summary_only_atom_feed_marks_its_entries_as_excerpts():
    data = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>快訊</title>'
            '<entry><id>urn:x:1</id><title>標題</title><link href="https://x.example/1"/>'
            '<published>2021-12-30T07:45:00+08:00</published><author><name>梁家豪</name></author>'
            '<category term="交通"/><summary type="html">&lt;p&gt;摘要……&lt;/p&gt;</summary></entry>'
            '<entry><id>urn:x:2</id><title>全文</title><content type="html">&lt;p&gt;' + PARA + '&lt;/p&gt;</content></entry></feed>').encode()
    assert feeds.sniff(data)
    summary, full = read(data)
    assert (summary.kind, summary.hints.excerpt, summary.hints.container) == ("html", True, "atom")
    assert summary.data == "<p>摘要……</p>".encode()
    assert (summary.hints.url, summary.hints.published, summary.hints.authors, summary.hints.tags) == (
        "https://x.example/1", "2021-12-30T07:45:00+08:00", ("梁家豪",), ("交通",))
    assert summary.hints.source == "快訊"
    assert full.hints.excerpt is None and PARA in full.data.decode()


def test_relative_links_resolve_against_the_feed_s_xml_base_as_a_whole_feed_would():
    # each item is parsed alone in an envelope: the xml:base of the feed and channel goes with it
    data = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://x.example/news/">'
            '<title>基址</title><entry><id>urn:x:1</id><title>相对</title><link href="2021/1.html"/>'
            f'<content type="html">&lt;p&gt;{PARA}&lt;/p&gt;</content></entry>'
            '<entry xml:base="/other/"><id>urn:x:2</id><title>自带</title><link href="2.html"/>'
            f'<content type="html">&lt;p&gt;{PARA}&lt;/p&gt;</content></entry></feed>').encode()
    first, second = read(data)
    assert first.hints.url == "https://x.example/news/2021/1.html"
    assert second.hints.url == "https://x.example/other/2.html"
    channel = rss(rss_item(1, link="/a/1.html")).replace(b"<channel>", b'<channel xml:base="https://n.example/">')
    [item] = read(channel)
    assert item.hints.url == "https://n.example/a/1.html"


def test_inline_markup_in_an_html_title_adds_no_space_between_chinese_words():
    data = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>标题</title><entry><id>urn:x:1</id>'
            '<title type="html">&lt;b&gt;粗体&lt;/b&gt;标题&lt;br/&gt;第二行</title>'
            f'<content type="html">&lt;p&gt;{PARA}&lt;/p&gt;</content></entry></feed>').encode()
    [item] = read(data)
    assert item.hints.title == "粗体标题 第二行"


def test_rss_1_0_and_rss_0_91_items_are_read():
    rdf = ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
           'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
           '<channel rdf:about="https://x.example/"><title>RDF频道</title></channel>'
           '<item rdf:about="https://x.example/1"><title>一</title><link>https://x.example/1</link>'
           f'<dc:date>2021-12-29T10:20:00+08:00</dc:date><description>{PARA * 8}</description></item></rdf:RDF>').encode()
    old = ('<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
           '"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>旧频道</title>'
           f'<item><title>二</title><link>https://x.example/2</link><description>{PARA * 8}</description></item></channel></rss>').encode()
    assert feeds.sniff(rdf) and feeds.sniff(old)
    [one], [two] = read(rdf), read(old)
    assert (one.hints.title, one.hints.url, one.hints.published, one.hints.source) == ("一", "https://x.example/1", "2021-12-29T10:20:00+08:00", "RDF频道")
    assert (two.hints.title, two.hints.source, two.kind) == ("二", "旧频道", "html")


@pytest.mark.parametrize("label, codec, text", [("gb2312", "gbk", "朱镕基考察喆园"), ("big5", "big5hkscs", "香港屋邨重建計劃")])
def test_feeds_labelled_gb2312_or_big5_read_their_wider_characters(label, codec, text):
    data = (f'<?xml version="1.0" encoding="{label}"?><rss version="2.0"><channel><title>{text}</title><item>'
            f"<title>{text}</title><description>&lt;p&gt;{text * 30}&lt;/p&gt;</description></item></channel></rss>").encode(codec)
    [item] = read(data)
    assert (item.hints.title, item.hints.source) == (text, text)
    assert item.data.decode("utf-8") == f"<p>{text * 30}</p>"


def _billion_laughs() -> bytes:
    levels = ['<!ENTITY l0 "lollollollol">'] + [f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10)]
    return rss(rss_item(1).replace("第1条新闻", "&l9;"), prolog=f'<?xml version="1.0"?><!DOCTYPE rss [{"".join(levels)}]>')


def _external_entity() -> bytes:
    return rss(rss_item(1).replace("摘要1", "&secret;"), prolog='<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>')


@pytest.mark.parametrize("make", [_billion_laughs, _external_entity], ids=["entity-expansion", "external-entity"])
def test_a_feed_declaring_entities_is_refused_quickly_and_changes_nothing(tmp_path, make):
    path = tmp_path / "hostile.xml"
    path.write_bytes(make())
    started = time.monotonic()
    with pytest.raises(BundleError, match=r"hostile.xml: the feed's DOCTYPE declares XML entities: refused"):
        read(path.read_bytes(), "hostile.xml")
    report, rows = library_import(tmp_path, path)
    assert time.monotonic() - started < 5
    assert rows == [] and report.imported == 0
    [(label, reason)] = report.failed
    assert "hostile.xml" in label + reason and "root:" not in reason and "lollol" not in reason


def test_a_feed_of_a_million_items_stops_at_max_entries_quickly(tmp_path):
    path = tmp_path / "huge.rss"
    with open(path, "wb") as out:
        out.write('<?xml version="1.0"?><rss version="2.0"><channel><title>大</title>'.encode())
        out.write(b"<item><title>t</title><description>d</description></item>" * 1_000_000)
        out.write(b"</channel></rss>")
    started = time.monotonic()
    with open(path, "rb") as stream:
        items = list(feeds.read_feed(stream, "huge.rss", Limits(max_entries=50)))
    assert time.monotonic() - started < 5
    assert len(items) == 51 and isinstance(items[-1], DocumentError)
    assert items[-1].reason == "item 51: more than 50 items (limit max_entries): the rest skipped"


def test_a_truncated_feed_keeps_the_items_before_the_damage():
    data = rss(rss_item(1), rss_item(2), rss_item(3))
    items = read(data[: data.index(b"<item>", data.index(b"g-2")) + 40])
    assert [type(i).__name__ for i in items] == ["Member", "Member", "DocumentError"]
    assert items[2].name == "feed.xml" and items[2].reason.startswith("broken XML after item 2 (line 1:")


def test_a_feed_that_is_not_well_formed_is_read_by_feedparser_s_forgiving_parser():
    data = rss(rss_item(1).replace("第1条新闻", "A & B"))  # a bare ampersand: not XML
    [item] = read(data)
    assert item.hints.title == "A & B" and item.name == "feed.xml#g-1"


def test_another_xml_file_is_skipped_with_what_it_is(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "sitemap.xml").write_bytes(b'<?xml version="1.0"?><urlset><url><loc>https://x/</loc></url></urlset>')
    (folder / "feed.xml").write_bytes(rss(rss_item(1)))
    report, rows = library_import(tmp_path, folder)
    assert rows == [("第1条新闻", "https://news.example.cn/1.html")] and report.failed == []
    assert [(Path(f).name, what) for f, what in report.not_articles] == [("sitemap.xml", feeds.NOT_A_FEED)]


@pytest.mark.parametrize("head, claimed", [
    (rss(rss_item(1)), True),
    (b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- a comment -->\n<rss version='2.0'>", True),
    (b'<feed xmlns="http://www.w3.org/2005/Atom">', True),
    (b"<!DOCTYPE html><html><body><p>feed <rss> here</p></body></html>", False),
    (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><feed/></body></html>', False),
    (b'<feed><title>not atom</title></feed>', False),
    ("江门新闻\n\n<rss> 是一种订阅格式。".encode(), False),
    (b'{"title": "<rss>", "body": "x"}', False),
])
def test_sniffing_claims_feeds_and_nothing_else(head, claimed):
    assert feeds.sniff(head) is claimed


def test_a_feed_saved_as_txt_is_read_as_a_feed_on_its_own_and_inside_a_zip(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_bytes(rss(rss_item(1), rss_item(2)))
    assert formats.recognise_file(path).name == "feed"
    zipped = tmp_path / "b.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("saved.txt", path.read_bytes())
    for source in iter_bundles([path, zipped]):
        docs = list(source.documents())
        assert [d.name for d in docs] == ["saved.txt#g-1", "saved.txt#g-2"]
        assert all(isinstance(d, RawDocument) and d.kind == "html" for d in docs)


def test_an_import_of_a_feed_stores_each_item_and_reimporting_is_a_no_op(tmp_path):
    path = tmp_path / "news.rss"
    path.write_bytes(rss(rss_item(1), rss_item(2, content=False), rss_item(3)))
    with Library.open(tmp_path / "lib.db") as library:
        first = import_paths(library, [path], jobs=1)
        second = import_paths(library, [path], jobs=1)
        rows = library._conn.execute("SELECT title, source, published, url FROM articles ORDER BY url").fetchall()
        hints = [r[0] for r in library._conn.execute("SELECT hints FROM documents ORDER BY name")]
    assert first.imported == 3 and first.failed == [] and second.imported == 0 and second.skipped
    assert tuple(rows[0]) == ("第1条新闻", "示例频道", "2021-12-29T10:20:00+08:00", "https://news.example.cn/1.html")
    assert '"excerpt": true' in hints[1] and '"tags": ["本地", "交通"]' in hints[0]


def test_a_feed_item_and_the_same_page_saved_as_html_are_one_article(tmp_path):
    url = "https://news.example.cn/2021/12/29/same.html"
    feed = tmp_path / "news.rss"
    feed.write_bytes(rss(rss_item(1, link=url)))
    page = tmp_path / "same.html"
    page.write_text(f'<html><head><title>第1条新闻 - 示例网</title><link rel="canonical" href="{url}"></head>'
                    f"<body><h1>第1条新闻</h1><p>2021-12-29 10:20</p><p>{PARA}另一版本。</p><p>{PARA}</p></body></html>", encoding="utf-8")
    report, rows = library_import(tmp_path, feed, page)
    assert report.imported == 1 and report.duplicates == 1
    assert rows == [("第1条新闻", url)]


def test_an_item_without_content_or_summary_is_skipped_by_name():
    bare = "<item><title>只有标题</title><link>https://x.example/9</link></item>"
    [skipped] = read(rss(bare))
    assert isinstance(skipped, Skipped) and skipped.name == "feed.xml#https://x.example/9"
    assert not isinstance(skipped, Member)


def test_the_sample_feeds_in_bundles_import(tmp_path):
    report, rows = library_import(tmp_path, ROOT / "bundles" / "feeds")
    assert report.failed == [] and report.imported == 11  # wallabag-export.csv holds two


HUGO_POST = """---
title: "黄茅海跨海通道通车 台山到珠海只需半小时"
date: 2021-12-29T09:30:00+08:00
tags: ["交通", "台山"]
---
黄茅海跨海通道今天上午正式通车。通道东起珠海高栏港，西至江门台山斗山镇，全长约三十一公里，双向六车道。

通车后，台山到珠海的车程由原来的一个半小时缩短至半小时左右，粤港澳大湾区西岸的交通网络进一步完善。
"""


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (apt-get install hugo; .ci/run installs it)")
def test_a_feed_written_by_hugo_is_a_summary_feed_and_its_page_is_the_same_article(tmp_path):
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "config.toml").write_text('baseURL = "https://blog.example.cn/"\nlanguageCode = "zh-cn"\ntitle = "侨乡笔记"\n'
                                      "hasCJKLanguage = true\nsummaryLength = 40\n", encoding="utf-8")
    (site / "content" / "posts" / "bridge.md").write_text(HUGO_POST, encoding="utf-8")
    (site / "layouts" / "_default" / "single.html").write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ .Title }} - {{ .Site.Title }}</title>'
        '<link rel="canonical" href="{{ .Permalink }}"></head><body><h1>{{ .Title }}</h1>'
        '<p>{{ .Date.Format "2006-01-02 15:04" }}</p>{{ .Content }}</body></html>', encoding="utf-8")
    subprocess.run(["hugo", "--quiet", "--source", str(site)], check=True, capture_output=True, timeout=60)
    feed, page = site / "public" / "index.xml", site / "public" / "posts" / "bridge" / "index.html"
    [item] = read(feed.read_bytes(), "index.xml")
    h = item.hints
    assert (h.url, h.title, h.published, h.source, h.excerpt) == (
        "https://blog.example.cn/posts/bridge/", "黄茅海跨海通道通车 台山到珠海只需半小时", "2021-12-29T09:30:00+08:00", "侨乡笔记", True)
    assert item.name == "index.xml#https://blog.example.cn/posts/bridge/"
    with Library.open(tmp_path / "lib.db") as library:
        report = import_paths(library, [page, feed], jobs=1)
        [body] = [r[0] for r in library._conn.execute("SELECT blocks FROM articles")]
    assert report.imported == 1 and report.duplicates == 1 and "双向六车道" in body
