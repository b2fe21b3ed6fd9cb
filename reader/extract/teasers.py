"""Lists of teasers: other stories, each a headline over a summary cut short or stamped with its time.

Class: portal, channel and video pages that list other stories under (or over) the article with no
header over the list. Their summaries are sentences: the text's region would run on into them
(text pages) and the box holding them would join the article's (HTML). Two items in a row make a
list; an article's subheadings carry no time stamps, and its paragraphs no ellipsis closing each.
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
_ITEMS_MIN = 2  # items that make a list
_STAMP_TAIL = 24  # characters at a summary's end looked at for its time stamp
_FORM_MAX = 30
_BARE_EXTRA = 6  # letters beside a bare stamp ("2024-05-01 閱讀 35", "08-11 16:06 来源")


def _letters(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def _stamp_form(text: str) -> str:
    """A stamp's shape: its figures as 0, no spaces ("2024-05-01" -> "0000-00-00")."""
    return re.sub(r"\s+", "", re.sub(r"\d", "0", text))[:_FORM_MAX]


def _item_at(lines: list[Line], classes: list[str], prose: Callable[[int], bool], k: int) -> tuple[int, tuple]:
    """(lines, shape) of a teaser starting at ``k`` ((0, ()): none): a headline (short, no
    sentence; linked or not), a summary of one or two sentence lines, and a time stamp in figures
    (on the headline's line or a line of its own after it; after the summary, on its own line or
    closing the summary's) or a summary cut short with an ellipsis. The shape (where the stamp
    stands, its form, whether the summary is cut short) is what a list's items share: the
    article's own headline, date line and first paragraph look like one item, not like the list."""
    head = lines[k]
    if classes[k] not in (clean.CONTENT, clean.LINKS) or not 4 <= head.letter_count <= _HEAD_MAX or prose(k):
        return 0, ()

    def stamp_line(at: int, bare: bool = False) -> bool:
        # (under the summary only a bare stamp: the next item's headline may carry its own)
        if at >= len(lines) or lines[at].letter_count > _HEAD_MAX or prose(at):
            return False
        m = FIGURE_STAMP.search(lines[at].scan)
        return bool(m) and (not bare or lines[at].letter_count - _letters(m.group()) <= _BARE_EXTRA)

    where, form = "", ""
    j = k + 1
    if m := FIGURE_STAMP.search(head.scan):
        where, form = "before", _stamp_form(m.group())
    elif stamp_line(j):
        where, form, j = "before", _stamp_form(lines[j].scan), j + 1
    summary = 0
    while j < len(lines) and summary < _SUMMARY_LINES and prose(j) and classes[j] == clean.CONTENT:
        summary, j = summary + 1, j + 1
    if not summary:
        return 0, ()
    last = lines[j - 1].scan.rstrip()
    # (a page run together keeps the stamp on the summary's line: "…分階段開放... 2024-05-01")
    tail = [m for m in FIGURE_STAMP.finditer(last, max(0, len(last) - _STAMP_TAIL)) if m.end() == len(last)]
    cut = bool(_CUT_SHORT.search(last[:tail[0].start()].rstrip() if tail else last))
    if not where and tail:
        where, form = "after", _stamp_form(tail[0].group())
    elif not where and stamp_line(j, bare=True):
        where, form, j = "after", _stamp_form(lines[j].scan), j + 1
    return (j - k, (where, form, cut)) if where or cut else (0, ())


def teaser_lists(lines: list[Line], classes: list[str], prose: Callable[[int], bool]) -> list[tuple[int, int]]:
    """(first, last) line of each list of two or more teasers of one shape in a row; ``prose(k)``:
    whether line k is a sentence line. One pass: each line starts at most one item."""
    found: list[tuple[int, int]] = []
    k = 0
    while k < len(lines):
        n, shape = _item_at(lines, classes, prose, k)
        if not n:
            k += 1
            continue
        first, items, at = k, 1, k + n
        while at < len(lines):
            m, next_shape = _item_at(lines, classes, prose, at)
            if not m or next_shape != shape:
                break
            items, at = items + 1, at + m
        if items >= _ITEMS_MIN:
            found.append((first, at - 1))
            k = at
        else:
            k += 1  # (the item of another shape may open the list: the next line is looked at again)
    return found
