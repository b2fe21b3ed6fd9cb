"""The article region of a plain-text page: a signal that holds on any site, text density.

A scraped text page is the whole page flattened: navigation, tickers, headline lists, the article,
sidebars, related lists, footers. What tells the article apart everywhere is text density (the
idea behind CETD and GNE): the article is the longest run of *sentence lines* (long, with clause
punctuation every few characters), broken only by short lines (subheadings, captions), while
furniture is runs of short lines without sentences. ``article_region`` finds that run as the
maximum-sum segment of per-line values: a sentence line is worth its letters, any other line
costs its letters (a run of twenty headlines costs more than a subheading), junk lines cost more,
and the end-of-article markers (comments, related news) are walls no run crosses.

The headline is then chosen among the lines around the region (headline.py).
"""

from __future__ import annotations

import re

from . import clean, phrases
from .parsed import Line
from .shape import FIGURE_STAMP, PROSE_MARK, is_sentence, is_story_header
from .teasers import teaser_lists

# Portal pages (sohu-, 163-, toutiao-like) put a feed of recommended headlines under the article;
# with commas in them they read as sentences, and a long feed outweighs a short article. Prose
# closes its lines (or is wrapped: a long line goes on in the next); a headline stays open or is
# cut short with "…". A short open sentence line counts half.
_CLOSED = re.compile(r"(?:[。！？!?」”』）)\]】:：]|(?<!\.)\.)\s{0,2}$")
_OPEN_SHARE = 0.5
_WRAPPED = 34  # letters from which an open line is taken for wrapped prose
_JUNK_COST = 30  # the least a junk line (share widget, copyright) costs a run
_DATED_COST = 20  # extra cost of a short line with a date: headline lists carry one per line
_LINE_COST_MAX = 60
_WALL = -1e9  # comments / related-news headers: the article never runs through them
_HEADER_BONUS = 40  # a run right under a date or byline line is the article's, not a sidebar's
_HEADER_REACH = 6  # how far above a run its date line may stand
_UNDER_FEED = 0.5  # what a run under a related header counts, below an article headed by its date line
_TEXT_MIN = 100  # letters of sentences that make a run a text a comments header may follow
_BRIEF_MIN = 30  # ... or of a run its date or byline heads, over a thread
_POSTERS_SHOWN = 2  # replies under their posters' names that show a thread
_THREAD_REACH = 8  # lines under a comments header looked at for two replies' stamps
_POSTER_MAX = 12  # letters of a poster's name line
_HEADED_TEXT_MIN = 60  # ... and a dated text a feed may follow (a "today" widget's greeting is shorter)
_FIRST_TEXT_ODDS = 5  # how many times more a later headed text must score to be the article instead of the first
_UNHEADED_ODDS = 2  # ... and a later text no date heads (the article whose date the page sets elsewhere)
_COMMENTS_GAP = 3  # lines between a text's end and the comments header that follows it
# Numbered or bulleted items: an article's own list must not cut it in two (a list of headlines
# is unnumbered, or carries dates, which cost more)
LIST_ITEM = re.compile(r"^\s{0,2}(?:\d{1,2}\s{0,1}[.、．)）]|[（(]\s{0,1}[一二三四五六七八九十\d]{1,3}\s{0,1}[)）]|[一二三四五六七八九十]{1,3}[、是]|[①-⑳]|[•·●▪]\s)")
_ITEM_MAX = 60
_COUNTED = re.compile(r"[(\[（【]\s{0,1}\d{1,7}\s{0,1}[)\]）】]\s{0,2}$")  # "…(6)", "…[793]": a ranked headline list
_ITEM_COST = 2.0
_JOIN_GAP = 3  # furniture lines between two runs of sentences that still make one article
_JOIN_MIN = 20  # letters of sentences a neighbouring run needs to be joined
_OPENER = re.compile(r"^\s{0,2}(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[、．]|第[一二三四五六七八九十]{1,3}[章节節部分]|【[^】]{2,20}】)")


_STAMPED_MAX = 40


def _value(line: Line, cls: str) -> float:
    if clean.is_tail_marker(line):
        return _WALL
    n = line.letter_count
    if cls == clean.CONTENT and is_sentence(line) and not (n <= _STAMPED_MAX and FIGURE_STAMP.search(line.scan)):
        return float(n) if n >= _WRAPPED or _CLOSED.search(line.scan) else float(n) * _OPEN_SHARE
    if cls == clean.CONTENT and n <= _ITEM_MAX and LIST_ITEM.match(line.scan) and not line.dates \
            and not _COUNTED.search(line.scan):
        return -_ITEM_COST  # an item of a list inside the text ("1. …", "一是…", "①…"): nearly free
    if cls == clean.IMAGE:
        return -_ITEM_COST  # a text browser's image placeholders between paragraphs: the photos of the text
    cost = min(max(n, 4), _LINE_COST_MAX)
    if cls != clean.CONTENT:
        cost = max(cost, _JUNK_COST)
    elif n <= 40 and line.dates:
        cost += _DATED_COST
    return -float(cost)


_CREDIT = re.compile(r"^[\s【\[（(]{0,2}(?:" + phrases.alternation(phrases.CLOSING_CREDITS) + r")\s{0,2}[:：/／]")


def _heads_a_text(line: Line) -> bool:
    """A date or metadata line that stands above an article: not the editor's credit, which
    closes one ("责任编辑：王明" above a feed of headlines does not make the feed an article)."""
    return clean.looks_like_metadata(line) and (bool(line.dates) or not _CREDIT.match(line.folded))


_FIELD = re.compile(r"^\s{0,2}[\u4e00-\u9fff]{2,10}\s{0,1}[：:]\s{0,2}\S")  # "成人票原价：279元", "咨询电话：5879…"
_FIELD_MAX = 40
_FIELDS_PER_ITEM = 4


def _free_entry_fields(lines: list[Line], classes: list[str], values: list[float]) -> None:
    """Make the labelled fields under a numbered item nearly free, as the item is.

    Class: articles that are lists of entries (guides, notices, "1、上海野生动物园" over
    "成人票原价：165元", "游客咨询电话：…", "备注：…"): each entry's short fields would cost the run
    more than its remarks bring, and cut the article into pieces. A field counts so only under an
    item, with nothing but fields between (a site footer's "电话：…" lines stand under no item).
    """
    fields = -1  # fields since the last item; -1: no item above
    for k, (ln, cls) in enumerate(zip(lines, classes)):
        if cls == clean.CONTENT and ln.letter_count <= _ITEM_MAX and LIST_ITEM.match(ln.scan):
            fields = 0
            continue
        if 0 <= fields < _FIELDS_PER_ITEM and cls == clean.CONTENT and ln.letter_count <= _FIELD_MAX \
                and _FIELD.match(ln.scan) and not clean.looks_like_metadata(ln):
            fields += 1
            if values[k] < 0:
                values[k] = -_ITEM_COST
            continue
        if values[k] < 0:
            fields = -1  # anything else that costs ends the entry (a sentence line may stand in it)


def line_values(lines: list[Line], classes: list[str]) -> list[float]:
    """What each line is worth to the run of sentences it stands in (``_value``), walls included."""
    values = [_value(ln, cls) for ln, cls in zip(lines, classes)]
    _free_entry_fields(lines, classes, values)
    # a list of teasers is furniture, walled off as a related list under its header is: their
    # summaries are sentences and would join the article's run, or outweigh a brief
    for first, last in teaser_lists(lines, classes, lambda k: values[k] > 0):
        values[first] = _WALL
        for k in range(first + 1, last + 1):
            values[k] = -max(lines[k].letter_count, _JUNK_COST)
    return values


def candidate_runs(values: list[float]) -> list[tuple[float, int, int]]:
    """(sum, first, last) of the best run of each reset segment of ``values``, in page order."""
    candidates: list[tuple[float, int, int]] = []
    start, total, best_end, best_total = 0, 0.0, -1, 0.0
    for k, v in enumerate(values + [_WALL]):
        if total + v <= 0:
            if best_end >= start:
                candidates.append((best_total, start, best_end))
            start, total, best_end, best_total = k + 1, 0.0, -1, 0.0
            continue
        total += v
        if total > best_total:
            best_total, best_end = total, k
    return candidates


def article_region(lines: list[Line], classes: list[str]) -> tuple[int, int] | None:
    """(first, last) line index of the article's run of sentences, or None when the page has none.

    Kadane's maximum-sum segment, taken per reset segment so that each candidate run can get the
    header bonus (a date or byline line just above it) before the best is chosen.
    """
    values = line_values(lines, classes)
    candidates = candidate_runs(values)
    if not candidates:
        return None

    def headed(c: tuple[float, int, int]) -> bool:
        # (a date or counter line above a related header heads the article above, not the feed;
        # the share and font-size buttons between the date line and the text do not count for
        # its distance: a page run together cuts their row into many lines)
        return _found_above(c[1], _HEADER_REACH, classes, lambda j: len(lines[j].text) <= 200 and _heads_a_text(lines[j]),
                            wall=lambda j: values[j] == _WALL)

    def score(c: tuple[float, int, int]) -> float:
        return c[0] + (_HEADER_BONUS if headed(c) else 0)

    # a run under a related or recommended header, when a run that a date or byline heads stands
    # above that header, is the feed under the article (portal pages: "大家都在看" over headlines
    # with commas in them, longer together than a short news item): it counts for less. A run
    # under a comments header that follows a text right away is a reader's comment, never the
    # article (blog posts whose comment threads, each reply dated, outweigh the post)
    # (one pass each, so that a page of thousands of lines and walls stays linear; a comments
    # header is a line of its own, not a counter on the article's date line, "评论(12)", and a
    # feed counts less only under a headed text of some length, not under a "today" widget)
    texts_end = {c[2] for c in candidates if c[0] >= _TEXT_MIN}
    # (a brief under its date line is a text too, over a thread whose replies carry their stamps:
    # a news flash of one paragraph; not a deck or a caption over a comment button and the text)
    briefs_end = {c[2] for c in candidates if _BRIEF_MIN <= c[0] < _TEXT_MIN and headed(c)}

    def thread_under(k: int) -> bool:
        # replies carry their stamps, or their posters' names over them: a short line and a
        # sentence, twice in a row (an article's paragraphs stand back to back)
        # (two replies at least: a government Q&A page's one dated reply under "回复" is the answer)
        if sum(bool(FIGURE_STAMP.search(ln.scan)) for ln in lines[k + 1:k + 1 + _THREAD_REACH] if ln.letter_count <= 60) >= 2:
            return True
        under = lines[k + 1:k + 1 + 2 * _POSTERS_SHOWN]
        return len(under) == 2 * _POSTERS_SHOWN and all(
            (ln.letter_count <= _POSTER_MAX and not PROSE_MARK.search(ln.scan)) if n % 2 == 0 else values[k + 1 + n] > 0
            for n, ln in enumerate(under))

    first_comments = next((k for k, v in enumerate(values) if v == _WALL and clean.is_comments_marker(lines[k])
                           and not lines[k].dates and not clean.looks_like_metadata(lines[k])
                           and (_found_above(k, _COMMENTS_GAP, classes, texts_end.__contains__)
                                or _found_above(k, _COMMENTS_GAP, classes, briefs_end.__contains__) and thread_under(k))),
                          len(lines))
    headed_ends = sorted(c[2] for c in candidates if c[0] >= _HEADED_TEXT_MIN and headed(c))
    first_feed = next((k for k, v in enumerate(values) if v == _WALL and not clean.is_comments_marker(lines[k])
                       and headed_ends and headed_ends[0] < k), len(lines)) if headed_ends else len(lines)

    def ranked(c: tuple[float, int, int]) -> float:
        if first_comments < c[1]:
            return 0.0
        return score(c) * (_UNDER_FEED if first_feed < c[1] and not headed(c) else 1.0)

    # runs split by a line or two of furniture (an advertisement, a caption, a "read on" prompt)
    # are one article: a neighbouring run of sentences that close is joined, walls excepted
    def joinable(at: int, step: int, first: int, last: int) -> bool:
        total, other_first, other_last = candidates[at + step]
        gap = range(other_last + 1, first) if step < 0 else range(last + 1, other_first)
        if total < _JOIN_MIN:
            return False
        if len(gap) <= _JOIN_GAP and not any(values[j] == _WALL for j in gap):
            return True
        # across a box of headlines inside the text: the headed opening above it, or the text's
        # rest below it when no date or byline heads that (another story has its own) and it is
        # prose throughout (a feed of teasers sets a headline over each summary), up to its last
        # sentence line before the next story's header when it goes on into another story (the
        # assembly ends the text at that header)
        if not _box_inside(lines, values, gap):
            return False
        if step < 0:
            return score(candidates[at + step]) > total
        rest = other_last
        header = next((j for j in range(other_first + 1, other_last + 1) if is_story_header(lines, classes, j)), None)
        if header is not None:
            rest = max((j for j in range(other_first, header) if values[j] > 0), default=other_first)
        return _inline_box(lines, gap) and not headed(candidates[at + step]) and _prose_throughout(values, other_first, rest)

    def with_rest(at: int) -> float:
        """A text's total with its rest past boxes inside it (a one-paragraph opening over an
        inline related box is a short run, its article is not)."""
        total, first, last = candidates[at]
        while at + 1 < len(candidates) and joinable(at, 1, first, last):
            at += 1
            total, last = total + candidates[at][0], candidates[at][2]
        return total

    best = max(candidates, key=ranked)
    # the page's own article is the first text its date or byline heads: a later headed text (the
    # next article of a feed, a blog's older posts, a long comment under a short post) is the
    # article instead only when it scores several times more (class: portal and self-media pages
    # whose short news item is followed by a long recommended story, headed like it)
    first_headed = next((at for at, c in enumerate(candidates)
                         if c[0] >= _JOIN_MIN and headed(c) and ranked(c) > 0 and with_rest(at) >= _HEADED_TEXT_MIN), None)
    if first_headed is not None and candidates[first_headed][1] < best[1] and (
            ranked(candidates[first_headed]) + with_rest(first_headed) - candidates[first_headed][0]) \
            * (_FIRST_TEXT_ODDS if headed(best) else _UNHEADED_ODDS) >= ranked(best):
        best = candidates[first_headed]
    _total, first, last = best
    for step in (-1, 1):
        at = candidates.index(best)
        while 0 <= at + step < len(candidates) and joinable(at, step, first, last):
            first, last = min(first, candidates[at + step][1]), max(last, candidates[at + step][2])
            at += step
    while first > 0 and _section_opener(lines[first - 1], classes[first - 1]):
        first -= 1  # the article opens with a numbered or bracketed section heading
    if first > 0 and _opening_sentence(lines, classes, first - 1):
        first -= 1
    return first, last


_FURNITURE_GAP = 12  # junk lines (buttons, promos) between a date line and its text, or a text and its comments


def _found_above(k: int, reach: int, classes: list[str], hit, wall=lambda j: False) -> bool:
    """Whether ``hit(j)`` holds for a line ``j`` above line ``k`` within ``reach`` content lines,
    no ``wall(j)`` between. The junk lines between (share, font-size and counter buttons, a
    follow-us line; a page run together cuts a row of buttons into many lines) do not count, up to
    ``_FURNITURE_GAP`` of them."""
    content = 0
    for j in range(k - 1, max(-1, k - 1 - reach - _FURNITURE_GAP), -1):
        if wall(j):
            return False
        if hit(j):
            return True
        if classes[j] == clean.CONTENT:
            content += 1
            if content >= reach:
                return False
    return False


_HEADLINE_SHARE = 0.25  # of a run's lines that cost it: more, and it is a feed's headlines over summaries


_INLINE_ITEMS = 2  # items of a related box set inside the text, under its labelled header


def _inline_box(lines: list[Line], gap: range) -> bool:
    """Whether the box of ``gap`` is one set inside the text: a labelled header ("相關新聞：",
    "延伸閱讀:") over an item or two. An end-of-article list's header stands bare over more items,
    and what follows it is another story, a teaser, an author's note."""
    return len(gap) <= 1 + _INLINE_ITEMS and lines[gap[0]].scan.rstrip().endswith(("：", ":"))


def _prose_throughout(values: list[float], first: int, last: int) -> bool:
    """Whether the run ``first``..``last`` is nearly all sentence lines (few lines that cost it)."""
    costing = sum(1 for v in values[first: last + 1] if v < 0)
    return costing <= _HEADLINE_SHARE * (last - first + 1)


_BOX_LINES = 8  # lines of a headline box standing inside an article
_BOX_ITEM = 40  # letters of one of its items


def _box_inside(lines: list[Line], values: list[float], gap: range) -> bool:
    """Whether the lines of ``gap`` are a box of other headlines set inside the article: a
    "熱門新聞" or "相關新聞" header (no comments header) over a few short items that cost the
    run (``values``: no sentences, or junk such as counters: "嵐港夜市美食評比出爐　瀏覽數 5,213").

    Class: news pages whose text dump carries a hot-news or related box between two paragraphs.
    Only a run *above* the box that a date or byline heads is joined to the article below it (the
    article's opening); a run below the article's box stays out (it is often another story).
    """
    if not 2 <= len(gap) <= _BOX_LINES:
        return False
    head = lines[gap[0]]
    return (clean.is_tail_marker(head) and not clean.is_comments_marker(head)
            and all(lines[j].letter_count <= _BOX_ITEM and values[j] < 0 for j in gap[1:]))


_OPENING_CLOSE = re.compile(r"(?:[。！？!?]|……)[」”』\"]?\s{0,2}$")  # a widget's "载入中…" has one dot
_LABELLED = re.compile(r"^\s{0,2}[^\s：:，,。“”\"]{2,8}[：:]")
_OPENING_MIN, _OPENING_MAX = 4, 60  # letters of a short opening sentence ("他究竟是谁？", a hook line)
_OPENING_REACH = 6  # lines between the header line and the opening sentence (share buttons, widgets, a place)


def _opening_sentence(lines: list[Line], classes: list[str], k: int) -> bool:
    """Whether line ``k``, right above the run, is the article's first sentence set on a line of its own.

    Class: articles that open with a short line of their own, a hook ("斯诺克球王丁俊晖的人生故事何其精彩
    绝伦!"), a line of dialogue ("“妈妈，为什么还不能出去？”"), a teaser closed by an ellipsis. Too short
    or without commas, it costs the run more than it brings, and the text would begin a line late.
    It is told from a headline (which may close with ？ or ！ too) by what stands above it: the
    header's date or byline line, which a headline stands over, not under.
    """
    line = lines[k]
    if classes[k] != clean.CONTENT or not _OPENING_MIN <= line.letter_count <= _OPENING_MAX:
        return False
    if not _OPENING_CLOSE.search(line.scan) or clean.looks_like_metadata(line) or clean.is_tail_marker(line):
        return False
    if _LABELLED.match(line.scan):
        return False  # a labelled heading, "出国后：国家未来将如何发展？", heads a section, not the text
    return any(_heads_a_text(lines[j]) and len(lines[j].text) <= 200 for j in range(max(0, k - _OPENING_REACH), k))


def _section_opener(line: Line, cls: str) -> bool:
    """"一、理解文革的一个重要内容", "【短视频文化现象观察】开栏的话": a heading that opens a section."""
    return cls == clean.CONTENT and line.letter_count <= 30 and bool(_OPENER.match(line.scan)) and not clean.looks_like_metadata(line)

