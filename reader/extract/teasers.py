"""Lists of teasers: other stories, each a headline over a summary cut short or stamped under it.

Class: portal, channel and video pages that list other stories under the article with no header
over the list. Their summaries are sentences: the text's region would run on into them (text
pages) and the box holding them would join the article's (HTML). An item is a short headline, a
summary, and either the summary cut short at a fixed length (an ellipsis; the list's summaries
alike in length) or the story's time stamp in figures *under* its summary. Three items of one
shape in a row make a list, unless the text introduces it ("…分享了自己的感受："). An article's own lists look otherwise: a chronology, a schedule or a flash
sets its dates *before* each entry, a blog's paragraphs that trail off with "..." vary in length,
and the article's text goes on after its list (a page's teasers end it).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import clean
from .parsed import Line
from .shape import FIGURE_STAMP

# A teaser's summary cut short: one ellipsis (prose closes a trailing-off sentence with "……")
_CUT_SHORT = re.compile(r"(?<!…)(?:…|\.{3})[」”』\"]?\s{0,2}$")
_HEAD_MAX = 40  # letters of a teaser's headline (and of its date line)
_SUMMARY_LINES = 2
_ITEMS_MIN = 3  # items that make a list (two are as often an article's: two quoted posts, two shows)
_STAMP_TAIL = 24  # characters at a summary's end looked at for its time stamp
_FORM_MAX = 30
_BARE_EXTRA = 6  # letters beside a bare stamp ("2024-05-01 閱讀 35", "08-11 16:06 来源")
_WRAP_TAIL = 6  # letters of a wrapped summary's last line
_CUT_ALIKE = 0.2  # how far a cut summary's length may stray from the list's first
_TEXT_ABOVE = 30  # letters of sentences above a list on a text page: the article it follows
_TEXT_AFTER = 60  # letters of sentences under it that say the article goes on (its own list)
_AFTER_REACH = 12  # lines under a list looked at for them


def _letters(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def _stamp_form(text: str) -> str:
    """A stamp's shape: its figures as 0, no spaces ("2024-05-01" -> "0000-00-00")."""
    return re.sub(r"\s+", "", re.sub(r"\d", "0", text))[:_FORM_MAX]


def _item_at(lines: list[Line], classes: list[str], prose: Callable[[int], bool], k: int) -> tuple[int, tuple, int]:
    """(lines, shape, summary characters) of a teaser starting at ``k`` ((0, (), 0): none): a
    headline (short, no sentence; linked or not), then a summary cut short with an ellipsis (a
    renderer may have wrapped it; a bare date may stand over it, or close it), or of one or two sentence lines
    with a bare time stamp in figures under it (a line of its own, or closing the summary's line).
    The shape (cut or stamped, the stamp's form) is what a list's items share."""
    none = (0, (), 0)
    head = lines[k]
    if classes[k] not in (clean.CONTENT, clean.LINKS) or not 4 <= head.letter_count <= _HEAD_MAX or prose(k):
        return none
    start = k + 1
    if start < len(lines) and _bare_stamp(lines, prose, start):
        start += 1  # (a cut teaser's date may stand between its headline and its summary)
    j = start
    while j < len(lines) and j - start < _SUMMARY_LINES and prose(j) and classes[j] == clean.CONTENT:
        j += 1
    if j == start:
        return none
    if j < len(lines) and not prose(j) and lines[j].letter_count <= _WRAP_TAIL and _CUT_SHORT.search(lines[j].scan):
        j += 1  # (the last characters of a summary cut short, that a renderer wrapped: "步...")
    last = lines[j - 1].scan.rstrip()
    # (a page run together keeps the stamp on the summary's line: "…分階段開放... 2024-05-01")
    tail = [m for m in FIGURE_STAMP.finditer(last, max(0, len(last) - _STAMP_TAIL)) if m.end() == len(last)]
    said = last[:tail[0].start()].rstrip() if tail else last  # (a stamp closing the line is no part of it)
    summary = sum(len(ln.scan.strip()) for ln in lines[start:j - 1]) + len(said)  # (cut at a count of characters)
    if _CUT_SHORT.search(said):
        if not tail and start == k + 1 and j < len(lines) and _bare_stamp(lines, prose, j):
            j += 1  # (and its date under it)
        return j - k, ("cut", ""), summary
    if start > k + 1:
        return none  # (a date over a summary not cut short: a chronology's entry)
    if tail:
        return j - k, ("stamped", _stamp_form(tail[0].group())), summary
    if j < len(lines) and _bare_stamp(lines, prose, j):
        return j + 1 - k, ("stamped", _stamp_form(lines[j].scan)), summary
    return none


def _bare_stamp(lines: list[Line], prose: Callable[[int], bool], k: int) -> bool:
    """Whether line k is a time stamp in figures, next to nothing much ("2024-05-01 閱讀 35")."""
    if lines[k].letter_count > _HEAD_MAX or prose(k):
        return False
    m = FIGURE_STAMP.search(lines[k].scan)
    return bool(m) and lines[k].letter_count - _letters(m.group()) <= _BARE_EXTRA


def teaser_lists(lines: list[Line], classes: list[str], prose: Callable[[int], bool],
                 placed: bool = True) -> list[tuple[int, int]]:
    """(first, last) line of each list of three or more teasers of one shape in a row; ``prose(k)``:
    whether line k is a sentence line. With ``placed`` (a text page), only a list under some text
    and not followed by more of it. One pass: each line starts at most one item."""
    found: list[tuple[int, int]] = []
    k, above, counted = 0, 0, 0  # letters of sentence lines above line ``counted``
    while k < len(lines):
        n, shape, length = _item_at(lines, classes, prose, k)
        if not n:
            k += 1
            continue
        first, items, at = k, 1, k + n
        while at < len(lines):
            m, next_shape, next_length = _item_at(lines, classes, prose, at)
            if not m or next_shape != shape or shape[0] == "cut" and abs(next_length - length) > _CUT_ALIKE * length:
                break
            items, at = items + 1, at + m
        if placed:
            above += sum(lines[j].letter_count for j in range(counted, first) if prose(j))
            counted = first
        if items >= _ITEMS_MIN and (not placed or above >= _TEXT_ABOVE and not _introduced(lines, prose, first)
                                    and not _text_goes_on(lines, classes, prose, at)):
            found.append((first, at - 1))
            k = at
        else:
            k += 1  # (the item of another shape may open the list: the next line is looked at again)
    return found


_INTRODUCING = re.compile(r"[:：]\s{0,2}$")


def _introduced(lines: list[Line], prose: Callable[[int], bool], first: int) -> bool:
    """Whether the text's last sentence over a list introduces it ("市民在社群平台分享了自己的感受："):
    the article's own list."""
    k = next((j for j in range(first - 1, max(-1, first - 1 - _AFTER_REACH), -1) if prose(j)), None)
    return k is not None and bool(_INTRODUCING.search(lines[k].scan))


def _text_goes_on(lines: list[Line], classes: list[str], prose: Callable[[int], bool], at: int) -> bool:
    """Whether sentences follow a list (the article's own list), up to a wall (a comments or
    related header) or _AFTER_REACH lines; more teasers there are no text (an item whose summary
    a renderer broke parts the list in two)."""
    letters, k, end = 0, at, min(len(lines), at + _AFTER_REACH)
    while k < end and not clean.is_tail_marker(lines[k]):
        n = _item_at(lines, classes, prose, k)[0]
        if n:
            k += n
            continue
        if prose(k):
            letters += lines[k].letter_count
        k += 1
    return letters >= _TEXT_AFTER
