"""The headline of a page: an HTML page's in ``html_title``; a text page's by the learned scorer
(``headline``) and the rules around its choice (a headline in two parts, under a logo, over a
subtitle, a short form's full one), tidied by ``title_words``."""

from __future__ import annotations

import re

from . import breadcrumbs, browser_title, clean, dates, headline, html_title
from .html_title import SITE_NAME_LETTERS, is_site_trail
from .parsed import Line, Parsed
from .shape import CLAUSE_END as _CLAUSE_END, HAS_SENTENCE as _HAS_SENTENCE
from .shape import SUBTITLE_DASH, is_meta_line as _is_meta_line
from .title_words import tidy_headline, tidy_words

_HALF_MAX = 40  # letters of either half of a headline in two parts ("主题 副题")
_HALF_MIN = 6  # letters of each half when the page holds the pair only once


_FURNITURE_UNDER = 8  # lines of widgets between a headline and its date line (share, print, font size, comments)


def _dated_under(lines: list[Line], classes: list[str], k: int) -> bool:
    """A date or source line under line ``k``, or past the furniture under it (a source's bare
    address, a print widget, which the date may be glued to; a row of share and print buttons
    that news sites set between the headline and the date: "用LINE傳送 分享 留言 列印 A-A+ 2019-03-18")."""
    for ln, cls in zip(lines[k + 1: k + 1 + _FURNITURE_UNDER], classes[k + 1: k + 1 + _FURNITURE_UNDER]):
        if ln.dates or _is_meta_line(ln.scan):
            return True
        if cls == clean.CONTENT and not ln.text.lstrip().startswith(SUBTITLE_DASH):
            return False  # (a subtitle under its dash is headline matter: "——港務局公布十年規劃")
    return False


def _joined_headline(lines: list[Line], classes: list[str], k: int,
                     scores: dict[int, float], run_together: bool = True) -> tuple[str, int] | None:
    """On a page run together on one line, a headline written in two parts with a space between
    them ("广汽回应合资内幕 全面合作即将展开", a Taiwanese "標題　副題") was cut in two there: the
    line found and its neighbour are the headline when the page holds the two parts, space and
    all, twice (the browser title or a list above repeats the headline), or once right above the
    article's date line with the neighbour scoring as a headline piece itself (``scores``: the
    headline model's probabilities; one copy alone may be two lines of a menu). On other text
    pages (not ``run_together``) a headline set in two lines is one when the page holds the two
    together elsewhere (the browser title, a print copy): only the first test applies."""
    page = " ".join(ln.text for ln in lines)
    for a, b in ((k - 1, k), (k, k + 1)):
        if a < 0 or b >= len(lines) or any(classes[j] != clean.CONTENT for j in (a, b)):
            continue
        halves = (lines[a], lines[b])
        pair = f"{halves[0].text} {halves[1].text}"
        twice = page.count(pair) >= 2
        if not (twice or run_together) or not all(
                2 <= h.letter_count <= _HALF_MAX and headline.may_be_headline(h) and not _is_meta_line(h.scan)
                for h in halves):
            continue  # (the count first: on most pages no pair is there twice, and the halves' tests cost more)
        if halves[0].key == halves[1].key or any(breadcrumbs.find_breadcrumb(h.text) or is_site_trail(h.text) for h in halves):
            continue  # a breadcrumb (or its last step) and the headline: one headline, not two parts
        if twice:
            return tidy_words(pair), a
        if not run_together:
            continue
        other = b if a == k else a
        if _dated_under(lines, classes, b) \
                and min(h.letter_count for h in halves) >= _HALF_MIN \
                and scores.get(other, 0.0) >= headline.MIN_PROBABILITY / 2 \
                and not any(browser_title.TITLE_SPLIT.search(h.text) or breadcrumbs.find_breadcrumb(h.text) for h in halves):
            # one copy, right above the article's date or source line (or a source link and the
            # date: "南方网 > 新闻 美联储维持…不变 年内预将再加息 2023-06-15 08:10 来源：…"): the
            # other half must be a likely headline piece itself, long enough to be no channel name,
            # and no breadcrumb or browser title piece ("人民网>>江苏频道>>教育", "国际财经_搜狐财经");
            # a promotion beside the headline ("免费订阅《高端阅读》", "精彩内容随时看") scores far below
            return tidy_words(pair), a
    return None


# a column's name before a bar that goes on into the headline ("图说洛阳|" before it); a part that
# trails off with "..." does not: truncated ticker items end so ("股市收盘大涨百点...")
_CONTINUES = re.compile(r"[|｜丨]\s{0,2}$")
_LONE_SEPARATOR = re.compile(r"^\s{0,2}[|｜丨]\s{0,2}$")
_PART_MAX = 30  # letters of a column's name before the headline's bar


def _headline_part(line: Line, cls: str) -> bool:
    return cls == clean.CONTENT and 2 <= line.letter_count <= _PART_MAX and headline.may_be_headline(line) \
        and not _is_meta_line(line.scan) and not breadcrumbs.find_breadcrumb(line.text)


def _continued_from_above(lines: list[Line], classes: list[str], k: int) -> int:
    """The first line of a headline that ends at line ``k`` on a page run together on one line.

    Class: headlines in parts, whose parts the run-together page cut at its spaces: a column's
    name before a bar ("书记市长这一周 | 奋马扬鞭争春色", "图说洛阳| …"). A part that ends with a bar,
    or stands before a bar alone, goes on into the line below; a bar in a row of them is a
    menu's ("首页 | 新闻 | 体育"), not a headline's.
    """
    start = k
    for _ in range(2):
        j = start - 1
        if j >= 1 and _LONE_SEPARATOR.match(lines[j].text) and _headline_part(lines[j - 1], classes[j - 1]) \
                and not (j >= 2 and _LONE_SEPARATOR.match(lines[j - 2].text)):
            start = j - 1
        elif j >= 0 and _CONTINUES.search(lines[j].text) and _headline_part(lines[j], classes[j]) \
                and not (j >= 1 and _LONE_SEPARATOR.match(lines[j - 1].text)):
            start = j
        else:
            break
    return start


_LETTERHEAD_META = 2  # metadata lines between an issuer's name and the release's headline


def _under_logo(lines: list[Line], classes: list[str], k: int, first: int, scores: dict[int, float]) -> int:
    """The headline line ``k``, or the post's headline right above the text when ``k`` is the
    site's logo line.

    Class: blogs and small sites whose dump opens with the site's name alone ("技术博客堂": a short
    line, no separators, the words of a topic the posts share) and sets the post's headline right
    above its text, with the date after the post. The logo line borrows the text's words; the
    line right above the text, when it scores as a headline piece itself (``scores``), is the post's.
    """
    j = first - 1
    if k != 0 or not k < j or lines[k].letter_count > SITE_NAME_LETTERS or browser_title.TITLE_SPLIT.search(lines[k].text) \
            or _dated_under(lines, classes, k) or _dated_under(lines, classes, j):
        return k
    return j if scores.get(j, 0.0) >= headline.MIN_PROBABILITY / 2 else k


def _below_letterhead(lines: list[Line], k: int, first: int, scores: dict[int, float]) -> int:
    """The headline line ``k``, or the headline of a press release under its letterhead.

    Class: government and company press releases, whose page opens with the issuer's name
    ("嵐港市政府新聞及國際關係處") over a block of labelled metadata (發稿單位, 發稿時間, 發稿人),
    and only then the headline, right above the text. The issuer's line looks like a headline
    with a date under it; the line right above the text, when it scores as a headline too
    (``scores``: the headline model's probabilities), is the release's.
    """
    j = first - 1
    between = lines[k + 1: j]
    if not k < j or len(between) < _LETTERHEAD_META or not all(clean.looks_like_metadata(ln) for ln in between):
        return k
    return j if scores.get(j, 0.0) >= headline.MIN_PROBABILITY else k


_SHARED_OPENING = 4  # letters a short form of the headline shares with the full one


def _full_form(lines: list[Line], classes: list[str], k: int, first: int) -> int:
    """The headline line ``k``, or the fuller form of it that stands between it and the text.

    Class: pages that show the headline first in a short form (a tab, a list label, a
    breadcrumb's last step: "銀礫灣新巴士線試行"), then in full right above the date line and the
    text ("銀礫灣新巴士線下周試行 來往機場島及市中心 每二十分鐘一班"): a later line opening with the
    same letters, longer, with a date under it, is the headline.
    """
    short = lines[k].key
    if len(short) < _SHARED_OPENING:
        return k
    for j in range(k + 1, first):
        ln = lines[j]
        if classes[j] == clean.CONTENT and len(ln.key) > len(short) and ln.key[:_SHARED_OPENING] == short[:_SHARED_OPENING] \
                and headline.may_be_headline(ln) and not _HAS_SENTENCE.search(ln.text) and j + 1 < len(lines) \
                and any(x.dates for x in lines[j + 1: j + 3]):
            return j
    return k


def _copy_over_text(lines: list[Line], classes: list[str], k: int, first: int) -> int:
    """The headline line ``k``, or its last copy above the text.

    Class: text dumps that print the headline first in the browser title at the top (or in a list
    above) and again over the article, where its date line and, on pages run together on one
    line, its second part go with it: the last copy above the text is the one to read the
    headline from, unless the copy found has its date under it already (the later one may head a
    video box or a repeat under widgets).
    """
    key = lines[k].key
    if len(key) < _SHARED_OPENING or _dated_under(lines, classes, k):
        return k
    return max((j for j in range(k + 1, first) if classes[j] == clean.CONTENT and lines[j].key == key), default=k)




def _over_subtitle(lines: list[Line], classes: list[str], k: int, scores: dict[int, float]) -> int:
    """The headline line ``k``, or the main headline above it when ``k`` is its subtitle.

    Class: editorials, congratulations and features with a headline in two lines, the second
    opening with a dash ("为…凝聚强大智慧和力量" over "——热烈祝贺…会议开幕", "…" over "——记…"):
    a line that opens with a dash says what the line above it is about, so the line above, when it
    may be a headline itself (``scores``: the headline model's probabilities), is the headline.
    """
    j = k - 1
    if j < 0 or not lines[k].text.lstrip().startswith(SUBTITLE_DASH) or classes[j] != clean.CONTENT:
        return k
    above = lines[j]
    if above.text.lstrip().startswith(SUBTITLE_DASH) or _CLAUSE_END.search(above.text) \
            or not headline.may_be_headline(above) or _is_meta_line(above.scan):
        return k
    return j if scores.get(j, 0.0) >= headline.MIN_PROBABILITY / 4 else k


def find_title(p: Parsed, classes: list[str]) -> tuple[str | None, int]:
    lines = p.lines
    if p.kind == "json":
        return None, -1
    if p.kind == "html":
        return html_title.find(p, classes)
    scores: dict[int, float] = {}
    if p.has_region:
        inside = [k for k, ln in enumerate(lines) if ln.in_content]
        scores = headline.scores(lines, classes, inside[0], inside[-1])
        found = headline.best(scores)
        if found is not None:
            k = _copy_over_text(lines, classes, found[0], inside[0])
            joined = _joined_headline(lines, classes, k, scores, run_together=p.run_together)
            if joined is not None and not p.run_together:
                return joined
            if p.run_together:
                at = joined[1] if joined is not None else k
                start = _continued_from_above(lines, classes, at)
                if start < at:
                    text = joined[0] if joined is not None else tidy_headline(lines, at)
                    return tidy_words(" ".join(ln.text for ln in lines[start: at]) + " " + text), start
                if joined is not None:
                    return joined
            k = _under_logo(lines, classes, k, inside[0], scores)
            k = _below_letterhead(lines, k, inside[0], scores)
            k = _full_form(lines, classes, k, inside[0])
            k = _over_subtitle(lines, classes, k, scores)
            return tidy_headline(lines, k), k
    # plain text: the line just above the first date line, else the first plausible line
    for i, line in enumerate(lines[:40]):
        if classes[i] != clean.CONTENT or len(line.text) > 120:
            continue
        if line.dates and not dates.is_clock_line(line.scan):
            for j in range(i - 1, max(-1, i - 4), -1):
                cand = lines[j]
                if classes[j] == clean.CONTENT and 4 <= cand.letter_count <= 100 and not breadcrumbs.find_breadcrumb(cand.text) \
                        and headline.may_be_headline(cand):
                    j = _over_subtitle(lines, classes, j, scores)
                    return tidy_headline(lines, j), j
            break
    for i, line in enumerate(lines[:40]):
        if classes[i] == clean.CONTENT and 4 <= line.letter_count <= 100 and not breadcrumbs.find_breadcrumb(line.text) \
                and headline.may_be_headline(line):
            return tidy_headline(lines, i), i
    return None, -1
