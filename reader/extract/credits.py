"""Lines that credit an article: its bylines, editors, sources and print-edition stamps.

The body walk (assemble.py) asks these of short lines: whether one closes the article as its
credits, stands alone under a photo's caption, or names the essay's author under the headline.
Shared by the header zone and the text's end, so the two read a credit the same way.
"""

from __future__ import annotations

import re

from . import people, sources
from .parsed import Line
from .shape import HAS_SENTENCE as _HAS_SENTENCE, PHOTO_CAPTION

# the credits that close an article inside its box: a print-edition stamp ("《光明日报》（2024年05月11日
# 09版）", "（《人民日报》2024年05月10日 04 版）") and slash credits ("文/栗思", "编辑/倪家宁")
EDITION_STAMP = re.compile(r"《[^《》]{1,20}》\s{0,3}[（(]?\s{0,3}(?:19|20)\d\d\s{0,2}年.{0,12}版\s{0,2}[)）]?\s*$")
SLASH_CREDIT = re.compile(r"^\s{0,2}[\u4e00-\u9fff]{1,4}\s{0,2}[/／]\s{0,2}[\u4e00-\u9fff·]{2,8}\s*$")
END_BYLINE = re.compile(r"[。！？”」][（(][\u4e00-\u9fff、 ]{2,12}[)）]\s*$")  # "…共赢”。（钟才文）"
BRACKETED_CREDIT = re.compile(r"^\s{0,2}[（(\[【]\s{0,2}(?:责任编辑|責任編輯|责编|責編|编辑|編輯)\s{0,2}[:：]")


_COLON_CREDIT = re.compile(r"^\s{0,2}[\u4e00-\u9fff]{2,4}\s{0,2}[:：]")


def is_credit(ln: Line) -> bool:
    """A short line that credits the article: a reporter's or writer's byline, its source or its
    editors in brackets, the print edition's stamp ("□ 本报记者 葛灵丹", "中青网记者 魏其濛 来源：
    中国青年报", "(责编：萧潇、张妍)", "（来源：新华社）", "《光明日报》（2024年05月11日 09版）",
    "文/栗思"). A line that opens with its role and a colon ("来源：X", "作者：X", "执笔人：X") is
    the page's metadata furniture, as the labels of both corpora that hold such pages have it,
    and is not one; nor are the reporters' names on a line of their own in brackets ("(葉芷晴
    張泳渝"): they go into the authors, as ever. A byline names people: "记者走基层" is a heading."""
    text = ln.text
    if ln.letter_count > 40 or _HAS_SENTENCE.search(text) or _COLON_CREDIT.match(text):
        return False
    bare = text.strip("（()） 【】[]")
    names = people.find_authors(ln.scan)
    return bool(
        people.EDITOR_LABEL.match(bare) and people.find_editor(ln.scan)
        or sources.SOURCE_LABEL.match(bare) and sources.find_source(ln.scan)
        or names and (all(people.looks_like_name(n) for n in names) or _set_off_byline(ln.scan))
        or EDITION_STAMP.search(text) or SLASH_CREDIT.match(text)
    )


def _set_off_byline(text: str) -> bool:
    """A byline whose label is set off from the name ("作者︱春春", "記者 林悅"): a pen name need
    not start with a surname, while "记者走基层" (nothing between them) is a column's heading."""
    return any(m.group(0)[-1:].isspace() or m.group(0)[-1:] in ":：/／|｜丨︱" for m in people.AUTHOR_LABEL.finditer(text[:80]))


_CREDIT_ALONE_MAX = 16  # letters of a photo credit standing on its own line: "記者陳嘉寧／翻攝", "圖／騰訊科技"


def credit_alone(line: Line) -> bool:
    """A photo credit on a line of its own, under the caption it closes (not a caption of its own:
    one led by ▲ is the caption itself). Text pages cut a caption from its credit where the page
    set them apart, or where a page run together was cut at the space between them."""
    return (line.letter_count <= _CREDIT_ALONE_MAX and bool(PHOTO_CAPTION.search(line.folded))
            and not line.folded.lstrip().startswith(("▲", "△", "▼", "▽")))


def name_line(text: str, title: str | None) -> list[str]:
    """A line made only of one to four personal names: "胡平", "赵延东、风笑天".

    Unlabelled, so it needs support: the first name starts with a common surname, or the title
    names it as its author ("茉莉：我是怎样卷入八九民运的").
    """
    s = text.strip()
    if not 2 <= len(s) <= 24 or not people.NAMES.fullmatch(s):
        return []
    parts = [x for x in re.split(r"[\s、，,/　]+", s) if x]
    names = people.names_in(s)
    if not names or len(names) != len(parts) or len(names) > 4 or any(len(x) > 4 for x in names):
        return []
    if people.looks_like_name(names[0]) or (title and re.match(re.escape(names[0]) + r"\s{0,2}[:：]", title)):
        return names
    return []
