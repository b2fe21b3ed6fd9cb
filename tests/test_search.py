"""Search: equals a substring scan for 1-4 character queries, script folding, query language,
snippets from the original text, bad queries."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_library_support import add_bundle, article, seed_sentences, simplified

from reader.errors import UsageError
from reader.library import ArticleFilter, Library
from reader.library import search as searchmod
from reader.script import normalise_for_search

CJK = "\u4e00-\u9fff"


def _fixture_articles() -> list:
    """40 articles recombined from the seed page's sentences; about 40% converted to Simplified."""
    rng = random.Random(11)
    sentences = seed_sentences()
    arts = []
    for i in range(40):
        paras = ["".join(rng.sample(sentences, rng.randint(1, 4))) for _ in range(rng.randint(1, 3))]
        title = rng.choice(sentences)[:20]
        if i % 5 < 2:
            paras = [simplified(p) for p in paras]
            title = simplified(title)
        paras.append(f"編號{i}")
        day = f"20{10 + i % 12:02d}-0{1 + i % 9}-1{i % 10}"
        arts.append(article(title, *paras, published=day, source=["南方日報", "新华社"][i % 2]))
    return arts


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "lib.db"
    lib = Library.open(path)
    arts = _fixture_articles()
    add_bundle(lib, "fixture", arts)
    ids = sorted(lib.article_ids())
    texts = {}
    for i in ids:
        a = lib.get(i)
        texts[i] = (normalise_for_search(a.title), normalise_for_search(a.body), a)
    yield lib, texts
    lib.close()


def _scan(texts, needle: str) -> set[int]:
    n = normalise_for_search(needle)
    return {i for i, (t, b, _) in texts.items() if n in t or n in b}


def _search_ids(lib, query: str, **kw) -> set[int]:
    return {h.summary.id for h in lib.search(query, limit=10_000, **kw)}


def _all_substrings(texts, length: int) -> list[str]:
    out = set()
    for t, b, _ in texts.values():
        for text in (t, b):
            for i in range(len(text) - length + 1):
                piece = text[i : i + length]
                if all("\u4e00" <= ch <= "\u9fff" for ch in piece):
                    out.add(piece)
    return sorted(out)


@pytest.mark.parametrize("length", [1, 2, 3, 4])
def test_queries_equal_a_substring_scan(corpus, length):
    lib, texts = corpus
    candidates = _all_substrings(texts, length)
    rng = random.Random(length)
    sample = rng.sample(candidates, min(60, len(candidates)))
    for needle in sample:
        assert _search_ids(lib, needle) == _scan(texts, needle), needle
        # and the same query typed in Traditional
        trad = searchmod.normalise_for_search(needle)
        assert _search_ids(lib, trad) == _scan(texts, needle)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_cjk_query_equals_a_substring_scan(corpus, data):
    lib, texts = corpus
    chars = sorted({ch for t, b, _ in texts.values() for ch in t + b if "\u4e00" <= ch <= "\u9fff"})
    needle = data.draw(st.text(alphabet=st.sampled_from(chars + ["的", "量", "子"]), min_size=1, max_size=5))
    assert _search_ids(lib, needle) == _scan(texts, needle)


def test_simplified_query_finds_traditional_text_and_reverse(tmp_path):
    with Library.open(tmp_path / "l.db") as lib:
        add_bundle(lib, "b", [article("繁體", "粵港澳大灣區的超級工程黃茅海跨海通道"), article("简体", "江门与香港、澳门地缘相近，人缘相亲")])
        trad, simp = sorted(lib.article_ids())
        assert _search_ids(lib, "粤港澳大湾区") == {trad}
        assert _search_ids(lib, "黃茅海") == {trad}
        assert _search_ids(lib, "江門與香港") == {simp}
        assert _search_ids(lib, "緣") == {simp}


def test_taiwan_zhe_matches_zhe(tmp_path):
    with Library.open(tmp_path / "l.db") as lib:
        add_bundle(lib, "b", [article("t", "勝利路上,坐落著香港團隊管理的科技園"), article("s", "他看着窗外的风景")])
        a, b = sorted(lib.article_ids())
        assert _search_ids(lib, "坐落着") == {a}
        assert _search_ids(lib, "看著") == {b}
        assert _search_ids(lib, "著") == _search_ids(lib, "着") == {a, b}


def test_and_phrases_and_excludes(tmp_path):
    with Library.open(tmp_path / "l.db") as lib:
        add_bundle(
            lib,
            "b",
            [
                article("一", "江門與港澳合作。Hong Kong team"),
                article("二", "江門的發展。Kong Hong"),
                article("三", "港澳的合作前景。"),
            ],
        )
        one, two, three = sorted(lib.article_ids())
        assert _search_ids(lib, "江門 合作") == {one}
        assert _search_ids(lib, "合作 -江門") == {three}
        assert _search_ids(lib, '"hong kong"') == {one}
        assert _search_ids(lib, "hong kong") == {one, two}
        assert _search_ids(lib, '江门 -"kong hong"') == {one}
        assert _search_ids(lib, "HONG") == {one, two}  # case folded
        assert _search_ids(lib, "ｈｏｎｇ") == {one, two}  # full width folded
        assert _search_ids(lib, "ho") == {one, two}  # latin: word prefix


def test_filters_in_the_query_and_as_arguments(corpus):
    lib, texts = corpus
    word = "港澳"
    base = _scan(texts, word)
    by_source = {i for i in base if texts[i][2].source == "新华社"}
    assert _search_ids(lib, f"{word} source:新華社") == by_source
    assert _search_ids(lib, word, filters=ArticleFilter(source="新华社")) == by_source
    after = {i for i in base if texts[i][2].published >= "2015-01-01"}
    assert _search_ids(lib, f"{word} after:2015-01-01") == after
    before = {i for i in base if texts[i][2].published < "2015-01-01"}
    assert _search_ids(lib, f"before:2015-01-01 {word}") == before
    assert _search_ids(lib, f'{word} source:"新华社" after:2015-01-01') == by_source & after


def test_title_matches_rank_above_body_matches(tmp_path):
    with Library.open(tmp_path / "l.db") as lib:
        add_bundle(lib, "b", [article("無關的標題", "正文裡提到港澳合作"), article("港澳合作新篇章", "正文沒有提到那個詞")])
        body_only, in_title = sorted(lib.article_ids())
        hits = lib.search("港澳")
        assert [h.summary.id for h in hits] == [in_title, body_only]
        assert hits[0].title_spans == ((0, 2),)


def test_snippet_is_original_text_with_correct_spans(tmp_path):
    body = "前面有很多文字。" * 20 + "江門市蓬江區勝利路上,坐落著香港團隊管理的珠西創谷。" + "後面也有文字。" * 20
    with Library.open(tmp_path / "l.db") as lib:
        add_bundle(lib, "b", [article("標題", body)])
        [hit] = lib.search("坐落着 香港团队")
        assert "坐落著香港團隊" in hit.snippet  # Traditional, as stored: not the normalised query
        assert "\n" not in hit.snippet and len(hit.snippet) <= 82
        marked = [hit.snippet[s:e] for s, e in hit.spans]
        assert marked == ["坐落著香港團隊"]  # adjacent matches merge


def test_spans_survive_a_length_changing_normalisation(monkeypatch):
    # If normalisation ever changed the length, offsets must still land on the original text.
    real = searchmod.normalise_for_search
    monkeypatch.setattr(searchmod, "normalise_for_search", lambda t: real(t).replace("ⅻ", "xii").replace("Ⅻ", "xii"))
    text = "第Ⅻ屆 港澳合作 第Ⅻ屆"
    spans = searchmod.find_spans(text, ["港澳"])
    assert [text[s:e] for s, e in spans] == ["港澳"]
    spans = searchmod.find_spans(text, ["xii"])
    assert [text[s:e] for s, e in spans] == ["Ⅻ", "Ⅻ"]
    snippet, spans = searchmod.make_snippet(text, ["港澳"])
    assert [snippet[s:e] for s, e in spans] == ["港澳"]


def test_broad_query_ranks_a_bounded_window(tmp_path, monkeypatch):
    monkeypatch.setattr(searchmod, "RANK_WINDOW", 5)
    with Library.open(tmp_path / "l.db") as lib:
        add_bundle(lib, "b", [article(f"第{i}篇", f"共同的字和編號{i}") for i in range(20)])
        hits = lib.search("共", limit=50)
        ids = sorted(lib.article_ids())
        got = [h.summary.id for h in hits]
        assert set(got[:5]) == set(ids[-5:])  # the newest five matches, ranked
        assert got[5:] == sorted(ids[:-5], reverse=True)  # then the older ones, newest first
        paged = [h.summary.id for o in range(0, 20, 3) for h in lib.search("共", limit=3, offset=o)]
        assert paged == got
        assert {h.summary.id for h in lib.search("編號1", limit=50)} == {ids[1], *ids[10:20]}


@pytest.mark.parametrize(
    "query, message",
    [
        ('"unclosed', "unclosed quote"),
        ("-港澳", "not excluded"),
        ("", "empty"),
        ("   ", "empty"),
        ("after:2021-13-01 港澳", "YYYY-MM-DD"),
        ("before:yesterday 港澳", "YYYY-MM-DD"),
        ("，。！", "at least one word"),
        ("source: 港澳", "needs a value"),
        ("source:新华社 after:2021-01-01", "reader list --source"),
    ],
)
def test_bad_queries_give_a_clear_usage_error(corpus, query, message):
    lib, _ = corpus
    with pytest.raises(UsageError, match=message):
        lib.search(query)


@pytest.mark.parametrize("query", ["AND", "OR 港澳", "NEAR(港澳)", "港澳*", "^港澳", "港澳:", "a:b", "(港澳", "港澳)", "NOT"])
def test_fts_syntax_in_queries_is_plain_text(corpus, query):
    lib, _ = corpus
    lib.search(query)  # never an SQLite error


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=30))
def test_arbitrary_queries_raise_only_usage_errors(corpus, query):
    lib, _ = corpus
    try:
        lib.search(query)
    except UsageError:
        pass


def test_index_tokens_are_bigrams_with_a_final_unigram():
    assert searchmod.index_tokens("江門市, G20 峰會") == "江门 门市 市 g20 峰会 会"
    assert searchmod.term_match("门") == '"门"*'
    assert searchmod.term_match("江门市") == '"江门 门市"'
    assert searchmod.term_match("g20峰") == '"g20 峰"*'
    assert searchmod.term_match("会g20") == '"会 g20"*'


def test_every_filter_combination_equals_filtering_the_scan(corpus):
    lib, texts = corpus
    word = "港"
    base = _scan(texts, word)
    some = sorted(base)[:5]
    for i in some:
        lib.set_bookmarked(i, True)
    lib.set_read(some[0])
    try:
        cases = [
            (ArticleFilter(after="2013-05-10"), lambda a: a.published >= "2013-05-10"),
            (ArticleFilter(before="2016-06-15"), lambda a: a.published < "2016-06-15"),
            (ArticleFilter(after="2012-03-01", before="2019-01-01"), lambda a: "2012-03-01" <= a.published < "2019-01-01"),
            (ArticleFilter(after="2030-01-01"), lambda a: False),
            (ArticleFilter(bundle_id=1), lambda a: a.bundle_id == 1),
            (ArticleFilter(bundle_id=99), lambda a: False),
            (ArticleFilter(bookmarked=True), lambda a: a.id in some),
            (ArticleFilter(bookmarked=True, unread=True), lambda a: a.id in some[1:]),
            (ArticleFilter(source="南方日报", after="2014-02-02"), lambda a: a.source == "南方日報" and a.published >= "2014-02-02"),
        ]
        for filters, keep in cases:
            expected = {i for i in base if keep(lib.get(i))}
            assert _search_ids(lib, word, filters=filters) == expected, filters
    finally:
        for i in some:
            lib.set_bookmarked(i, False)
        lib.set_read(some[0], False)
