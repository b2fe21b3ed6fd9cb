"""JSON / JSONL records: our fields and news-please's, through the same cleaning."""

import json

import pytest

from reader.errors import ContentError
from reader.extract import extract
from reader.extract.jsonfmt import parse_json
from reader.model import ArticleHints

BODY = "第一段正文，内容足够长，说明事情经过。\n分享到：\n第二段正文，也有足够的内容。\nCopyright © 2021 某网 版权所有"

NEWS_PLEASE = {
    "title": "新闻标题",
    "maintext": BODY,
    "date_publish": "2021-12-29 10:20:33",
    "authors": ["张三", "李四"],
    "url": "https://example.com/a",
    "source_domain": "example.com",
    "description": "摘要",
    "language": "zh",
}


def test_news_please_record():
    art = extract(json.dumps(NEWS_PLEASE, ensure_ascii=False), "json", ArticleHints())[0]
    assert art.title == "新闻标题"
    assert art.published == "2021-12-29T10:20:33"
    assert art.authors == ["张三", "李四"]
    assert art.url == "https://example.com/a"
    assert art.source == "example.com"
    # the body went through the same cleaning: share widget remembered, footer dropped
    assert [b.kind for b in art.blocks] == ["paragraph", "share", "paragraph"]
    assert "Copyright" not in art.body


def test_our_fields_and_blocks():
    rec = {"title": "T", "published": "2021-12-29", "source": "南方日報", "editor": "王五",
           "breadcrumb": ["城市", "江門分站"],
           "blocks": [{"kind": "paragraph", "text": "第一段正文，内容足够长。"}, {"kind": "subheading", "text": "小标题"},
                      "第二段正文，内容也足够长。"]}
    art = extract(json.dumps(rec, ensure_ascii=False), "json", ArticleHints())[0]
    assert (art.title, art.published, art.source, art.editor, art.breadcrumb) == (
        "T", "2021-12-29", "南方日報", "王五", ["城市", "江門分站"])
    assert [b.kind for b in art.blocks] == ["paragraph", "subheading", "paragraph"]


def test_jsonl_gives_one_article_per_line():
    lines = [json.dumps({"title": f"标题{i}", "text": f"第{i}篇的正文，内容足够长。"}, ensure_ascii=False) for i in range(3)]
    arts = extract("\n".join(lines) + "\n\n", "jsonl", ArticleHints(source="出版社"))
    assert [a.title for a in arts] == ["标题0", "标题1", "标题2"]
    assert all(a.source == "出版社" for a in arts)


def test_json_list_and_hints_override():
    data = [NEWS_PLEASE]
    art = extract(json.dumps(data, ensure_ascii=False), "json", ArticleHints(title="清单标题", published="2020-01-02"))[0]
    assert art.title == "清单标题" and art.published == "2020-01-02"


@pytest.mark.parametrize(
    "text, kind, reason",
    [
        ("{not json", "json", "invalid JSON"),
        ('"a string"', "json", "not an object"),
        ("[]", "json", "no article"),
        ('{"title": "x"}', "json", "no body"),
        ('{"title": "x", "text": 5}', "json", "not text"),
        ('{"text": "正文正文正文。"}\n{bad', "jsonl", "line 2"),
        ('{"title": "x"}', "jsonl", "line 1"),
    ],
)
def test_bad_records_raise_with_reason(text, kind, reason):
    with pytest.raises(ContentError, match=reason):
        extract(text, kind, ArticleHints())


def test_parse_json_keeps_title_out_of_body():
    [(parsed, fields)] = parse_json(json.dumps(NEWS_PLEASE, ensure_ascii=False), "json")
    assert fields["title"] == "新闻标题"
    assert parsed.lines[0].text.startswith("第一段")


def test_deeply_nested_json_is_a_content_error():
    with pytest.raises(ContentError):
        extract("[" * 100_000 + "]" * 100_000, "json", ArticleHints())


def test_a_bad_jsonl_record_is_reported_by_line_and_the_rest_extract():
    from reader.extract import extract_records

    good = json.dumps({"title": "好", "body": "这是一篇足够长的文章正文，讲述了一件事情的经过。"}, ensure_ascii=False)
    items = list(extract_records(f"{good}\n{{not json\n\n\"text\"\n{good}\n", "jsonl", ArticleHints()))
    kinds = [type(item).__name__ for item in items]
    assert kinds == ["Article", "ContentError", "ContentError", "Article"]
    assert str(items[1]).startswith("line 2: invalid JSON")
    assert str(items[2]).startswith("line 4: JSON record is not an object")
    with pytest.raises(ContentError, match="line 2"):
        extract(f"{good}\n{{not json\n", "jsonl", ArticleHints())


def test_records_past_the_limit_are_one_failure():
    from dataclasses import replace

    from reader.limits import DEFAULT_LIMITS

    record = json.dumps({"title": "T", "body": "正文"}, ensure_ascii=False)
    items = list(parse_json("\n".join([record] * 5), "jsonl", replace(DEFAULT_LIMITS, max_jsonl_records=3)))
    assert [isinstance(i, ContentError) for i in items] == [False, False, False, True]
    assert "max_jsonl_records" in str(items[-1])


def test_the_title_repeated_under_a_deck_line_is_not_body():
    """A news-please maintext often starts with the page's headline block: deck, then title."""
    record = {"title": "17种产品入选国家绿色制造名单", "maintext": "15家企业\n\n17种产品入选国家绿色制造名单\n\n"
              "近年来，我省积极把握制造业发展趋势，加速向智能制造、绿色制造、高端制造方向转型升级。"}
    (art,) = extract(json.dumps(record, ensure_ascii=False), "json", ArticleHints())
    assert [b.text for b in art.blocks if b.kind != "share"][:2] == ["15家企业", record["maintext"].split("\n\n")[2]]
