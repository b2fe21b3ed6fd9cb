"""Search never crashes on what a user can type: any query and any filter values give hits or a
one-line ``ReaderError`` (an FTS5 syntax error must never escape as ``sqlite3.OperationalError``),
and every hit's highlight spans lie inside the text they mark."""

from __future__ import annotations


import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.library import ArticleFilter, Library
from reader.model import Article, Block

from test_robust_support import write_bundle

FAST = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)

# FTS5 and query-language syntax, and what a user pastes from a web page
_PIECES = [
    '"', "'", "*", "^", ":", "-", "+", "(", ")", "{", "}", "[", "]", "NEAR(", "NEAR/2", "AND", "OR", "NOT", "and",
    "source:", "after:", "before:", "source:新华社", "after:2021-12-01", "before:2021-13-45", "after:9999-99-99",
    'source:"南方 日报"', "title:", "body:", "facets:", "rowid", "\x00", "\x1b[31m", "\u202e", "\u3000", "　", "，",
    "港澳", "新聞", "新闻", "的", "g20峰会", "https://example.com/a?b=c&d=e", "%", "_", "\\", ";", "--", "/*",
    "𠀀", "ｇ２０", "İ", "ß", "e\u0301", " ", "  ", "-\"", '-"港澳"', "ｓｏｕｒｃｅ：",
]
queries = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=8)), max_size=10).map("".join)
_filter_text = st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["2021-12-01", "9999-12-31", "", "新华社"]))
# after/before are ISO dates by contract (the CLI checks them with iso_date before building a filter)
_filter_date = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))
filters = st.one_of(
    st.none(),
    st.builds(
        ArticleFilter,
        bundle_id=st.one_of(st.none(), st.integers(min_value=-2**63, max_value=2**63 - 1)),
        source=_filter_text,
        unread=st.booleans(),
        bookmarked=st.booleans(),
        after=_filter_date,
        before=_filter_date,
    ),
)


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("robust-search")
    db = tmp / "library.db"
    from reader.importer import import_paths

    write_bundle(tmp / "b", 40, seed=500)
    library = Library.open(db)
    import_paths(library, [tmp / "b"])
    with library.import_bundle("robust-search-extra", "extra") as writer:
        from reader.model import RawDocument

        extra = [
            Article(title="港澳新聞 g20峰会", blocks=[Block("paragraph", "香港與澳門的合作，新華社報道。ｇ２０峰會在此舉行。")],
                    published="2021-12-29", source="新华社", url="https://example.com/a?b=c&d=e"),
            Article(title="[bold]标记[/] \x1b[31m控制", blocks=[Block("paragraph", "e\u0301 İ ß 𠀀 正文\u202e内容 NEAR(a b) \"引号\"")],
                    published="2020-01-02", source="南方 日报"),
        ]
        for n, article in enumerate(extra):
            writer.add_document(RawDocument(name=f"extra-{n}.txt", data=article.title.encode(), kind="text"), [article])
    yield library
    library.close()


def _check_hits(hits) -> None:
    for hit in hits:
        assert isinstance(hit.snippet, str)
        for start, end in hit.spans:
            assert 0 <= start < end <= len(hit.snippet), (hit.spans, hit.snippet)
        for start, end in hit.title_spans:
            assert 0 <= start < end <= len(hit.summary.title or ""), (hit.title_spans, hit.summary.title)


@FAST
@given(query=queries)
def test_any_query_gives_hits_or_a_reader_error(lib, query):
    try:
        hits = lib.search(query, limit=5)
    except ReaderError as error:
        assert "\n" not in str(error)
        return
    _check_hits(hits)


@FAST
@given(query=st.one_of(queries, st.sampled_from(["港澳", "新闻", "的", "g20"])), flt=filters,
       offset=st.integers(min_value=0, max_value=5000))
def test_any_query_with_any_filter_and_offset(lib, query, flt, offset):
    try:
        hits = lib.search(query, filters=flt, limit=5, offset=offset)
    except ReaderError as error:
        assert "\n" not in str(error)
        return
    _check_hits(hits)


@FAST
@given(flt=filters)
def test_any_filter_lists_or_gives_a_reader_error(lib, flt):
    try:
        ids = lib.article_ids(flt)
        count = lib.count(flt)
        rows = lib.list_articles(flt, limit=5)
    except ReaderError:
        return
    assert count == len(ids)
    assert [r.id for r in rows] == ids[:5]


def test_known_matches_are_found_across_scripts(lib):
    for query in ("港澳", "新闻", "香港与澳门", "g20峰会", "ｇ２０", "source:新华社 合作", '"南方 日报"'):
        try:
            hits = lib.search(query)
        except ReaderError as error:  # pragma: no cover - reported with the query
            raise AssertionError(f"{query!r}: {error}") from None
        assert hits or query == '"南方 日报"', query
        _check_hits(hits)
