"""Extraction never crashes and never backtracks: property-based and adversarial tests.

- For any text (arbitrary Unicode, HTML-ish soup, JSON records of any shape, with any manifest
  hints), ``reader.extract.extract`` returns articles or raises a ``ReaderError`` subclass;
  nothing else escapes. The same holds for decode + extract on arbitrary bytes
  (``reader.importer.process_document``).
- Adversarial inputs (1 MB lines of the very tokens the cleaning regexes look for, 200,000-deep
  ``<div>`` nesting, tens of thousands of junk lines) take time linear in their size: the time
  for 10x the input stays under 30x (a ratio, so a slow machine does not fail it; a regex that
  backtracks quadratically gives ~100x).
"""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.extract import extract
from reader.model import Article, ArticleHints, RawDocument

KINDS = ["text", "html", "json", "jsonl"]
FAST = settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


def _extract_or_reader_error(text: str, kind: str, hints: ArticleHints | None = None) -> list[Article] | None:
    try:
        articles = extract(text, kind, hints or ArticleHints())
    except ReaderError:
        return None
    assert isinstance(articles, list)
    for article in articles:
        assert isinstance(article, Article)
        assert isinstance(article.title, str)
        assert isinstance(article.body, str)
    return articles


# ---- strategies ------------------------------------------------------------------------------

_TAGS = [
    "p", "div", "h1", "h2", "title", "meta", "a", "br", "script", "style", "span", "strong", "table", "td", "li",
    "html", "body", "head", "noscript", "iframe", "svg", "template", "time", "article", "header", "footer",
]
_ATTRS = [
    "", " class='content'", " id='article'", " name='publishdate' content='2021-12-29'", " charset='gbk'",
    " property='og:title' content='标题'", " href='javascript:alert(1)'", " datetime='2021-13-45'",
    " itemprop='datePublished' content='9999-99-99'", " name='author' content=''",
]
_JUNK = [
    "来源:", "2021年12月29日", "记者", "责任编辑:", "扫一扫", "掃一掃", "&amp;", "&#0;", "&#x110000;", "&#xD800;",
    "&nbsp;", "\x00", "\u3000", "\r", "原标题:", "【", "】", "民國110年", "|", "新华社北京12月29日电", "首页 >",
    "http://", "\ufeff", "\u202e", "\x1b[31m", "<![CDATA[x]]>", "<!-- x", "-->", "<?xml version='1.0'?>",
    "<!DOCTYPE x [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]>", "&b;", "<!ENTITY x SYSTEM 'file:///etc/passwd'>",
]
html_soup = st.lists(
    st.one_of(
        st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(_TAGS), st.sampled_from(_ATTRS)),
        st.builds(lambda t: f"</{t}>", st.sampled_from(_TAGS)),
        st.text(max_size=40),
        st.sampled_from(_JUNK),
    ),
    max_size=60,
).map("".join)
scraped_text = st.lists(
    st.one_of(st.text(max_size=60), st.sampled_from(_JUNK), st.just("\n"), st.just("\n\n"), st.just("\u3000\u3000")),
    max_size=50,
).map("".join)

_FIELDS = [
    "title", "title_page", "body", "text", "maintext", "content", "blocks", "published", "date_publish", "date",
    "authors", "author", "url", "canonical_url", "source", "source_domain", "editor", "breadcrumb", "kind",
]
_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
    st.sampled_from(["2021-12-29", "2021年12月29日", "9999-99-99", "0000-00-00T25:61:61", "民國110年12月29日", "  "]),
)
_value = st.recursive(
    _leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(_FIELDS), st.text(max_size=5)), inner, max_size=5),
    ),
    max_leaves=25,
)
json_record = st.dictionaries(st.sampled_from(_FIELDS), _value, max_size=10)
_hint = st.one_of(
    st.none(), st.text(max_size=30),
    st.sampled_from(["2021-12-29", "2021-02-30", "9999-12-31T99:99", "", "民國110年12月29日", "http://"]),
)
hints = st.builds(
    ArticleHints,
    url=_hint, title=_hint, published=_hint, source=_hint, language=_hint,
    authors=st.one_of(st.none(), st.just(()), st.tuples(st.text(max_size=6))),
)


# ---- properties ------------------------------------------------------------------------------


@FAST
@given(text=st.text(), kind=st.sampled_from(KINDS))
def test_any_text_gives_articles_or_a_reader_error(text, kind):
    _extract_or_reader_error(text, kind)


@FAST
@given(text=html_soup, kind=st.sampled_from(["html", "text"]), h=hints)
def test_html_soup_gives_articles_or_a_reader_error(text, kind, h):
    _extract_or_reader_error(text, kind, h)


@FAST
@given(text=scraped_text, h=hints)
def test_scraped_text_gives_articles_or_a_reader_error(text, h):
    _extract_or_reader_error(text, "text", h)


@FAST
@given(records=st.one_of(json_record, st.lists(json_record, max_size=4), _value), kind=st.sampled_from(["json", "jsonl"]), h=hints)
def test_json_records_of_any_shape_give_articles_or_a_reader_error(records, kind, h):
    if kind == "jsonl" and isinstance(records, list):
        text = "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    else:
        text = json.dumps(records, ensure_ascii=False)
    _extract_or_reader_error(text, kind, h)


@FAST
@given(data=st.binary(max_size=2000), kind=st.sampled_from(KINDS))
def test_decode_then_extract_any_bytes_gives_articles_or_a_reader_error(data, kind):
    from reader.importer import process_document

    try:
        articles, _encoding = process_document(RawDocument(name=f"x.{kind}", data=data, kind=kind))
    except ReaderError:
        return
    assert articles


def test_deep_json_nesting_is_a_reader_error():
    for kind in ("json", "jsonl"):
        for opener in ("[", '{"body":'):
            text = opener * 200_000
            assert _extract_or_reader_error(text, kind) is None


# ---- linear time on adversarial input ----------------------------------------------------------

PLACES = "|".join(["北京", "上海", "广州", "深圳", "江门", "台山", "开平", "恩平", "鹤山", "新会", "蓬江", "江海"]) + "|"

# name -> (kind, make(n) giving roughly n characters of one long line)
LINES = {
    "source-colons": ("text", lambda n: "来源:" * (n // 3)),
    "years": ("text", lambda n: "2021年" * (n // 5)),
    "full-dates": ("text", lambda n: "2021年12月29日 " * (n // 12)),
    "roc-years": ("text", lambda n: "民國110年" * (n // 6)),
    "place-names": ("text", lambda n: PLACES * (n // len(PLACES))),
    "share-trad": ("text", lambda n: "掃一掃" * (n // 3)),
    "share-line": ("text", lambda n: "扫一扫,分享到微信朋友圈" * (n // 12)),
    "reporters": ("text", lambda n: "记者" * (n // 2)),
    "editors": ("text", lambda n: "责任编辑:" * (n // 5)),
    "original-title": ("text", lambda n: "原标题:" * (n // 4)),
    "datelines": ("text", lambda n: "新华社北京12月29日电" * (n // 12)),
    "spaces": ("text", lambda n: "字" + " " * n + "字"),
    "ideographic-spaces": ("text", lambda n: "字" + "\u3000" * n + "字"),
    # (a page of several lines, so that no line is read as a page run together)
    "spaces-in-a-page": ("text", lambda n: "字\n\n字\n\n字" + " " * n + "字"),
    "spaces-then-bullet": ("text", lambda n: "字\n\n字\n\n字" + " " * n + "• 字"),  # a side column's item past a gap
    "stamps": ("text", lambda n: "08-11 16:06，" * (n // 12)),
    "name-runs": ("text", lambda n: "记者" + "王燕平方云凤" * (n // 6)),
    "punctuation": ("text", lambda n: "，。！？、；：…—" * (n // 9)),
    "brackets": ("text", lambda n: "【" * (n // 2) + "】" * (n // 2)),
    "digits-and-dashes": ("text", lambda n: "1-" * (n // 2)),
    "url-ish": ("text", lambda n: "http://" + "a." * (n // 2)),
    "cjk-and-spaces": ("text", lambda n: "字 " * (n // 2)),
    "source-colons-html": ("html", lambda n: "<p>" + "来源:" * (n // 3) + "</p>"),
    "place-names-html": ("html", lambda n: "<div>" + PLACES * (n // len(PLACES)) + "</div>"),
    "nested-divs": ("html", lambda n: "<div>" * (n // 5) + "正文" + "</div>" * (n // 5)),
    "open-brackets": ("html", lambda n: "<" * n),
    "entities": ("html", lambda n: "<p>" + "&amp;" * (n // 5) + "</p>"),
    "json-body": ("json", lambda n: json.dumps({"title": "标题", "body": "来源:" * (n // 3)}, ensure_ascii=False)),
}

# name -> (kind, make(k) giving k lines or elements): many short pieces instead of one long line
MANY = {
    "source-lines": ("text", lambda k: "\n".join("来源:南方日报" for _ in range(k))),
    "date-lines": ("text", lambda k: "\n".join(f"2021年12月{i % 28 + 1}日" for i in range(k))),
    "title-like-lines": ("text", lambda k: "\n".join(f"标题{i}" for i in range(k))),
    "paragraphs": ("text", lambda k: "\n\n".join("\u3000\u3000这是一段正文内容，足够长的一段文字讲述了一件事情。" for _ in range(k))),
    "div-paragraphs": ("html", lambda k: "".join("<div><p>这是正文内容，足够长的文字。</p></div>" for _ in range(k))),
    "meta-tags": ("html", lambda k: "<head>" + "".join(f"<meta name='x{i}' content='2021-12-29'>" for i in range(k)) + "</head><p>正文内容足够长的一段文字。</p>"),
    "unclosed-p-tags": ("html", lambda k: "<p>字" * k),
    "jsonl-records": ("jsonl", lambda k: "\n".join(json.dumps({"title": f"标题{i}", "body": f"正文{i}，内容。"}, ensure_ascii=False) for i in range(k))),
}


def _seconds(text: str, kind: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        _extract_or_reader_error(text, kind)
        best = min(best, time.perf_counter() - start)
    return best


def _assert_linear(make, kind: str, small: int, large: int) -> None:
    wrap = (lambda body: "标题一二三\n\n" + body + "\n\n正文内容足够长的一段文字，讲述了一件事情。\n") if kind == "text" else (lambda b: b)
    t_small = _seconds(wrap(make(small)), kind, repeat=2)
    t_large = _seconds(wrap(make(large)), kind, repeat=1)
    # 10x the input may take at most 30x the time; below 20 ms timings are noise, so that is the floor
    if t_large / max(t_small, 0.020) >= 30:  # best of two: a neighbour's CPU spike is not backtracking
        t_large = min(t_large, _seconds(wrap(make(large)), kind, repeat=1))
    ratio = t_large / max(t_small, 0.020)
    assert ratio < 30, f"{large / small:.0f}x input took {t_large / max(t_small, 1e-9):.1f}x time ({t_small:.3f} s -> {t_large:.3f} s)"
    assert t_large < 30, f"{t_large:.1f} s"  # a hang guard, far above what any of these take


@pytest.mark.parametrize("name", sorted(LINES))
def test_one_long_adversarial_line_is_linear(name):
    kind, make = LINES[name]
    _assert_linear(make, kind, 100_000, 1_000_000)


@pytest.mark.parametrize("name", sorted(MANY))
def test_many_adversarial_lines_are_linear(name):
    kind, make = MANY[name]
    _assert_linear(make, kind, 1_000, 10_000)


def test_ten_thousand_deep_div_nesting_finishes():
    html = "<div>" * 10_000 + "<p>正文内容足够长的一段文字，讲述了一件事情。</p>" + "</div>" * 10_000
    start = time.perf_counter()
    _extract_or_reader_error(html, "html")
    assert time.perf_counter() - start < 10
