"""The article region of a plain-text page, and its headline: signals that hold on any site.

A scraped text page is the whole page flattened: navigation, tickers, headline lists, the article,
sidebars, related lists, footers. What tells the article apart everywhere is text density (the
idea behind CETD and GNE): the article is the longest run of *sentence lines* (long, with clause
punctuation every few characters), broken only by short lines (subheadings, captions), while
furniture is runs of short lines without sentences. ``article_region`` finds that run as the
maximum-sum segment of per-line values: a sentence line is worth its letters, any other line
costs its letters (a run of twenty headlines costs more than a subheading), junk lines cost more,
and the end-of-article markers (comments, related news) are walls no run crosses.

The headline (``text_title``) is then chosen among the short lines just above the region by the
same kind of signals: a date or byline line follows it, the page repeats it (the browser title
glued as ``标题_频道_网站`` on the first line), it does not sit inside a run of list lines.
"""

from __future__ import annotations

import re

from . import clean, meta
from .parsed import Line

# Clause punctuation: a sentence has one every ten or twenty characters; a list of names does not
_PROSE_MARK = re.compile(r"[，。；,;]")
_FULL_STOP_END = re.compile(r"。[」”』）)]?\s{0,2}$")
_CLAUSE_END = re.compile(r"[。；;，,、：:]\s{0,2}$")
_LETTERS_PER_CLAUSE = 40  # longer than this without punctuation: not written prose (a keyword run)
SENTENCE_MIN = 12  # letters of a line with clause punctuation that make it a sentence line
_CLOSING_SENTENCE = 4  # a short line ending in a full stop ("謝謝。") is still a sentence
_JUNK_COST = 30  # the least a junk line (share widget, copyright) costs a run
_DATED_COST = 20  # extra cost of a short line with a date: headline lists carry one per line
_LINE_COST_MAX = 60
_WALL = -1e9  # comments / related-news headers: the article never runs through them
_HEADER_BONUS = 40  # a run right under a date or byline line is the article's, not a sidebar's
_HEADER_REACH = 6  # how far above a run its date line may stand
_JOIN_GAP = 3  # furniture lines between two runs of sentences that still make one article
_JOIN_MIN = 20  # letters of sentences a neighbouring run needs to be joined
_OPENER = re.compile(r"^\s{0,2}(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[、．]|第[一二三四五六七八九十]{1,3}[章节部分]|【[^】]{2,20}】)")
TITLE_REACH = 20  # lines above the region searched for the headline
TITLE_MAX_LETTERS = 80


def letters(text: str) -> int:
    return len(clean._letters(text))


def is_sentence(line: Line) -> bool:
    """Whether a line reads as written prose: long enough, with commas or full stops at prose spacing.

    Question and exclamation marks, colons and quotes alone do not make prose: headline lists
    are full of them ("是你嗎？…", "政能亮丨中国产能过剩了吗？").
    """
    s = line.scan
    n = letters(s)
    if n >= _CLOSING_SENTENCE and _FULL_STOP_END.search(s):
        return True
    clauses = len(_PROSE_MARK.findall(s))
    return n >= SENTENCE_MIN and clauses >= 1 and n / clauses <= _LETTERS_PER_CLAUSE


def _is_meta(line: Line) -> bool:
    s = line.scan[:300]
    return bool(meta.find_dates(s) or meta.find_source(s) or meta.find_authors(s) or meta.find_editor(s))


def _value(line: Line, cls: str) -> float:
    if clean.is_tail_marker(line):
        return _WALL
    n = letters(line.scan)
    if cls == clean.CONTENT and is_sentence(line):
        return float(n)
    cost = min(max(n, 4), _LINE_COST_MAX)
    if cls != clean.CONTENT:
        cost = max(cost, _JUNK_COST)
    elif n <= 40 and meta.find_dates(line.scan):
        cost += _DATED_COST
    return -float(cost)


def article_region(lines: list[Line], classes: list[str]) -> tuple[int, int] | None:
    """(first, last) line index of the article's run of sentences, or None when the page has none.

    Kadane's maximum-sum segment, taken per reset segment so that each candidate run can get the
    header bonus (a date or byline line just above it) before the best is chosen.
    """
    values = [_value(ln, cls) for ln, cls in zip(lines, classes)]
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
    if not candidates:
        return None

    def score(c: tuple[float, int, int]) -> float:
        total, first, _last = c
        above = lines[max(0, first - _HEADER_REACH): first]
        return total + (_HEADER_BONUS if any(len(ln.text) <= 200 and _is_meta(ln) for ln in above) else 0)

    best = max(candidates, key=score)
    _total, first, last = best
    # runs split by a line or two of furniture (an advertisement, a caption, a "read on" prompt)
    # are one article: a neighbouring run of sentences that close is joined, walls excepted
    for step in (-1, 1):
        at = candidates.index(best)
        while 0 <= at + step < len(candidates):
            total, other_first, other_last = candidates[at + step]
            gap = range(other_last + 1, first) if step < 0 else range(last + 1, other_first)
            if len(gap) > _JOIN_GAP or total < _JOIN_MIN or any(values[j] == _WALL for j in gap):
                break
            first, last = min(first, other_first), max(last, other_last)
            at += step
    while first > 0 and _section_opener(lines[first - 1], classes[first - 1]):
        first -= 1  # the article opens with a numbered or bracketed section heading
    return first, last


def _section_opener(line: Line, cls: str) -> bool:
    """"一、理解文革的一个重要内容", "【短视频文化现象观察】开栏的话": a heading that opens a section."""
    return cls == clean.CONTENT and letters(line.scan) <= 30 and bool(_OPENER.match(line.scan)) and not _is_meta(line)


def _key(text: str) -> str:
    return clean._letters(text[:400]).lower()


def _headline_shaped(line: Line, cls: str) -> bool:
    n = letters(line.scan)
    return (
        cls == clean.CONTENT
        and 4 <= n <= TITLE_MAX_LETTERS
        and not _CLAUSE_END.search(line.text)
        and not meta.find_breadcrumb(line.scan)
        and not _is_meta(line)
        and not meta.is_clock_line(line.scan)
    )


def text_title(lines: list[Line], classes: list[str], first: int, last: int) -> tuple[str | None, int]:
    """The headline of a text page whose article region is lines ``first``..``last``: (text, index).

    Scored, not positional, because what stands above the article varies by site: navigation,
    tickers, a breadcrumb, a deck. Signals: a date or byline line right under it; the page
    repeats it (a browser title ``标题_频道_网站`` or a shorter copy elsewhere); few headline-shaped
    lines between it and the article; it does not sit in a run of list lines (nav, headline lists).
    When the browser title's headline part comes back as a line of its own, that line wins.
    Nothing above the article: a headline with its date line right under the article (pages
    that print the title block after the text).
    """
    low = max(0, first - TITLE_REACH)
    window = range(low, first)
    shaped = {k for k in window if _headline_shaped(lines[k], classes[k])}
    head_parts = []
    for ln in lines[:3]:
        parts = [p for p in meta._TITLE_SPLIT.split(ln.text) if letters(p) >= 4]
        if len(parts) >= 2:
            head_parts.extend(_key(p) for p in parts)
    keys = {k: _key(lines[k].text) for k in shaped}
    best: tuple[float, int] | None = None
    for k in shaped:
        key = keys[k]
        score = 0.0
        below = lines[k + 1: min(first, k + 4)]
        if any(_is_meta(ln) for ln in below):
            score += 3
        if any(key == p or (len(key) >= 6 and key in p) for p in head_parts) and not (
                k < 3 and len(meta._TITLE_SPLIT.split(lines[k].text)) >= 2):
            score += 3
        elif any(len(key) >= 6 and key != keys.get(j) and key in _key(lines[j].text) for j in range(first, min(len(lines), first + 3))):
            score += 1  # the lead repeats the headline
        between = sum(1 for j in range(k + 1, first) if j in shaped)
        score -= min(between, 6) * 0.5
        neighbours = sum(1 for j in (k - 1, k + 1) if j in shaped and not any(_is_meta(x) for x in lines[j: j + 1]))
        if neighbours == 2:
            score -= 2  # inside a list of short lines
        n = letters(lines[k].scan)
        if 8 <= n <= 40:
            score += 1
        if best is None or score > best[0] or (score == best[0] and k > best[1]):
            best = (score, k)
    if best is not None and best[0] > -2:
        return lines[best[1]].text, best[1]
    if best is None:
        for k in range(last + 1, min(len(lines) - 1, last + 3)):
            if _headline_shaped(lines[k], classes[k]) and any(_is_meta(ln) for ln in lines[k + 1: k + 3]):
                return lines[k].text, k
    # a browser title alone: its headline part
    for ln_index, ln in enumerate(lines[:3]):
        if len(meta._TITLE_SPLIT.split(ln.text)) >= 2 and classes[ln_index] == clean.CONTENT:
            cleaned = meta.clean_title(ln.text)
            if 4 <= letters(cleaned) <= TITLE_MAX_LETTERS:
                return cleaned, ln_index
    return None, -1
