"""Any input either gives articles or a ContentError: never another exception (hypothesis, derandomised)."""

from hypothesis import given, settings, strategies as st

from reader.errors import ContentError
from reader.extract import extract
from reader.model import ArticleHints

PIECES = st.sampled_from([
    "<p>", "</p>", "<div>", "</div>", "<a href='x'>", "</a>", "<br>", "<h1>", "</h1>", "<script>", "</script>",
    "2021年12月29日", "110年1月2日", "来源：", "記者 ", "（", "）", "【明報專訊】", "分享到：", "[ ]", "|", ">",
    "您現在的位置: ", "正文内容，很长的一句话。", "\n", "  ", "\x00", "\ufeff", "{", "}", '"', "2021-13-45 99:99",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=40).map("".join)


@settings(max_examples=150, derandomize=True, deadline=None)
@given(TEXT, st.sampled_from(["text", "html", "json", "jsonl"]))
def test_extract_total(text, kind):
    try:
        articles = extract(text, kind, ArticleHints())
    except ContentError:
        return
    assert articles
    for art in articles:
        assert isinstance(art.title, str)  # "" says the page has no headline (issue 11), never None
        assert any(b.kind != "share" for b in art.blocks)
        assert all(isinstance(b.text, str) for b in art.blocks)
