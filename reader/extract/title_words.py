"""The words of a headline as a page sets them, tidied: what text dumps put around a headline
line, what pages hang after it, a forum's "主题：" label, a browser title's site and channel."""

from __future__ import annotations

import re

from . import browser_title, headline
from .parsed import Line
from .shape import letters as _letters, norm as _norm

# What text dumps put around a headline line: a BOM, list bullets, a text browser's image and
# anchor tokens ("[v_8]", "[udn001]", "SNAP-1.GIF", headline.HEADLINE_LEAD), a wiki's "[编辑]"
# link, and the post's stamp that a table layout sets beside its headline ("昨天去金矿玩 (图)
# 2005-03-21 01:20:44 [arrow-up]")
_HEADLINE_TRAIL = re.compile(r"(?:[\ufeff\s]|\[(?:编辑|編輯|edit)\]|\[\s*\]|(?<=\s)\[)+$"
                             r"|\s+(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*\[[\w\-]{1,24}\])*\s*$",
                             re.I)
# what pages hang after a headline: a page number ("(页 1)", "（第2页）"), a dangling separator ("- -")
# ("？- -": two or more separators hang even without a space before them)
_HEADLINE_AFTER = re.compile(r"(?:\s*[（(]\s*(?:页|頁|第)\s*\d{1,3}\s*(?:页|頁)?\s*[)）]|\s+[-–—_|]+(?:\s+[-–—_|]+)*"
                             r"|\s*[-–—_|]+(?:\s+[-–—_|]+)+)\s*$")


_COLUMN_GAP = re.compile(r"(?<=\S)[ \u00a0\u3000]{6,}(?=\S)")  # wider than any gap inside a headline


def tidy_words(text: str) -> str:
    """A headline without a forum's "主题：" label, what pages hang after it, and byte-order marks
    (invisible, pages carry them as stray characters)."""
    original = text
    text = text.replace("\ufeff", "").strip() or text
    text = _without_hanging(_without_hanging(text[headline.subject_label_length(text):]))
    return text.strip() or original


_HANGING_REACH = 80  # characters at a headline's end where what hangs after it is looked for


def _without_hanging(text: str) -> str:
    """``text`` without what ``_HEADLINE_AFTER`` finds hanging at its end, looked for in its last
    characters only: the pattern is tried from every space of a row of dashes (quadratic on a long
    line). Applied twice: a page number may hang before a separator, "(页 1) -"."""
    at = max(0, len(text) - _HANGING_REACH)
    found = _HEADLINE_AFTER.search(text, at)
    return text[: found.start()] if found else text


def tidy_headline(lines: list[Line], k: int) -> str:
    """The headline a text page's line ``k`` holds, without the furniture of text dumps, a forum's
    "主题：" label, or the site and channel names of a browser title ("议程_秘书处_CN_中心") when
    one of its parts stands on the page as a line of its own (the page's own headline)."""
    original = lines[k].text
    # (a layout renderer sets the next column on the headline's line, past a wide gap)
    text = _COLUMN_GAP.split(original.strip(), maxsplit=1)[0]
    text = tidy_words(_HEADLINE_TRAIL.sub("", headline.HEADLINE_LEAD.sub("", text)))
    parts = [part.strip() for part in browser_title.TITLE_SPLIT.split(text) if _letters(part) >= 4]
    if len(parts) >= 2:
        others = {ln.key for j, ln in enumerate(lines) if j != k and 4 <= ln.letter_count <= 100}
        for part in parts:
            if _norm(part) in others:
                return part
    return text.strip() or original
