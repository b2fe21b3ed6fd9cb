"""What a line looks like, asked by every part of the assembly (title, header zone, body, dates):
its letters, a comparison key, whether it is metadata or a paragraph of running text."""

from __future__ import annotations

import re

from . import breadcrumbs, clean, dates, people, sources
from .parsed import SCAN_LIMIT, Line

SENTENCE_END = re.compile(r"[。！？!?；;：:，,…」”\"]$")
HAS_SENTENCE = re.compile(r"[。！？!?；;，,]")
CLAUSE_END = re.compile(r"[。；;：:，,]$")  # a title may end with ？ or ！, not with these
PROSE_MARK = re.compile(r"[，。；,;]")  # the clause marks of running text
SUBTITLE_DASH = ("——", "—", "--", "－－")  # what a headline's subtitle opens with ("——热烈祝贺…", "——记…")

# Clause punctuation: a sentence has one every ten or twenty characters; a list of names does not
_FULL_STOP_END = re.compile(r"。[」”』）)]?\s{0,2}$")
_LETTERS_PER_CLAUSE = 40  # longer than this without punctuation: not written prose (a keyword run)
SENTENCE_MIN = 12  # letters of a line with clause punctuation that make it a sentence line
_CLOSING_SENTENCE = 4  # a short line ending in a full stop ("謝謝。") is still a sentence
# A list's time stamp, in figures ("08-11 16:06", "2005-03-18"): prose writes its dates in words
# ("3月5日"), so a short line that carries one is an item of a thread list or headline list
# ("旅行中，谁忽悠了你？【版主】08-11 16:06 298字"), however punctuated its title
FIGURE_STAMP = re.compile(r"(?<!\d)\d{1,2}[-/]\d{1,2}\s{1,2}\d{1,2}:\d{2}|(?<!\d)(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)")

# A photo caption: led by a marker (▲), or closed by its credit, "（圖／記者X攝）", "（資料照）", "記者X攝",
# "（取自王婉諭臉書）"
# (matched on the folded line: 圖/攝 fold to 图/摄)
_CREDIT_WORDS = r"(?:图|摄|照片|图片|资料照|翻摄|截图|取自|撷取自|截自)"
_PHOTO_CREDIT = r"[（(]\s{0,2}" + _CREDIT_WORDS + r"[^（）()]{0,30}[)）]\s{0,2}$"
PHOTO_CAPTION = re.compile(
    r"^\s{0,2}[▲△▼▽]|" + _PHOTO_CREDIT +
    r"|(?:记者|特派员)?[\u4e00-\u9fff]{2,4}\s{0,2}摄\s{0,2}[)）]?\s{0,2}$"
    # a Taiwanese credit closing the caption: "…提供設備。 圖／", "記者陳嘉寧／翻攝"
    r"|(?:图|摄影|摄)\s{0,2}[/／]\s{0,2}[\u4e00-\u9fff]{0,8}\s{0,2}$|记者[\u4e00-\u9fff]{2,4}\s{0,2}[/／]\s{0,2}(?:翻摄|摄影|摄)"
)
# a caption closed by its credit, as a headline never is: the credit has its slash or colon ("（圖／
# 翻攝畫面）", "記者陳嘉寧／翻攝", "圖／騰訊科技"); a headline's own tags ("(图)", "（图解）", "（组图）") and
# a verb such as "拍摄" are no credit, and a line led by ▲ may be a headline's bullet
_CREDIT_CLOSE = re.compile(
    r"[（(]\s{0,2}" + _CREDIT_WORDS + r"\s{0,2}[/／:：][^（）()]{0,30}[)）]\s{0,2}$"
    r"|记者[\u4e00-\u9fff]{2,4}\s{0,2}[/／]\s{0,2}(?:翻摄|摄影|摄)\s{0,2}$"
    r"|(?:^|[\s。！？])(?:图|摄影)\s{0,2}[/／]\s{0,2}[\u4e00-\u9fff]{1,8}\s{0,2}$"
)


def is_caption(line: Line) -> bool:
    """A photo's caption closed by its credit ("…後聲押。記者陳嘉寧／翻攝"): never a headline."""
    return line.letter_count <= 80 and bool(_CREDIT_CLOSE.search(line.folded))


# a caption that says so twice, its marker and its photo credit: "▲▼警消到場時…。（圖／翻攝畫面）"
MARKED_CAPTION = re.compile(r"^\s{0,2}[▲△▼▽]{1,2}.{2,78}" + _PHOTO_CREDIT)


def letters(s: str) -> int:
    """Letters and digits in s, counted on a bounded prefix (only thresholds depend on it)."""
    return len(clean._letters(s[:SCAN_LIMIT]))


def norm(s: str) -> str:
    """A comparison key: letters of a bounded prefix, plus the length when longer."""
    key = clean._letters(s[:SCAN_LIMIT]).lower()
    return key if len(s) <= SCAN_LIMIT else f"{key}#{len(s)}"


def is_meta_line(text: str) -> bool:
    s = text[:300]
    return bool(
        dates.find_dates(s) or sources.find_source(s) or people.find_authors(s) or people.find_editor(s)
        or breadcrumbs.find_breadcrumb(s)
    )


def paragraph_like(line: Line) -> bool:
    n = line.letter_count
    if n >= 60:
        return True
    if n < 15 or not HAS_SENTENCE.search(line.scan):
        return False
    if "。" in line.scan or not is_meta_line(line.scan):
        return True
    # a lead opening with its tag: "【看中国2005年07月03日报道】一九八九年四月，我在…" (text after the tag)
    tag = sources.TAG_SOURCE.match(line.scan)
    return bool(tag) and letters(line.scan[tag.end():]) >= 10 and bool(HAS_SENTENCE.search(line.scan[tag.end():]))


_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_STORY_SOURCE = re.compile(r"来源|作者|记者|编辑|稿源|出处")
_STORY_HEADER_REACH = 3  # lines under a headline its date line may stand at, past share buttons


def is_headline_piece(ln: Line) -> bool:
    """A headline's shape: a short line, no clause marks, no date, no metadata."""
    return 4 <= ln.letter_count <= 40 and not PROSE_MARK.search(ln.text) and not ln.dates and not is_meta_line(ln.scan)


def is_story_header(lines: list[Line], classes: list[str], k: int) -> bool:
    """Line ``k`` opens another story: a headline's shape (a short line, no clause marks, no
    metadata) with a header's date line under it: a date with its time of day and its source or
    author, as a publication stamps it ("2024-05-09 18:30 來源：嵐港日報"; past share buttons and
    widgets). A bare date and time is a live blog's entry, a timeline's step, a diary's day or a
    photo's stamp; a labelled date a record's field ("发行日期：…"), a notice's ("会议时间：…",
    "停电时间：…") or a chart's source ("数据来源：…2024年5月10日"), all inside the article. Class: pages that go on from the article into the
    next story's text in the same box (endless pages, a blog's next post, a channel's stories under
    one another); a subheading is followed by text, not by a date line."""
    if not is_headline_piece(lines[k]):
        return False
    for j in range(k + 1, min(len(lines), k + 1 + _STORY_HEADER_REACH)):
        under = lines[j]
        if classes[j] != clean.CONTENT and not under.dates:
            continue  # (a row of share buttons between the headline and its date line)
        return (bool(under.dates) and under.letter_count <= 60 and not PROSE_MARK.search(under.text)
                and not dates.is_clock_line(under.scan)
                and bool(_CLOCK.search(under.scan))
                # (its source on the line after it, where a page run together cut the stamp)
                and any(_STORY_SOURCE.search(x.folded) for x in lines[j: j + 2]))
    return False


def is_sentence(line: Line) -> bool:
    """Whether a line reads as written prose: long enough, with commas or full stops at prose spacing.

    Question and exclamation marks, colons and quotes alone do not make prose: headline lists
    are full of them ("是你嗎？…", "政能亮丨中国产能过剩了吗？").
    """
    s = line.scan
    n = line.letter_count
    if n >= _CLOSING_SENTENCE and _FULL_STOP_END.search(s):
        return True
    clauses = len(PROSE_MARK.findall(s))
    return n >= SENTENCE_MIN and clauses >= 1 and n / clauses <= _LETTERS_PER_CLAUSE
