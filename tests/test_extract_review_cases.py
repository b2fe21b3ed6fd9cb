"""Pages a review of the eleventh round wrote against its rules (self-written, a fictional town):
each class was read right before the round, broken by a first version of a rule, and is kept."""

from pathlib import Path

import pytest

from reader.extract import extract
from reader.model import ArticleHints

PAGES = Path(__file__).parent / "fixtures" / "extract_review"


def _read(name: str):
    text = (PAGES / name).read_text(encoding="utf-8")
    return extract(text, "html" if name.endswith(".html") else "text", ArticleHints())[0]


@pytest.mark.parametrize("name, title, kept", [
    # a live blog's entries under short headings, each with a bare date and time: not the next story
    ("live.html", "直播：龙溪遭遇强降雨 多部门全力抢险", ["消防救援人员", "镇长王明抵达"]),
    # a notice's sections, a meeting's labelled date and time under one of them
    ("notice.html", "关于召开防汛工作会议的通知", ["镇政府三楼会议室", "不得缺席"]),
    # a subheading, a photo and its dated caption inside the text
    ("caption.html", "龙溪镇开展春季植树活动", ["干群齐心种新绿"]),
    # a content box styled in a big font: its lines are the text's, the byline lead no headline
    ("div_style.html", "龙溪镇开展春季植树活动", ["一今年以来"]),
    # an interview: a guest's bold name and the interview's time under the header's headline
    ("interview.html", "对话镇长：绿化要久久为功", ["三今年以来"]),
    # a headline printed with its channel's short name after a dash: the channel is no half
    ("channel.html", "龙溪镇开展春季植树活动", ["一今年以来"]),
])
def test_html_classes_the_review_wrote(name, title, kept):
    article = _read(name)
    assert article.title == title
    assert all(k in article.body for k in kept)


def test_a_poems_couplets_with_spaces_between_their_halves_are_no_columns():
    body = _read("poem.txt").body
    assert "秋风吹过龙溪岸，   红叶飘来满石阶。" in body or "秋风吹过龙溪岸， 红叶飘来满石阶。" in body \
        or "秋风吹过龙溪岸，红叶飘来满石阶。" in body.replace(" ", "")
    assert body.index("夕阳犹照菊花开") < body.index("写完这首诗")


@pytest.mark.parametrize("name", ["table.txt", "narrow7.txt"])
def test_a_small_table_in_a_text_dump_is_no_layout_and_parts_no_prose(name):
    article = _read(name)
    assert "记者从龙溪镇统计站获悉" in article.body.replace(" ", "")
    assert not article.authors or "龙溪消息" not in article.authors
    if name == "table.txt":  # (a table of four rows stays whole; the old code kept it too)
        assert "北村" in article.body and "2.1" in article.body
