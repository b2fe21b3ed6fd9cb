"""The headline of a plain-text page: candidate lines around the article, scored by a small learned model.

Hand rules for "which short line is the headline" kept failing on sites they were not written
for (navigation rows, list headers, site names, section names all look like headlines). What
holds across sites are signals of position and shape: how far above the article region the line
stands, whether a date or byline follows it, whether the page repeats it, whether it sits inside
a run of list lines, how long it is, whether it reads like navigation, how much of its wording
the article's text goes on to tell. ``features`` computes them; a logistic regression over them,
trained on the development part of the evaluation data
(``benchmarks/train_headline.py``, never the held part), weighs them. The weights are data
(``headline_weights.json`` in this package). When no line scores ``MIN_PROBABILITY``, the caller
falls back to the first version's positional rule; when that finds nothing either, the article
has no title (the reader shows its file's name, muted) rather than a random line.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

from . import breadcrumbs, browser_title, clean, dates, people, phrases
from ..script import convert
from .parsed import FOLD, Line
from .shape import PROSE_MARK, is_caption, letters

WEIGHTS = Path(__file__).with_name("headline_weights.json")
MIN_PROBABILITY = 0.2
REACH_ABOVE = 30  # lines above the article region that may hold the headline
REACH_BELOW = 3  # lines after it (pages printing the title block after the text)
MAX_LETTERS = 100
_EDGE = 5  # lines of the article's start and end that the features compare candidates with

_CLAUSE = re.compile(r"[，。！？；,!?;]")
_FULL_STOP_END = re.compile(r"。\s{0,2}$")  # a headline never ends with a full stop: that line is prose
_CLAUSE_END = re.compile(r"[。；;，,、：:]\s{0,2}$")
_SUBJECT = re.compile(r"^\s{0,2}(?:" + phrases.alternation(phrases.SUBJECT_LABELS) + r")\s{0,2}[:：]\s{0,2}")
_COLON_END = re.compile(r"[:：]\s{0,2}$")
_LABEL_START = re.compile(r"^[\s【\[（(]{0,2}[\u4e00-\u9fff]{2,6}\s{0,2}[:：]")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_TOKENS = re.compile(r"[ \u3000\t]+")
_NAV = re.compile(phrases.alternation(phrases.NAV))
# a menu's words run together with nothing between them ("登录注册帮助搜索", "切换导航")
_NAV_WORDS_ONLY = re.compile(r"^[\W_]{0,3}(?:(?:" + phrases.alternation(phrases.NAV) + r")[\s|/·•\-]{0,3}){1,12}$")
_SITE_NAME = re.compile(r"(?:" + phrases.alternation(phrases.SITE_NAME_ENDINGS) + r")\s{0,2}$")
_SITE_NAME_LETTERS = 12
_WEEKDAY_OR_CLOCK = re.compile(
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|am|pm|\d{1,2}(?:st|nd|rd|th)|\d{1,2}:\d{2}(?::\d{2})?|\d{1,4}|"
    r"星期.|周.|礼拜.|上午|下午|晚上|凌晨|时间)", re.I)
# Navigation furniture of every site, whatever its words (text dumps of any page carry it): a row
# of menu items separated by dashes, dots or spaces ("搜狐首页 - 新闻 - 体育 - 娱乐", "回聯合新聞網
# RSS App 粉絲團 Line"), a host name standing alone ("chinaha.126.com"), and what a text browser
# prints for an image or an embed ("embed(top1.swf)", "header.gif (14047 bytes)"). Breadcrumbs
# and bracketed placeholders ("[logo1] [zi1]") are not refused here: tried, they move the headline
# below the date line on blog pages and cost more dates than they win titles (docs/extraction.md)
_MENU_STEP = re.compile(r"\s{1,3}[-–·•/]\s{1,3}|\s{2,}|[ \u3000\t]")
_HOST_ALONE = re.compile(r"^[\W_]{0,3}(?:https?://)?[a-z0-9-]{1,40}(?:\.[a-z0-9-]{1,40}){1,4}/?[\W_]{0,3}$", re.I)
_BROWSER_ARTIFACT = re.compile(
    r"\(\d{1,9} bytes\)|\bembed\([^)]{0,60}\)|\b[\w-]{1,40}\.(?:gif|jpe?g|png|swf|bmp)\b"
    # an image's name standing for it ("[hans_logo]", "[blog_bartop4]"), the end of a file
    # placeholder cut off ("bytes)"), a rule drawn with box characters ("━━━━━━")
    r"|^\s{0,2}\[[A-Za-z0-9_.\-]{1,40}\]\s{0,2}$|^\s{0,2}\(?\d{0,9}\s?bytes\)\s{0,2}$|[━─═]{6}", re.I)
# a headline list's item with its time ("小林村滅村國賠案… 20:02"), as news tickers print them
_TICKER_TIME = re.compile(r"\S\s{1,3}\d{1,2}:\d{2}\s{0,2}$")

FEATURES = (
    "bias", "above_log", "just_above", "below", "inside", "first_lines", "letters_log", "mid_length",
    "clause_end", "clauses", "meta_below", "date_below", "is_meta", "breadcrumb", "junk", "tail_marker",
    "nav_tokens", "list_neighbours", "shaped_between", "repeated", "in_browser_title", "has_separators",
    "latin_share", "digit_share", "dash_start", "ellipsis_end", "label_start", "lead_repeats", "page_top",
    "nav_words", "meta_next", "colon_end", "byline", "subject_label", "body_overlap",
)


def subject_label_length(text: str) -> int:
    """How many characters of ``text`` a headline label takes ("主题：", "標題:"), 0 for none.
    Matched on the folded text: tw2s keeps lengths, so the count holds for the original."""
    found = _SUBJECT.match(convert(text[:20], FOLD))
    return found.end() if found else 0


def _key(text: str) -> str:
    """A comparison key for a piece of a line (``Line.key`` for whole lines)."""
    return clean._letters(text[:400]).lower()


def _is_meta(line: Line, cache: dict) -> bool:
    """A date, or a metadata label (来源, 作者, 责任编辑…) among the line's first words."""
    if id(line) not in cache:
        cache[id(line)] = clean.looks_like_metadata(line)
    return cache[id(line)]


def _dated(line: Line) -> bool:
    return bool(line.dates) and not dates.is_clock_line(line.scan)


def _shaped(line: Line, cls: str, cache: dict) -> bool:
    n = line.letter_count
    return cls == clean.CONTENT and 4 <= n <= 80 and not _CLAUSE_END.search(line.text) and not _is_meta(line, cache)


def candidates(lines: list[Line], classes: list[str], first: int, last: int) -> list[int]:
    """Indices of the lines that may be the headline of an article in lines ``first``..``last``:
    near it, of headline length, not junk (a share widget, a copyright line is never the title),
    not a sentence closed by a full stop, not a line ending in a colon."""
    # inside the region only its first line (a headline the run of sentences took in): a line
    # within the text is text
    near = set(range(max(0, first - REACH_ABOVE), min(len(lines), first + 1)))
    for k in range(last + 1, min(len(lines), last + 1 + REACH_BELOW)):
        if clean.is_comments_marker(lines[k]):
            break  # (under a comments header the lines are readers', never the article's headline)
        near.add(k)
    near |= set(range(min(3, len(lines))))
    found = [k for k in near if classes[k] == clean.CONTENT and 2 <= lines[k].letter_count <= MAX_LETTERS
             and len(lines[k].text) <= 200 and may_be_headline(lines[k])]
    trail = _trail_steps_of(lines, sorted(near))
    return sorted(k for k in found if not _trail_steps(lines[k], k, trail) and not _is_trail(lines[k].text))


# what a text dump may put before a headline: a BOM, list bullets, a text browser's image and
# anchor tokens ("[v_8]", "[udn001]", "SNAP-1.GIF")
HEADLINE_LEAD = re.compile(r"^(?:[\ufeff\s•·●○■□◆◇▪▶►★☆*]|\[[A-Za-z0-9_.\-]{1,24}\]|[\w\-]+\.(?:gif|jpe?g|png|bmp)\b)+", re.I)


def may_be_headline(line: Line) -> bool:
    """A line that closes a sentence with a full stop, opens what follows with a colon
    ("親愛的網友：", "本站永久域名:"), marks the end of an article, heads a list of the latest
    stories ("最新消息"), is navigation furniture
    (``is_navigation``, or a menu's words alone), a bracketed byline or a photo's caption
    (``shape.is_caption``) is never a headline, on any site. An image's placeholder before a
    headline ("SNAP-1.GIF 飞行物理学常识") is the dump's, not the line's."""
    return (not _FULL_STOP_END.search(line.text) and not _COLON_END.search(line.text)
            and not clean.is_tail_marker(line) and not _is_date_line(line)
            and not is_navigation(HEADLINE_LEAD.sub("", line.scan).strip() or line.scan.strip())
            and not (line.letter_count <= _SITE_NAME_LETTERS and _SITE_NAME.search(line.folded))
            and not _is_bracketed_byline(line) and not _is_labelled_byline(line) and not _TICKER_TIME.search(line.scan)
            and not (line.letter_count <= 40 and _NAV_WORDS_ONLY.match(line.folded))
            and not (line.letter_count <= 8 and _LIST_HEAD.match(line.folded))
            and not (line.letters.isdigit() and len(line.scan.split()) >= 3)  # a pager's "1 2 3 4"
            and not is_caption(line))


def _is_bracketed_byline(line: Line) -> bool:
    """The reporters' names in brackets on a line of their own ("（記者 孫強磊）", "(葉芷晴 張泳渝"):
    the credit closing an article, never its headline."""
    text = line.text.strip()
    return line.letter_count <= 30 and text.startswith(("(", "（")) and bool(people.paren_byline(text))


def _is_labelled_byline(line: Line) -> bool:
    """A byline on a line of its own, its label and a name ("作者 林秀英", "記者 王小明／嵐港報導"):
    never a headline ("记者节：致敬新闻人" names no one after its label)."""
    label = people.AUTHOR_LABEL.match(line.scan.strip()) if line.letter_count <= 24 else None
    if not label:
        return False
    return people.leads_with_name(line.scan.strip()[label.end():])


def _is_date_line(line: Line) -> bool:
    """A dateline ("2006年12月27日（京港台时间）", "Saturday, September 10th, 2005 10:56 am"): a date
    and at most a few words beside it. A headline that names a day says what happened on it."""
    if not line.dates:
        return False
    text, rest, at = line.scan, [], 0
    for found in sorted(line.dates, key=lambda d: d.start):
        rest.append(text[at:found.start])
        at = max(at, found.end)
    rest.append(text[at:])
    return letters(_WEEKDAY_OR_CLOCK.sub("", "".join(rest).lower())) <= 6


_MENU_ITEM = 4  # letters of a channel's name in a menu row
_LIST_HEAD = re.compile(r"^[\W_]{0,3}(?:" + phrases.alternation(phrases.LIST_HEADS) + r")[\W_]{0,3}$")
_NAV_ITEM = re.compile(r"^(?:" + phrases.alternation(phrases.NAV) + r")$")


def is_navigation(text: str) -> bool:
    """A menu row, a host name or a text browser's image placeholders (see above)."""
    if _HOST_ALONE.match(text) or _BROWSER_ARTIFACT.search(text[:200]):
        return True
    items = [p for p in _MENU_STEP.split(text) if letters(p)]
    if len(items) >= 5:
        return sum(letters(p) for p in items) / len(items) <= 4
    # a short menu, three or four channel words with a navigation word among them ("首页 新闻 财经")
    return len(items) >= 3 and all(letters(p) <= _MENU_ITEM for p in items) \
        and any(_NAV_ITEM.match(convert(p.strip().lower(), FOLD)) for p in items)


_BELOW_REACH = 10  # lines below a candidate looked through for its date and byline
_BELOW_LINES = 3


def _below(lines: list[Line], classes: list[str], k: int) -> list[Line]:
    """The three lines under line ``k`` that may carry its date or byline, or, when those three
    are all furniture, the three after a block of share buttons and widgets (news pages that set
    "用LINE傳送 分享 留言 列印 A-A+" between the headline and its date line)."""
    near = lines[k + 1: k + 1 + _BELOW_LINES]
    if any(classes[j] == clean.CONTENT or lines[j].dates for j in range(k + 1, k + 1 + len(near))):
        return near
    out = []
    for j in range(k + 1, min(len(lines), k + 1 + _BELOW_REACH)):
        if classes[j] == clean.CONTENT or lines[j].dates:
            out.append(lines[j])
            if len(out) == _BELOW_LINES:
                break
    return out


def features(lines: list[Line], classes: list[str], k: int, first: int, last: int, page: dict) -> list[float]:
    """The signals of line ``k`` as a headline candidate, in ``FEATURES`` order.

    ``page`` caches what is computed once per page (``page_context``).
    """
    line = lines[k]
    text = line.scan
    n = line.letter_count
    key = page["key_of"][k]
    cache = page["cache"]
    below = _below(lines, classes, k)
    tokens = [t for t in _TOKENS.split(line.text.strip()) if t]
    nav_tokens = len(tokens) >= 4 and sum(len(t) for t in tokens) / len(tokens) <= 4
    shaped = page["shaped"]
    neighbours = sum(1 for j in (k - 1, k + 1) if j in shaped)
    between = sum(1 for j in range(k + 1, first) if j in shaped) if k < first else 0
    repeated = sum(1 for other in page["keys"] if len(key) >= 4 and other != key and key in other) + (
        page["keys"].count(key) - 1)
    in_browser = any(len(key) >= 4 and key in part and key != part for part in page["title_parts"]) or (
        key in page["title_parts"] and k >= 3)
    lead = page["lead"]
    return [
        1.0,
        math.log1p(first - k) if k < first else 0.0,
        1.0 if k < first and between == 0 else 0.0,
        1.0 if k > last else 0.0,
        1.0 if first <= k <= last else 0.0,
        1.0 if k < 3 else 0.0,
        math.log1p(n),
        1.0 if 8 <= n <= 40 else 0.0,
        1.0 if _CLAUSE_END.search(line.text) else 0.0,
        min(len(_CLAUSE.findall(text)), 4) / 4,
        1.0 if any(_is_meta(x, cache) for x in below) else 0.0,
        1.0 if any(_dated(x) for x in below) else 0.0,
        1.0 if _is_meta(line, cache) else 0.0,
        1.0 if breadcrumbs.find_breadcrumb(text) else 0.0,
        1.0 if classes[k] != clean.CONTENT else 0.0,
        1.0 if clean.is_tail_marker(line) else 0.0,
        1.0 if nav_tokens else 0.0,
        neighbours / 2,
        min(between, 8) / 8,
        min(repeated, 3) / 3,
        1.0 if in_browser else 0.0,
        1.0 if len(browser_title.TITLE_SPLIT.split(line.text)) >= 2 else 0.0,
        len(_LATIN.findall(text)) / max(len(text), 1),
        len(_DIGIT.findall(text)) / max(len(text), 1),
        1.0 if text.lstrip().startswith(("——", "--", "—")) else 0.0,
        1.0 if text.rstrip().endswith(("…", "...")) else 0.0,
        1.0 if _LABEL_START.match(text) else 0.0,
        1.0 if len(key) >= 6 and key in lead else 0.0,
        1.0 if k == 0 else 0.0,
        min(len(_NAV.findall(line.folded)), 3) / 3,
        1.0 if below and _is_meta(below[0], cache) else 0.0,
        1.0 if _COLON_END.search(line.text) else 0.0,  # "親愛的網友：", "报名地点：" open what follows
        1.0 if n <= 30 and people.find_authors(text) else 0.0,  # "本报实习生 刘国栋 周炜"
        1.0 if _SUBJECT.match(line.folded) else 0.0,  # a forum post's "主题：…"
        _body_overlap(line, k, page),
    ]


_BODY_LETTERS = 3000  # of the article's text the overlap looks at (its lead names what the headline does)
_OVERLAP_PAIRS = 6  # fewer pairs than this say little: "显示", "首页" are in any text


def _pairs(letters_: str) -> set[str]:
    return {letters_[i:i + 2] for i in range(len(letters_) - 1)}


def _body_lines(lines: list[Line], first: int, last: int) -> list[tuple[int, str]]:
    """(index, key) of the article's lines up to its first ``_BODY_LETTERS`` letters, without a box
    of other headlines set inside the text (a related header and the unpunctuated lines under it):
    those name other stories, and a copy of one above the text is no headline."""
    out, total = [], 0
    boxed = False
    for j in range(first, last + 1):
        boxed = clean.is_tail_marker(lines[j]) or boxed and not PROSE_MARK.search(lines[j].scan)
        if boxed:
            continue
        out.append((j, lines[j].key))
        total += len(out[-1][1])
        if total >= _BODY_LETTERS:
            break
    return out


def _body_overlap(line: Line, k: int, page: dict) -> float:
    """The share of the line's letter pairs that the article's text holds too. A headline names
    what its article tells (people, places, the matter), on every site; a related list's
    headline, a channel's or a site's name mostly does not. The line's own pairs do not count
    when it stands inside the article."""
    own = _pairs(line.key)
    if not own:
        return 0.0
    body = page["body"]
    if any(j == k for j, _ in page["body_lines"]):
        body = "\n".join(key for j, key in page["body_lines"] if j != k)
    return sum(1 for pair in own if pair in body) / max(len(own), _OVERLAP_PAIRS)


_STEP = re.compile(browser_title.TITLE_SPLIT.pattern + "|" + breadcrumbs.CRUMB_SEP.pattern)
_STEP_MARK = re.compile(r"[&»«›‹\-–—－|_｜>→＞〉/\\]")  # what every separator of _STEP holds


def _steps(text: str) -> list[str]:
    return [key for key in (_key(p) for p in _STEP.split(text)) if len(key) >= 2]


def _trail_steps_of(lines: list[Line], window: list[int]) -> dict[str, set[int]]:
    """The steps of the page's trails (a row of three or more parts: "论坛 → 生活服务区 → 浏览帖子"),
    but the last, each with the lines that hold it (the last step may be the article's own)."""
    out: dict[str, set[int]] = {}
    for j in window:
        if len(_STEP_MARK.findall(lines[j].text[:200])) < 2:
            continue  # (three steps need two separators: most lines have none)
        steps = _steps(lines[j].text[:200])
        if len(steps) >= 3:
            for step in steps[:-1]:
                out.setdefault(step, set()).add(j)
    return out


_TRAIL_SEP = re.compile(r"\s{0,3}(?:>>|>|›|»|→|＞)\s{0,3}")  # (not breadcrumbs.CRUMB_SEP: its "/" makes "2021/05/06" a trail)
_TRAIL_STEP_LETTERS = 12


def _is_trail(text: str) -> bool:
    """A trail of three or more short steps ("嵐港網>>本地頻道>>教育", "论坛 → 生活服务区 → 浏览帖子"),
    with or without a "you are here" label or a home step: a breadcrumb on any site, never a
    headline."""
    steps = _TRAIL_SEP.split(text.strip()[:200])
    return len(steps) >= 3 and all(1 <= letters(step) <= _TRAIL_STEP_LETTERS for step in steps)


def _trail_steps(line: Line, k: int, trail: dict[str, set[int]]) -> bool:
    """Every part of the line is a step of another line's trail: a site's and a channel's name
    (a forum's browser title "山城论坛 - 生活服务区" over its trail), on any site, never a headline."""
    steps = _steps(line.text[:200])
    return bool(steps) and all(trail.get(step, set()) - {k} for step in steps)


def page_context(lines: list[Line], classes: list[str], first: int, last: int) -> dict:
    parts = []
    for ln in lines[:3]:
        split = [p for p in browser_title.TITLE_SPLIT.split(ln.text) if len(clean._letters(p)) >= 4]
        if len(split) >= 2:
            parts.extend(_key(p) for p in split)
    # the lines the features look at: above the article and its first lines, its last lines and
    # below (not the whole body: a long article would make this quadratic)
    window = sorted(set(range(max(0, first - REACH_ABOVE), min(len(lines), first + _EDGE)))
                    | set(range(max(first, last - _EDGE), min(len(lines), last + 1 + REACH_BELOW)))
                    | set(range(min(3, len(lines)))))
    cache: dict = {}
    key_of = {j: lines[j].key for j in window}
    body_lines = _body_lines(lines, first, last)
    return {
        "cache": cache,
        "key_of": key_of,
        "shaped": {j for j in window if _shaped(lines[j], classes[j], cache)},
        "keys": [key_of[j] for j in window],
        "title_parts": parts,
        "lead": "".join(ln.key for ln in lines[first: first + 2]),
        "body_lines": body_lines,
        "body": "\n".join(key for _, key in body_lines),
    }


@lru_cache(maxsize=1)
def _weights() -> tuple[float, ...]:
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise RuntimeError(f"{WEIGHTS.name} was trained on other features; run benchmarks/train_headline.py")
    return tuple(data["weights"])


def probability(vector: list[float]) -> float:
    z = sum(w * x for w, x in zip(_weights(), vector))
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def scores(lines: list[Line], classes: list[str], first: int, last: int) -> dict[int, float]:
    """The probability of every candidate line of the article in ``first``..``last``."""
    page = page_context(lines, classes, first, last)
    return {k: probability(features(lines, classes, k, first, last, page))
            for k in candidates(lines, classes, first, last)}


def best(found: dict[int, float]) -> tuple[int, float] | None:
    """(index, probability) of the likeliest headline among ``scores``, or None when no line is
    likely enough."""
    top = max(found.items(), key=lambda item: item[1], default=None)
    return top if top is not None and top[1] >= MIN_PROBABILITY else None


def find(lines: list[Line], classes: list[str], first: int, last: int) -> tuple[int, float] | None:
    """(index, probability) of the likeliest headline line, or None when no line is likely enough."""
    return best(scores(lines, classes, first, last))
